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

// The record types KouplelessEntry and StatusEntry, Text, and the names of every enumeration are generated from
// the catalog's field description (catalog_gen.go).

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

// Filter narrows Entries; empty fields do not narrow. Names are read like every errcat name (case and
// surrounding whitespace ignored, a service may be its audit-log module BLOBNODE, a version may omit its v). A
// Reporter implies the Koupleless system, a Service or Version the blobstore.
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

// ErrorValue is an error occurrence to render on the wire: a code (two-level, an alias, or a status number), a
// detail, and optionally its cause (at most 64 causes below it).
type ErrorValue struct {
	Code     string
	Detail   string
	Cause    *ErrorValue
	Reporter string // the reporter whose table a two-level code is looked up in ("" = any)
	Version  string // the CubeFS version of a status number ("" = newest)
}
