/* errcat_classify against Rust's errcat::classify of the same bodies, in the same make run.
 *
 * The bodies are the two answers of bench/rust/benches/classify.rs, read from the files that benchmark writes
 * (target/criterion/classify/NAME.body): a typical failure (FAILED / REPEAT_BIZ, 231 bytes) and an install failure
 * with an 80-frame JDK 17 trace (9,729 bytes), classified with command "installBiz" over HTTP as there. A call is
 * errcat_classify and the errcat_string_free of its JSON: what a C caller pays for one answer. Each row is the best
 * of ROUNDS rounds of about 0.2 s, in wall time like criterion; the Rust side is criterion's mean, which `make
 * bench-c-classify` reads from target/criterion and passes as arguments. Target: at most 3x Rust.
 *
 *   classify-bench DIR TYPICAL_NS EIGHTY_NS     (DIR holds typical.body and 80-frames.body) */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errcat.h>

#define ROUNDS 15
#define TARGET 3.0

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* The whole file, or exit naming it. */
static char *slurp(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.body", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "classify-bench: cannot open %s (run bench/rust's classify benchmark first)\n", path);
        exit(2);
    }
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* One classification, its answer freed; exits on a failure (the bodies classify). */
static size_t classify_once(const char *body, size_t len) {
    char *out = NULL;
    if (errcat_classify(body, len, "installBiz", 0, "http", &out) != ERRCAT_OK) {
        fprintf(stderr, "classify-bench: %s\n", errcat_last_error_message());
        exit(1);
    }
    size_t n = strlen(out);
    errcat_string_free(out);
    return n;
}

/* Best time per call over ROUNDS rounds, in ns. */
static double best_ns(const char *body, size_t len) {
    /* Calls per round: about 0.2 s, from a first estimate. */
    double t0 = now_ns();
    size_t probe = 0;
    while (now_ns() - t0 < 2e7) {
        classify_once(body, len);
        probe++;
    }
    size_t calls = probe * 10;
    double best = 1e300;
    for (int r = 0; r < ROUNDS; r++) {
        double start = now_ns();
        for (size_t i = 0; i < calls; i++) classify_once(body, len);
        double per = (now_ns() - start) / (double)calls;
        if (per < best) best = per;
    }
    return best;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: classify-bench DIR TYPICAL_NS EIGHTY_NS\n");
        return 2;
    }
    const char *names[2] = {"typical", "80-frames"};
    double rust_ns[2] = {atof(argv[2]), atof(argv[3])};
    int within = 1;
    printf("errcat_classify(body, len, \"installBiz\", 0, \"http\", &json) + errcat_string_free vs Rust errcat::classify "
           "of the same body (criterion mean); best of %d rounds, wall time\n", ROUNDS);
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *body = slurp(argv[1], names[i], &len);
        size_t json = classify_once(body, len);
        double c = best_ns(body, len);
        double ratio = c / rust_ns[i];
        int ok = rust_ns[i] > 0 && ratio <= TARGET;
        within &= ok;
        printf("  %-10s %5zu bytes  C %8.2f us  Rust %8.2f us  ratio %5.2fx  target <= %.0fx: %s   (answer: %zu bytes of JSON)\n",
               names[i], len, c / 1e3, rust_ns[i] / 1e3, ratio, TARGET, ok ? "ok" : "MISSED", json);
        free(body);
    }
    printf("C classify: %s\n", within ? "within the target" : "target missed");
    return 0;
}
