package io.errcat;

/** A catalog text published in English and Chinese. Immutable. */
public final class Text {
    private final String en;
    private final String zh;

    Text(String en, String zh) {
        this.en = en;
        this.zh = zh;
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
     * The text in a language; Chinese falls back to English where no Chinese text is published (the core's
     * {@code Text::get}).
     *
     * @param lang the language ({@code null}: English, the default)
     * @return the text
     */
    public String get(Lang lang) {
        return lang == Lang.ZH && !zh.isEmpty() ? zh : en;
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
