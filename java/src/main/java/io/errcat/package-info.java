/**
 * errcat: one error-code catalog for the Koupleless two-level codes ({@code Arklet.InstallBizFailed}) and the CubeFS
 * blobstore status codes ({@code 552}), the same in every language of the stack.
 *
 * <p>Start at {@link io.errcat.Errcat}. The catalog and all its logic live in a Rust library packed inside this JAR
 * and loaded on first use; the classes here convert arguments and results and keep what does not change (entry
 * objects, successful lookups) so that repeated calls do not cross into native code.
 */
package io.errcat;
