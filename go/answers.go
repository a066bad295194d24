package errcat

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The catalog's entries as Go values, by entry id (Koupleless first, then blobstore, as the library numbers
// them), from the generated data.
var catalog = sync.OnceValue(buildCatalog)

func buildCatalog() []Entry {
	out := make([]Entry, 0, len(kouplelessEntryData)+len(statusEntryData))
	for i := range kouplelessEntryData {
		k := &kouplelessEntryData[i]
		source := ""
		if len(k.Sources) > 0 {
			source = k.Sources[0]
		}
		out = append(out, Entry{ID: len(out), System: Koupleless, Key: k.Key, Code: k.DefaultCode, Source: source, Koupleless: k})
	}
	for i := range statusEntryData {
		s := &statusEntryData[i]
		out = append(out, Entry{ID: len(out), System: Blobstore, Key: s.Key, Code: strconv.Itoa(s.Code), Blobstore: s})
	}
	return out
}

// table is the answer table: every successful Lookup and Status answer, loaded from the library once per process.
type table struct {
	answers  map[int]*Entry               // by answer id
	codes    codeIndex                    // code → answer, no reporter: Lookup's hit path
	lookup   map[string]*Entry            // code → answer, no reporter (every code, also those codeIndex skips)
	byReport map[string]map[string]*Entry // reporter spelling → code → answer
	status   [1000]*Entry                 // number → answer, newest version
	byVer    map[string]*[1000]*Entry     // version spelling → number → answer
	err      error
}

// answers loads the table on first use; loaded then points to it, for the hit paths of Lookup and Status.
var answers = sync.OnceValue(func() *table {
	t := loadTable(answerTableText())
	if t.err == nil {
		loaded.Store(t)
	}
	return t
})

var loaded atomic.Pointer[table]

// loadTable reads the rows of the answer table (format in bindings/README.md).
func loadTable(text string) *table {
	t := &table{answers: map[int]*Entry{}, lookup: map[string]*Entry{}, byReport: map[string]map[string]*Entry{},
		byVer: map[string]*[1000]*Entry{}}
	entries := catalog()
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 {
			if len(f) < 3 || f[0] != "errcat-answers" || f[2] != CatalogFingerprint {
				t.err = &Error{Kind: KindInternal, Message: fmt.Sprintf(
					"the errcat library's catalog (%q) is not this package's (%s): rebuild or reinstall them together", line, CatalogFingerprint)}
				return t
			}
			continue
		}
		id, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "R":
			entry, _ := strconv.Atoi(f[2])
			source, _ := strconv.Atoi(f[3])
			e := entries[entry]
			e.Source, e.Dynamic, e.Code = Sources[source], f[5] == "1", f[6]
			if f[4] != "-" {
				e.Alias = f[4]
			}
			t.answers[id] = &e
		case "S":
			entry, _ := strconv.Atoi(f[2])
			version, _ := strconv.Atoi(f[3])
			e := entries[entry]
			e.Version, e.Valid = Versions[version], f[4] == "1"
			t.answers[id] = &e
		case "L":
			m := t.lookup
			if f[2] != "-" {
				if m = t.byReport[f[2]]; m == nil {
					m = map[string]*Entry{}
					t.byReport[f[2]] = m
				}
			}
			m[f[3]] = t.answers[id]
		case "N":
			n, _ := strconv.Atoi(f[3])
			slots := &t.status
			if f[2] != "-" {
				if slots = t.byVer[f[2]]; slots == nil {
					slots = new([1000]*Entry)
					t.byVer[f[2]] = slots
				}
			}
			slots[n] = t.answers[id]
		}
	}
	t.codes = newCodeIndex(t.lookup)
	return t
}

// codeIndex finds the answer of a code (without a reporter) in an open-addressing table indexed by a hash of
// three 8-byte words of the code, its length and its last word: cheaper than a Go map's hash for these keys, and
// the one structure Lookup's hit path reads. Codes shorter than 8 bytes are not in it (Lookup's slow path finds
// them in the map). Every slot holds a code and its answer; a probe ends at an empty slot, so a miss is cheap too.
type codeIndex struct {
	slots []codeSlot // a power of two, at most a quarter full; nil when the table has no codes
	shift uint       // 64 - log2(len(slots)): the hash's top bits pick the first slot
}

type codeSlot struct {
	code  string
	entry *Entry
}

func newCodeIndex(codes map[string]*Entry) codeIndex {
	size := 16
	for size < 4*len(codes) {
		size *= 2
	}
	x := codeIndex{slots: make([]codeSlot, size), shift: 64}
	for n := size; n > 1; n /= 2 {
		x.shift--
	}
	for code, e := range codes {
		if len(code) < 8 {
			continue
		}
		i := codeHash(code) >> x.shift
		for x.slots[i].entry != nil {
			i = (i + 1) & uint64(size-1)
		}
		x.slots[i] = codeSlot{code, e}
	}
	return x
}

// codeHash mixes the first, middle and last 8 bytes of code (at least 8 bytes long) and its length. lookup
// (errcat.go) computes the same in place: Go's inliner would not inline this function there.
func codeHash(code string) uint64 {
	n := len(code)
	h := word(code)*0x9e3779b97f4a7c15 ^ word(code[n-8:])
	h = (h*0xff51afd7ed558ccd ^ word(code[n/2-4:]) ^ uint64(n)) * 0xc4ceb9fe1a85ec53
	return h
}

// word is the first 8 bytes of s, little-endian (one load: the compiler combines the bytes).
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// answer is the answer with the id the library returned for a call that succeeded (shared: never modify it).
func (t *table) answer(id int) (*Entry, error) {
	if e := t.answers[id]; e != nil {
		return e, nil
	}
	return &noEntry, &Error{Kind: KindInternal, Message: fmt.Sprintf("errcat answered %d, which is not in its answer table", id)}
}

// entryList turns entry ids into entries.
func entryList(ids []int) []Entry {
	all := catalog()
	out := make([]Entry, 0, len(ids))
	for _, id := range ids {
		out = append(out, all[id])
	}
	return out
}
