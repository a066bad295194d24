package io.errcat;

import java.util.List;
import java.util.Locale;

/**
 * A catalog entry: a Koupleless code ({@link KouplelessEntry}) or a blobstore status code ({@link StatusEntry}).
 *
 * <p>Entries are immutable and there is one object per entry: the same entry is always the same instance. The two
 * classes and their data are generated from the catalog ({@code catalog/fields.toml}).
 */
public interface Entry {
    /** The code system the entry belongs to. */
    CodeSystem system();

    /**
     * The entry's key, unique in the catalog: {@code Reporter/Type} ({@code Arklet/UnknownError}) or
     * {@code number/GoConst} ({@code 552/CodeAccessLimited}).
     */
    String key();

    /** The code as text: {@code DefaultSource.Type} or the status number. */
    String code();

    /** The meaning in English. */
    String meaning();

    /**
     * The meaning in a language (Chinese falls back to English where none is published).
     *
     * @param lang the language ({@code null}: English)
     * @return the meaning
     */
    String meaning(Lang lang);

    /**
     * The meaning in the catalog language for a locale ({@link Lang#of(Locale)}).
     *
     * @param locale the locale ({@code null}: English)
     * @return the meaning
     */
    default String meaning(Locale locale) {
        return meaning(Lang.of(locale));
    }

    /** Whether a client should retry the operation that failed with this code. */
    boolean retryable();

    /** Quirks of the published entry worth knowing (may be empty). */
    List<String> notes();

    /** The entry as the JSON object of the catalog export. */
    String toJson();
}
