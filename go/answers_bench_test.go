package errcat

import (
	"strings"
	"testing"
)

// BenchmarkAnswerTableLoad is what the first call of a process pays once: the library's table text, the entries
// converted from the generated data and the maps built from both (`make bench-go` prints it).
func BenchmarkAnswerTableLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		buildCatalog()
		if t := loadTable(answerTableText()); t.err != nil {
			b.Fatal(t.err)
		}
	}
}

// The first call for each answer: every iteration loads a fresh table (and fills a fresh map[string]Entry /
// map[int]Entry with the same answers, for the baseline), evicts the CPU caches, then times one pass over every
// key, each asked for the first time since its table was built. ns/op is per pass (356 codes, 131 numbers);
// `make bench-go` runs these with a fixed -benchtime=NNNx and prints the ratios (bench/go/ratio.awk).

// firstPass is the state of one pass: the probes (copies of the keys, as request strings are) and the maps.
type firstPass struct {
	codes   []string
	numbers []int
	byCode  map[string]Entry
	byNum   map[int]Entry
}

var evict = make([]byte, 32<<20)

func newPass(b *testing.B) firstPass {
	b.StopTimer()
	t := loadTable(answerTableText())
	if t.err != nil {
		b.Fatal(t.err)
	}
	answers()       // the process's table is loaded (once) ...
	loaded.Store(t) // ... and replaced by a fresh one: nothing of it has been read yet
	p := firstPass{byCode: map[string]Entry{}, byNum: map[int]Entry{}}
	for code, e := range t.lookup {
		p.codes = append(p.codes, strings.Clone(code))
		p.byCode[code] = *e
	}
	for n, e := range t.status {
		if e != nil {
			p.numbers = append(p.numbers, n)
			p.byNum[n] = *e
		}
	}
	for i := range evict {
		evict[i]++
	}
	b.StartTimer()
	return p
}

var firstSink int

func BenchmarkFirstLookups(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := newPass(b)
		for _, code := range p.codes {
			e, _ := Lookup(code)
			firstSink += e.ID
		}
	}
}

func BenchmarkFirstLookupsMap(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := newPass(b)
		for _, code := range p.codes {
			firstSink += p.byCode[code].ID
		}
	}
}

func BenchmarkFirstStatuses(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := newPass(b)
		for _, n := range p.numbers {
			e, _ := Status(n)
			firstSink += e.ID
		}
	}
}

func BenchmarkFirstStatusesMap(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := newPass(b)
		for _, n := range p.numbers {
			firstSink += p.byNum[n].ID
		}
	}
}
