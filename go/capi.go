package errcat

// Every call into the C library is in this file. Each C helper below makes one errcat call and, when it fails,
// takes the thread's last error in the same cgo call: a goroutine may move to another OS thread between two cgo
// calls, and errcat's last error is per thread.

/*
#include <stdlib.h>
#include <errcat.h>

static char *go_error(errcat_status s) { return s == ERRCAT_OK ? NULL : errcat_last_error_json(); }

// The hot paths return their result by value: no Go pointer crosses, so nothing escapes to the heap and cgo has
// no pointer to check.
typedef struct { errcat_status status; errcat_resolved r; char *err; } go_lookup_result;

static go_lookup_result go_lookup(_GoString_ code, const char *reporter) {
	go_lookup_result out;
	out.status = errcat_lookup_n(_GoStringPtr(code), _GoStringLen(code), reporter, &out.r);
	out.err = go_error(out.status);
	return out;
}

typedef struct { errcat_status status; errcat_status_match m; char *err; } go_status_result;

static go_status_result go_status(int64_t code, const char *version) {
	go_status_result out;
	out.status = errcat_blobstore_status(code, version, &out.m);
	out.err = go_error(out.status);
	return out;
}

static errcat_status go_service_of(int64_t code, const char *version, const char **out, char **err) {
	errcat_status s = errcat_service_of(code, version, out);
	*err = go_error(s);
	return s;
}

static errcat_status go_find(const char *code, const errcat_entry **out, size_t cap, size_t *n, char **err) {
	errcat_status s = errcat_find(code, out, cap, n);
	*err = go_error(s);
	return s;
}

static errcat_status go_entries(const errcat_filter *f, const errcat_entry **out, size_t cap, size_t *n,
                                char **err) {
	errcat_status s = errcat_entries(f, out, cap, n);
	*err = go_error(s);
	return s;
}

static errcat_status go_parse(const char *text, errcat_code *out, char **err) {
	errcat_status s = errcat_parse(text, out);
	*err = go_error(s);
	return s;
}

static errcat_status go_compose(const char *source, const char *type, errcat_code *out, char **err) {
	errcat_status s = errcat_compose(source, type, out);
	*err = go_error(s);
	return s;
}

static errcat_status go_export(const char *format, const char *lang, char **out, char **err) {
	errcat_status s = errcat_export(format, lang, out);
	*err = go_error(s);
	return s;
}

static errcat_status go_render(int problem, const errcat_error_value *v, char **out, char **err) {
	errcat_status s = problem ? errcat_problem_json(v, out) : errcat_arklet_json(v, out);
	*err = go_error(s);
	return s;
}

static errcat_status go_audit(const char *const *paths, size_t n, const errcat_audit_options *o,
                              errcat_audit_report *out, char **err) {
	errcat_status s = errcat_audit_analyze(paths, n, o, out);
	*err = go_error(s);
	return s;
}
*/
import "C"

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// cString copies s for C; a NUL byte (which C would read as the end) is an InvalidArgument error.
// Free the result with C.free.
func cString(s, name string) (*C.char, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, invalidArgument("%s contains a NUL byte", name)
	}
	return C.CString(s), nil
}

// optCString is cString for an optional argument: nil when not given.
func optCString(s string, given bool, name string) (*C.char, error) {
	if !given {
		return nil, nil
	}
	return cString(s, name)
}

// takeString converts a string errcat allocated for the caller and frees it.
func takeString(s *C.char) string {
	if s == nil {
		return ""
	}
	defer C.errcat_string_free(s)
	return C.GoString(s)
}

// failure converts the last error errcat handed over with a failed status.
func failure(status C.errcat_status, errJSON *C.char) error {
	var e struct {
		Message     string   `json:"message"`
		Suggestions []string `json:"suggestions"`
		Candidates  []string `json:"candidates"`
	}
	if text := takeString(errJSON); text == "" || json.Unmarshal([]byte(text), &e) != nil {
		e.Message = "no error message"
	}
	return &Error{Kind: Kind(status), Message: e.Message, Suggestions: e.Suggestions, Candidates: e.Candidates}
}

// staticStrings caches Go copies of the library's static strings by address: they are never freed or changed,
// so each crosses the boundary once. Copy-on-write: reads are one atomic load and a map access; the few thousand
// writes happen while the cache warms up.
var (
	staticStrings   atomic.Pointer[map[uintptr]string]
	staticStringsMu sync.Mutex
)

func staticString(p *C.char) string {
	if p == nil {
		return ""
	}
	key := uintptr(unsafe.Pointer(p))
	if m := staticStrings.Load(); m != nil {
		if s, ok := (*m)[key]; ok {
			return s
		}
	}
	staticStringsMu.Lock()
	defer staticStringsMu.Unlock()
	old := staticStrings.Load()
	next := make(map[uintptr]string, 1+len(mapOrEmpty(old)))
	for k, v := range mapOrEmpty(old) {
		next[k] = v
	}
	s, ok := next[key]
	if !ok {
		s = C.GoString(p)
		next[key] = s
	}
	staticStrings.Store(&next)
	return s
}

func mapOrEmpty(m *map[uintptr]string) map[uintptr]string {
	if m == nil {
		return nil
	}
	return *m
}

func stringArray(items **C.char, n C.size_t) []string {
	out := make([]string, 0, int(n))
	for _, p := range unsafe.Slice(items, int(n)) {
		out = append(out, staticString(p))
	}
	return out
}

// catalog holds the Go copy of every entry, built once from the C table (Entry ids are indexes).
var catalog = sync.OnceValue(func() []Entry {
	n := int(C.errcat_entry_count())
	entries := make([]Entry, n)
	for id := range entries {
		entries[id] = convertEntry(C.errcat_entry_by_id(C.size_t(id)))
	}
	return entries
})

func convertEntry(e *C.errcat_entry) Entry {
	out := Entry{ID: int(e.id), Key: staticString(e.key)}
	if e.system == C.ERRCAT_SYSTEM_KOUPLELESS {
		k := &KouplelessEntry{
			Reporter:     staticString(e.reporter),
			Type:         staticString(e.error_type),
			DefaultCode:  staticString(e.default_code),
			Sources:      stringArray(e.sources, e.sources_len),
			BusinessType: Text{staticString(e.business_type_en), staticString(e.business_type_zh)},
			Meaning:      Text{staticString(e.meaning_en), staticString(e.meaning_zh)},
			Solution:     Text{staticString(e.solution_en), staticString(e.solution_zh)},
			Retryable:    bool(e.retryable),
			Aliases:      stringArray(e.aliases, e.aliases_len),
			Notes:        stringArray(e.notes, e.notes_len),
		}
		out.System, out.Koupleless, out.Code = Koupleless, k, k.DefaultCode
		if len(k.Sources) > 0 {
			out.Source = k.Sources[0]
		}
		return out
	}
	s := &StatusEntry{
		Code:           int(e.status_code),
		Service:        staticString(e.service),
		Message:        staticString(e.message),
		Documented:     bool(e.documented),
		GoFile:         staticString(e.go_file),
		GoConst:        staticString(e.go_const),
		GoErr:          staticString(e.go_err),
		Versions:       stringArray(e.versions, e.versions_len),
		RenumberedTo:   int(e.renumbered_to),
		RenumberedFrom: int(e.renumbered_from),
		Retry:          staticString(e.retry),
		Retryable:      bool(e.retryable),
		Notes:          stringArray(e.notes, e.notes_len),
	}
	if e.description_en != nil {
		s.Description = &Text{staticString(e.description_en), staticString(e.description_zh)}
	}
	out.System, out.Blobstore = Blobstore, s
	out.Code = strconv.Itoa(s.Code)
	return out
}

func entryOf(e *C.errcat_entry) Entry { return catalog()[int(e.id)] }

func cLookup(code string, o options) (Entry, error) {
	reporter, err := optCString(o.reporter, o.hasRep, "reporter")
	if err != nil {
		return Entry{}, err
	}
	if reporter != nil {
		defer C.free(unsafe.Pointer(reporter))
	}
	res := C.go_lookup(code, reporter)
	if res.status != C.ERRCAT_OK {
		return Entry{}, failure(res.status, res.err)
	}
	r := &res.r
	e := entryOf(r.entry)
	e.Code, e.Source, e.Alias, e.Dynamic = staticString(r.code), staticString(r.source), staticString(r.alias), bool(r.dynamic)
	return e, nil
}

func cStatus(code int, o options) (Entry, error) {
	version, err := optCString(o.version, o.hasVer, "version")
	if err != nil {
		return Entry{}, err
	}
	if version != nil {
		defer C.free(unsafe.Pointer(version))
	}
	res := C.go_status(C.int64_t(code), version)
	if res.status != C.ERRCAT_OK {
		return Entry{}, failure(res.status, res.err)
	}
	m := &res.m
	e := entryOf(m.entry)
	e.Version, e.Valid = staticString(m.version), bool(m.valid)
	return e, nil
}

func cServiceOf(code int, o options) (string, error) {
	version, err := optCString(o.version, o.hasVer, "version")
	if err != nil {
		return "", err
	}
	if version != nil {
		defer C.free(unsafe.Pointer(version))
	}
	var service *C.char
	var errJSON *C.char
	if s := C.go_service_of(C.int64_t(code), version, &service, &errJSON); s != C.ERRCAT_OK {
		return "", failure(s, errJSON)
	}
	return staticString(service), nil
}

// entryList runs a C call that fills an array of entry pointers (sized for the whole catalog).
func entryList(call func(out **C.errcat_entry, capacity C.size_t, n *C.size_t, errJSON **C.char) C.errcat_status) ([]Entry, error) {
	capacity := C.errcat_entry_count()
	buf := (**C.errcat_entry)(C.malloc(C.size_t(unsafe.Sizeof(uintptr(0))) * capacity))
	defer C.free(unsafe.Pointer(buf))
	var n C.size_t
	var errJSON *C.char
	if s := call(buf, capacity, &n, &errJSON); s != C.ERRCAT_OK {
		return nil, failure(s, errJSON)
	}
	out := make([]Entry, 0, int(n))
	for _, p := range unsafe.Slice(buf, int(n)) {
		out = append(out, entryOf(p))
	}
	return out, nil
}

func cFind(code string) ([]Entry, error) {
	c, err := cString(code, "code")
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(c))
	return entryList(func(out **C.errcat_entry, capacity C.size_t, n *C.size_t, errJSON **C.char) C.errcat_status {
		return C.go_find(c, out, capacity, n, errJSON)
	})
}

func cEntries(f Filter) ([]Entry, error) {
	filter := (*C.errcat_filter)(C.calloc(1, C.size_t(unsafe.Sizeof(C.errcat_filter{}))))
	defer func() {
		for _, p := range []*C.char{filter.system, filter.reporter, filter.service, filter.version} {
			C.free(unsafe.Pointer(p))
		}
		C.free(unsafe.Pointer(filter))
	}()
	fields := []struct {
		value string
		dst   **C.char
		name  string
	}{
		{f.System, &filter.system, "system"}, {f.Reporter, &filter.reporter, "reporter"},
		{f.Service, &filter.service, "service"}, {f.Version, &filter.version, "version"},
	}
	for _, field := range fields {
		p, err := optCString(field.value, field.value != "", "filter."+field.name)
		if err != nil {
			return nil, err
		}
		*field.dst = p
	}
	return entryList(func(out **C.errcat_entry, capacity C.size_t, n *C.size_t, errJSON **C.char) C.errcat_status {
		return C.go_entries(filter, out, capacity, n, errJSON)
	})
}

func convertCode(c *C.errcat_code) Code {
	return Code{
		Source: staticString(c.source),
		Type:   C.GoString(&c.error_type[0]),
		text:   C.GoString(&c.code[0]),
	}
}

func cParse(text string) (Code, error) {
	t, err := cString(text, "text")
	if err != nil {
		return Code{}, err
	}
	defer C.free(unsafe.Pointer(t))
	var c C.errcat_code
	var errJSON *C.char
	if s := C.go_parse(t, &c, &errJSON); s != C.ERRCAT_OK {
		return Code{}, failure(s, errJSON)
	}
	return convertCode(&c), nil
}

func cCompose(source, typ string) (Code, error) {
	s, err := cString(source, "source")
	if err != nil {
		return Code{}, err
	}
	defer C.free(unsafe.Pointer(s))
	t, err := cString(typ, "type")
	if err != nil {
		return Code{}, err
	}
	defer C.free(unsafe.Pointer(t))
	var c C.errcat_code
	var errJSON *C.char
	if status := C.go_compose(s, t, &c, &errJSON); status != C.ERRCAT_OK {
		return Code{}, failure(status, errJSON)
	}
	return convertCode(&c), nil
}

func cExport(format, lang string) (string, error) {
	f, err := cString(format, "format")
	if err != nil {
		return "", err
	}
	defer C.free(unsafe.Pointer(f))
	l, err := optCString(lang, lang != "", "lang")
	if err != nil {
		return "", err
	}
	defer C.free(unsafe.Pointer(l))
	var text, errJSON *C.char
	if s := C.go_export(f, l, &text, &errJSON); s != C.ERRCAT_OK {
		return "", failure(s, errJSON)
	}
	return takeString(text), nil
}

// maxCauseDepth bounds the chain copied to C (the library refuses deeper chains too).
const maxCauseDepth = int(C.ERRCAT_MAX_CAUSE_DEPTH)

func cRender(v *ErrorValue, problem bool) (string, error) {
	var chain []*ErrorValue
	for c := v; c != nil && len(chain) <= maxCauseDepth; c = c.Cause {
		chain = append(chain, c)
	}
	// The chain lives in C memory: C structs pointing to each other may not be Go memory.
	values := unsafe.Slice((*C.errcat_error_value)(C.calloc(C.size_t(len(chain)+1), C.size_t(unsafe.Sizeof(C.errcat_error_value{})))), len(chain)+1)
	defer func() {
		for i := range values {
			C.free(unsafe.Pointer(values[i].code))
			C.free(unsafe.Pointer(values[i].detail))
		}
		C.free(unsafe.Pointer(&values[0]))
	}()
	for i, c := range chain {
		code, err := cString(c.Code, "code")
		if err != nil {
			return "", err
		}
		values[i].code = code
		detail, err := cString(c.Detail, "detail")
		if err != nil {
			return "", err
		}
		values[i].detail = detail
		if i+1 < len(chain) {
			values[i].cause = &values[i+1]
		}
	}
	var first *C.errcat_error_value
	if len(chain) > 0 {
		first = &values[0]
	}
	which := C.int(0)
	if problem {
		which = 1
	}
	var text, errJSON *C.char
	if s := C.go_render(which, first, &text, &errJSON); s != C.ERRCAT_OK {
		return "", failure(s, errJSON)
	}
	return takeString(text), nil
}

func cAudit(paths []string, version string, maxAPILevel int) (Report, error) {
	if len(paths) > int(C.ERRCAT_MAX_AUDIT_PATHS) {
		return Report{}, invalidArgument("more than %d paths", int(C.ERRCAT_MAX_AUDIT_PATHS))
	}
	list := unsafe.Slice((**C.char)(C.calloc(C.size_t(len(paths)+1), C.size_t(unsafe.Sizeof(uintptr(0))))), len(paths)+1)
	defer func() {
		for _, p := range list {
			C.free(unsafe.Pointer(p))
		}
		C.free(unsafe.Pointer(&list[0]))
	}()
	for i, p := range paths {
		c, err := cString(p, "path")
		if err != nil {
			return Report{}, err
		}
		list[i] = c
	}
	opts := (*C.errcat_audit_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.errcat_audit_options{}))))
	defer func() {
		C.free(unsafe.Pointer(opts.version))
		C.free(unsafe.Pointer(opts))
	}()
	v, err := optCString(version, version != "", "version")
	if err != nil {
		return Report{}, err
	}
	opts.version = v
	if maxAPILevel < 0 {
		return Report{}, invalidArgument("max API level %d is negative", maxAPILevel)
	}
	opts.max_api_level = C.size_t(maxAPILevel)
	var report C.errcat_audit_report
	var errJSON *C.char
	if s := C.go_audit(&list[0], C.size_t(len(paths)), opts, &report, &errJSON); s != C.ERRCAT_OK {
		return Report{}, failure(s, errJSON)
	}
	return Report{Lines: uint64(report.lines), Malformed: uint64(report.malformed), JSON: takeString(report.json)}, nil
}

func cVersion() string { return staticString(C.errcat_version()) }
