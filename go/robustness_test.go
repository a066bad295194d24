package errcat_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"errcat.dev/errcat"
)

func wantKind(t *testing.T, err error, sentinel error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("want %v, got %v", sentinel, err)
	}
}

// Every kind maps to its own sentinel, and only to it.
func TestSentinels(t *testing.T) {
	all := []error{errcat.ErrNotFound, errcat.ErrAmbiguous, errcat.ErrInvalidCode, errcat.ErrInvalidArgument,
		errcat.ErrIO, errcat.ErrInternal}
	for i, sentinel := range all {
		err := error(&errcat.Error{Kind: errcat.Kind(i + 1)})
		for j, other := range all {
			if errors.Is(err, other) != (i == j) {
				t.Errorf("%v is %v: %v", err, other, i == j)
			}
		}
		_ = sentinel
	}
	_, err := errcat.Lookup("OtherUpstream.InvalidParameter")
	wantKind(t, err, errcat.ErrAmbiguous)
	var e *errcat.Error
	if !errors.As(err, &e) || len(e.Candidates) < 2 || !strings.Contains(err.Error(), "Ambiguous") {
		t.Fatalf("candidates: %#v", e)
	}
}

// Bad input gets a typed error, never a crash: NUL bytes, invalid UTF-8, a megabyte, extreme integers.
func TestBadInput(t *testing.T) {
	_, err := errcat.Lookup("Arklet.InstallBizFailed\x00junk")
	wantKind(t, err, errcat.ErrInvalidCode) // the NUL is part of the code
	_, err = errcat.Lookup("Arklet.InstallBizFailed", errcat.WithReporter("Ark\x00let"))
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Lookup("Ark\xfflet.X")
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Lookup("User.\xed\xa0\x80") // a lone surrogate, as WTF-8
	wantKind(t, err, errcat.ErrInvalidArgument)
	huge := strings.Repeat("A", 1<<20)
	_, err = errcat.Lookup(huge)
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Parse(huge)
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = (&errcat.ErrorValue{Code: "613", Detail: huge}).ProblemJSON()
	wantKind(t, err, errcat.ErrInvalidArgument)
	// A detail is data: a NUL in it is escaped by JSON, as in every language.
	if text, err := (&errcat.ErrorValue{Code: "613", Detail: "a\x00b"}).ArkletJSON(); err != nil || !strings.Contains(text, `a\u0000b`) {
		t.Errorf("a NUL in a detail: %q, %v", text, err)
	}
	// A nil Option is ignored, not dereferenced.
	var none errcat.Option
	if _, err := errcat.Lookup("Arklet.InstallBizFailed", none); err != nil {
		t.Errorf("a nil Option: %v", err)
	}
	if _, err := errcat.Status(552, nil, none); err != nil {
		t.Errorf("a nil Option: %v", err)
	}
	// A chain deeper than 64 causes is refused, however long.
	deep := &errcat.ErrorValue{Code: "613", Detail: "deep"}
	for i := 0; i < 100000; i++ {
		deep = &errcat.ErrorValue{Code: "613", Detail: "deep", Cause: deep}
	}
	_, err = deep.ArkletJSON()
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Lookup("")
	wantKind(t, err, errcat.ErrInvalidCode)
	for _, n := range []int{math.MinInt64, math.MaxInt64, -1, 1000, 1 << 32} {
		_, err = errcat.Status(n)
		wantKind(t, err, errcat.ErrInvalidCode)
		_, err = errcat.ServiceOf(n)
		wantKind(t, err, errcat.ErrInvalidCode)
	}
	// An empty optional name is not given: the newest version.
	if e, err := errcat.Status(552, errcat.WithVersion("")); err != nil || e.Version != "master" {
		t.Errorf("WithVersion(\"\"): %v %v", e.Version, err)
	}
	_, err = errcat.Entries(errcat.Filter{Service: "Nope"})
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Export("pdf", "")
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.Compose("Nobody", "X")
	wantKind(t, err, errcat.ErrInvalidArgument)

	loop := &errcat.ErrorValue{Code: "Arklet.InstallBizFailed", Detail: "again"}
	loop.Cause = loop
	_, err = loop.ProblemJSON()
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = (*errcat.ErrorValue)(nil).ProblemJSON()
	wantKind(t, err, errcat.ErrInvalidArgument)

	_, err = errcat.AnalyzeAuditWith(errcat.AuditOptions{Version: "v9.9.9"}, "-")
	wantKind(t, err, errcat.ErrInvalidArgument)
	_, err = errcat.AnalyzeAudit("bad\x00path")
	wantKind(t, err, errcat.ErrInvalidArgument)
}

func TestAudit(t *testing.T) {
	_, err := errcat.AnalyzeAudit("/nonexistent/errcat-audit.log")
	wantKind(t, err, errcat.ErrIO)

	path := filepath.Join(t.TempDir(), "audit.log")
	if err := os.WriteFile(path, []byte("not an audit line\nnor this one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report, err := errcat.AnalyzeAuditWith(errcat.AuditOptions{Version: "v3.5.0", MaxAPILevel: 3}, path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if report.Lines != 2 || report.Malformed != 2 || json.Unmarshal([]byte(report.JSON), &doc) != nil {
		t.Fatalf("%+v", report)
	}
	if doc["malformed"] != float64(2) {
		t.Fatalf("report JSON: malformed = %v", doc["malformed"])
	}
}

// Entries are cached: the static data of an entry is shared, and every entry is reachable by id.
func TestEntriesAreShared(t *testing.T) {
	a, _ := errcat.Lookup("Arklet.InstallBizFailed")
	b, _ := errcat.Lookup("User.InstallBizFailed")
	if a.Koupleless != b.Koupleless || a.ID != b.ID || !b.Dynamic {
		t.Fatalf("%+v / %+v", a, b)
	}
	all, err := errcat.Entries(errcat.Filter{})
	if err != nil || len(all) < 189 {
		t.Fatalf("%d entries, %v", len(all), err)
	}
	for i, e := range all {
		if e.ID != i {
			t.Fatalf("entry %d has id %d", i, e.ID)
		}
	}
	if errcat.LibraryVersion() == "" {
		t.Fatal("no version")
	}
}

// Lookup and Status return copies of the table's answers: changing one changes no later answer, and an error
// comes with the zero Entry.
func TestAnswersAreCopies(t *testing.T) {
	a, _ := errcat.Lookup("Arklet.InstallBizFailed")
	a.Code, a.Alias, a.Koupleless = "changed", "changed", nil
	if b, _ := errcat.Lookup("Arklet.InstallBizFailed"); b.Code != "Arklet.InstallBizFailed" || b.Alias != "" || b.Koupleless == nil {
		t.Fatalf("%+v", b)
	}
	s, _ := errcat.Status(552)
	s.Valid, s.Version = true, "changed"
	if u, _ := errcat.Status(552); u.Valid || u.Version != "master" || u.Blobstore == nil {
		t.Fatalf("%+v", u)
	}
	for _, e := range []func() (errcat.Entry, error){
		func() (errcat.Entry, error) { return errcat.Lookup("Arklet.InstallBizFailes") },
		func() (errcat.Entry, error) { return errcat.Status(1000) },
	} {
		if got, err := e(); err == nil || got != (errcat.Entry{}) {
			t.Fatalf("%+v, %v", got, err)
		}
	}
}

// 16 goroutines looking up every code and number get the answers of a single-threaded pass (run with -race).
func TestConcurrentUse(t *testing.T) {
	all, _ := errcat.Entries(errcat.Filter{})
	type answer struct {
		code string
		id   int
		err  bool
	}
	var want []answer
	for _, e := range all {
		if e.Koupleless != nil {
			got, err := errcat.Lookup(e.Code)
			want = append(want, answer{e.Code, got.ID, err != nil})
		} else {
			got, err := errcat.Status(e.Blobstore.Code)
			want = append(want, answer{e.Code, got.ID, err != nil})
		}
	}
	const goroutines, rounds = 16, 20
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				for i, w := range want {
					var got errcat.Entry
					var err error
					if all[i].Koupleless != nil {
						got, err = errcat.Lookup(w.code)
					} else {
						got, err = errcat.Status(all[i].Blobstore.Code)
					}
					if (err != nil) != w.err || (err == nil && got.ID != w.id) {
						errs <- w.code
						return
					}
					// Failures carry their own message even while other goroutines fail differently.
					if _, err := errcat.Lookup("Arklet.NoSuchType"); !errors.Is(err, errcat.ErrNotFound) {
						errs <- "last error crossed goroutines: " + err.Error()
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("concurrent answer differs:", e)
	}
}

// Options a C string or an int32 cannot carry go through the JSON call, where the library judges them; the answers
// a C string can carry are the packed path's. Each pair must agree.
func TestClassifyOptionsBeyondC(t *testing.T) {
	body := []byte(`{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: a:1.0.0 has been installed or registered."}}`)
	for _, opts := range [][]errcat.ClassifyOption{
		{errcat.WithCommand("installBiz\x00")},
		{errcat.WithTunnel("http\x00")},
		{errcat.WithCommand("installBiz"), errcat.WithHTTPStatus(math.MaxInt32 + 201)},
	} {
		_, err := errcat.ClassifyArklet(body, opts...)
		wantKind(t, err, errcat.ErrInvalidArgument)
		_, jsonErr := errcat.ClassifyArkletJSON(body, opts...)
		wantKind(t, jsonErr, errcat.ErrInvalidArgument)
	}
	c, err := errcat.ClassifyArklet(body, errcat.WithCommand("INSTALLBIZ"), errcat.WithHTTPStatus(200))
	if err != nil || c.Code != "Arklet.InstallationRequirementNotMet" || *c.Evidence.Command != "installBiz" {
		t.Fatalf("a command in capitals: %+v, %v", c, err)
	}
}
