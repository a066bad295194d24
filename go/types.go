package errcat

// System is the part of the catalog an entry belongs to.
type System int

// The two systems.
const (
	Koupleless System = iota // Koupleless two-level codes (Arklet.InstallBizFailed)
	Blobstore                // CubeFS blobstore status codes (552)
)

// String returns "koupleless" or "blobstore".
func (s System) String() string {
	if s == Blobstore {
		return "blobstore"
	}
	return "koupleless"
}

// Text is a catalog text in English and Chinese; Zh is empty where no Chinese text exists.
type Text struct {
	En string
	Zh string
}

// KouplelessEntry is one row of a reporter's published table of two-level codes.
type KouplelessEntry struct {
	Reporter     string   // the table: Arklet, ModuleController, KouplelessBoard
	Type         string   // the Level-2 type, canonical (published) spelling
	DefaultCode  string   // the code with the default source (Arklet.InstallBizFailed)
	Sources      []string // catalogued sources, default first
	BusinessType Text
	Meaning      Text
	Solution     Text // as published (may be "" or "-")
	Retryable    bool // the published solution says to retry
	Aliases      []string
	Notes        []string
}

// StatusEntry is a CubeFS blobstore status code as defined in a range of versions.
type StatusEntry struct {
	Code           int
	Service        string
	Message        string // the exact Go error message ("" where Go has none)
	Description    *Text  // the published description; nil when there is none
	Documented     bool   // listed in the published status-code doc
	GoFile         string
	GoConst        string // CodeAccessLimited ("" for the generic codes)
	GoErr          string // ErrAccessLimited ("" where there is none)
	Versions       []string
	RenumberedTo   int    // the number it moved to later (552 → 429), 0 when none
	RenumberedFrom int    // the number it had earlier, 0 when none
	Retry          string // never, transient, overload or ignore
	Retryable      bool   // transient or overload
	Notes          []string
}

// Entry is a catalog entry and, when it comes from Lookup or Status, how the code resolved to it.
//
// Koupleless or Blobstore (the other is nil) points to catalog data shared by every caller: read it, never
// modify it.
type Entry struct {
	ID     int    // small integer naming the entry in this build of the catalog
	System System //
	Key    string // Reporter/Type or number/GoConst, as in the conformance vectors

	// Code is the code as resolved: Source.Type with the canonical type (Lookup), the number (Status), the
	// default code or the number (Entries, Find).
	Code    string
	Source  string // Koupleless: the source given in the code (Lookup), else the default source
	Alias   string // Lookup: the alias spelling the code used, "" for the canonical type
	Dynamic bool   // Lookup: the source is not one of the entry's catalogued sources
	Version string // Status: the CubeFS version asked about
	Valid   bool   // Status: whether the entry is defined at Version

	Koupleless *KouplelessEntry
	Blobstore  *StatusEntry
}

// Retryable reports whether a client should retry an error with this entry's code.
func (e Entry) Retryable() bool {
	if e.Koupleless != nil {
		return e.Koupleless.Retryable
	}
	return e.Blobstore != nil && e.Blobstore.Retryable
}

// Code is a syntactically valid two-level code, from Parse or Compose.
type Code struct {
	Source string
	Type   string
	text   string
}

// String returns the code as text, Source.Type.
func (c Code) String() string { return c.text }

// Filter narrows Entries; empty fields do not narrow. A Reporter implies the Koupleless system, a Service or
// Version the blobstore.
type Filter struct {
	System   string // koupleless or blobstore
	Reporter string // Arklet, ModuleController, KouplelessBoard
	Service  string // Access, BlobNode, ... (or the audit-log module name)
	Version  string // only entries valid at this CubeFS version
}

// Report is the analysis of blobstore audit logs.
type Report struct {
	Lines     uint64 // lines read (counted + malformed)
	Malformed uint64 // malformed lines
	JSON      string // the full report as JSON (schema in the README)
}

// ErrorValue is an error occurrence to render on the wire: a code (two-level, an alias, or a status number at
// the newest version), a detail, and optionally its cause.
type ErrorValue struct {
	Code   string
	Detail string
	Cause  *ErrorValue
}
