package io.errcat;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The answer table (bindings/README.md, "What a host package keeps"): every successful answer of {@code lookup} and
 * {@code status}, loaded from the native library once per class loader, in one crossing ({@code answers}), into
 * immutable maps. A call whose arguments are in the table is served from it; any other call crosses, and the answer
 * id the core returns picks the same object. Errors always come from the core. There is no cache here: nothing is
 * added after loading, nothing is evicted.
 *
 * <p>Rows (TAB-separated): {@code R id entry source alias|- dynamic code} and {@code S id entry version valid}
 * define the answers ({@link Resolved}, {@link StatusMatch}, one object each); {@code L id reporter|- code} and
 * {@code N id version|- number} say which call returns which answer.
 */
final class Answers {
    /** Status numbers are 0..999 (the core refuses any other), so a version's answers fit an array. */
    private static final int NUMBERS = 1000;
    /** The key of the calls without a reporter or version. */
    private static final String NONE = "-";

    /** The table, or null when it could not be loaded ({@link #FAILURE} says why). */
    private static final Answers TABLE;
    private static final Throwable FAILURE;
    /** How long loading took (the benchmark prints it). */
    static final long LOAD_NANOS;

    static {
        Answers table = null;
        Throwable failure = null;
        long start = System.nanoTime();
        try {
            table = new Answers((String) Native.call("answers"));
        } catch (RuntimeException | LinkageError e) {
            failure = e;
        }
        TABLE = table;
        FAILURE = failure;
        LOAD_NANOS = System.nanoTime() - start;
    }

    private Object[] byId = new Object[4096];
    private final HashMap<String, Resolved> lookups = new HashMap<>();
    private final HashMap<String, HashMap<String, Resolved>> lookupsIn = new HashMap<>();
    private final Object[] lookupsByReporter = new Object[Reporter.values().length];
    private final StatusMatch[] statuses = new StatusMatch[NUMBERS];
    private final HashMap<String, StatusMatch[]> statusesAt = new HashMap<>();

    private Answers(String table) {
        Row row = new Row(table);
        if (!row.field().equals("errcat-answers") || !row.field().equals("1")) {
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: the native library's answer table has an "
                    + "unknown format: the JAR mixes two builds of errcat");
        }
        String fingerprint = row.field();
        if (!fingerprint.equals(EntryData.FINGERPRINT)) {
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: the native library holds catalog " + fingerprint
                    + " but the Java classes were generated from catalog " + EntryData.FINGERPRINT
                    + ": the JAR mixes two builds of errcat");
        }
        while (row.next()) {
            String kind = row.field();
            int id = row.number();
            switch (kind) {
                case "R": {
                    KouplelessEntry entry = (KouplelessEntry) EntryData.ENTRIES[row.number()];
                    Source source = Source.values()[row.number()];
                    String alias = row.field();
                    boolean dynamic = row.field().equals("1");
                    define(id, new Resolved(id, entry, source, alias.equals(NONE) ? null : alias, row.field(),
                            dynamic));
                    break;
                }
                case "S": {
                    StatusEntry entry = (StatusEntry) EntryData.ENTRIES[row.number()];
                    String version = EntryData.VERSIONS.get(row.number());
                    define(id, new StatusMatch(id, entry, version, row.field().equals("1")));
                    break;
                }
                case "L": {
                    String reporter = row.field();
                    HashMap<String, Resolved> in = reporter.equals(NONE) ? lookups : lookupsIn.get(reporter);
                    if (in == null) {
                        in = new HashMap<>();
                        lookupsIn.put(reporter, in);
                    }
                    in.put(row.field(), (Resolved) byId[id]);
                    break;
                }
                case "N": {
                    String version = row.field();
                    StatusMatch[] at = version.equals(NONE) ? statuses : statusesAt.get(version);
                    if (at == null) {
                        at = new StatusMatch[NUMBERS];
                        statusesAt.put(version, at);
                    }
                    at[row.number()] = (StatusMatch) byId[id];
                    break;
                }
                default:
                    break; // a row kind of a newer table format that this host does not serve
            }
        }
        for (Reporter reporter : Reporter.values()) {
            lookupsByReporter[reporter.ordinal()] = lookupsIn.get(reporter.catalogName());
        }
    }

    private void define(int id, Object answer) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        byId[id] = answer;
    }

    /** The table; when it could not be loaded, the reason, thrown afresh on every call. */
    private static Answers table() {
        Answers table = TABLE;
        if (table == null) {
            NativeLoader.require(); // the library is missing: a fresh UnsatisfiedLinkError
            if (FAILURE instanceof ErrcatException) {
                ErrcatException e = (ErrcatException) FAILURE;
                throw new ErrcatException(e.kind(), e.getMessage());
            }
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: loading the answer table failed: " + FAILURE);
        }
        return table;
    }

    /** The answer object with the id a native call returned. */
    static Object answer(Object id) {
        Object[] byId = table().byId;
        long n = Native.number(id);
        if (n < 0 || n >= byId.length || byId[(int) n] == null) {
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: the native library answered " + n
                    + ", which is not in its answer table");
        }
        return byId[(int) n];
    }

    static Resolved lookup(String code) {
        Resolved r = table().lookups.get(code);
        return r != null ? r : (Resolved) answer(Native.call("lookup", code, null));
    }

    @SuppressWarnings("unchecked")
    static Resolved lookup(String code, Reporter reporter) {
        if (reporter == null) {
            return lookup(code);
        }
        HashMap<String, Resolved> in = (HashMap<String, Resolved>) table().lookupsByReporter[reporter.ordinal()];
        Resolved r = in == null ? null : in.get(code);
        return r != null ? r : (Resolved) answer(Native.call("lookup", code, reporter.catalogName()));
    }

    static Resolved lookup(String code, String reporter) {
        if (reporter == null) {
            return lookup(code);
        }
        HashMap<String, Resolved> in = table().lookupsIn.get(reporter);
        Resolved r = in == null ? null : in.get(code);
        return r != null ? r : (Resolved) answer(Native.call("lookup", code, reporter));
    }

    static StatusMatch status(long number) {
        if (number >= 0 && number < NUMBERS) {
            StatusMatch m = table().statuses[(int) number];
            if (m != null) {
                return m;
            }
        }
        return (StatusMatch) answer(Native.call("status", number, null));
    }

    static StatusMatch status(long number, String version) {
        if (version == null) {
            return status(number);
        }
        StatusMatch[] at = table().statusesAt.get(version);
        if (at != null && number >= 0 && number < NUMBERS && at[(int) number] != null) {
            return at[(int) number];
        }
        return (StatusMatch) answer(Native.call("status", number, version));
    }

    /** A cursor over the table's TAB-separated rows. */
    private static final class Row {
        private final String text;
        private int at;

        Row(String text) {
            this.text = text;
        }

        /** Moves to the next row; false at the end. */
        boolean next() {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                return false;
            }
            at = end + 1;
            return at < text.length();
        }

        /** The next field of this row. */
        String field() {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\t' && text.charAt(end) != '\n') {
                end++;
            }
            String field = text.substring(at, end);
            at = end < text.length() && text.charAt(end) == '\t' ? end + 1 : end;
            return field;
        }

        int number() {
            int n = 0;
            for (char c; at < text.length() && (c = text.charAt(at)) >= '0' && c <= '9'; at++) {
                n = n * 10 + (c - '0');
            }
            if (at < text.length() && text.charAt(at) == '\t') {
                at++;
            }
            return n;
        }
    }
}
