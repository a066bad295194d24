package io.errcat;

import java.util.Objects;

/** A catalog text published in English and Chinese. Immutable. */
public final class Text {
    private final String en;
    private final String zh;
    private final String zhOrEn;

    /** Built by the native library; {@code zhOrEn} is the core's choice for Chinese (English when none). */
    Text(String en, String zh, String zhOrEn) {
        this.en = en;
        this.zh = zh;
        this.zhOrEn = zhOrEn;
    }

    /** The English text. */
    public String en() {
        return en;
    }

    /** The Chinese text as published; empty where there is none. */
    public String zh() {
        return zh;
    }

    /**
     * The text in a language; Chinese falls back to English where no Chinese text is published.
     *
     * @param lang the language
     * @return the text
     */
    public String get(Lang lang) {
        return Objects.requireNonNull(lang, "lang") == Lang.ZH ? zhOrEn : en;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text && en.equals(((Text) o).en) && zh.equals(((Text) o).zh);
    }

    @Override
    public int hashCode() {
        return 31 * en.hashCode() + zh.hashCode();
    }

    /** The English text. */
    @Override
    public String toString() {
        return en;
    }
}
