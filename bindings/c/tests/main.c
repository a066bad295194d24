/* The C test suite of errcat, run against the installed library (make test-c runs it under valgrind). */
#include <stdlib.h>

#include <errcat.h>

#include "check.h"

int check_failures = 0;
int check_count = 0;

char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[size] = '\0';
        if (len) *len = (size_t)size;
    }
    return buf;
}

int main(int argc, char **argv) {
    const char *root = argc > 1 ? argv[1] : ".";
    printf("errcat %s\n", errcat_version());
    test_api();
    test_answers();
    test_vectors(root);
    test_export(root);
    test_bad_input();
    test_threads();
    printf("%d checks, %d failed\n", check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}
