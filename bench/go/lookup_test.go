// Package bench compares the errcat Go module with a Go map over the same keys. `make bench-go` runs it and
// prints the ratios (ratio.awk, medians over -count runs).
//
// Lookup and Status call errcat with every catalogued code and number: each is answered from the answer table the
// library hands over once per process (before the timer starts), the first call for a key like every other.
// LookupCrossing and StatusCrossing spell the reporter or version in a way the table does not list (" arklet ",
// "V3.5.0"), so every call crosses into the C library: what a miss costs. The map baselines (LookupMap,
// StatusMap) index a map[string]Entry / map[int]Entry filled with the same answers. The probes are copies of the
// keys, as a service's request strings are: neither errcat's maps nor the baseline's hold those very strings (a map
// whose keys are the probes themselves compares pointers, not bytes).
package bench

import (
	"strings"
	"testing"
	"time"

	"errcat.dev/errcat"
)

type keys struct {
	codes   []string
	numbers []int
	byCode  map[string]errcat.Entry
	byNum   map[int]errcat.Entry
}

// load takes the keys from the catalog itself: every Koupleless code that resolves and every status number.
func load(b *testing.B) keys {
	all, err := errcat.Entries(errcat.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	k := keys{byCode: map[string]errcat.Entry{}, byNum: map[int]errcat.Entry{}}
	for _, e := range all {
		if e.Koupleless != nil {
			if r, err := errcat.Lookup(e.Code); err == nil {
				k.codes = append(k.codes, strings.Clone(r.Code))
				k.byCode[r.Code] = r
			}
		} else if _, seen := k.byNum[e.Blobstore.Code]; !seen {
			if r, err := errcat.Status(e.Blobstore.Code); err == nil {
				k.numbers = append(k.numbers, e.Blobstore.Code)
				k.byNum[e.Blobstore.Code] = r
			}
		}
	}
	return k
}

var sink int

func BenchmarkLookup(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _ := errcat.Lookup(k.codes[i%len(k.codes)])
		sink += e.ID
	}
}

func BenchmarkLookupCrossing(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _ := errcat.Lookup(k.codes[i%len(k.codes)], errcat.WithReporter(" "))
		sink += e.ID
	}
}

func BenchmarkLookupMap(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += k.byCode[k.codes[i%len(k.codes)]].ID
	}
}

func BenchmarkStatus(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _ := errcat.Status(k.numbers[i%len(k.numbers)])
		sink += e.ID
	}
}

func BenchmarkStatusCrossing(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _ := errcat.Status(k.numbers[i%len(k.numbers)], errcat.WithVersion(" master "))
		sink += e.ID
	}
}

func BenchmarkStatusMap(b *testing.B) {
	k := load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += k.byNum[k.numbers[i%len(k.numbers)]].ID
	}
}

// The Paired benchmarks measure errcat and the map in alternating blocks of calls over the same keys, so both see
// the same machine load (the separate benchmarks above run seconds apart, and on a shared machine the load moves
// in between). Each reports errcat's and the map's ns per call and their ratio; its own ns/op is both together.
// The loops are written out (no closure call per key, which would add the same time to both sides).
const block = 512

func report(b *testing.B, te, tm time.Duration, calls int) {
	b.ReportMetric(float64(te)/float64(calls), "errcat-ns/call")
	b.ReportMetric(float64(tm)/float64(calls), "map-ns/call")
	b.ReportMetric(float64(te)/float64(tm), "ratio")
}

func BenchmarkLookupPaired(b *testing.B) {
	k := load(b)
	var te, tm time.Duration
	calls := 0
	b.ResetTimer()
	for done := 0; done < b.N; done += 2 * block {
		t0 := time.Now()
		for i := done; i < done+block; i++ {
			e, _ := errcat.Lookup(k.codes[i%len(k.codes)])
			sink += e.ID
		}
		t1 := time.Now()
		for i := done; i < done+block; i++ {
			sink += k.byCode[k.codes[i%len(k.codes)]].ID
		}
		te, tm, calls = te+t1.Sub(t0), tm+time.Since(t1), calls+block
	}
	report(b, te, tm, calls)
}

func BenchmarkStatusPaired(b *testing.B) {
	k := load(b)
	var te, tm time.Duration
	calls := 0
	b.ResetTimer()
	for done := 0; done < b.N; done += 2 * block {
		t0 := time.Now()
		for i := done; i < done+block; i++ {
			e, _ := errcat.Status(k.numbers[i%len(k.numbers)])
			sink += e.ID
		}
		t1 := time.Now()
		for i := done; i < done+block; i++ {
			sink += k.byNum[k.numbers[i%len(k.numbers)]].ID
		}
		te, tm, calls = te+t1.Sub(t0), tm+time.Since(t1), calls+block
	}
	report(b, te, tm, calls)
}
