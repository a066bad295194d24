package errcat

import (
	"sync"
	"testing"
)

// Why resultCache and not sync.Map: the same hot keys through both (every resolvable default code; every status
// number at the default version), one goroutine and GOMAXPROCS goroutines. sync.Map takes its key as an `any`,
// so a struct key is boxed (an allocation) on every Load, and the value comes back as an interface to unbox.
//
//	go test -run '^$' -bench CacheImpl -benchmem -count 6 .

type syncMapCache[K comparable] struct{ m sync.Map }

func (c *syncMapCache[K]) get(k K) *Entry {
	v, _ := c.m.Load(k)
	e, _ := v.(*Entry)
	return e
}

func (c *syncMapCache[K]) put(k K, e Entry) { c.m.LoadOrStore(k, &e) }

// plainMap is the baseline: a map filled up front, no synchronisation (what a caller could keep itself).
type plainMap[K comparable] map[K]*Entry

func (m plainMap[K]) get(k K) *Entry   { return m[k] }
func (m plainMap[K]) put(k K, e Entry) { m[k] = &e }

type cacheImpl[K comparable] interface {
	get(K) *Entry
	put(K, Entry)
}

func hotKeys(b *testing.B) ([]string, []int) {
	var lk []string
	var sk []int
	seen := map[int]bool{}
	for _, e := range catalog() {
		if e.Koupleless != nil {
			if _, err := cLookup(e.Code, options{}); err == nil {
				lk = append(lk, e.Code)
			}
		} else if !seen[e.Blobstore.Code] {
			seen[e.Blobstore.Code] = true
			sk = append(sk, e.Blobstore.Code)
		}
	}
	if len(lk) == 0 || len(sk) == 0 {
		b.Fatal("no keys")
	}
	return lk, sk
}

func benchImpl[K comparable](b *testing.B, c cacheImpl[K], keys []K, fill func(K) Entry, parallel bool) {
	for _, k := range keys {
		c.put(k, fill(k))
		c.get(k)
	}
	if rc, ok := c.(interface{ getRecent(K) *Entry }); ok {
		for i := 0; i < 2*len(keys); i++ { // let the typed cache publish
			rc.getRecent(keys[i%len(keys)])
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	if parallel {
		b.RunParallel(func(pb *testing.PB) {
			i, sum := 0, 0
			for pb.Next() {
				sum += c.get(keys[i%len(keys)]).ID
				i++
			}
			benchSink.Add(int64(sum))
		})
		return
	}
	sum := 0
	for i := 0; i < b.N; i++ {
		sum += c.get(keys[i%len(keys)]).ID
	}
	benchSink.Add(int64(sum))
}

var benchSink syncCounter

type syncCounter struct {
	mu sync.Mutex
	n  int64
}

func (s *syncCounter) Add(n int64) { s.mu.Lock(); s.n += n; s.mu.Unlock() }

func BenchmarkCacheImpl(b *testing.B) {
	codes, numbers := hotKeys(b)
	var lk []lookupKey
	for _, c := range codes {
		lk = append(lk, lookupKey{c, "Arklet"})
	}
	var sk []statusKey
	for _, n := range numbers {
		sk = append(sk, statusKey{n, "master"})
	}
	lfill := func(code string) Entry { e, _ := cLookup(code, options{}); return e }
	sfill := func(n int) Entry { e, _ := cStatus(n, options{}); return e }
	lkfill := func(k lookupKey) Entry { return lfill(k.code) }
	skfill := func(k statusKey) Entry { return sfill(k.code) }
	for _, parallel := range []bool{false, true} {
		suffix := ""
		if parallel {
			suffix = "/parallel"
		}
		b.Run("Lookup/map"+suffix, func(b *testing.B) { benchImpl[string](b, plainMap[string]{}, codes, lfill, parallel) })
		b.Run("Status/map"+suffix, func(b *testing.B) { benchImpl[int](b, plainMap[int]{}, numbers, sfill, parallel) })
		b.Run("Lookup/typed"+suffix, func(b *testing.B) { benchImpl[string](b, &resultCache[string]{}, codes, lfill, parallel) })
		b.Run("Lookup/syncMap"+suffix, func(b *testing.B) { benchImpl[string](b, &syncMapCache[string]{}, codes, lfill, parallel) })
		b.Run("LookupReporter/typed"+suffix, func(b *testing.B) { benchImpl[lookupKey](b, &resultCache[lookupKey]{}, lk, lkfill, parallel) })
		b.Run("LookupReporter/syncMap"+suffix, func(b *testing.B) { benchImpl[lookupKey](b, &syncMapCache[lookupKey]{}, lk, lkfill, parallel) })
		b.Run("Status/typed"+suffix, func(b *testing.B) { benchImpl[int](b, &resultCache[int]{}, numbers, sfill, parallel) })
		b.Run("Status/syncMap"+suffix, func(b *testing.B) { benchImpl[int](b, &syncMapCache[int]{}, numbers, sfill, parallel) })
		b.Run("StatusVersion/typed"+suffix, func(b *testing.B) { benchImpl[statusKey](b, &resultCache[statusKey]{}, sk, skfill, parallel) })
		b.Run("StatusVersion/syncMap"+suffix, func(b *testing.B) { benchImpl[statusKey](b, &syncMapCache[statusKey]{}, sk, skfill, parallel) })
	}
}
