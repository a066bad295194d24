package errcat_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"errcat.dev/errcat"
)

const repo = ".."

type vectorCase struct {
	Name   string                     `json:"name"`
	Op     string                     `json:"op"`
	Args   map[string]json.RawMessage `json:"args"`
	Expect map[string]json.RawMessage `json:"expect"`
	Error  *struct {
		Kind        string    `json:"kind"`
		Suggestions *[]string `json:"suggestions"`
		Candidates  *[]string `json:"candidates"`
	} `json:"error"`
}

// str returns a string argument and whether it was given (null means "not given").
func str(args map[string]json.RawMessage, key string) (string, bool) {
	var s *string
	_ = json.Unmarshal(args[key], &s)
	if s == nil {
		return "", false
	}
	return *s, true
}

func integer(t *testing.T, args map[string]json.RawMessage, key string) int {
	var n int64
	if err := json.Unmarshal(args[key], &n); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return int(n)
}

// expand replaces the long-string objects {"repeat", "count", "prefix", "suffix"} anywhere in a decoded case.
func expand(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["repeat"].(string); ok {
			n, _ := v["count"].(json.Number).Int64()
			p, _ := v["prefix"].(string)
			s, _ := v["suffix"].(string)
			return p + strings.Repeat(r, int(n)) + s
		}
		for k, item := range v {
			v[k] = expand(item)
		}
	case []any:
		for i, item := range v {
			v[i] = expand(item)
		}
	}
	return v
}

func versionOpts(args map[string]json.RawMessage) []errcat.Option {
	if v, ok := str(args, "version"); ok {
		return []errcat.Option{errcat.WithVersion(v)}
	}
	return nil
}

// errorValue builds the chain of a problem/arklet case (outermost first) through the public type.
func errorValue(args map[string]json.RawMessage) *errcat.ErrorValue {
	var chain []map[string]*string
	_ = json.Unmarshal(args["chain"], &chain)
	var head, tail *errcat.ErrorValue
	for _, link := range chain {
		get := func(k string) string {
			if link[k] == nil {
				return ""
			}
			return *link[k]
		}
		v := &errcat.ErrorValue{Code: get("code"), Detail: get("detail"), Reporter: get("reporter"), Version: get("version")}
		if head == nil {
			head = v
		} else {
			tail.Cause = v
		}
		tail = v
	}
	return head
}

func keys(entries []errcat.Entry) []string {
	out := []string{}
	for _, e := range entries {
		out = append(out, e.Key)
	}
	return out
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func intOrNull(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// view runs the case's operation and returns the view of its result defined in testdata/README.md.
func view(t *testing.T, op string, args map[string]json.RawMessage) (map[string]any, error) {
	switch op {
	case "lookup":
		code, _ := str(args, "code")
		var opts []errcat.Option
		if r, ok := str(args, "reporter"); ok {
			opts = append(opts, errcat.WithReporter(r))
		}
		e, err := errcat.Lookup(code, opts...)
		if err != nil {
			return nil, err
		}
		k := e.Koupleless
		return map[string]any{
			"code": e.Code, "source": e.Source, "type": k.Type, "reporter": k.Reporter, "dynamic": e.Dynamic,
			"alias": orNull(e.Alias), "retryable": k.Retryable, "meaning_en": k.Meaning.En,
			"meaning_zh": k.Meaning.Zh, "solution_en": k.Solution.En, "solution_zh": k.Solution.Zh,
		}, nil
	case "find", "search":
		var found []errcat.Entry
		var err error
		if op == "find" {
			code, _ := str(args, "code")
			found, err = errcat.Find(code)
		} else {
			words, _ := str(args, "words")
			found, err = errcat.Search(words)
		}
		if err != nil {
			return nil, err
		}
		return map[string]any{"count": len(found), "keys": keys(found)}, nil
	case "status":
		e, err := errcat.Status(integer(t, args, "code"), versionOpts(args)...)
		if err != nil {
			return nil, err
		}
		s := e.Blobstore
		return map[string]any{
			"code": s.Code, "service": s.Service, "message": s.Message, "valid": e.Valid, "versions": s.Versions,
			"retry": s.Retry, "renumbered_to": intOrNull(s.RenumberedTo),
			"renumbered_from": intOrNull(s.RenumberedFrom), "go_const": s.GoConst, "go_err": s.GoErr,
		}, nil
	case "service_of":
		service, err := errcat.ServiceOf(integer(t, args, "code"), versionOpts(args)...)
		if err != nil {
			return nil, err
		}
		return map[string]any{"service": service}, nil
	case "parse", "compose":
		var c errcat.Code
		var err error
		if op == "parse" {
			text, _ := str(args, "text")
			c, err = errcat.Parse(text)
		} else {
			source, _ := str(args, "source")
			typ, _ := str(args, "type")
			c, err = errcat.Compose(source, typ)
		}
		if err != nil {
			return nil, err
		}
		return map[string]any{"source": c.Source, "type": c.Type, "code": c.String()}, nil
	case "entries":
		var f errcat.Filter
		f.System, _ = str(args, "system")
		f.Reporter, _ = str(args, "reporter")
		f.Service, _ = str(args, "service")
		f.Version, _ = str(args, "version")
		all, err := errcat.Entries(f)
		if err != nil {
			return nil, err
		}
		v := map[string]any{"count": len(all), "first": nil, "last": nil}
		if len(all) > 0 {
			v["first"], v["last"] = all[0].Key, all[len(all)-1].Key
		}
		return v, nil
	case "problem", "arklet":
		value := errorValue(args)
		var text string
		var err error
		if op == "problem" {
			text, err = value.ProblemJSON()
		} else {
			text, err = value.ArkletJSON()
		}
		if err != nil {
			return nil, err
		}
		return map[string]any{"json": text}, nil
	case "classify":
		return classifyView(t, args)
	case "export":
		format, _ := str(args, "format")
		lang, _ := str(args, "lang")
		text, err := errcat.Export(format, lang)
		if err != nil {
			return nil, err
		}
		return map[string]any{"text": text}, nil
	}
	t.Fatalf("unknown op %q", op)
	return nil, nil
}

// normalize round-trips a Go value through JSON so it compares equal to the decoded expectation.
func normalize(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func decodeRaw(t *testing.T, raw json.RawMessage) any {
	var out any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func checkCase(t *testing.T, c vectorCase) {
	got, err := view(t, c.Op, c.Args)
	if c.Error != nil {
		var e *errcat.Error
		if !errors.As(err, &e) {
			t.Fatalf("want %s, got %v (view %v)", c.Error.Kind, err, got)
		}
		if e.Kind.String() != c.Error.Kind {
			t.Fatalf("want %s, got %v", c.Error.Kind, err)
		}
		for _, list := range []struct {
			name      string
			want, got *[]string
		}{{"suggestions", c.Error.Suggestions, &e.Suggestions}, {"candidates", c.Error.Candidates, &e.Candidates}} {
			if list.want != nil && !reflect.DeepEqual(normalize(t, *list.want), normalize(t, append([]string{}, *list.got...))) {
				t.Errorf("%s: want %q, got %q", list.name, *list.want, *list.got)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	text, _ := got["text"].(string)
	for key, raw := range c.Expect {
		want := decodeRaw(t, raw)
		switch key {
		case "contains":
			for _, s := range want.([]any) {
				if !strings.Contains(text, s.(string)) {
					t.Errorf("export lacks %q", s)
				}
			}
		case "keys_include":
			have := map[string]bool{}
			for _, k := range got["keys"].([]string) {
				have[k] = true
			}
			for _, k := range want.([]any) {
				if !have[k.(string)] {
					t.Errorf("keys lack %v", k)
				}
			}
		case "equals_file":
			file, err := os.ReadFile(filepath.Join(repo, want.(string)))
			if err != nil || string(file) != text {
				t.Errorf("export differs from %s (%v)", want, err)
			}
		default:
			if g := normalize(t, got[key]); !reflect.DeepEqual(g, want) {
				t.Errorf("%s: want %v, got %v", key, want, g)
			}
		}
	}
}

// TestVectors runs every case of every testdata/vectors*.json.
func TestVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repo, "testdata", "vectors*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors: %v", err)
	}
	total := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var decoded map[string]any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&decoded); err != nil {
			t.Fatal(err)
		}
		expanded, _ := json.Marshal(expand(decoded))
		var doc struct {
			Cases []vectorCase `json:"cases"`
		}
		if err := json.Unmarshal(expanded, &doc); err != nil {
			t.Fatal(err)
		}
		total += len(doc.Cases)
		for _, c := range doc.Cases {
			t.Run(filepath.Base(file)+"/"+c.Name, func(t *testing.T) { checkCase(t, c) })
		}
	}
	if total < 300 {
		t.Fatalf("only %d vectors", total)
	}
}

// TestExportEqualsCatalogJSON compares the JSON export with the committed testdata/catalog.json byte for byte.
func TestExportEqualsCatalogJSON(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(repo, "testdata", "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := errcat.Export(errcat.FormatJSON, "")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("the JSON export (%d bytes) differs from testdata/catalog.json (%d bytes)", len(got), len(want))
	}
}

// classifyView runs a classify case through ClassifyArklet (and EnrichArklet) and returns its view.
func classifyView(t *testing.T, args map[string]json.RawMessage) (map[string]any, error) {
	text, _ := str(args, "body")
	body := []byte(text)
	if h, ok := str(args, "body_hex"); ok {
		var err error
		if body, err = hex.DecodeString(h); err != nil {
			t.Fatal(err)
		}
	}
	var opts []errcat.ClassifyOption
	if c, ok := str(args, "command"); ok {
		opts = append(opts, errcat.WithCommand(c))
	}
	if tun, ok := str(args, "tunnel"); ok {
		opts = append(opts, errcat.WithTunnel(tun))
	}
	var status *int
	_ = json.Unmarshal(args["http_status"], &status)
	if status != nil {
		opts = append(opts, errcat.WithHTTPStatus(*status))
	}
	c, err := errcat.ClassifyArklet(body, opts...)
	if err != nil {
		return nil, err
	}
	v := itemView(c)
	e := c.Evidence
	v["reporter"], v["retryable"], v["command"], v["shape"] = c.Reporter, c.Retryable, e.Command, e.Shape
	v["exception"], v["cause"], v["cause_message"], v["cause_origin"] = e.Exception, e.Cause, e.CauseMessage, e.CauseOrigin
	v["causes"], v["frames"], v["placeholders"] = e.Causes, e.Frames, e.Placeholders
	results := []any{}
	for _, item := range c.Results {
		r := map[string]any{"key": item.Key, "outcome": "unclassified", "code": nil, "rule": nil}
		if item.Classification != nil {
			r = itemView(item.Classification)
			r["key"] = item.Key
		}
		results = append(results, r)
	}
	v["results"] = results
	var enrich bool
	_ = json.Unmarshal(args["enrich"], &enrich)
	if enrich {
		enriched, err := errcat.EnrichArklet(body, opts...)
		if err != nil {
			return nil, err
		}
		v["enriched"] = string(enriched)
	}
	if c.Entry != nil && c.Entry.Code != c.Code {
		t.Errorf("the code's entry is %s, not %s", c.Entry.Code, c.Code)
	}
	checkAgainstJSON(t, c, body, opts)
	return v, nil
}

// checkAgainstJSON compares what ClassifyArklet read from the packed flat answer with the JSON object of
// ClassifyArkletJSON (what errcat classify --json prints), member by member, its items' too.
func checkAgainstJSON(t *testing.T, c *errcat.Classification, body []byte, opts []errcat.ClassifyOption) {
	t.Helper()
	text, err := errcat.ClassifyArkletJSON(body, opts...)
	if err != nil {
		t.Fatalf("ClassifyArkletJSON: %v", err)
	}
	type object struct {
		errcat.Classification
		Code    *string
		Entry   *json.RawMessage
		Results []struct {
			Key     string
			Outcome string
			Code    *string
			Rule    *string
		}
	}
	var doc object
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("ClassifyArkletJSON answered %s: %v", text, err)
	}
	if (doc.Entry == nil) != (c.Entry == nil) {
		t.Errorf("the JSON's entry is %v, the code's %v", doc.Entry, c.Entry)
	}
	if doc.Code == nil && c.Code != "" || doc.Code != nil && *doc.Code != c.Code {
		t.Errorf("code %q, the JSON's %v", c.Code, doc.Code)
	}
	got := *c
	got.Code, got.Entry, got.Results = "", nil, nil
	if !reflect.DeepEqual(got, doc.Classification) {
		t.Errorf("ClassifyArklet read\n%+v\nthe JSON has\n%+v", got, doc.Classification)
	}
	if len(doc.Results) != len(c.Results) {
		t.Fatalf("%d results, the JSON's %d", len(c.Results), len(doc.Results))
	}
	for i, r := range doc.Results {
		item := c.Results[i]
		code, outcome := "", "unclassified"
		if item.Classification != nil {
			code, outcome = item.Classification.Code, item.Classification.Outcome
		}
		if r.Key != item.Key || r.Outcome != outcome || (r.Code == nil) != (code == "") || r.Code != nil && *r.Code != code {
			t.Errorf("result %d: %+v, the JSON's %+v", i, item, r)
		}
	}
}

func itemView(c *errcat.Classification) map[string]any {
	return map[string]any{"outcome": c.Outcome, "code": orNull(c.Code), "rule": c.Rule}
}
