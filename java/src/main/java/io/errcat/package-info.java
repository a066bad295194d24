/**
 * errcat: one error-code catalog for the Koupleless two-level codes ({@code Arklet.InstallBizFailed}) and the CubeFS
 * blobstore status codes ({@code 552}), the same in every language of the stack.
 *
 * <p>Start at {@link io.errcat.Errcat}. The catalog and all its logic live in a Rust library packed inside this JAR
 * and loaded on first use. The classes here pass arguments through and convert answers; the enums, the entry
 * classes and the entries themselves are generated from the catalog, and every successful lookup and status answer
 * is loaded once into an immutable table, so that those calls do not cross into native code.
 */
package io.errcat;
