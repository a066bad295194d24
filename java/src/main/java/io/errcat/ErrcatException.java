package io.errcat;

import java.util.Collections;
import java.util.List;

/**
 * An errcat failure: a {@link ErrorKind kind}, a message for people, and for {@code NOT_FOUND} / {@code AMBIGUOUS}
 * the codes to offer instead. Unchecked, like the other argument and lookup failures of the JDK.
 *
 * <pre>{@code
 * try {
 *     Errcat.lookup("Arklet.InstallBizFailes");
 * } catch (ErrcatException e) {
 *     e.kind();          // ErrorKind.NOT_FOUND
 *     e.suggestions();   // [Arklet.InstallBizFailed]
 * }
 * }</pre>
 */
public class ErrcatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    private final ErrorKind kind;
    /** Close matches for {@code NOT_FOUND}. */
    private final List<String> suggestions;
    /** The matching entries for {@code AMBIGUOUS}. */
    private final List<String> candidates;

    /**
     * Built by the native library (bindings/jni) from a core error: {@code [kind's position in ErrorKind, message
     * (it already lists suggestions and candidates), suggestions, candidates]}, packed (its text and its shape, as
     * {@link Native#unpack} reads them).
     */
    ErrcatException(byte[] text, char[] shape) {
        this((Object[]) new Native.Unpacker(text, shape).value());
    }

    private ErrcatException(Object[] error) {
        super((String) error[1]);
        this.kind = ErrorKind.values()[(int) Native.number(error[0])];
        this.suggestions = strings((Object[]) error[2]);
        this.candidates = strings((Object[]) error[3]);
    }

    private static List<String> strings(Object[] items) {
        String[] strings = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            strings[i] = (String) items[i];
        }
        return Lists.of(strings);
    }

    /** A failure of the package itself (the native library and these classes disagree): {@code INTERNAL}. */
    ErrcatException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
        this.suggestions = Collections.emptyList();
        this.candidates = Collections.emptyList();
    }

    /** What went wrong. */
    public ErrorKind kind() {
        return kind;
    }

    /** For {@code NOT_FOUND}: close matches, best first (may be empty). */
    public List<String> suggestions() {
        return suggestions;
    }

    /** For {@code AMBIGUOUS}: the entries the code could mean, as {@code Reporter/Source.Type}. */
    public List<String> candidates() {
        return candidates;
    }
}
