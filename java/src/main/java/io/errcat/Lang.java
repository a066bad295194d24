package io.errcat;

import java.util.Locale;

/** A language of the catalog's texts. */
public enum Lang {
    /** English (the default, and the fallback where no Chinese text is published). */
    EN("en"),
    /** Simplified Chinese. */
    ZH("zh");

    private final String code;

    Lang(String code) {
        this.code = code;
    }

    /** {@code "en"} or {@code "zh"}, as accepted by {@link Errcat#exportCatalog(String, String)}. */
    public String code() {
        return code;
    }

    /**
     * The catalog language for a locale: {@link #ZH} for any Chinese locale, else {@link #EN}.
     *
     * @param locale a locale
     * @return the language
     */
    public static Lang of(Locale locale) {
        java.util.Objects.requireNonNull(locale, "locale");
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }
}
