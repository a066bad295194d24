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
 *
 * <p>The code is resolved once, when the value is made (the core's {@code error_code}); a value holds a reference to
 * its cause, never a copy of the chain, and rendering walks the chain without recursion. The core limits the chain
 * to 64 causes below the outermost error: a deeper one is {@code INVALID_ARGUMENT} when it is rendered.
 */
public final class CodedError {
    private final String code;
    private final Object answer;
    private final int answerId;
    private final String detail;
    private final CodedError cause;

    private CodedError(String code, Object answer, int answerId, String detail, CodedError cause) {
        this.code = code;
        this.answer = answer;
        this.answerId = answerId;
        this.detail = detail;
        this.cause = cause;
    }

    /**
     * An error value for a code.
     *
     * @param code a two-level code (or alias), or a status number as text ({@code "552"}, at the newest version)
     * @param detail what happened this time (any text; the core refuses {@code null} when the value is rendered)
     * @return the error value
     * @throws ErrcatException when the code does not resolve, as {@link Errcat#lookup(String)} or
     *     {@link Errcat#status(long)}; {@code INVALID_ARGUMENT} for a {@code null} code
     */
    public static CodedError of(String code, String detail) {
        return of(code, detail, (String) null, null);
    }

    /**
     * An error value for a code looked up in one reporter's table, or a status number at a CubeFS version.
     *
     * @param code a two-level code (or alias), or a status number as text
     * @param detail what happened this time
     * @param reporter the table a two-level code is looked up in ({@code null}: every table, as
     *     {@link Errcat#lookup(String)}); checked whatever the code is
     * @param version the CubeFS version of a status number ({@code null}: the newest); checked whatever the code is
     * @return the error value
     * @throws ErrcatException as {@link #of(String, String)}, and {@code INVALID_ARGUMENT} for an unknown reporter
     *     or version
     */
    public static CodedError of(String code, String detail, String reporter, String version) {
        Answers.table(); // a library that holds another catalog is INTERNAL before anything else
        Object id = Native.call("error_code", code, reporter, version);
        Object answer = Answers.answer(id);
        return new CodedError(code, answer, (int) Native.number(id), detail, null);
    }

    /**
     * An error value for a code looked up in one reporter's table, or a status number at a CubeFS version.
     *
     * @param code a two-level code (or alias), or a status number as text
     * @param detail what happened this time
     * @param reporter the table a two-level code is looked up in ({@code null}: every table)
     * @param version the CubeFS version of a status number ({@code null}: the newest)
     * @return the error value
     * @throws ErrcatException as {@link #of(String, String, String, String)}
     */
    public static CodedError of(String code, String detail, Reporter reporter, String version) {
        return of(code, detail, reporter == null ? null : reporter.catalogName(), version);
    }

    /**
     * This error with a cause (replacing any previous cause). The new value refers to {@code cause}; nothing is
     * copied.
     *
     * @param cause the error that caused this one ({@code null}: none)
     * @return the new error value
     */
    public CodedError withCause(CodedError cause) {
        return new CodedError(code, answer, answerId, detail, cause);
    }

    /** The code as given. */
    public String code() {
        return code;
    }

    /** The entry the code resolved to: a {@link KouplelessEntry} or a {@link StatusEntry}. */
    public Entry entry() {
        return answer instanceof Resolved ? ((Resolved) answer).entry() : ((StatusMatch) answer).entry();
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
     * members {@code code}, {@code reporter}/{@code service}, {@code retryable}, … and {@code cause}, nested.
     *
     * @return the JSON text
     * @throws ErrcatException {@code INVALID_ARGUMENT} for a chain deeper than the core's limit or a bad detail
     */
    public String toProblemJson() {
        return render("problem");
    }

    /**
     * The Arklet envelope {@code {code: "FAILED", message, errorStackTrace, errorCode}}; the cause chain becomes
     * {@code Caused by:} lines.
     *
     * @return the JSON text
     * @throws ErrcatException {@code INVALID_ARGUMENT} for a chain deeper than the core's limit or a bad detail
     */
    public String toArkletJson() {
        return render("arklet");
    }

    /** The chain, outermost first, as {@code [answer id, detail]} links for the core's {@code render}. */
    private String render(String rendering) {
        List<Object> chain = new ArrayList<>();
        for (CodedError e = this; e != null; e = e.cause) {
            chain.add(new Object[] {(long) e.answerId, e.detail});
        }
        return (String) Native.call("render", rendering, chain.toArray());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodedError)) {
            return false;
        }
        CodedError a = this;
        CodedError b = (CodedError) o;
        for (; a != null && b != null; a = a.cause, b = b.cause) {
            if (a == b) {
                return true;
            }
            if (!a.code.equals(b.code) || a.answerId != b.answerId || !Objects.equals(a.detail, b.detail)) {
                return false;
            }
        }
        return a == b;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (CodedError e = this; e != null; e = e.cause) {
            hash = 31 * hash + Objects.hash(e.code, e.detail);
        }
        return hash;
    }

    /** {@code code: detail}, then {@code (caused by …)} for each cause. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (CodedError e = this; e != null; e = e.cause, depth++) {
            out.append(depth == 0 ? "" : " (caused by ").append(e.code).append(": ").append(e.detail);
        }
        for (int i = 1; i < depth; i++) {
            out.append(')');
        }
        return out.toString();
    }
}
