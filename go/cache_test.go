package errcat

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func lookupLen() int { return lookupCache.len() + lookupRepCache.len() }
func statusLen() int { return statusCache.len() + statusVerCache.len() }

// argKey is a Lookup call's arguments.
type argKey struct {
	code, reporter string
	hasRep         bool
}

// Internal tests of the result cache (cache.go); the public behaviour is also covered by the vectors, which run
// once on an empty cache and once on a warm one.

// restoreLimit empties the caches now and restores the limit (and empties them) at the end of the test.
func restoreLimit(t *testing.T, n int) {
	prev := SetCacheLimit(n)
	t.Cleanup(func() { SetCacheLimit(prev) })
}

type lookupCase struct {
	code string
	opts []Option
}

// lookupCases: every entry's default code, every catalogued source and alias, dynamic sources, and each with
// every reporter spelling (and one not found in that reporter's table).
func lookupCases(t *testing.T) []lookupCase {
	var out []lookupCase
	for _, e := range catalog() {
		k := e.Koupleless
		if k == nil {
			continue
		}
		var codes []string
		for _, s := range append(append([]string{}, k.Sources...), "User", "OtherUpstream") {
			codes = append(codes, s+"."+k.Type)
		}
		for _, a := range k.Aliases {
			codes = append(codes, k.Sources[0]+"."+a)
		}
		for _, c := range codes {
			out = append(out, lookupCase{c, nil})
			for _, r := range []string{"Arklet", "arklet", "ModuleController", "KouplelessBoard", "Nobody", ""} {
				out = append(out, lookupCase{c, []Option{WithReporter(r)}})
			}
		}
	}
	if len(out) < 200 {
		t.Fatalf("only %d lookup cases", len(out))
	}
	return out
}

type statusCase struct {
	code int
	opts []Option
}

func statusCases() []statusCase {
	var out []statusCase
	for n := -1; n <= 1000; n++ {
		out = append(out, statusCase{n, nil})
		for _, v := range []string{"v3.2.0", "3.5.0", "v3.5.0", "master", "V3.5.0", ""} {
			out = append(out, statusCase{n, []Option{WithVersion(v)}})
		}
	}
	return out
}

type answer struct {
	e   Entry
	err error
}

func sameAnswer(a, b answer) bool {
	if (a.err == nil) != (b.err == nil) {
		return false
	}
	if a.err != nil {
		return reflect.DeepEqual(a.err, b.err)
	}
	return reflect.DeepEqual(a.e, b.e)
}

// A hit returns exactly what the library returned on the miss, and what it returns without a cache.
func TestCacheHitEqualsMiss(t *testing.T) {
	restoreLimit(t, 1<<20)
	ok := map[argKey]bool{}
	for _, c := range lookupCases(t) {
		uncached, err := cLookup(c.code, collect(c.opts))
		want := answer{uncached, err}
		for pass := 0; pass < 3; pass++ {
			e, err := Lookup(c.code, c.opts...)
			if got := (answer{e, err}); !sameAnswer(got, want) {
				t.Fatalf("Lookup(%q, %v) pass %d: %+v, want %+v", c.code, collect(c.opts), pass, got, want)
			}
		}
		if o := collect(c.opts); err == nil {
			ok[argKey{c.code, o.reporter, o.hasRep}] = true
		}
	}
	for _, c := range statusCases() {
		uncached, err := cStatus(c.code, collect(c.opts))
		want := answer{uncached, err}
		for pass := 0; pass < 3; pass++ {
			e, err := Status(c.code, c.opts...)
			if got := (answer{e, err}); !sameAnswer(got, want) {
				t.Fatalf("Status(%d, %v) pass %d: %+v, want %+v", c.code, collect(c.opts), pass, got, want)
			}
		}
	}
	if n := lookupLen(); n != len(ok) {
		t.Fatalf("%d distinct lookups succeeded, %d cached", len(ok), n)
	}
	if statusLen() < 131 {
		t.Fatalf("%d status results cached", statusLen())
	}
}

// A failing call reaches the library every time: same kind, a fresh *Error, nothing stored.
func TestCacheNeverStoresErrors(t *testing.T) {
	restoreLimit(t, DefaultCacheLimit)
	bad := []struct {
		code     string
		opts     []Option
		sentinel error
	}{
		{"Arklet.NoSuchType", nil, ErrNotFound},
		{"Arklet.InstallBizFailes", nil, ErrNotFound},
		{"arklet.installbizfailed", nil, ErrInvalidCode},
		{"OtherUpstream.InvalidParameter", nil, ErrAmbiguous},
		{"Arklet.InstallBizFailed", []Option{WithReporter("Nobody")}, ErrInvalidArgument},
		{"Arklet.InstallBizFailed", []Option{WithReporter("Ark\x00let")}, ErrInvalidArgument},
		{"", nil, ErrInvalidCode},
	}
	for _, b := range bad {
		var first *Error
		for i := 0; i < 5; i++ {
			_, err := Lookup(b.code, b.opts...)
			if !errors.Is(err, b.sentinel) {
				t.Fatalf("Lookup(%q) call %d: %v, want %v", b.code, i, err, b.sentinel)
			}
			var e *Error
			errors.As(err, &e)
			if first == nil {
				first = e
				e.Message, e.Suggestions, e.Candidates = "scribbled", nil, nil // must not reach the next call
				continue
			}
			if e == first || e.Message == "scribbled" {
				t.Fatalf("Lookup(%q) call %d returned a stored error", b.code, i)
			}
		}
	}
	for _, n := range []int{-1, 1000, 1 << 40, 552} {
		for i := 0; i < 5; i++ {
			if _, err := Status(n, WithVersion("v9.9.9")); !errors.Is(err, ErrInvalidArgument) && !errors.Is(err, ErrInvalidCode) {
				t.Fatalf("Status(%d, v9.9.9): %v", n, err)
			}
		}
	}
	if lookupLen() != 0 || statusLen() != 0 {
		t.Fatalf("errors cached: %d lookups, %d statuses", lookupLen(), statusLen())
	}
}

// Changing a returned Entry does not change the next answer.
func TestCacheReturnsCopies(t *testing.T) {
	restoreLimit(t, DefaultCacheLimit)
	want, err := Lookup("User.InstallBizFailed")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		e, _ := Lookup("User.InstallBizFailed")
		if !reflect.DeepEqual(e, want) {
			t.Fatalf("hit %d: %+v, want %+v", i, e, want)
		}
		e.Code, e.Source, e.ID, e.Dynamic, e.Koupleless = "X.Y", "X", -1, false, nil
	}
	s, _ := Status(552, WithVersion("3.5.0"))
	s.Version, s.Valid, s.Blobstore = "nope", false, nil
	if s, _ := Status(552, WithVersion("3.5.0")); s.Version != "v3.5.0" || !s.Valid || s.Blobstore == nil {
		t.Fatalf("%+v", s)
	}
}

// Key strings are copies: reusing the caller's buffer does not change what is cached.
func TestCacheClonesKeys(t *testing.T) {
	restoreLimit(t, DefaultCacheLimit)
	buf := []byte("Arklet.InstallBizFailed")
	code := unsafeString(buf)
	if _, err := Lookup(code); err != nil {
		t.Fatal(err)
	}
	if _, err := Lookup(code, WithReporter(code[:6])); err != nil {
		t.Fatal(err)
	}
	copy(buf, strings.Repeat("Z", len(buf)))
	var keys []string
	for k := range mapOf(lookupCache.read.Load()) {
		keys = append(keys, k)
	}
	for k := range lookupCache.dirty {
		keys = append(keys, k)
	}
	for k := range lookupRepCache.dirty {
		keys = append(keys, k.code, k.reporter)
	}
	for k := range mapOf(lookupRepCache.read.Load()) {
		keys = append(keys, k.code, k.reporter)
	}
	if len(keys) != 3 {
		t.Fatalf("keys %q", keys)
	}
	for _, k := range keys {
		if k != "Arklet.InstallBizFailed" && k != "Arklet" {
			t.Fatalf("cached key %q", k)
		}
	}
}

// 16 goroutines fill an empty cache concurrently (in different orders) and all get the uncached answers.
func TestCacheConcurrentFill(t *testing.T) {
	restoreLimit(t, 1<<20)
	lcases := lookupCases(t)
	scases := statusCases()[:2000]
	lwant := make([]answer, len(lcases))
	for i, c := range lcases {
		e, err := cLookup(c.code, collect(c.opts))
		lwant[i] = answer{e, err}
	}
	swant := make([]answer, len(scases))
	for i, c := range scases {
		e, err := cStatus(c.code, collect(c.opts))
		swant[i] = answer{e, err}
	}
	const goroutines, rounds = 16, 3
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				for j := range lcases {
					i := (j*7 + g*131) % len(lcases)
					e, err := Lookup(lcases[i].code, lcases[i].opts...)
					if !sameAnswer(answer{e, err}, lwant[i]) {
						errs <- fmt.Sprintf("Lookup(%q): %+v / %v", lcases[i].code, e, err)
						return
					}
				}
				for j := range scases {
					i := (j*11 + g*37) % len(scases)
					e, err := Status(scases[i].code, scases[i].opts...)
					if !sameAnswer(answer{e, err}, swant[i]) {
						errs <- fmt.Sprintf("Status(%d): %+v / %v", scases[i].code, e, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	ok := map[argKey]bool{}
	for i, w := range lwant {
		if o := collect(lcases[i].opts); w.err == nil {
			ok[argKey{lcases[i].code, o.reporter, o.hasRep}] = true
		}
	}
	if lookupLen() != len(ok) {
		t.Fatalf("%d distinct lookups succeed, %d cached", len(ok), lookupLen())
	}
}

// A flood of distinct successful arguments (case variants of a reporter) never grows a cache past its limit,
// and answers stay right throughout.
func TestCacheBound(t *testing.T) {
	const limit = 16
	restoreLimit(t, limit)
	want, err := cLookup("Arklet.InstallBizFailed", options{})
	if err != nil {
		t.Fatal(err)
	}
	name := "kouplelessboard"
	for mask := 0; mask < 1<<10; mask++ {
		r := []byte(name)
		for i := 0; i < 10; i++ {
			if mask&(1<<i) != 0 {
				r[i] -= 'a' - 'A'
			}
		}
		if _, err := Lookup("OtherUpstream.InvalidParameter", WithReporter(string(r))); err != nil {
			t.Fatalf("reporter %q: %v", r, err)
		}
		if e, err := Lookup("Arklet.InstallBizFailed"); err != nil || !reflect.DeepEqual(e, want) {
			t.Fatalf("hot key after %d: %+v, %v", mask, e, err)
		}
		if n := lookupRepCache.len(); n > limit {
			t.Fatalf("%d cached lookups, limit %d", n, limit)
		}
	}
	for n := 0; n < 1000; n++ {
		Status(n)
		Status(n, WithVersion("master"))
		if statusCache.len() > limit || statusVerCache.len() > limit {
			t.Fatalf("%d + %d cached statuses, limit %d", statusCache.len(), statusVerCache.len(), limit)
		}
	}
	SetCacheLimit(0)
	for i := 0; i < 3; i++ {
		if e, err := Lookup("Arklet.InstallBizFailed"); err != nil || !reflect.DeepEqual(e, want) {
			t.Fatalf("uncached: %+v, %v", e, err)
		}
		Status(552)
	}
	if lookupLen() != 0 || statusLen() != 0 {
		t.Fatal("cache off but filled")
	}
	if !strings.HasPrefix(want.Code, "Arklet.") {
		t.Fatal(want.Code)
	}
}

// unsafeString aliases b (TestCacheClonesKeys changes b afterwards).
func unsafeString(b []byte) string { return unsafe.String(&b[0], len(b)) }
