/* Lookup through the C API against a plain C baseline over the same keys, in the same run:
 *   - two-level codes: errcat_lookup vs bsearch over a sorted array of the codes (strcmp);
 *   - status numbers: errcat_blobstore_status, and errcat_status_table's array (fetched once, before the timer),
 *     vs indexing a 1000-slot array (what a switch compiles to).
 * Prints ns per lookup and the ratio. Built and run by `make bench-c`. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errcat.h>

#define ROUNDS 20000

struct keyed {
    const char *code;
    const errcat_entry *entry;
};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_code(const void *a, const void *b) {
    return strcmp(((const struct keyed *)a)->code, ((const struct keyed *)b)->code);
}

static void report(const char *what, double api_ns, double base_ns, const char *baseline) {
    printf("%-14s errcat %6.1f ns/lookup   %-24s %6.1f ns/lookup   ratio %.1fx\n", what, api_ns, baseline, base_ns,
           api_ns / base_ns);
}

int main(void) {
    size_t count = errcat_entry_count(), ncodes = 0, nnums = 0;
    struct keyed *codes = calloc(count, sizeof *codes), *sorted = calloc(count, sizeof *sorted);
    int64_t *numbers = calloc(count, sizeof *numbers);
    const errcat_entry *by_number[1000] = {0};
    for (size_t id = 0; id < count; id++) {
        const errcat_entry *e = errcat_entry_by_id(id);
        if (e->system == ERRCAT_SYSTEM_KOUPLELESS) {
            errcat_resolved r;
            if (errcat_lookup(e->default_code, NULL, &r) == ERRCAT_OK) codes[ncodes++] = (struct keyed){r.code, r.entry};
        } else {
            errcat_status_match m;
            if (errcat_blobstore_status(e->status_code, NULL, &m) == ERRCAT_OK && !by_number[e->status_code]) {
                by_number[e->status_code] = m.entry;
                numbers[nnums++] = e->status_code;
            }
        }
    }
    memcpy(sorted, codes, ncodes * sizeof *codes);
    qsort(sorted, ncodes, sizeof *sorted, by_code);

    uintptr_t sink = 0;
    double t0 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ncodes; i++) {
            errcat_resolved res;
            errcat_lookup(codes[i].code, NULL, &res);
            sink += (uintptr_t)res.entry;
        }
    double t1 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ncodes; i++) {
            const struct keyed *k = bsearch(&codes[i], sorted, ncodes, sizeof *sorted, by_code);
            sink += (uintptr_t)k->entry;
        }
    double t2 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < nnums; i++) {
            errcat_status_match m;
            errcat_blobstore_status(numbers[i], NULL, &m);
            sink += (uintptr_t)m.entry;
        }
    double t3 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < nnums; i++) {
            volatile int64_t n = numbers[i];
            sink += n >= 0 && n < 1000 ? (uintptr_t)by_number[n] : 0;
        }
    double t4 = now();
    const errcat_status_match *table = NULL;
    if (errcat_status_table(NULL, &table) != ERRCAT_OK) return 1;
    double t5 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < nnums; i++) {
            volatile int64_t n = numbers[i];
            sink += n >= 0 && n < ERRCAT_STATUS_TABLE_LEN ? (uintptr_t)table[n].entry : 0;
        }
    double t6 = now();

    double lookups_codes = (double)ROUNDS * (double)ncodes, lookups_nums = (double)ROUNDS * (double)nnums;
    printf("C API vs plain C, %zu codes and %zu numbers, %d rounds (checksum %lu)\n", ncodes, nnums, ROUNDS,
           (unsigned long)(sink & 0xffff));
    report("two-level code", (t1 - t0) / lookups_codes, (t2 - t1) / lookups_codes, "bsearch(sorted codes)");
    report("status number", (t3 - t2) / lookups_nums, (t4 - t3) / lookups_nums, "array[number]");
    report("status table", (t6 - t5) / lookups_nums, (t4 - t3) / lookups_nums, "array[number]");
    free(codes);
    free(sorted);
    free(numbers);
    return 0;
}
