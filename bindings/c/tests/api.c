/* The API as a C programmer uses it: entries and their static fields, errors and their lists, owned strings. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include <errcat.h>

#include "check.h"

static void entries_are_static_and_complete(void) {
    size_t count = errcat_entry_count();
    CHECK(count >= 189, "entry count %zu", count);
    for (size_t id = 0; id < count; id++) {
        const errcat_entry *e = errcat_entry_by_id(id);
        CHECK(e && e->id == id && e->key && e->key[0], "entry %zu", id);
        CHECK(e->sources[e->sources_len] == NULL && e->versions[e->versions_len] == NULL, "arrays end in NULL");
    }
    /* Same pointer every time: the data is built once and never freed. */
    errcat_status_match m;
    CHECK(errcat_blobstore_status(552, "v3.5.0", &m) == ERRCAT_OK, "552");
    CHECK(m.entry == errcat_entry_by_id(m.entry->id), "status entry is the table entry");
    CHECK(m.entry->system == ERRCAT_SYSTEM_BLOBSTORE && m.valid, "552 at v3.5.0");
    CHECK_STR(m.entry->message, "access limited");
    CHECK(m.entry->renumbered_to == 429, "552 moved to 429");
    CHECK(m.entry->description_en != NULL, "552 has a description");
    CHECK_STR(m.version, "v3.5.0");

    size_t n = 0;
    CHECK(errcat_entries(NULL, NULL, 0, &n) == ERRCAT_OK && n == count, "NULL filter = all (%zu)", n);
    const errcat_entry *few[2];
    errcat_filter arklet = {NULL, "arklet", NULL, NULL};
    CHECK(errcat_entries(&arklet, few, 2, &n) == ERRCAT_OK && n == 18, "Arklet has 18 entries (%zu)", n);
    CHECK_STR(few[0]->reporter, "Arklet");

    char *json = NULL;
    CHECK(errcat_entry_json(m.entry, &json) == ERRCAT_OK && strstr(json, "\"go_const\":\"CodeAccessLimited\""),
          "entry json %s", json ? json : "(null)");
    errcat_string_free(json);
}

static void lookups(void) {
    errcat_resolved r;
    CHECK(errcat_lookup("ModuleController.ResourceConstrained", NULL, &r) == ERRCAT_OK, "alias");
    CHECK_STR(r.alias, "ResourceConstrained");
    CHECK_STR(r.code, "ModuleController.ResourceConstraned");
    CHECK(r.entry->system == ERRCAT_SYSTEM_KOUPLELESS && r.entry->aliases_len == 1, "alias entry");
    CHECK(errcat_last_error_status() == ERRCAT_OK && errcat_last_error_message() == NULL, "no error after OK");

    CHECK(errcat_lookup("User.PullBizError", NULL, &r) == ERRCAT_OK && r.dynamic && r.alias == NULL, "dynamic");
    CHECK_STR(r.source, "User");
    CHECK(errcat_lookup_n("Arklet.InstallBizFailed", 23, "ARKLET", &r) == ERRCAT_OK, "counted + reporter");

    CHECK(errcat_lookup("OtherUpstream.InvalidParameter", NULL, &r) == ERRCAT_AMBIGUOUS, "ambiguous");
    CHECK(errcat_last_error_candidate_count() >= 2, "candidates");
    char *json = errcat_last_error_json();
    CHECK(json && strstr(json, "\"kind\":\"Ambiguous\""), "error json %s", json ? json : "(null)");
    errcat_string_free(json);

    CHECK(errcat_lookup("Arklet.InstallBizFailes", NULL, &r) == ERRCAT_NOT_FOUND, "typo");
    CHECK(errcat_last_error_suggestion_count() >= 1, "suggestions");
    char *first = errcat_last_error_suggestion(0);
    CHECK_STR(first, "Arklet.InstallBizFailed");
    errcat_string_free(first);
    char *message = errcat_last_error_message();
    CHECK(message && strstr(message, "did you mean"), "message %s", message ? message : "(null)");
    errcat_string_free(message);

    const char *service = NULL;
    CHECK(errcat_service_of(640, NULL, &service) == ERRCAT_OK, "640 by range");
    CHECK_STR(service, "BlobNode");
}

static void audit(void) {
    const char *missing[] = {"/nonexistent/errcat-audit.log"};
    errcat_audit_report report;
    errcat_status s = errcat_audit_analyze(missing, 1, NULL, &report);
    CHECK(s == ERRCAT_IO, "a missing log is an Io error, got %s", errcat_status_name(s));
    CHECK(report.json == NULL, "no report on failure");

    /* Two lines that are not audit lines: read, counted as malformed, reported in the JSON. */
    char path[] = "/tmp/errcat-audit-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("not an audit line\nnor this one\n", f);
    fclose(f);
    const char *paths[] = {path};
    errcat_audit_options options = {"v3.5.0", 3, NULL};
    s = errcat_audit_analyze(paths, 1, &options, &report);
    CHECK(s == ERRCAT_OK, "analyse: %s", errcat_status_name(s));
    CHECK(report.lines == 2 && report.malformed == 2, "lines %llu, malformed %llu",
          (unsigned long long)report.lines, (unsigned long long)report.malformed);
    CHECK(report.json && strstr(report.json, "\"malformed\""), "report json");
    errcat_string_free(report.json);

    /* A partial of the same log, merged twice over (two machines with the same file): twice the lines. */
    errcat_audit_partial partial;
    s = errcat_audit_partial_write(paths, 1, &options, &partial);
    CHECK(s == ERRCAT_OK && partial.data && partial.len > 0, "partial: %s", errcat_status_name(s));
    const uint8_t *parts[] = {partial.data, partial.data};
    size_t lens[] = {partial.len, partial.len};
    s = errcat_audit_merge(parts, lens, 2, &report);
    CHECK(s == ERRCAT_OK && report.lines == 4 && report.malformed == 4, "merge: %s, lines %llu",
          errcat_status_name(s), (unsigned long long)report.lines);
    errcat_string_free(report.json);
    lens[1] = 7; /* a cut partial is refused, naming it */
    s = errcat_audit_merge(parts, lens, 2, &report);
    CHECK(s == ERRCAT_INVALID_ARGUMENT && report.json == NULL, "cut partial: %s", errcat_status_name(s));
    errcat_audit_partial_free(&partial);
    CHECK(partial.data == NULL && partial.len == 0, "freed and zeroed");
    remove(path);
}

void test_api(void) {
    int before = check_failures;
    CHECK(strlen(errcat_version()) > 0, "version");
    entries_are_static_and_complete();
    lookups();
    audit();
    printf("api: %d failures\n", check_failures - before);
}
