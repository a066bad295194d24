/* 8 threads each doing ERRCAT_THREAD_LOOKUPS lookups (default 1,000,000) over every Koupleless code and
 * blobstore number, all getting the same answers as a single-threaded pass, plus a per-thread last error. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <errcat.h>

#include "check.h"

#define THREADS 8

struct expected {
    const char *code; /* a Koupleless default code, or NULL for a blobstore number */
    int64_t number;
    const errcat_entry *entry;
};

static struct expected *cases;
static size_t case_count;
static long lookups_per_thread = 1000000;

struct worker {
    pthread_t thread;
    long mismatches;
    long done;
};

static void *work(void *arg) {
    struct worker *w = arg;
    for (long i = 0; i < lookups_per_thread; i++) {
        const struct expected *c = &cases[(size_t)i % case_count];
        const errcat_entry *got = NULL;
        if (c->code) {
            errcat_resolved r;
            if (errcat_lookup(c->code, NULL, &r) == ERRCAT_OK) got = r.entry;
        } else {
            errcat_status_match m;
            if (errcat_blobstore_status(c->number, NULL, &m) == ERRCAT_OK) got = m.entry;
        }
        if (got != c->entry) w->mismatches++;
        w->done++;
    }
    /* The last error is per thread: this thread's failure is its own. */
    errcat_resolved r;
    if (errcat_lookup("Arklet.NoSuchTypeHere", NULL, &r) != ERRCAT_NOT_FOUND ||
        errcat_last_error_status() != ERRCAT_NOT_FOUND)
        w->mismatches++;
    return NULL;
}

void test_threads(void) {
    const char *env = getenv("ERRCAT_THREAD_LOOKUPS");
    if (env) lookups_per_thread = atol(env);
    size_t count = errcat_entry_count();
    cases = calloc(count, sizeof *cases);
    for (size_t id = 0; id < count; id++) {
        const errcat_entry *e = errcat_entry_by_id(id);
        struct expected *c = &cases[case_count];
        if (e->system == ERRCAT_SYSTEM_KOUPLELESS) {
            errcat_resolved r;
            /* Codes whose type several tables share are ambiguous: keep the ones that resolve. */
            if (errcat_lookup(e->default_code, NULL, &r) != ERRCAT_OK) continue;
            c->code = e->default_code;
            c->entry = r.entry;
        } else {
            errcat_status_match m;
            if (errcat_blobstore_status(e->status_code, NULL, &m) != ERRCAT_OK) continue;
            c->number = e->status_code;
            c->entry = m.entry;
        }
        case_count++;
    }
    CHECK(case_count > 100, "only %zu distinct keys", case_count);

    errcat_status before = errcat_last_error_status();
    struct worker workers[THREADS] = {0};
    for (int t = 0; t < THREADS; t++) pthread_create(&workers[t].thread, NULL, work, &workers[t]);
    long total = 0, mismatches = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(workers[t].thread, NULL);
        total += workers[t].done;
        mismatches += workers[t].mismatches;
    }
    /* The main thread's last error was not touched by the workers. */
    CHECK(errcat_last_error_status() == before, "main thread's last error");
    CHECK(mismatches == 0, "%ld of %ld lookups differ from the single-threaded answer", mismatches, total);
    printf("threads: %d threads x %ld lookups over %zu keys, %ld mismatches\n", THREADS, lookups_per_thread,
           case_count, mismatches);
    free(cases);
}
