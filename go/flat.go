package errcat

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// The core's flat classification (classify_flat in bindings/README.md), read from its packed form
// (errcat_classify_packed): all its text in one UTF-8 string, its shape in UTF-16 units, each value a tag and its
// operands in 15-bit groups (0 null, 3 an integer by its zigzag code, 4 a text of that many UTF-16 units, 5 a list of
// n values, 6 a map of n members). Each object is a list of its values by position; the code, its reporter and
// retryability come from the answer table by the answer id, as in Java and Node.

// flatReader is the answer being read and where in it, a value on the reading goroutine's stack. A shape that does
// not read as expected sets bad (a bug: the library and this package disagree), and every read after it answers a
// zero value.
type flatReader struct {
	text  string
	shape []uint16
	at    int  // next unit of shape
	pos   int  // next byte of text
	ascii bool // every text is ASCII: a length in UTF-16 units is one in bytes
	bad   bool
	store *flatStore
}

// flatStore holds what the pointers of one classification point to, allocated at once (a classification has
// about twenty optional members: one allocation each was most of the reading's cost).
type flatStore struct {
	strs      [10]string // room for the optional texts of most answers (an 80-frame failure has 9)
	ints      [4]int
	used, nI  int
	reporter  string
	retryable bool
	entry     Entry
	entryUsed bool
	c         Classification // the answer's own (not an item's)
}

func newFlatReader(text string, shape []uint16) flatReader {
	return flatReader{text: text, shape: shape, ascii: isASCII(text), store: new(flatStore)}
}

// isASCII reports whether every byte of s is below 0x80, eight at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (f *flatReader) unit() uint16 {
	if f.at >= len(f.shape) {
		f.bad = true
		return 0
	}
	u := f.shape[f.at]
	f.at++
	return u
}

func (f *flatReader) number() int {
	n := 0
	for shift := 0; shift < 60; shift += 15 {
		u := f.unit()
		n |= int(u&0x7fff) << shift
		if u < 0x8000 {
			return n
		}
	}
	f.bad = true
	return 0
}

// textOf is the next text of `units` UTF-16 units.
func (f *flatReader) textOf(units int) string {
	start := f.pos
	if f.ascii {
		f.pos += units
	} else {
		for units > 0 && f.pos < len(f.text) {
			r, size := utf8.DecodeRuneInString(f.text[f.pos:])
			f.pos += size
			units -= utf16Units(r)
		}
	}
	if f.pos > len(f.text) || units < 0 {
		f.bad, f.pos = true, len(f.text)
	}
	return f.text[start:f.pos]
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// tagged reads a tag: true when it is want, false for null; anything else is bad.
func (f *flatReader) tagged(want uint16) bool {
	switch f.unit() {
	case want:
		return true
	case 0:
		return false
	}
	f.bad = true
	return false
}

// optStr is the next text or null, the text kept in the store (for the members that point to one).
func (f *flatReader) optStr() *string {
	if !f.tagged(4) {
		return nil
	}
	s := f.textOf(f.number())
	st := f.store
	if st.used == len(st.strs) {
		st = new(flatStore) // a composite answer's items, or a rare answer of more texts: one more store per 10
		f.store = st
	}
	st.strs[st.used] = s
	st.used++
	return &st.strs[st.used-1]
}

// str is the next text ("" for null), for a member that holds it by value.
func (f *flatReader) str() string {
	if !f.tagged(4) {
		return ""
	}
	return f.textOf(f.number())
}

func (f *flatReader) optInt() *int {
	if !f.tagged(3) {
		return nil
	}
	z := f.number()
	st := f.store
	if st.nI == len(st.ints) {
		st = new(flatStore)
		f.store = st
	}
	st.ints[st.nI] = z>>1 ^ -(z & 1)
	st.nI++
	return &st.ints[st.nI-1]
}

// list reads a list of n values (true) or null (false).
func (f *flatReader) list(n int) bool {
	if !f.tagged(5) {
		return false
	}
	if f.number() != n {
		f.bad = true
		return false
	}
	return true
}

func (f *flatReader) evidence() Evidence {
	var e Evidence
	if !f.list(21) {
		return e
	}
	e.Key, e.Tunnel, e.Shape, e.Command = f.optStr(), f.str(), f.str(), f.optStr()
	e.HTTPStatus, e.Envelope, e.DataCode, e.Message = f.optInt(), f.optStr(), f.optStr(), f.optStr()
	e.DataMessage, e.State, e.Reason, e.Error = f.optStr(), f.optStr(), f.optStr(), f.optStr()
	e.Exception, e.ExceptionMessage, e.Cause, e.CauseMessage = f.optStr(), f.optStr(), f.optStr(), f.optStr()
	e.CauseOrigin, e.CauseFrame = f.optStr(), f.optStr()
	if n := f.optInt(); n != nil {
		e.Causes = *n
	}
	if n := f.optInt(); n != nil {
		e.Frames = *n
	}
	e.Placeholders = map[string]string{}
	if !f.tagged(6) {
		f.bad = true
		return e
	}
	for n := f.number(); n > 0 && !f.bad; n-- {
		name := f.textOf(f.number())
		e.Placeholders[name] = f.str()
	}
	return e
}

// classification reads one classification into c (an item of a composite answer: key first, no results of its
// own): key, outcome, rule, why, error, evidence, results, answer. An item no rule knows is its Err.
func (f *flatReader) classification(t *table, c *Classification) (key string, err error) {
	if !f.list(8) {
		f.bad = true
		return "", nil
	}
	if k := f.optStr(); k != nil {
		key = *k
	}
	c.Outcome, c.Rule, c.Why = f.str(), f.str(), f.str()
	if f.list(2) {
		kind, message := f.str(), f.str()
		err = &Error{Kind: kindOf(kind), Message: message}
	}
	c.Evidence = f.evidence()
	if f.tagged(5) {
		for n := f.number(); n > 0 && !f.bad; n-- {
			item := new(Classification)
			itemKey, itemErr := f.classification(t, item)
			result := ClassifiedItem{Key: itemKey, Err: itemErr}
			if itemErr == nil {
				result.Classification = item
			}
			c.Results = append(c.Results, result)
		}
	}
	if id := f.optInt(); id != nil {
		e, aerr := t.answer(*id)
		if aerr != nil {
			f.bad = true
			return key, aerr
		}
		st := f.store
		if st.entryUsed {
			st = new(flatStore)
			f.store = st
		}
		st.entryUsed = true
		st.entry = *e // the caller's copy: the table's answers are shared
		c.Code, c.Entry = e.Code, &st.entry
		if k := e.Koupleless; k != nil {
			st.reporter, st.retryable = k.Reporter, k.Retryable
			c.Reporter, c.Retryable = &st.reporter, &st.retryable
		}
	}
	return key, err
}
