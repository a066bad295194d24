// Package errcat is one error-code catalog for the Koupleless two-level codes (Arklet.InstallBizFailed) and the
// CubeFS blobstore status codes (552 = access limited, up to v3.5.0), so every service of a polyglot stack agrees
// on what a code means, whether to retry it and how it goes on the wire.
//
// The catalog and its logic live in the errcat C library (Rust inside); this package calls it through cgo and
// keeps Go copies of the static catalog data, so an entry's strings cross the boundary once. Every function is
// safe for concurrent use. Errors are *Error values; test their kind with errors.Is(err, errcat.ErrNotFound).
package errcat

// LibraryVersion is the version of the errcat library linked in.
func LibraryVersion() string { return cVersion() }

// Lookup resolves a two-level code ("Arklet.InstallBizFailed", an alias such as
// "ModuleController.ResourceConstrained", a dynamic combination such as "User.PullBizError") to its entry.
// WithReporter resolves inside one reporter's table. The error is ErrNotFound (with Suggestions),
// ErrAmbiguous (with Candidates), ErrInvalidCode or ErrInvalidArgument.
//
// Every successful answer is in the answer table the library hands over once per process, so a repeated (or
// first) successful call costs a map access; any other call goes to the library.
func Lookup(code string, opts ...Option) (Entry, error) {
	// Small enough for Go's inliner: the caller copies the answer straight from the table.
	e, err := lookup(code, opts)
	return *e, err
}

// lookup is Lookup's answer in the table, or &noEntry with the error. The hit path comes first, with no call: the
// code index probed (one slot, usually) at codeHash(code), written out.
func lookup(code string, opts []Option) (*Entry, error) {
	if t := loaded.Load(); t != nil && len(opts) == 0 && len(code) >= 8 {
		n, mask := len(code), uint64(len(t.codes.slots)-1)
		h := word(code)*0x9e3779b97f4a7c15 ^ word(code[n-8:])
		h = (h*0xff51afd7ed558ccd ^ word(code[n/2-4:]) ^ uint64(n)) * 0xc4ceb9fe1a85ec53
		for i := h >> t.codes.shift; ; i = (i + 1) & mask {
			s := &t.codes.slots[i&mask]
			if s.entry == nil {
				break
			}
			if s.code == code {
				return s.entry, nil
			}
		}
	}
	return lookupSlow(code, opts)
}

func lookupSlow(code string, opts []Option) (*Entry, error) {
	t := answers()
	if t.err != nil {
		return &noEntry, t.err
	}
	o := collect(opts)
	m := t.lookup
	if o.reporter != nil {
		m = t.byReport[*o.reporter]
	}
	if e := m[code]; e != nil {
		return e, nil
	}
	var id int
	if err := call(&id, "lookup", code, o.reporter); err != nil {
		return &noEntry, err
	}
	return t.answer(id)
}

// Status returns the blobstore entry for a status number at a CubeFS version (WithVersion; default: newest).
// A number known only in other versions is returned with Valid false, so a caller can say "552 = access limited,
// until v3.5.0, now 429". The error is ErrInvalidCode (outside 0..999), ErrNotFound or ErrInvalidArgument.
// Successful answers come from the answer table, as for Lookup.
func Status(code int, opts ...Option) (Entry, error) {
	// Inlined like Lookup: an array index in status, the copy here.
	e, err := status(code, opts)
	return *e, err
}

// status is Status's answer in the table, or &noEntry with the error.
func status(code int, opts []Option) (*Entry, error) {
	if t := loaded.Load(); t != nil && len(opts) == 0 && uint(code) < uint(len(t.status)) {
		if e := t.status[code]; e != nil {
			return e, nil
		}
	}
	return statusSlow(code, opts)
}

func statusSlow(code int, opts []Option) (*Entry, error) {
	t := answers()
	if t.err != nil {
		return &noEntry, t.err
	}
	o := collect(opts)
	slots := &t.status
	if o.version != nil {
		slots = t.byVer[*o.version]
	}
	if slots != nil && code >= 0 && code < len(slots) {
		if e := slots[code]; e != nil {
			return e, nil
		}
	}
	var id int
	if err := call(&id, "status", code, o.version); err != nil {
		return &noEntry, err
	}
	return t.answer(id)
}

// noEntry is what Lookup and Status return with an error: the zero Entry (never modified).
var noEntry Entry

// ServiceOf returns the service a status number belongs to at a CubeFS version (WithVersion; default: newest):
// the service of the entry valid then, else the service whose range covers the number.
func ServiceOf(code int, opts ...Option) (string, error) {
	var index int
	if err := call(&index, "service_of", code, collect(opts).version); err != nil {
		return "", err
	}
	return Services[index], nil
}

func entriesOf(op string, args ...any) ([]Entry, error) {
	var ids []int
	if err := call(&ids, op, args...); err != nil {
		return nil, err
	}
	return entryList(ids), nil
}

// Find returns every entry a code could mean: for a two-level code or a bare type ("InstallBizFailed") the
// entries of its type in every table, for a number ("552") the blobstore entries with that number in every
// version.
func Find(code string) ([]Entry, error) { return entriesOf("find", code) }

// Search returns the entries whose code, meaning, solution, Go message or description holds every word of
// words (case ignored; Chinese words match as substrings), best first.
func Search(words string) ([]Entry, error) { return entriesOf("search", words) }

func code(op string, args ...any) (Code, error) {
	var parts []any
	if err := call(&parts, op, args...); err != nil {
		return Code{}, err
	}
	source, _ := parts[0].(float64)
	typ, _ := parts[1].(string)
	text, _ := parts[2].(string)
	return Code{Source: Sources[int(source)], Type: typ, text: text}, nil
}

// Parse parses a two-level code strictly: exactly one ".", both parts PascalCase, a known source. The type need
// not be catalogued (use Lookup for that).
func Parse(text string) (Code, error) { return code("parse", text) }

// Compose builds source.typ, checking typ like Parse; source is a name ("user" is User), an unknown one is
// ErrInvalidArgument.
func Compose(source, typ string) (Code, error) { return code("compose", source, typ) }

// Entries returns the catalog's entries passing filter, in catalog order (Koupleless tables first, then the
// blobstore codes). The zero Filter returns every entry; an empty field does not narrow.
func Entries(filter Filter) ([]Entry, error) {
	return entriesOf("entries", filter.System, filter.Reporter, filter.Service, filter.Version)
}

// Export formats.
const (
	FormatJSON     = "json" // the whole catalog, both languages (equals testdata/catalog.json)
	FormatMarkdown = "md"   // the published tables re-created
	FormatCSV      = "csv"  // one row per entry
)

// Export returns the catalog in format (FormatJSON, FormatMarkdown, FormatCSV; "" = JSON); lang ("en", "zh",
// "zh-CN"; "" = en) picks the language of Markdown and CSV.
func Export(format, lang string) (string, error) {
	var text string
	err := call(&text, "export", format, lang)
	return text, err
}

// ProblemJSON renders the error value and its causes as RFC 9457 application/problem+json, the exact text every
// errcat binding renders.
func (v *ErrorValue) ProblemJSON() (string, error) { return v.render("problem") }

// ArkletJSON renders the error value as the Arklet response envelope {code, message, errorStackTrace,
// errorCode}.
func (v *ErrorValue) ArkletJSON() (string, error) { return v.render("arklet") }

// render resolves each link's code (with its Reporter and Version) and renders the chain, outermost first. The
// library refuses a chain deeper than its limit; links past it are not even resolved.
func (v *ErrorValue) render(rendering string) (string, error) {
	var chain [][]any
	for link := v; link != nil && len(chain) <= maxCauseDepth+1; link = link.Cause {
		var id int
		if err := call(&id, "error_code", link.Code, optional(link.Reporter), optional(link.Version)); err != nil {
			return "", err
		}
		chain = append(chain, []any{id, link.Detail})
	}
	var text string
	err := call(&text, "render", rendering, chain)
	return text, err
}

// maxCauseDepth is the library's limit on causes below an error value (ERRCAT_MAX_CAUSE_DEPTH).
const maxCauseDepth = 64

// optional is nil for "" (not given) and the string otherwise.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// AuditOptions tunes AnalyzeAuditWith; zero fields take the defaults.
type AuditOptions struct {
	Version     string // CubeFS version whose catalog explains the codes ("" = newest)
	MaxAPILevel int    // segments of the api label, like the blobstore's max_api_level (0 = default, 2)
	Errors      string // the codes counted as errors: sla (default), http, 5xx, 651, 500-599, !596
}

// AnalyzeAudit analyses blobstore audit logs (files or directories; "-" = stdin; none = an empty report): counts
// per service, API and code, error share, latency percentiles, unknown codes, malformed lines. The whole log is
// read by the library: nothing crosses the boundary per line.
func AnalyzeAudit(paths ...string) (Report, error) { return AnalyzeAuditWith(AuditOptions{}, paths...) }

// AnalyzeAuditWith is AnalyzeAudit with options. A path need not be valid UTF-8 (a Linux file name is bytes).
func AnalyzeAuditWith(opts AuditOptions, paths ...string) (Report, error) {
	list := make([]any, len(paths))
	for i, p := range paths {
		list[i] = p
	}
	options := [][]any{{"version", optional(opts.Version)}, {"errors", optional(opts.Errors)}}
	if opts.MaxAPILevel != 0 {
		options = append(options, []any{"max_api_level", opts.MaxAPILevel})
	}
	var answer []any
	if err := call(&answer, "audit", list, options); err != nil {
		return Report{}, err
	}
	lines, _ := answer[0].(float64)
	malformed, _ := answer[1].(float64)
	json, _ := answer[2].(string)
	return Report{Lines: uint64(lines), Malformed: uint64(malformed), JSON: json}, nil
}
