package io.errcat;

/** An enum generated from the catalog, with its name as spelled in codes and in the catalog. */
interface Named {
    /** The catalog spelling ({@code "ModuleController"}). */
    String catalogName();

    /**
     * The position of the value {@code name} means in an enumeration, by the core's rule for names (the
     * {@code name} operation): what every generated {@code fromName} asks when the name is not the catalog's
     * spelling.
     */
    static int index(String enumeration, String name) {
        return (int) Native.number(Native.call("name", enumeration, name));
    }
}
