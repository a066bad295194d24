package io.errcat;

import java.util.List;
import java.util.Optional;

/**
 * A Koupleless two-level code entry: one row of a reporter's published table, keyed by (reporter, type). Immutable;
 * one instance per entry.
 */
public final class KouplelessEntry implements Entry {
    private final int id;
    private final String key;
    private final String code;
    private final Reporter reporter;
    private final List<Source> sources;
    private final String type;
    private final Text businessType;
    private final String businessTypeCell;
    private final Text meaning;
    private final Text solution;
    private final boolean retryable;
    private final List<String> aliases;
    private final List<String> notes;
    private volatile String json;

    /** Built by the native library (bindings/jni/src/objects.rs), once per entry. */
    KouplelessEntry(int id, String key, String code, int reporter, int[] sources, String type, Text businessType,
            String businessTypeCell, Text meaning, Text solution, boolean retryable, String[] aliases,
            String[] notes) {
        this.id = id;
        this.key = key;
        this.code = code;
        this.reporter = Reporter.values()[reporter];
        this.sources = Lists.ofOrdinals(Source.values(), sources);
        this.type = type;
        this.businessType = businessType;
        this.businessTypeCell = businessTypeCell;
        this.meaning = meaning;
        this.solution = solution;
        this.retryable = retryable;
        this.aliases = Lists.of(aliases);
        this.notes = Lists.of(notes);
    }

    @Override
    public CodeSystem system() {
        return CodeSystem.KOUPLELESS;
    }

    /** {@code Reporter/Type}, e.g. {@code Arklet/InstallBizFailed}. */
    @Override
    public String key() {
        return key;
    }

    /** The code with the default source: {@code Arklet.InstallBizFailed}. */
    @Override
    public String code() {
        return code;
    }

    /** The table the row is published in. */
    public Reporter reporter() {
        return reporter;
    }

    /** The catalogued sources; the first is the default. */
    public List<Source> sources() {
        return sources;
    }

    /** The default source (the first catalogued one). */
    public Source defaultSource() {
        return sources.get(0);
    }

    /** The Level-2 type, canonical spelling as published ({@code ResourceConstraned}). */
    public String type() {
        return type;
    }

    /** The business type (resolved where the published cell is empty or {@code <br />}). */
    public Text businessType() {
        return businessType;
    }

    /** The published business-type cell when it is not the business type itself ({@code ""} or {@code <br />}). */
    public Optional<String> businessTypeCell() {
        return Optional.ofNullable(businessTypeCell);
    }

    @Override
    public String meaning() {
        return meaning.en();
    }

    @Override
    public String meaning(Lang lang) {
        return meaning.get(lang);
    }

    /** The meaning in both languages. */
    public Text meaningText() {
        return meaning;
    }

    /** The solution in English, as published (may be empty or {@code -}). */
    public String solution() {
        return solution.en();
    }

    /**
     * The solution in a language.
     *
     * @param lang the language
     * @return the solution
     */
    public String solution(Lang lang) {
        return solution.get(lang);
    }

    /** The solution in both languages. */
    public Text solutionText() {
        return solution;
    }

    /** Whether the published solution says to retry. */
    @Override
    public boolean retryable() {
        return retryable;
    }

    /** Other spellings that resolve to this entry ({@code ResourceConstrained}). */
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toJson() {
        String text = json;
        if (text == null) {
            text = Native.entryJson(id);
            json = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KouplelessEntry && ((KouplelessEntry) o).id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    /** {@code Arklet/InstallBizFailed: New module installation failed during module installation}. */
    @Override
    public String toString() {
        return key + ": " + meaning.en();
    }
}
