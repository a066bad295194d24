/* explain: what the catalog knows about each code, like `errcat explain`, through the C API.
 *
 *   cc explain.c $(pkg-config --cflags --libs errcat) -o explain
 *   ./explain [--version V] [--reporter R] [--lang zh] CODE...
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errcat.h>

static const char *lang = "en";

static const char *pick(const char *en, const char *zh) { return strcmp(lang, "zh") == 0 && zh && *zh ? zh : en; }

static void field(const char *name, const char *value) {
    if (value && *value) printf("  %-11s %s\n", name, value);
}

static int is_number(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

static void explain_error(const char *code, errcat_status s, const char *version) {
    char *message = errcat_last_error_message();
    printf("%s  %s: %s\n", code, errcat_status_name(s), message);
    errcat_string_free(message);
    for (size_t i = 0; i < errcat_last_error_candidate_count(); i++) {
        char *c = errcat_last_error_candidate(i);
        field("candidate", c);
        errcat_string_free(c);
    }
    const char *service = NULL;
    if (is_number(code) && errcat_service_of(strtoll(code, NULL, 10), version, &service) == ERRCAT_OK)
        printf("  %-11s %s (by its range)\n", "service", service);
}

static int explain(const char *code, const char *reporter, const char *version) {
    if (is_number(code)) {
        errno = 0;
        long long n = strtoll(code, NULL, 10);
        errcat_status_match m;
        errcat_status s = errno ? ERRCAT_INVALID_CODE : errcat_blobstore_status(n, version, &m);
        if (s != ERRCAT_OK) {
            explain_error(code, s, version);
            return 1;
        }
        const errcat_entry *e = m.entry;
        printf("%u  %s\n", e->status_code, *e->message ? e->message : "(no message)");
        if (e->description_en) field("meaning", pick(e->description_en, e->description_zh));
        field("service", e->service);
        const char *first = e->versions[0], *last = e->versions[e->versions_len - 1];
        char span[64];
        snprintf(span, sizeof span, first == last ? "%s" : "%s..%s", first, last);
        if (m.valid) printf("  %-11s %s (valid at %s)\n", "versions", span, m.version);
        else printf("  %-11s %s — not defined at %s\n", "versions", span, m.version);
        if (e->renumbered_to) printf("  %-11s now %u\n", "renumbered", e->renumbered_to);
        if (e->renumbered_from) printf("  %-11s was %u\n", "renumbered", e->renumbered_from);
        printf("  %-11s %s (retryable: %s)\n", "retry", e->retry, e->retryable ? "yes" : "no");
        if (*e->go_const) printf("  %-11s %s %s (errors/%s.go)\n", "go", e->go_const, e->go_err, e->go_file);
        return 0;
    }
    errcat_resolved r;
    errcat_status s = errcat_lookup(code, reporter, &r);
    if (s != ERRCAT_OK) {
        explain_error(code, s, version);
        return 1;
    }
    const errcat_entry *e = r.entry;
    printf("%s  %s\n", r.code, pick(e->meaning_en, e->meaning_zh));
    field("solution", pick(e->solution_en, e->solution_zh));
    printf("  %-11s %s (%scatalogued: ", "source", r.source, r.dynamic ? "dynamic combination; " : "");
    for (size_t i = 0; i < e->sources_len; i++) printf("%s%s", i ? ", " : "", e->sources[i]);
    printf(")\n  %-11s %s — %s\n", "reporter", e->reporter, pick(e->business_type_en, e->business_type_zh));
    field("retryable", e->retryable ? "yes" : "no");
    if (r.alias) printf("  %-11s %s → published spelling %s\n", "alias", r.alias, e->error_type);
    for (size_t i = 0; i < e->notes_len; i++) field("note", e->notes[i]);
    return 0;
}

int main(int argc, char **argv) {
    const char *version = NULL, *reporter = NULL;
    int failed = 0, i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--version") == 0) version = argv[i + 1];
        else if (strcmp(argv[i], "--reporter") == 0) reporter = argv[i + 1];
        else if (strcmp(argv[i], "--lang") == 0) lang = argv[i + 1];
    }
    for (int first = i; i < argc; i++) {
        if (i > first) putchar('\n');
        failed |= explain(argv[i], reporter, version);
    }
    return failed;
}
