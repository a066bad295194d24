package io.errcat;

/**
 * A syntactically valid two-level code: a known {@link Source} and a PascalCase type joined by one {@code .}.
 * Immutable. The type need not be catalogued (codes combine at run time); {@link Errcat#lookup(String)} resolves a
 * code to its entry.
 *
 * <pre>{@code
 * Code c = Code.parse("Arklet.InstallBizFailed");
 * c.source();                               // Source.ARKLET
 * Code.of(Source.USER, "DiskFull").toString(); // "User.DiskFull"
 * }</pre>
 */
public final class Code {
    private final Source source;
    private final String type;
    private final String text;

    private Code(Source source, String type, String text) {
        this.source = source;
        this.type = type;
        this.text = text;
    }

    /** The code of a {@code parse} or {@code compose} answer: {@code [source index, type, code text]}. */
    static Code of(Object answer) {
        Object[] parts = (Object[]) answer;
        return new Code(Source.values()[(int) Native.number(parts[0])], (String) parts[1], (String) parts[2]);
    }

    /**
     * Parses a code strictly: exactly one {@code .}, both parts PascalCase, the source a known one. The same as
     * {@link Errcat#parse(String)}.
     *
     * @param text the code ({@code null} is {@code INVALID_ARGUMENT})
     * @return the code
     * @throws ErrcatException {@code INVALID_CODE} naming the rule that failed
     */
    public static Code parse(String text) {
        return Errcat.parse(text);
    }

    /**
     * Composes {@code source.type}, checking the type as {@link #parse(String)} does. The same as
     * {@link Errcat#compose(Source, String)}.
     *
     * @param source the Level-1 source ({@code null} is {@code INVALID_ARGUMENT})
     * @param type the Level-2 type, PascalCase
     * @return the code
     * @throws ErrcatException {@code INVALID_CODE} when the type is not PascalCase
     */
    public static Code of(Source source, String type) {
        return Errcat.compose(source, type);
    }

    /** The Level-1 source. */
    public Source source() {
        return source;
    }

    /** The Level-2 type, as written. */
    public String type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Code && ((Code) o).source == source && ((Code) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + type.hashCode();
    }

    /** The code as text, {@code Source.Type}. */
    @Override
    public String toString() {
        return text;
    }
}
