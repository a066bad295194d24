package io.errcat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The native methods (implemented in bindings/jni/src/exports.rs) behind small wrappers that first make sure the
 * library is loaded, so a missing library is a clear {@link UnsatisfiedLinkError} on every call rather than a
 * failed class initialisation.
 *
 * <p>Enums cross as ordinals (-1 = not given); their order is the core's, checked when the library loads.
 * Entries cross as ids and are turned into objects by {@link EntryCache}.
 */
final class Native {
    private Native() {}

    static Resolved lookup(String code, Reporter reporter) {
        NativeLoader.require();
        return lookup0(code, ordinal(reporter));
    }

    static int[] find(String code) {
        NativeLoader.require();
        return find0(code);
    }

    static StatusMatch status(long code, String version) {
        NativeLoader.require();
        return status0(code, version);
    }

    static Service serviceOf(long code, String version) {
        NativeLoader.require();
        return Service.values()[serviceOf0(code, version)];
    }

    static int[] entries(EntryFilter f) {
        NativeLoader.require();
        return entries0(ordinal(f.system()), ordinal(f.reporter()), ordinal(f.service()), f.version());
    }

    static List<String> versions() {
        NativeLoader.require();
        return Collections.unmodifiableList(Arrays.asList(names0(NameList.VERSIONS)));
    }

    static int entryCount() {
        NativeLoader.require();
        return entryCount0();
    }

    static Entry entry(int id) {
        NativeLoader.require();
        return entry0(id);
    }

    static String entryJson(int id) {
        NativeLoader.require();
        return entryJson0(id);
    }

    static Code parse(String text) {
        NativeLoader.require();
        return parse0(text);
    }

    static Code compose(Source source, String type) {
        NativeLoader.require();
        return compose0(source.ordinal(), type);
    }

    static void checkErrorCode(String code) {
        NativeLoader.require();
        checkErrorCode0(code);
    }

    static String render(String[] codes, String[] details, boolean arklet) {
        NativeLoader.require();
        return render0(codes, details, arklet);
    }

    static String export(String format, String lang) {
        NativeLoader.require();
        return export0(format, lang);
    }

    static AuditReport analyzeAudit(String[] paths, AuditOptions options) {
        NativeLoader.require();
        return analyzeAudit0(paths, options.version(), options.maxApiLevel());
    }

    /** Panics in Rust, inside the export guard: the tests check it arrives as {@code ErrcatException(INTERNAL)}. */
    static void panicForTest() {
        NativeLoader.require();
        panicForTest0();
    }

    private static int ordinal(Enum<?> value) {
        return value == null ? -1 : value.ordinal();
    }

    /** Which list {@link #names0} returns. */
    static final class NameList {
        static final int SOURCES = 0;
        static final int REPORTERS = 1;
        static final int SERVICES = 2;
        static final int ERROR_KINDS = 3;
        static final int RETRY_CLASSES = 4;
        static final int VERSIONS = 5;

        private NameList() {}
    }

    // Called by NativeLoader while loading, before require() can succeed.
    static native String loadError0();

    static native String[] names0(int which);

    private static native int entryCount0();

    private static native Entry entry0(int id);

    private static native String entryJson0(int id);

    private static native Resolved lookup0(String code, int reporter);

    private static native int[] find0(String code);

    private static native StatusMatch status0(long code, String version);

    private static native int serviceOf0(long code, String version);

    private static native int[] entries0(int system, int reporter, int service, String version);

    private static native Code parse0(String text);

    private static native Code compose0(int source, String type);

    private static native void checkErrorCode0(String code);

    private static native String render0(String[] codes, String[] details, boolean arklet);

    private static native String export0(String format, String lang);

    private static native AuditReport analyzeAudit0(String[] paths, String version, int maxApiLevel);

    private static native void panicForTest0();
}
