package errcat

import (
	"errors"
	"fmt"
)

// Kind is what went wrong: the same kinds in every errcat binding. The values are those of the C API's
// errcat_status.
type Kind int

// The error kinds.
const (
	KindNotFound        Kind = 1 // no entry for the code; Suggestions holds close matches
	KindAmbiguous       Kind = 2 // several entries match and nothing chooses; Candidates names them
	KindInvalidCode     Kind = 3 // not a well-formed code (Source.Type, PascalCase, known source) or number
	KindInvalidArgument Kind = 4 // another argument is wrong (unknown version, reporter, format, a NUL byte, ...)
	KindIO              Kind = 5 // reading input failed
	KindInternal        Kind = 6 // a bug in errcat: a panic caught at the boundary
)

var kindNames = map[Kind]string{
	KindNotFound: "NotFound", KindAmbiguous: "Ambiguous", KindInvalidCode: "InvalidCode",
	KindInvalidArgument: "InvalidArgument", KindIO: "Io", KindInternal: "Internal",
}

// String returns the kind's name as in the conformance vectors: "NotFound", "Ambiguous", ...
func (k Kind) String() string {
	if name, ok := kindNames[k]; ok {
		return name
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Sentinel errors, one per kind: errors.Is(err, errcat.ErrNotFound) is true for every *Error of that kind.
var (
	ErrNotFound        = errors.New("errcat: not found")
	ErrAmbiguous       = errors.New("errcat: ambiguous")
	ErrInvalidCode     = errors.New("errcat: invalid code")
	ErrInvalidArgument = errors.New("errcat: invalid argument")
	ErrIO              = errors.New("errcat: i/o error")
	ErrInternal        = errors.New("errcat: internal error")
)

var sentinels = map[Kind]error{
	KindNotFound: ErrNotFound, KindAmbiguous: ErrAmbiguous, KindInvalidCode: ErrInvalidCode,
	KindInvalidArgument: ErrInvalidArgument, KindIO: ErrIO, KindInternal: ErrInternal,
}

// Error is the error every function of the package returns.
type Error struct {
	Kind Kind
	// Message says what went wrong, as people read it (with "did you mean ..." when there are suggestions).
	Message string
	// Suggestions holds close matches for a NotFound (or malformed) code, best first.
	Suggestions []string
	// Candidates names the entries of an Ambiguous code, as Reporter/Source.Type.
	Candidates []string
}

func (e *Error) Error() string { return "errcat: " + e.Kind.String() + ": " + e.Message }

// Is reports whether target is the sentinel of e's kind (ErrNotFound, ErrAmbiguous, ...).
func (e *Error) Is(target error) bool { return sentinels[e.Kind] == target }

func invalidArgument(format string, args ...any) *Error {
	return &Error{Kind: KindInvalidArgument, Message: fmt.Sprintf(format, args...)}
}
