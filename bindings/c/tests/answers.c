/* The static answers against the core, on every answer: each call the answer table lists (served from the static
 * tables: one hash, one compare) and the same calls with spellings it does not list (answered by the core, then
 * pointed into the same tables) give what the core's dispatcher answers for them (errcat_call, an answer id),
 * and that answer is the table's row of that id: entry, code, source, alias, dynamic; entry, version, valid. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include <errcat.h>

#include "check.h"

#define MAX_ROWS 8192
#define MAX_FIELDS 7

/* One row of the answer table: its kind and TAB-separated fields (pointing into the copy of the table). */
struct row {
    char kind;
    char *field[MAX_FIELDS];
};

static struct row rows[MAX_ROWS];
static size_t row_count;
/* The R and S rows by answer id. */
static const struct row **by_id;
static long id_count;

static void read_table(char *table) {
    for (char *line = strtok(table, "\n"); line && row_count < MAX_ROWS; line = strtok(NULL, "\n")) {
        struct row *r = &rows[row_count++];
        r->kind = line[0];
        char *f = line;
        for (int i = 0; i < MAX_FIELDS && f; i++) {
            r->field[i] = f;
            f = strchr(f, '\t');
            if (f) *f++ = '\0';
        }
    }
}

static void index_answers(void) {
    for (size_t i = 1; i < row_count; i++)
        if (atol(rows[i].field[1]) >= id_count) id_count = atol(rows[i].field[1]) + 1;
    by_id = calloc((size_t)id_count, sizeof *by_id);
    for (size_t i = 1; i < row_count; i++)
        if (rows[i].kind == 'R' || rows[i].kind == 'S') by_id[atol(rows[i].field[1])] = &rows[i];
}

static const struct row *answer(char kind, long id) {
    return id >= 0 && id < id_count && by_id[id] && by_id[id]->kind == kind ? by_id[id] : NULL;
}

/* The core's answer id for `op(first, option)` (option NULL = null), or -1 when it fails (with its status). */
static long core_answer(const char *op, const char *first, const char *option, errcat_status *status) {
    char args[512], *out = NULL;
    if (option)
        snprintf(args, sizeof args, "[%s, \"%s\"]", first, option);
    else
        snprintf(args, sizeof args, "[%s, null]", first);
    *status = errcat_call(op, args, &out);
    long id = *status == ERRCAT_OK ? atol(out) : -1;
    errcat_string_free(out);
    return id;
}

/* errcat_lookup(code, reporter) against the core; `listed` = the table lists the call (it must succeed). */
static void lookup_matches_core(const char *code, const char *reporter, int listed) {
    char quoted[256];
    snprintf(quoted, sizeof quoted, "\"%s\"", code);
    errcat_status want;
    long id = core_answer("lookup", quoted, reporter, &want);
    errcat_resolved got;
    errcat_status status = errcat_lookup(code, reporter, &got);
    CHECK(status == want && (!listed || status == ERRCAT_OK), "lookup(%s, %s): %s, the core %s", code,
          reporter ? reporter : "NULL", errcat_status_name(status), errcat_status_name(want));
    if (status != ERRCAT_OK || status != want) return;
    const struct row *r = answer('R', id);
    CHECK(r != NULL, "answer %ld of lookup(%s) is an R row", id, code);
    if (!r) return;
    size_t source_len = strcspn(r->field[6], ".");
    CHECK(got.entry == errcat_entry_by_id((size_t)atol(r->field[2])), "lookup(%s): entry", code);
    CHECK_STR(got.code, r->field[6]);
    CHECK(got.source && strlen(got.source) == source_len && strncmp(got.source, r->field[6], source_len) == 0,
          "lookup(%s): source %s", code, got.source ? got.source : "(null)");
    CHECK(strcmp(r->field[4], "-") == 0 ? got.alias == NULL : got.alias && strcmp(got.alias, r->field[4]) == 0,
          "lookup(%s): alias %s", code, got.alias ? got.alias : "(null)");
    CHECK(got.dynamic == (r->field[5][0] == '1'), "lookup(%s): dynamic", code);
}

/* errcat_blobstore_status(number, version) against the core and against errcat_status_table(version). */
static void status_matches_core(long number, const char *version, int listed) {
    char text[32];
    snprintf(text, sizeof text, "%ld", number);
    errcat_status want;
    long id = core_answer("status", text, version, &want);
    errcat_status_match got;
    errcat_status status = errcat_blobstore_status(number, version, &got);
    CHECK(status == want && (!listed || status == ERRCAT_OK), "status(%ld, %s): %s, the core %s", number,
          version ? version : "NULL", errcat_status_name(status), errcat_status_name(want));
    const errcat_status_match *table = NULL;
    if (errcat_status_table(version, &table) == ERRCAT_OK && number >= 0 && number < ERRCAT_STATUS_TABLE_LEN) {
        const errcat_status_match *slot = &table[number];
        CHECK(status == ERRCAT_OK ? slot->entry == got.entry && slot->version == got.version && slot->valid == got.valid
                                  : slot->entry == NULL,
              "status table of %s, slot %ld", version ? version : "NULL", number);
    }
    if (status != ERRCAT_OK || status != want) return;
    const struct row *s = answer('S', id);
    CHECK(s != NULL, "answer %ld of status(%ld) is an S row", id, number);
    if (!s) return;
    CHECK(got.entry == errcat_entry_by_id((size_t)atol(s->field[2])), "status(%ld, %s): entry", number,
          version ? version : "NULL");
    CHECK(got.valid == (s->field[4][0] == '1'), "status(%ld): valid", number);
    char name[64], *index = NULL;
    snprintf(name, sizeof name, "[\"version\", \"%s\"]", got.version);
    CHECK(errcat_call("name", name, &index) == ERRCAT_OK && atol(index) == atol(s->field[3]), "status(%ld): version %s",
          number, got.version);
    errcat_string_free(index);
}

/* Spellings the table does not list, which the core reads alike (or refuses alike). */
static const char *unlisted_reporters[] = {"ARKLET", " ModuleController ", "kouplelessBoard", "", "Nobody"};
static const char *unlisted_versions[] = {"V3.5.0", " master ", "MASTER", "", "v9.9.9"};

void test_answers(void) {
    int before = check_failures;
    char *table = strdup(errcat_answer_table());
    read_table(table);
    index_answers();
    CHECK(row_count > 1 && row_count < MAX_ROWS, "%zu rows", row_count);
    size_t listed = 0;
    for (size_t i = 0; i < row_count; i++) {
        const struct row *r = &rows[i];
        const char *option = r->kind == 'L' || r->kind == 'N' ? r->field[2] : NULL;
        if (option && strcmp(option, "-") == 0) option = NULL;
        if (r->kind == 'L') {
            lookup_matches_core(r->field[3], option, 1);
            if (!option)
                for (size_t k = 0; k < sizeof unlisted_reporters / sizeof *unlisted_reporters; k++)
                    lookup_matches_core(r->field[3], unlisted_reporters[k], 0);
            listed++;
        } else if (r->kind == 'N') {
            status_matches_core(atol(r->field[3]), option, 1);
            listed++;
        }
    }
    /* Every number (and two outside 0..=999) at every version and spelling, listed or not. */
    const char *versions[64];
    size_t nversions = 0;
    versions[nversions++] = NULL;
    for (size_t k = 0; k < sizeof unlisted_versions / sizeof *unlisted_versions; k++)
        versions[nversions++] = unlisted_versions[k];
    for (size_t i = 0; i < row_count && nversions < 64; i++) {
        if (rows[i].kind != 'N' || strcmp(rows[i].field[2], "-") == 0) continue;
        size_t seen = 1 + sizeof unlisted_versions / sizeof *unlisted_versions;
        while (seen < nversions && strcmp(versions[seen], rows[i].field[2]) != 0) seen++;
        if (seen == nversions) versions[nversions++] = rows[i].field[2];
    }
    for (size_t v = 0; v < nversions; v++)
        for (long n = -1; n <= ERRCAT_STATUS_TABLE_LEN; n++) status_matches_core(n, versions[v], 0);
    free(by_id);
    free(table);
    printf("answers: %zu listed calls, %zu versions x %d numbers, %d failures\n", listed, nversions,
           ERRCAT_STATUS_TABLE_LEN + 2, check_failures - before);
}
