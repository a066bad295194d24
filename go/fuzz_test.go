package errcat_test

// Fuzz tests of the public API (go test -fuzz=FuzzLookup, ...; `make fuzz` runs each for FUZZ_SECONDS). A plain
// `go test` runs their seeds: the conformance vectors of testdata/vectors.json, a few hostile inputs, and every
// input a fuzzing run ever failed on (testdata/fuzz/<FuzzName>/, committed). Each asserts invariants, not only the
// absence of a crash.

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"errcat.dev/errcat"
)

// fuzzVectors returns the vectors of one operation (nil when the file cannot be read: the seeds then are only
// the literal ones).
func fuzzVectors(op string) []map[string]any {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "vectors.json"))
	if err != nil {
		return nil
	}
	var doc struct {
		Cases []struct {
			Op   string         `json:"op"`
			Args map[string]any `json:"args"`
		} `json:"cases"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return nil
	}
	var out []map[string]any
	for _, c := range doc.Cases {
		if c.Op == op {
			out = append(out, c.Args)
		}
	}
	return out
}

// checkError fails unless err is an *errcat.Error of one of the kinds, with a message.
func checkError(t *testing.T, what string, err error, kinds ...errcat.Kind) *errcat.Error {
	t.Helper()
	var e *errcat.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: not an *errcat.Error: %#v", what, err)
	}
	for _, k := range kinds {
		if e.Kind == k {
			if e.Message == "" {
				t.Fatalf("%s: %v without a message", what, e.Kind)
			}
			return e
		}
	}
	t.Fatalf("%s: unexpected kind %v: %v", what, e.Kind, e)
	return nil
}

func FuzzLookup(f *testing.F) {
	for _, args := range fuzzVectors("lookup") {
		code, _ := args["code"].(string)
		reporter, _ := args["reporter"].(string)
		f.Add(code, reporter)
	}
	f.Add("Arklet.InstallBizFailed\x00junk", "")
	f.Add("User.\xed\xa0\x80", "arklet")
	f.Add("OtherUpstream.InvalidParameter", "KouplelessBoard")
	f.Fuzz(func(t *testing.T, code, reporter string) {
		var opts []errcat.Option
		if reporter != "" {
			opts = append(opts, errcat.WithReporter(reporter))
		}
		e, err := errcat.Lookup(code, opts...)
		parsed, parseErr := errcat.Parse(code)
		if err != nil {
			checkError(t, "Lookup", err, errcat.KindNotFound, errcat.KindAmbiguous, errcat.KindInvalidCode,
				errcat.KindInvalidArgument)
			if _, again := errcat.Lookup(code, opts...); again == nil {
				t.Fatalf("Lookup(%q) failed, then succeeded", code)
			}
			return
		}
		if parseErr != nil {
			t.Fatalf("Lookup(%q) succeeded, Parse failed: %v", code, parseErr)
		}
		k := e.Koupleless
		if k == nil || e.Blobstore != nil || e.System != errcat.Koupleless {
			t.Fatalf("Lookup(%q) = %+v", code, e)
		}
		if e.Source != parsed.Source || e.Code != parsed.Source+"."+k.Type {
			t.Fatalf("Lookup(%q): source %q code %q, parsed %+v", code, e.Source, e.Code, parsed)
		}
		if e.Alias == "" && k.Type != parsed.Type || e.Alias != "" && e.Alias != parsed.Type {
			t.Fatalf("Lookup(%q): type %q alias %q", code, k.Type, e.Alias)
		}
		if reporter != "" && !strings.EqualFold(k.Reporter, reporter) {
			t.Fatalf("Lookup(%q, %q) is in %s's table", code, reporter, k.Reporter)
		}
		again, err := errcat.Lookup(code, opts...) // the second answer comes from the cache
		if err != nil || again.ID != e.ID || again.Code != e.Code || again.Alias != e.Alias {
			t.Fatalf("Lookup(%q) again: %+v, %v", code, again, err)
		}
		found, err := errcat.Find(code)
		if err != nil {
			t.Fatalf("Lookup(%q) succeeded, Find failed: %v", code, err)
		}
		for _, other := range found {
			if other.ID == e.ID {
				return
			}
		}
		t.Fatalf("Find(%q) does not hold the entry Lookup gave", code)
	})
}

func FuzzStatus(f *testing.F) {
	for _, args := range fuzzVectors("status") {
		n, _ := args["code"].(float64)
		version, _ := args["version"].(string)
		f.Add(int64(n), version)
	}
	f.Add(int64(-1), "")
	f.Add(int64(1)<<62, "master")
	f.Add(int64(552), "v3.5.0\x00")
	f.Fuzz(func(t *testing.T, n int64, version string) {
		var opts []errcat.Option
		if version != "" {
			opts = append(opts, errcat.WithVersion(version))
		}
		e, err := errcat.Status(int(n), opts...)
		service, serviceErr := errcat.ServiceOf(int(n), opts...)
		if n < 0 || n > 999 {
			for _, err := range []error{err, serviceErr} {
				checkError(t, "Status", err, errcat.KindInvalidCode, errcat.KindInvalidArgument)
			}
			return
		}
		if err != nil {
			e := checkError(t, "Status", err, errcat.KindNotFound, errcat.KindInvalidArgument)
			if e.Kind == errcat.KindNotFound {
				if found, err := errcat.Find(strconv.FormatInt(n, 10)); err == nil {
					t.Fatalf("Status(%d) not found, Find has %d entries", n, len(found))
				}
			}
			return
		}
		s := e.Blobstore
		if s == nil || e.Koupleless != nil || int64(s.Code) != n || e.Code != strconv.FormatInt(n, 10) {
			t.Fatalf("Status(%d) = %+v", n, e)
		}
		valid := false
		for _, v := range s.Versions {
			valid = valid || v == e.Version
		}
		if valid != e.Valid {
			t.Fatalf("Status(%d) at %s: Valid %v, versions %v", n, e.Version, e.Valid, s.Versions)
		}
		if e.Valid && (serviceErr != nil || service != s.Service) {
			t.Fatalf("ServiceOf(%d) = %q, %v; the entry's service is %q", n, service, serviceErr, s.Service)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, args := range fuzzVectors("parse") {
		text, _ := args["text"].(string)
		f.Add(text)
	}
	f.Add("Arklet.InstallBizFailed")
	f.Add("User.Disk.Full")
	f.Add("\u202eUser.DiskFull")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := errcat.Parse(text)
		_, lookupErr := errcat.Lookup(text)
		if err != nil {
			checkError(t, "Parse", err, errcat.KindInvalidCode, errcat.KindInvalidArgument)
			if lookupErr == nil {
				t.Fatalf("Parse(%q) failed, Lookup succeeded", text)
			}
			return
		}
		if !utf8.ValidString(text) || c.String() != text || c.Source+"."+c.Type != text {
			t.Fatalf("Parse(%q) = %+v (%q)", text, c, c.String())
		}
		composed, err := errcat.Compose(c.Source, c.Type)
		if err != nil || composed != c {
			t.Fatalf("Compose(%q, %q) = %+v, %v; Parse gave %+v", c.Source, c.Type, composed, err, c)
		}
		if lookupErr != nil {
			checkError(t, "Lookup of a parsed code", lookupErr, errcat.KindNotFound, errcat.KindAmbiguous)
		}
	})
}

// lines counts the lines of data as the analyser does: cut at '\n', a last line without one counted too.
func lines(data []byte) uint64 {
	n := uint64(bytes.Count(data, []byte("\n")))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

func FuzzAnalyzeAudit(f *testing.F) {
	if demo, err := os.ReadFile(filepath.Join("..", "testdata", "audit", "demo.log")); err == nil {
		all := bytes.SplitAfter(demo, []byte("\n"))
		for i := 0; i+8 <= len(all) && i < 64; i += 8 {
			f.Add(bytes.Join(all[i:i+8], nil), uint8(2))
		}
	}
	f.Add([]byte("REQ\tACCESS\t\x1b]0;pwned\x07\x1b[2J\tGET\n"), uint8(3))
	f.Add([]byte("{\"req_type\":\"REQ\",\"module\":\"BLOBNODE\",\"status_code\":651}\r\n\n"), uint8(2))
	f.Add([]byte{0x1f, 0x8b, 0, 1, 2}, uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, level uint8) {
		path := filepath.Join(t.TempDir(), "0-0.log")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		opts := errcat.AuditOptions{MaxAPILevel: int(level % 6)}
		report, err := errcat.AnalyzeAuditWith(opts, path)
		if err != nil {
			// Only a file that starts like gzip can fail to read.
			checkError(t, "AnalyzeAudit", err, errcat.KindIO)
			if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				t.Fatalf("AnalyzeAudit of a plain file: %v", err)
			}
			return
		}
		var doc struct {
			Lines     uint64 `json:"lines"`
			Counted   uint64 `json:"counted"`
			Malformed uint64 `json:"malformed"`
			Inputs    []struct {
				Gzip bool `json:"gzip"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(report.JSON), &doc); err != nil {
			t.Fatalf("report JSON: %v", err)
		}
		if doc.Lines != report.Lines || doc.Malformed != report.Malformed || doc.Lines != doc.Counted+doc.Malformed {
			t.Fatalf("lines %d, counted %d, malformed %d; Report %+v", doc.Lines, doc.Counted, doc.Malformed,
				report)
		}
		if len(doc.Inputs) != 1 {
			t.Fatalf("inputs: %+v", doc.Inputs)
		}
		if !doc.Inputs[0].Gzip && report.Lines != lines(data) {
			t.Fatalf("%d lines read, the file has %d", report.Lines, lines(data))
		}
	})
}
