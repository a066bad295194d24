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
// A successful result is cached (see SetCacheLimit): the same code and options again cost a map access.
func Lookup(code string, opts ...Option) (Entry, error) {
	if len(opts) == 0 { // the hit path first: no options, one map access
		if e := lookupCache.get(code); e != nil {
			return *e, nil
		}
	}
	return lookup(code, opts)
}

func lookup(code string, opts []Option) (Entry, error) {
	o := collect(opts)
	if e := cachedLookup(code, o); e != nil {
		return *e, nil
	}
	return lookupMiss(code, o)
}

// Status returns the blobstore entry for a status number at a CubeFS version (WithVersion; default: newest).
// A number known only in other versions is returned with Valid false, so a caller can say "552 = access limited,
// until v3.5.0, now 429". The error is ErrInvalidCode (outside 0..999), ErrNotFound or ErrInvalidArgument.
//
// A successful result is cached (see SetCacheLimit): the same number and options again cost a map access.
func Status(code int, opts ...Option) (Entry, error) {
	if len(opts) == 0 { // the hit path first: no options, one map access
		if e := statusCache.get(code); e != nil {
			return *e, nil
		}
	}
	return status(code, opts)
}

func status(code int, opts []Option) (Entry, error) {
	o := collect(opts)
	if e := cachedStatus(code, o); e != nil {
		return *e, nil
	}
	return statusMiss(code, o)
}

// ServiceOf returns the service a status number belongs to at a CubeFS version (WithVersion; default: newest):
// the service of the entry valid then, else the service whose range covers the number.
func ServiceOf(code int, opts ...Option) (string, error) {
	return cServiceOf(code, collect(opts))
}

// Find returns every entry a code could mean: for a two-level code the entries of its type in every table, for
// a number ("552") the blobstore entries with that number in every version.
func Find(code string) ([]Entry, error) { return cFind(code) }

// Parse parses a two-level code strictly: exactly one ".", both parts PascalCase, a known source. The type need
// not be catalogued (use Lookup for that).
func Parse(text string) (Code, error) { return cParse(text) }

// Compose builds source.typ, checking typ like Parse; an unknown source is ErrInvalidArgument.
func Compose(source, typ string) (Code, error) { return cCompose(source, typ) }

// Entries returns the catalog's entries passing filter, in catalog order (Koupleless tables first, then the
// blobstore codes). The zero Filter returns every entry.
func Entries(filter Filter) ([]Entry, error) { return cEntries(filter) }

// Export formats.
const (
	FormatJSON     = "json" // the whole catalog, both languages (equals testdata/catalog.json)
	FormatMarkdown = "md"   // the published tables re-created
	FormatCSV      = "csv"  // one row per entry
)

// Export returns the catalog in format (FormatJSON, FormatMarkdown, FormatCSV); lang ("en", "zh"; "" = en) picks
// the language of Markdown and CSV.
func Export(format, lang string) (string, error) { return cExport(format, lang) }

// ProblemJSON renders the error value and its causes as RFC 9457 application/problem+json, the exact text every
// errcat binding renders.
func (v *ErrorValue) ProblemJSON() (string, error) { return cRender(v, true) }

// ArkletJSON renders the error value as the Arklet response envelope {code, message, errorStackTrace,
// errorCode}.
func (v *ErrorValue) ArkletJSON() (string, error) { return cRender(v, false) }

// AuditOptions tunes AnalyzeAuditWith.
type AuditOptions struct {
	Version     string // CubeFS version whose catalog explains the codes ("" = newest)
	MaxAPILevel int    // segments of the api label, like the blobstore's max_api_level (0 = default, 2)
}

// AnalyzeAudit analyses blobstore audit logs (files or directories; "-" = stdin): counts per service, API and
// code, error share, latency percentiles, unknown codes, malformed lines. The whole log is read by the library:
// nothing crosses the boundary per line.
func AnalyzeAudit(paths ...string) (Report, error) { return AnalyzeAuditWith(AuditOptions{}, paths...) }

// AnalyzeAuditWith is AnalyzeAudit with options.
func AnalyzeAuditWith(opts AuditOptions, paths ...string) (Report, error) {
	return cAudit(paths, opts.Version, opts.MaxAPILevel)
}
