/* Runs every case of testdata/vectors*.json through the C API, mirroring core/tests/vectors.rs: each call's
 * result is turned into the "view" of testdata/README.md and compared key by key with the case's expectation.
 * A case whose strings hold a NUL goes through errcat_lookup_n or the generic errcat_call (a C string cannot
 * hold one). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>
#include <errcat.h>

#include "check.h"

/* cJSON ends strings at the first NUL, so test_vectors reads the escape \u0000 as this noncharacter (U+FFFF) and
 * the lookup case turns it back into a NUL byte for the counted errcat_lookup_n (C strings cannot hold one). */
#define NUL_STANDIN "\xEF\xBF\xBF"

/* Rewrites each escape \u0000 of the JSON text (not an escaped backslash followed by u0000) to \uFFFF. */
static void stand_in_for_nul(char *json) {
    for (char *p = json; *p; p++) {
        if (p[0] == '\\' && p[1] == '\\') {
            p++;
        } else if (strncmp(p, "\\u0000", 6) == 0) {
            memcpy(p, "\\uFFFF", 6);
            p += 5;
        }
    }
}

/* `text` with each stand-in back to a NUL byte, in `buf`; returns the length. */
static size_t with_nuls(const char *text, char *buf, size_t cap) {
    size_t n = 0;
    for (const char *p = text; *p && n < cap; n++) {
        if (strncmp(p, NUL_STANDIN, 3) == 0) {
            buf[n] = '\0';
            p += 3;
        } else {
            buf[n] = *p++;
        }
    }
    return n;
}

/* An argument string, or NULL when absent or null ("not given"). */
static const char *opt(const cJSON *args, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cJSON *str_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

static cJSON *int_or_null(uint16_t n) { return n ? cJSON_CreateNumber(n) : cJSON_CreateNull(); }

static cJSON *string_array(const char *const *items, size_t len) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < len; i++) cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
    return a;
}

static int64_t int_arg(const cJSON *args, const char *key) {
    return (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(args, key));
}

/* Builds the errcat_error_value chain of a problem/arklet case (`chain`, outermost first) in `values`. */
static errcat_error_value *error_value(const cJSON *chain, errcat_error_value *values) {
    int n = cJSON_GetArraySize(chain);
    for (int i = 0; i < n; i++) {
        const cJSON *link = cJSON_GetArrayItem(chain, i);
        values[i] = (errcat_error_value){opt(link, "code"), opt(link, "detail"), i + 1 < n ? &values[i + 1] : NULL,
                                         opt(link, "reporter"), opt(link, "version")};
    }
    return n ? values : NULL;
}

/* Whether any string inside `item` holds the NUL stand-in. */
static int holds_nul(const cJSON *item) {
    if (cJSON_IsString(item)) return strstr(item->valuestring, NUL_STANDIN) != NULL;
    const cJSON *child;
    cJSON_ArrayForEach(child, item) if (holds_nul(child)) return 1;
    return 0;
}

/* `errcat_call(op, args)` with the JSON array `args` (stand-ins turned back into \u0000); the answer or NULL. */
static cJSON *call(const char *op, const cJSON *args, errcat_status *s) {
    char *json = cJSON_PrintUnformatted(args), *out = NULL;
    size_t len = strlen(json);
    char *escaped = malloc(len * 2 + 1), *w = escaped;
    for (const char *p = json; *p;) {
        if (strncmp(p, NUL_STANDIN, 3) == 0) {
            memcpy(w, "\\u0000", 6), w += 6, p += 3;
        } else {
            *w++ = *p++;
        }
    }
    *w = 0;
    *s = errcat_call(op, escaped, &out);
    cJSON *answer = out ? cJSON_Parse(out) : NULL;
    free(json), free(escaped), errcat_string_free(out);
    return answer;
}

/* The positional arguments `names` of a case, as a JSON array. */
static cJSON *positional(const cJSON *args, const char *const *names, int n) {
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, names[i]);
        cJSON_AddItemToArray(a, v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
    }
    return a;
}

/* A case with a NUL, through errcat_call: every such case but the rendered ones expects an error. */
static errcat_status run_generic(const char *op, const cJSON *args, cJSON *v) {
    errcat_status s = ERRCAT_OK;
    static const char *const one[][4] = {{"find", "code"}, {"search", "words"}, {"parse", "text"},
                                         {"compose", "source", "type"}, {"status", "code", "version"},
                                         {"entries", "system", "reporter", "service"}, {"export", "format", "lang"},
                                         {"lookup", "code", "reporter"}};
    if (strcmp(op, "problem") == 0 || strcmp(op, "arklet") == 0) {
        const cJSON *link;
        cJSON *chain = cJSON_CreateArray();
        cJSON_ArrayForEach(link, cJSON_GetObjectItemCaseSensitive(args, "chain")) {
            static const char *const names[] = {"code", "reporter", "version"};
            cJSON *link_args = positional(link, names, 3), *id = call("error_code", link_args, &s);
            cJSON_Delete(link_args);
            if (s != ERRCAT_OK) break;
            cJSON *pair = cJSON_CreateArray();
            cJSON_AddItemToArray(pair, id);
            cJSON_AddItemToArray(pair, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(link, "detail"), 1));
            cJSON_AddItemToArray(chain, pair);
        }
        if (s == ERRCAT_OK) {
            cJSON *render_args = cJSON_CreateArray();
            cJSON_AddItemToArray(render_args, cJSON_CreateString(op));
            cJSON_AddItemToArray(render_args, chain);
            cJSON *text = call("render", render_args, &s);
            if (s == ERRCAT_OK) cJSON_AddStringToObject(v, "json", text->valuestring);
            cJSON_Delete(text), cJSON_Delete(render_args);
        } else {
            cJSON_Delete(chain);
        }
        return s;
    }
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        if (strcmp(op, one[i][0]) != 0) continue;
        int n = 1;
        while (n < 4 && one[i][n]) n++;
        cJSON *a = positional(args, one[i] + 1, n - 1), *answer = call(op, a, &s);
        if (s == ERRCAT_OK && cJSON_IsArray(answer)) cJSON_AddNumberToObject(v, "count", cJSON_GetArraySize(answer));
        cJSON_Delete(a), cJSON_Delete(answer);
        return s;
    }
    CHECK(0, "no generic call for op %s", op);
    return ERRCAT_INTERNAL;
}

/* Entry keys of `entries` as a JSON array. */
static cJSON *keys(const errcat_entry *const *entries, size_t n) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(entries[i]->key));
    return a;
}

/* The member `key` of `item` (copied), or null. */
static cJSON *member(const cJSON *item, const char *key) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(item, key);
    return m ? cJSON_Duplicate(m, 1) : cJSON_CreateNull();
}

/* A classify case through errcat_classify (and errcat_classify_enrich): the view of testdata/README.md. */
static errcat_status run_classify(const cJSON *args, cJSON *v) {
    const char *hex = opt(args, "body_hex"), *text = opt(args, "body");
    size_t len = hex ? strlen(hex) / 2 : strlen(text);
    char *body = malloc(len + 1);
    if (hex) {
        for (size_t i = 0; i < len; i++) sscanf(hex + 2 * i, "%2hhx", (unsigned char *)&body[i]);
    } else {
        len = with_nuls(text, body, len + 1);
    }
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(args, "http_status");
    int http_status = cJSON_IsNumber(status) ? (int)status->valuedouble : 0;
    char *json = NULL, *enriched = NULL;
    errcat_status s = errcat_classify(body, len, opt(args, "command"), http_status, opt(args, "tunnel"), &json);
    /* The packed flat view (what the Go module reads) answers alike: the same status, an answer or a zeroed one. */
    errcat_packed packed;
    errcat_status ps = errcat_classify_packed(body, len, opt(args, "command"), http_status, opt(args, "tunnel"), &packed);
    if (ps != s || (ps == ERRCAT_OK) != (packed.shape_len > 0 && packed.owner != NULL)) {
        fprintf(stderr, "errcat_classify_packed: status %d (errcat_classify: %d), %zu shape units\n", ps, s,
                packed.shape_len);
        s = ERRCAT_INTERNAL;
    }
    errcat_packed_free(&packed);
    if (packed.owner != NULL || packed.text != NULL) s = ERRCAT_INTERNAL;
    if (s == ERRCAT_OK && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(args, "enrich"))) {
        s = errcat_classify_enrich(body, len, opt(args, "command"), http_status, opt(args, "tunnel"), &enriched);
        if (s == ERRCAT_OK) cJSON_AddStringToObject(v, "enriched", enriched);
    }
    if (s == ERRCAT_OK) {
        cJSON *c = cJSON_Parse(json), *e = cJSON_GetObjectItemCaseSensitive(c, "evidence"), *item;
        static const char *const top[] = {"outcome", "code", "reporter", "rule", "retryable"};
        static const char *const evidence[] = {"command", "shape", "exception", "cause", "cause_message",
                                               "cause_origin", "causes", "frames", "placeholders"};
        for (size_t i = 0; i < sizeof top / sizeof *top; i++) cJSON_AddItemToObject(v, top[i], member(c, top[i]));
        for (size_t i = 0; i < sizeof evidence / sizeof *evidence; i++)
            cJSON_AddItemToObject(v, evidence[i], member(e, evidence[i]));
        cJSON *results = cJSON_AddArrayToObject(v, "results");
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(c, "results")) {
            cJSON *r = cJSON_CreateObject();
            static const char *const keys[] = {"key", "outcome", "code", "rule"};
            for (size_t i = 0; i < 4; i++) cJSON_AddItemToObject(r, keys[i], member(item, keys[i]));
            cJSON_AddItemToArray(results, r);
        }
        cJSON_Delete(c);
    }
    errcat_string_free(json), errcat_string_free(enriched), free(body);
    return s;
}

/* Calls the operation; on success stores its view in *view. */
static errcat_status run(const char *op, const cJSON *args, cJSON **view) {
    errcat_status s = ERRCAT_INTERNAL;
    cJSON *v = cJSON_CreateObject();
    if (strcmp(op, "lookup") != 0 && strcmp(op, "classify") != 0 && holds_nul(args)) {
        s = run_generic(op, args, v);
    } else if (strcmp(op, "lookup") == 0) {
        errcat_resolved r;
        const char *code = opt(args, "code");
        const char *reporter_arg = opt(args, "reporter");
        if (reporter_arg && strstr(reporter_arg, NUL_STANDIN)) {
            s = run_generic(op, args, v);
            *view = v;
            return s;
        }
        if (code && strstr(code, NUL_STANDIN)) {
            char buf[1024];
            s = errcat_lookup_n(buf, with_nuls(code, buf, sizeof buf), reporter_arg, &r);
        } else {
            s = errcat_lookup(code, reporter_arg, &r);
        }
        if (s == ERRCAT_OK) {
            cJSON_AddStringToObject(v, "code", r.code);
            cJSON_AddStringToObject(v, "source", r.source);
            cJSON_AddStringToObject(v, "type", r.entry->error_type);
            cJSON_AddStringToObject(v, "reporter", r.entry->reporter);
            cJSON_AddBoolToObject(v, "dynamic", r.dynamic);
            cJSON_AddItemToObject(v, "alias", str_or_null(r.alias));
            cJSON_AddBoolToObject(v, "retryable", r.entry->retryable);
            cJSON_AddStringToObject(v, "meaning_en", r.entry->meaning_en);
            cJSON_AddStringToObject(v, "meaning_zh", r.entry->meaning_zh);
            cJSON_AddStringToObject(v, "solution_en", r.entry->solution_en);
            cJSON_AddStringToObject(v, "solution_zh", r.entry->solution_zh);
        }
    } else if (strcmp(op, "find") == 0 || strcmp(op, "search") == 0) {
        size_t cap = errcat_entry_count(), n = 0;
        const errcat_entry **found = malloc(cap * sizeof *found);
        s = strcmp(op, "find") == 0 ? errcat_find(opt(args, "code"), found, cap, &n)
                                    : errcat_search(opt(args, "words"), found, cap, &n);
        if (s == ERRCAT_OK) {
            cJSON_AddNumberToObject(v, "count", (double)n);
            cJSON_AddItemToObject(v, "keys", keys(found, n));
        }
        free(found);
    } else if (strcmp(op, "status") == 0) {
        errcat_status_match m;
        s = errcat_blobstore_status(int_arg(args, "code"), opt(args, "version"), &m);
        if (s == ERRCAT_OK) {
            const errcat_entry *e = m.entry;
            cJSON_AddNumberToObject(v, "code", e->status_code);
            cJSON_AddStringToObject(v, "service", e->service);
            cJSON_AddStringToObject(v, "message", e->message);
            cJSON_AddBoolToObject(v, "valid", m.valid);
            cJSON_AddItemToObject(v, "versions", string_array(e->versions, e->versions_len));
            cJSON_AddStringToObject(v, "retry", e->retry);
            cJSON_AddItemToObject(v, "renumbered_to", int_or_null(e->renumbered_to));
            cJSON_AddItemToObject(v, "renumbered_from", int_or_null(e->renumbered_from));
            cJSON_AddStringToObject(v, "go_const", e->go_const);
            cJSON_AddStringToObject(v, "go_err", e->go_err);
        }
    } else if (strcmp(op, "service_of") == 0) {
        const char *service = NULL;
        s = errcat_service_of(int_arg(args, "code"), opt(args, "version"), &service);
        if (s == ERRCAT_OK) cJSON_AddStringToObject(v, "service", service);
    } else if (strcmp(op, "parse") == 0 || strcmp(op, "compose") == 0) {
        errcat_code c;
        s = strcmp(op, "parse") == 0 ? errcat_parse(opt(args, "text"), &c)
                                     : errcat_compose(opt(args, "source"), opt(args, "type"), &c);
        if (s == ERRCAT_OK) {
            cJSON_AddStringToObject(v, "source", c.source);
            cJSON_AddStringToObject(v, "type", c.error_type);
            cJSON_AddStringToObject(v, "code", c.code);
        }
    } else if (strcmp(op, "entries") == 0) {
        errcat_filter f = {opt(args, "system"), opt(args, "reporter"), opt(args, "service"), opt(args, "version")};
        size_t cap = errcat_entry_count(), n = 0;
        const errcat_entry **all = malloc(cap * sizeof *all);
        s = errcat_entries(&f, all, cap, &n);
        if (s == ERRCAT_OK) {
            cJSON_AddNumberToObject(v, "count", (double)n);
            cJSON_AddItemToObject(v, "first", str_or_null(n ? all[0]->key : NULL));
            cJSON_AddItemToObject(v, "last", str_or_null(n ? all[n - 1]->key : NULL));
        }
        free(all);
    } else if (strcmp(op, "problem") == 0 || strcmp(op, "arklet") == 0) {
        const cJSON *links = cJSON_GetObjectItemCaseSensitive(args, "chain");
        errcat_error_value *chain = calloc((size_t)cJSON_GetArraySize(links) + 1, sizeof *chain);
        char *json = NULL;
        errcat_error_value *value = error_value(links, chain);
        s = strcmp(op, "problem") == 0 ? errcat_problem_json(value, &json) : errcat_arklet_json(value, &json);
        if (s == ERRCAT_OK) cJSON_AddStringToObject(v, "json", json);
        errcat_string_free(json);
        free(chain);
    } else if (strcmp(op, "classify") == 0) {
        s = run_classify(args, v);
    } else if (strcmp(op, "export") == 0) {
        char *text = NULL;
        s = errcat_export(opt(args, "format"), opt(args, "lang"), &text);
        if (s == ERRCAT_OK) cJSON_AddStringToObject(v, "text", text);
        errcat_string_free(text);
    } else {
        CHECK(0, "unknown op %s", op);
    }
    *view = v;
    return s;
}

/* Compares the last error's list (suggestions or candidates) with the expected JSON array. */
static void check_list(const char *name, const char *field, const cJSON *want) {
    int suggestions = strcmp(field, "suggestions") == 0;
    size_t n = suggestions ? errcat_last_error_suggestion_count() : errcat_last_error_candidate_count();
    cJSON *got = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        char *item = suggestions ? errcat_last_error_suggestion(i) : errcat_last_error_candidate(i);
        cJSON_AddItemToArray(got, cJSON_CreateString(item));
        errcat_string_free(item);
    }
    char *g = cJSON_PrintUnformatted(got), *w = cJSON_PrintUnformatted(want);
    CHECK(cJSON_Compare(got, want, 1), "%s: %s: want %s, got %s", name, field, w, g);
    free(g);
    free(w);
    cJSON_Delete(got);
}

static int contains_all(const char *text, const cJSON *needles) {
    const cJSON *n;
    cJSON_ArrayForEach(n, needles) {
        if (!strstr(text, n->valuestring)) return 0;
    }
    return 1;
}

static void check_case(const char *root, const cJSON *c) {
    const char *name = cJSON_GetObjectItemCaseSensitive(c, "name")->valuestring;
    const char *op = cJSON_GetObjectItemCaseSensitive(c, "op")->valuestring;
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(c, "error");
    cJSON *view = NULL;
    errcat_status s = run(op, cJSON_GetObjectItemCaseSensitive(c, "args"), &view);
    if (expect) {
        if (s != ERRCAT_OK) {
            char *message = errcat_last_error_message();
            CHECK(0, "%s: unexpected %s: %s", name, errcat_status_name(s), message);
            errcat_string_free(message);
        } else {
            const cJSON *want;
            cJSON_ArrayForEach(want, expect) {
                const char *key = want->string;
                const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(view, "text"));
                if (strcmp(key, "contains") == 0) {
                    CHECK(text && contains_all(text, want), "%s: contains", name);
                } else if (strcmp(key, "keys_include") == 0) {
                    const cJSON *k, *got = cJSON_GetObjectItemCaseSensitive(view, "keys");
                    cJSON_ArrayForEach(k, want) {
                        int found = 0;
                        const cJSON *g;
                        cJSON_ArrayForEach(g, got) found |= strcmp(g->valuestring, k->valuestring) == 0;
                        CHECK(found, "%s: keys lack %s", name, k->valuestring);
                    }
                } else if (strcmp(key, "equals_file") == 0) {
                    char path[4096];
                    snprintf(path, sizeof path, "%s/%s", root, want->valuestring);
                    char *file = read_file(path, NULL);
                    CHECK(file && text && strcmp(file, text) == 0, "%s: export differs from %s", name, path);
                    free(file);
                } else {
                    const cJSON *got = cJSON_GetObjectItemCaseSensitive(view, key);
                    char *g = got ? cJSON_PrintUnformatted(got) : NULL, *w = cJSON_PrintUnformatted(want);
                    CHECK(got && cJSON_Compare(got, want, 1), "%s: %s: want %s, got %s", name, key, w,
                          g ? g : "(missing)");
                    free(g);
                    free(w);
                }
            }
        }
    } else {
        const char *kind = cJSON_GetObjectItemCaseSensitive(error, "kind")->valuestring;
        CHECK(strcmp(errcat_status_name(s), kind) == 0, "%s: want %s, got %s", name, kind, errcat_status_name(s));
        CHECK(errcat_last_error_status() == s, "%s: last error status", name);
        const char *fields[] = {"suggestions", "candidates"};
        for (int i = 0; i < 2; i++) {
            const cJSON *want = cJSON_GetObjectItemCaseSensitive(error, fields[i]);
            if (want && s != ERRCAT_OK) check_list(name, fields[i], want);
        }
    }
    cJSON_Delete(view);
}

/* Replaces each long-string object {"repeat", "count", "prefix", "suffix"} inside `item` by its string. */
static void expand(cJSON *item) {
    cJSON *child = item ? item->child : NULL;
    for (; child; child = child->next) {
        const cJSON *repeat = cJSON_GetObjectItemCaseSensitive(child, "repeat");
        if (cJSON_IsObject(child) && repeat) {
            const char *prefix = opt(child, "prefix"), *suffix = opt(child, "suffix");
            size_t count = (size_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(child, "count"));
            size_t rl = strlen(repeat->valuestring), pl = prefix ? strlen(prefix) : 0, sl = suffix ? strlen(suffix) : 0;
            char *text = malloc(pl + rl * count + sl + 1), *w = text;
            memcpy(w, prefix ? prefix : "", pl), w += pl;
            for (size_t i = 0; i < count; i++) memcpy(w, repeat->valuestring, rl), w += rl;
            memcpy(w, suffix ? suffix : "", sl), w[sl] = 0;
            cJSON *replacement = cJSON_CreateString(text);
            free(text);
            if (child->string) {
                cJSON_ReplaceItemInObjectCaseSensitive(item, child->string, replacement);
            } else {
                cJSON_ReplaceItemViaPointer(item, child, replacement);
            }
            child = replacement;
        } else {
            expand(child);
        }
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void test_vectors(const char *root) {
    char dir[4096], path[8192];
    snprintf(dir, sizeof dir, "%s/testdata", root);
    DIR *d = opendir(dir);
    CHECK(d != NULL, "cannot open %s", dir);
    if (!d) return;
    char *files[64];
    size_t nfiles = 0;
    for (struct dirent *e; (e = readdir(d)) && nfiles < 64;) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "vectors", 7) == 0 && len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
            files[nfiles++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(files, nfiles, sizeof *files, by_name);
    int n = 0, before = check_failures;
    for (size_t f = 0; f < nfiles; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        free(files[f]);
        char *text = read_file(path, NULL);
        CHECK(text != NULL, "cannot read %s", path);
        if (!text) continue;
        stand_in_for_nul(text);
        cJSON *doc = cJSON_Parse(text);
        free(text);
        cJSON *cases = cJSON_GetObjectItemCaseSensitive(doc, "cases"), *c;
        expand(cases);
        cJSON_ArrayForEach(c, cases) check_case(root, c), n++;
        cJSON_Delete(doc);
    }
    CHECK(n >= 300, "only %d vectors", n);
    printf("vectors: %d cases in %zu files, %d failures\n", n, nfiles, check_failures - before);
}

void test_export(const char *root) {
    char path[4096];
    snprintf(path, sizeof path, "%s/testdata/catalog.json", root);
    size_t len = 0;
    char *committed = read_file(path, &len);
    char *exported = NULL;
    CHECK(errcat_export("json", NULL, &exported) == ERRCAT_OK, "json export");
    CHECK(committed && exported && strlen(exported) == len && memcmp(committed, exported, len) == 0,
          "the JSON export differs from %s", path);
    printf("export: %zu bytes, byte-equal to testdata/catalog.json\n", len);
    free(committed);
    errcat_string_free(exported);
}
