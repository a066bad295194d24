/* Every NULL, invalid UTF-8, oversized or out-of-range argument gets a typed error, never a crash (valgrind
 * watches for invalid reads and leaks while these run). */
#include <stdint.h>
#include <stdlib.h>

#include <errcat.h>

#include "check.h"

#define EXPECT(call, status) CHECK((call) == (status), "%s", errcat_status_name(call))

static void expect_message(const char *fragment) {
    char *m = errcat_last_error_message();
    CHECK(m && strstr(m, fragment), "message \"%s\" lacks \"%s\"", m ? m : "(null)", fragment);
    errcat_string_free(m);
}

static void null_pointers(void) {
    errcat_resolved r;
    errcat_status_match m;
    errcat_code c;
    const char *service;
    const errcat_entry *entries[4];
    size_t n;
    char *text;
    errcat_audit_report report;

    EXPECT(errcat_lookup(NULL, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    expect_message("code is missing");
    CHECK(r.entry == NULL && r.code == NULL, "out zeroed on failure");
    EXPECT(errcat_lookup("Arklet.InstallBizFailed", NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_lookup_n(NULL, 5, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_lookup_n(NULL, 0, NULL, &r), ERRCAT_INVALID_CODE); /* (NULL, 0) is "" */
    EXPECT(errcat_find(NULL, entries, 4, &n), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_find("552", entries, 4, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_find("552", NULL, 4, &n), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_find("552", NULL, 0, &n), ERRCAT_OK);
    CHECK(n == 1, "capacity 0 still counts: %zu", n);
    EXPECT(errcat_blobstore_status(552, NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_service_of(552, NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_parse(NULL, &c), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_parse("Arklet.X", NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_compose(NULL, "X", &c), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_compose("User", NULL, &c), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_compose("User", "X", NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_entries(NULL, entries, 4, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_entry_json(NULL, &text), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_entry_json(errcat_entry_by_id(0), NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_export("yaml", NULL, &text), ERRCAT_INVALID_ARGUMENT);
    CHECK(text == NULL, "out string NULL on failure");
    EXPECT(errcat_export("json", NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_problem_json(NULL, &text), ERRCAT_INVALID_ARGUMENT);
    errcat_error_value no_detail = {"Arklet.InstallBizFailed", NULL, NULL, NULL, NULL};
    EXPECT(errcat_problem_json(&no_detail, &text), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_arklet_json(&no_detail, NULL), ERRCAT_INVALID_ARGUMENT);
    errcat_packed packed;
    EXPECT(errcat_classify_packed("{}", 2, NULL, 0, NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_classify_packed(NULL, 2, NULL, 0, NULL, &packed), ERRCAT_INVALID_ARGUMENT);
    CHECK(packed.owner == NULL && packed.shape == NULL, "packed answer zeroed on failure");
    EXPECT(errcat_classify_packed("\xff", 1, "installBiz", 0, NULL, &packed), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_classify_packed("{}", 2, "installBiz", 70000, NULL, &packed), ERRCAT_INVALID_ARGUMENT);
    errcat_packed_free(NULL);
    errcat_packed_free(&packed);
    EXPECT(errcat_audit_analyze(NULL, 1, NULL, &report), ERRCAT_INVALID_ARGUMENT);
    const char *paths[] = {NULL};
    EXPECT(errcat_audit_analyze(paths, 1, NULL, &report), ERRCAT_INVALID_ARGUMENT);
    CHECK(report.json == NULL, "report zeroed on failure");
    EXPECT(errcat_audit_analyze(paths, 0, NULL, NULL), ERRCAT_INVALID_ARGUMENT);
    errcat_string_free(NULL); /* a no-op */
    (void)m;
    (void)service;
}

static void bad_strings(void) {
    errcat_resolved r;
    errcat_status_match m;
    char *text = NULL;
    const char bad_utf8[] = {'A', 'r', 'k', (char)0xff, '.', 'X', 0};
    const char lone_surrogate[] = {'U', 's', 'e', 'r', '.', (char)0xed, (char)0xa0, (char)0x80, 0};
    EXPECT(errcat_lookup(bad_utf8, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    expect_message("UTF-8");
    EXPECT(errcat_lookup(lone_surrogate, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_lookup("Arklet.InstallBizFailed", bad_utf8, &r), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_blobstore_status(552, bad_utf8, &m), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_export("json", bad_utf8, &text), ERRCAT_INVALID_ARGUMENT);

    /* Embedded NUL: only expressible with a counted string; it is part of the code, never a terminator. */
    const char with_nul[] = "Arklet.InstallBizFailed\0junk";
    EXPECT(errcat_lookup_n(with_nul, sizeof with_nul - 1, NULL, &r), ERRCAT_INVALID_CODE);
    EXPECT(errcat_lookup_n(with_nul, strlen(with_nul), NULL, &r), ERRCAT_OK);

    /* A megabyte of input: rejected after reading ERRCAT_MAX_STRING_LEN + 1 bytes. */
    size_t big = 1 << 20;
    char *huge = malloc(big + 1);
    memset(huge, 'A', big);
    huge[big] = '\0';
    EXPECT(errcat_lookup(huge, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    expect_message("longer than");
    EXPECT(errcat_lookup_n(huge, big, NULL, &r), ERRCAT_INVALID_ARGUMENT);
    errcat_error_value big_detail = {"Arklet.InstallBizFailed", huge, NULL, NULL, NULL};
    EXPECT(errcat_problem_json(&big_detail, &text), ERRCAT_INVALID_ARGUMENT);
    /* Just under the limit: the code is too long for the core, an InvalidCode. */
    huge[ERRCAT_MAX_STRING_LEN] = '\0';
    EXPECT(errcat_lookup(huge, NULL, &r), ERRCAT_INVALID_CODE);
    free(huge);

    EXPECT(errcat_lookup("", NULL, &r), ERRCAT_INVALID_CODE);
    EXPECT(errcat_lookup("Arklet.InstallBizFailed", "Nobody", &r), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_export("pdf", NULL, &text), ERRCAT_INVALID_ARGUMENT);
    EXPECT(errcat_export("md", "fr", &text), ERRCAT_INVALID_ARGUMENT);
}

static void out_of_range(void) {
    errcat_status_match m;
    const char *service;
    EXPECT(errcat_blobstore_status(INT64_MIN, NULL, &m), ERRCAT_INVALID_CODE);
    EXPECT(errcat_blobstore_status(INT64_MAX, NULL, &m), ERRCAT_INVALID_CODE);
    EXPECT(errcat_blobstore_status(-1, NULL, &m), ERRCAT_INVALID_CODE);
    EXPECT(errcat_blobstore_status(1000, NULL, &m), ERRCAT_INVALID_CODE);
    CHECK(m.entry == NULL, "out zeroed on failure");
    EXPECT(errcat_service_of(INT64_MIN, NULL, &service), ERRCAT_INVALID_CODE);
    EXPECT(errcat_service_of(4294967296LL, NULL, &service), ERRCAT_INVALID_CODE);
    CHECK(errcat_entry_by_id(errcat_entry_count()) == NULL, "id past the end");
    CHECK(errcat_entry_by_id(SIZE_MAX) == NULL, "id SIZE_MAX");
    CHECK(errcat_last_error_suggestion(SIZE_MAX) == NULL, "suggestion past the end");
    CHECK(strcmp(errcat_status_name(-1), "Unknown") == 0, "status name of -1");
    CHECK(strcmp(errcat_status_name(INT32_MAX), "Unknown") == 0, "status name of INT32_MAX");

    /* An entry errcat did not return is refused, not read past. */
    errcat_entry forged = *errcat_entry_by_id(0);
    char *json = NULL;
    EXPECT(errcat_entry_json(&forged, &json), ERRCAT_INVALID_ARGUMENT);
    forged.id = SIZE_MAX;
    EXPECT(errcat_entry_json(&forged, &json), ERRCAT_INVALID_ARGUMENT);

    /* A cause chain that loops back on itself stops at the depth limit. */
    errcat_error_value loop = {"Arklet.InstallBizFailed", "again", NULL, NULL, NULL};
    loop.cause = &loop;
    EXPECT(errcat_problem_json(&loop, &json), ERRCAT_INVALID_ARGUMENT);
    expect_message("deeper");
    const char *many[ERRCAT_MAX_AUDIT_PATHS + 1];
    errcat_audit_report report;
    EXPECT(errcat_audit_analyze(many, ERRCAT_MAX_AUDIT_PATHS + 1, NULL, &report), ERRCAT_INVALID_ARGUMENT);
    errcat_audit_options options = {"v9.9.9", 0, NULL};
    const char *one[] = {"-"};
    EXPECT(errcat_audit_analyze(one, 1, &options, &report), ERRCAT_INVALID_ARGUMENT);
}

void test_bad_input(void) {
    int before = check_failures;
    null_pointers();
    bad_strings();
    out_of_range();
    printf("bad input: %d failures\n", check_failures - before);
}
