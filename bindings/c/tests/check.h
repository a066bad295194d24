/* A minimal test harness: CHECK records a failure and goes on, so one run reports every broken case. */
#ifndef ERRCAT_TEST_CHECK_H
#define ERRCAT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_failures;
extern int check_count;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        check_count++;                                                     \
        if (!(cond)) {                                                     \
            check_failures++;                                              \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                                            \
    CHECK((got) != NULL && strcmp((got), (want)) == 0, "got \"%s\", want \"%s\"",       \
          (got) ? (got) : "(null)", (want))

/* Suites, each in its own file. `root` is the repository root (for testdata/). */
void test_vectors(const char *root);
void test_export(const char *root);
void test_bad_input(void);
void test_threads(void);
void test_api(void);
void test_answers(void);

/* Reads a whole file into a malloc'd, NUL-terminated buffer (NULL on failure). */
char *read_file(const char *path, size_t *len);

#endif
