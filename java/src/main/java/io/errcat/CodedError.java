package io.errcat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An error value for the wire: a code, the detail of this occurrence and optionally the error that caused it,
 * rendered the same by every errcat language as RFC 9457 {@code application/problem+json} and as the Arklet response
 * envelope. Immutable.
 *
 * <pre>{@code
 * CodedError err = CodedError.of("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed")
 *         .withCause(CodedError.of("User.MetaspaceFull", "Metaspace 512m used"));
 * String problem = err.toProblemJson();   // {"type":"urn:errcat:koupleless:Arklet.InstallBizFailed",...}
 * String envelope = err.toArkletJson();   // {"code":"FAILED","message":...,"errorCode":"Arklet.InstallBizFailed"}
 * }</pre>
 */
public final class CodedError {
    private final String code;
    private final String detail;
    private final CodedError cause;

    private CodedError(String code, String detail, CodedError cause) {
        this.code = code;
        this.detail = detail;
        this.cause = cause;
    }

    /**
     * An error value for a code.
     *
     * @param code a two-level code (or alias), or a status number as text ({@code "552"}, at the newest version)
     * @param detail what happened this time
     * @return the error value
     * @throws ErrcatException when the code does not resolve, as {@link Errcat#lookup(String)} or
     *     {@link Errcat#status(long)}
     */
    public static CodedError of(String code, String detail) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Native.checkErrorCode(code);
        return new CodedError(code, detail, null);
    }

    /**
     * This error with a cause (replacing any previous cause).
     *
     * @param cause the error that caused this one
     * @return the new error value
     */
    public CodedError withCause(CodedError cause) {
        return new CodedError(code, detail, Objects.requireNonNull(cause, "cause"));
    }

    /** The code as given. */
    public String code() {
        return code;
    }

    /** The detail of this occurrence. */
    public String detail() {
        return detail;
    }

    /** The cause, if any. */
    public Optional<CodedError> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * RFC 9457 problem details: {@code type}, {@code title}, {@code status} (blobstore), {@code detail}, the extension
     * members {@code code}, {@code reporter}/{@code service}, {@code retryable}, … and {@code cause}, recursively.
     *
     * @return the JSON text
     */
    public String toProblemJson() {
        return render(false);
    }

    /**
     * The Arklet envelope {@code {code: "FAILED", message, errorStackTrace, errorCode}}; the cause chain becomes
     * {@code Caused by:} lines.
     *
     * @return the JSON text
     */
    public String toArkletJson() {
        return render(true);
    }

    private String render(boolean arklet) {
        List<String> codes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (CodedError e = this; e != null; e = e.cause) {
            codes.add(e.code);
            details.add(e.detail);
        }
        return Native.render(codes.toArray(new String[0]), details.toArray(new String[0]), arklet);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodedError)) {
            return false;
        }
        CodedError e = (CodedError) o;
        return code.equals(e.code) && detail.equals(e.detail) && Objects.equals(cause, e.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, detail, cause);
    }

    /** {@code code: detail}, then {@code caused by} the cause. */
    @Override
    public String toString() {
        return code + ": " + detail + (cause == null ? "" : " (caused by " + cause + ")");
    }
}
