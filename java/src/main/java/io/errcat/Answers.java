package io.errcat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

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

    // The two maps of the calls without a reporter or version, read by Errcat's lookup(code) and status(number)
    // directly (one static field and a map access); empty when the table did not load, so that every call crosses
    // and reports why.

    /** {@code lookup(code)} answers by code. */
    static final HashMap<String, Resolved> LOOKUPS = TABLE == null ? new HashMap<String, Resolved>() : TABLE.lookups;
    /** {@code status(number)} answers by number, 0..999. */
    static final StatusMatch[] STATUSES = TABLE == null ? new StatusMatch[NUMBERS] : TABLE.statuses;

    private Object[] byId = new Object[4096];
    private final HashMap<String, Resolved> lookups = new HashMap<>(1024);
    private final HashMap<String, HashMap<String, Resolved>> lookupsIn = new HashMap<>();
    private final Object[] lookupsByReporter = new Object[Reporter.values().length];
    private final StatusMatch[] statuses = new StatusMatch[NUMBERS];
    private final HashMap<String, StatusMatch[]> statusesAt = new HashMap<>();

    /**
     * While loading: the table's text as chars (scanning an array is what the interpreter, which runs this once per
     * process, does fastest) and the position in it.
     */
    private char[] c;
    private int at;

    private Answers(String table) {
        c = table.toCharArray();
        String head = field();
        String format = field();
        String fingerprint = field();
        if (!head.equals("errcat-answers") || !format.equals("1")) {
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: the native library's answer table has an "
                    + "unknown format: the JAR mixes two builds of errcat");
        }
        if (!fingerprint.equals(EntryData.FINGERPRINT)) {
            throw new ErrcatException(ErrorKind.INTERNAL, "errcat: the native library holds catalog " + fingerprint
                    + " but the Java classes were generated from catalog " + EntryData.FINGERPRINT
                    + ": the JAR mixes two builds of errcat");
        }
        at++;
        Source[] sources = Source.values();
        String[] versionNames = EntryData.VERSIONS.toArray(new String[0]);
        Spellings reporters = new Spellings();
        Spellings versions = new Spellings();
        List<HashMap<String, Resolved>> reporterMaps = new ArrayList<>();
        List<StatusMatch[]> versionArrays = new ArrayList<>();
        String code = "";
        while (at < c.length) {
            char kind = c[at];
            at += 2;
            int id = number();
            if (kind == 'R') {
                KouplelessEntry entry = (KouplelessEntry) EntryData.ENTRIES[number()];
                Source source = sources[number()];
                String alias = c[at] == '-' && c[at + 1] == '\t' ? null : field();
                at = alias == null ? at + 2 : at;
                boolean dynamic = c[at] == '1';
                at += 2;
                define(id, new Resolved(id, entry, source, alias, field(), dynamic));
            } else if (kind == 'S') {
                StatusEntry entry = (StatusEntry) EntryData.ENTRIES[number()];
                define(id, new StatusMatch(id, entry, versionNames[number()], c[at] == '1'));
            } else if (kind == 'L') {
                int k = reporters.next(this);
                if (k == reporterMaps.size()) {
                    String name = reporters.name(k);
                    reporterMaps.add(name.equals(NONE) ? lookups : new HashMap<String, Resolved>(1024));
                    lookupsIn.put(name, reporterMaps.get(k));
                }
                code = same(code) ? code : field(); // rows of one code (for each reporter) come together
                reporterMaps.get(k).put(code, (Resolved) byId[id]);
            } else if (kind == 'N') {
                int k = versions.next(this);
                if (k == versionArrays.size()) {
                    String name = versions.name(k);
                    versionArrays.add(name.equals(NONE) ? statuses : new StatusMatch[NUMBERS]);
                    statusesAt.put(name, versionArrays.get(k));
                }
                versionArrays.get(k)[number()] = (StatusMatch) byId[id];
            }
            while (c[at++] != '\n') {
                // the rest of the row (a newer table format may add fields or row kinds)
            }
        }
        lookupsIn.remove(NONE);
        statusesAt.remove(NONE);
        for (Reporter reporter : Reporter.values()) {
            lookupsByReporter[reporter.ordinal()] = lookupsIn.get(reporter.catalogName());
        }
        c = null;
    }

    /** The next field, up to a TAB or the end of the row. */
    private String field() {
        int start = at;
        while (c[at] != '\t' && c[at] != '\n') {
            at++;
        }
        String field = new String(c, start, at - start);
        if (c[at] == '\t') {
            at++;
        }
        return field;
    }

    /** The next field as a number. */
    private int number() {
        int n = 0;
        for (char d; (d = c[at++]) != '\t' && d != '\n';) {
            n = n * 10 + (d - '0');
        }
        if (c[at - 1] == '\n') {
            at--;
        }
        return n;
    }

    /** Whether the next field is {@code text}; if so, it is skipped. */
    private boolean same(String text) {
        int n = text.length();
        if (at + n >= c.length || (c[at + n] != '\t' && c[at + n] != '\n')) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            if (c[at + j] != text.charAt(j)) {
                return false;
            }
        }
        at += n;
        return true;
    }

    /**
     * The spellings of reporters (or versions) met in the rows, in order. Rows cycle through them, so the one after
     * the last is tried first.
     */
    private static final class Spellings {
        private final List<String> seen = new ArrayList<>();
        private int last = -1;

        /** The position of the next field among the spellings, the field added when new; the field is skipped. */
        int next(Answers table) {
            int n = seen.size();
            for (int i = 1; i <= n; i++) {
                int k = (last + i) % n;
                if (table.same(seen.get(k))) {
                    table.at++;
                    return last = k;
                }
            }
            seen.add(table.field());
            return last = n;
        }

        String name(int k) {
            return seen.get(k);
        }
    }

    private void define(int id, Object answer) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        byId[id] = answer;
    }

    /** The table; when it could not be loaded, the reason, thrown afresh on every call. */
    static Answers table() {
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

    /** {@code lookup(code, reporter)} by the core: a call the table does not serve. */
    static Resolved lookupByCore(String code, String reporter) {
        table();
        return (Resolved) answer(Native.call("lookup", code, reporter));
    }

    /** {@code status(number, version)} by the core: a call the table does not serve. */
    static StatusMatch statusByCore(long number, String version) {
        table();
        return (StatusMatch) answer(Native.call("status", number, version));
    }

    @SuppressWarnings("unchecked")
    static Resolved lookup(String code, Reporter reporter) {
        if (reporter == null) {
            return Errcat.lookup(code);
        }
        HashMap<String, Resolved> in = (HashMap<String, Resolved>) table().lookupsByReporter[reporter.ordinal()];
        Resolved r = in == null ? null : in.get(code);
        return r != null ? r : lookupByCore(code, reporter.catalogName());
    }

    static Resolved lookup(String code, String reporter) {
        if (reporter == null) {
            return Errcat.lookup(code);
        }
        HashMap<String, Resolved> in = table().lookupsIn.get(reporter);
        Resolved r = in == null ? null : in.get(code);
        return r != null ? r : lookupByCore(code, reporter);
    }

    static StatusMatch status(long number, String version) {
        if (version == null) {
            return Errcat.status(number);
        }
        StatusMatch[] row = table().statusesAt.get(version);
        if (row != null && number >= 0 && number < NUMBERS && row[(int) number] != null) {
            return row[(int) number];
        }
        return statusByCore(number, version);
    }
}
