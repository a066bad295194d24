package errcat

import (
	"strings"
	"sync"
	"sync/atomic"
)

// The result cache. Lookup and Status answer from a Go map when they have seen the same arguments before, so a
// hot path costs a map access instead of a cgo call (DESIGN.md, "Performance stance": the host side keeps what
// does not change after the first call).
//
// What it holds and what it does not:
//   - Only what the library returned for a call that succeeded, keyed by every argument of that call: the code
//     and the reporter option (given or not, as typed) for Lookup, the number and the version option for
//     Status. There is no catalog logic in Go: a key not in the cache always goes to the C library, and two
//     spellings that resolve alike ("v3.5.0" and "3.5.0") are two keys.
//   - Never an error: a failing call reaches the library every time, and its *Error is built fresh.
//   - Entries the caller cannot reach: a hit returns a copy of the cached Entry, so changing its fields does not
//     reach the cache; Entry.Koupleless / Entry.Blobstore point to the catalog data shared by every caller since
//     before the cache existed (read-only, see Entry).
//   - At most cacheLimit results in each of the four caches below. Adding one more empties that cache first, so a
//     flood of distinct (valid) arguments, e.g. case variants of a reporter name, costs a bounded amount of
//     memory and the hot keys come back after it. Key strings are cloned, so a code sliced out of a large buffer
//     does not keep it alive.
//
// Entries by catalog id need no cache of their own: every entry is converted once, into catalog (capi.go).
//
// Structure: a typed version of sync.Map's read-mostly design. Hits are an atomic load and a map access on a
// map that is never written after it is published. New results go into dirty (read's contents plus the new
// ones, under mu); after as many lookups have had to consult dirty as it has entries, dirty is published as the
// new read map. Copying read into a fresh dirty map is thus paid for by as many misses: O(1) per miss amortised.
// cache_bench_test.go compares it with sync.Map: on the bare string and int keys sync.Map's hits took 1.5-2.5x as
// long (an `any` key, a type assertion, no specialised map access); on the struct keys the two were within noise.

// DefaultCacheLimit is the number of results Lookup and Status each keep by default.
const DefaultCacheLimit = 1024

var cacheLimit atomic.Int64

func init() { cacheLimit.Store(DefaultCacheLimit) }

// SetCacheLimit sets how many results Lookup and Status each keep (n <= 0 turns the cache off), empties both
// caches and returns the previous limit. The default, DefaultCacheLimit, is far above the number of distinct
// codes a service sees (the catalog has a few hundred entries); the cache never changes an answer, only its cost.
func SetCacheLimit(n int) (previous int) {
	if n < 0 {
		n = 0
	}
	previous = int(cacheLimit.Swap(int64(n)))
	clearCaches()
	return previous
}

// The caches, one per function and option form: a call without options (the common case) is keyed by the bare
// code, so a hit is a string-keyed (or int-keyed) map access like the one a caller would write; a call with the
// option is keyed by both.
var (
	lookupCache    resultCache[string]    // Lookup(code)
	lookupRepCache resultCache[lookupKey] // Lookup(code, WithReporter(reporter))
	statusCache    resultCache[int]       // Status(code)
	statusVerCache resultCache[statusKey] // Status(code, WithVersion(version))
)

type lookupKey struct{ code, reporter string }

type statusKey struct {
	code    int
	version string
}

func clearCaches() {
	lookupCache.clear()
	lookupRepCache.clear()
	statusCache.clear()
	statusVerCache.clear()
}

func cachedLookup(code string, o options) *Entry {
	if !o.hasRep {
		return lookupCache.get(code)
	}
	return lookupRepCache.get(lookupKey{code, o.reporter})
}

// lookupMiss answers a Lookup that cachedLookup did not: from the results not yet published, else from the
// library (caching a success).
func lookupMiss(code string, o options) (Entry, error) {
	var e *Entry
	if !o.hasRep {
		e = lookupCache.getRecent(code)
	} else {
		e = lookupRepCache.getRecent(lookupKey{code, o.reporter})
	}
	if e != nil {
		return *e, nil
	}
	r, err := cLookup(code, o)
	if err != nil || cacheLimit.Load() <= 0 {
		return r, err
	}
	// The key strings are cloned: a code sliced out of a large buffer must not keep it alive.
	if !o.hasRep {
		lookupCache.put(strings.Clone(code), r)
	} else {
		lookupRepCache.put(lookupKey{strings.Clone(code), strings.Clone(o.reporter)}, r)
	}
	return r, nil
}

func cachedStatus(code int, o options) *Entry {
	if !o.hasVer {
		return statusCache.get(code)
	}
	return statusVerCache.get(statusKey{code, o.version})
}

func statusMiss(code int, o options) (Entry, error) {
	var e *Entry
	if !o.hasVer {
		e = statusCache.getRecent(code)
	} else {
		e = statusVerCache.getRecent(statusKey{code, o.version})
	}
	if e != nil {
		return *e, nil
	}
	r, err := cStatus(code, o)
	if err != nil || cacheLimit.Load() <= 0 {
		return r, err
	}
	if !o.hasVer {
		statusCache.put(code, r)
	} else {
		statusVerCache.put(statusKey{code, strings.Clone(o.version)}, r)
	}
	return r, nil
}

type resultCache[K comparable] struct {
	read    atomic.Pointer[map[K]*Entry] // published: never written again
	pending atomic.Bool                  // dirty holds entries read does not
	mu      sync.Mutex
	dirty   map[K]*Entry // under mu: nil, or read's entries plus the newer ones
	misses  int          // under mu: lookups that consulted dirty since read was published
}

// get returns the published result for k, nil if there is none (small enough to inline: this is the hit path).
// The Entry is shared: copy it, never modify it.
func (c *resultCache[K]) get(k K) *Entry {
	if m := c.read.Load(); m != nil {
		return (*m)[k]
	}
	return nil
}

// getRecent looks for k among the results not yet published, after get found nothing.
func (c *resultCache[K]) getRecent(k K) *Entry {
	if !c.pending.Load() {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dirty == nil { // published since get looked
		return mapOf(c.read.Load())[k]
	}
	e := c.dirty[k]
	if c.misses++; c.misses >= len(c.dirty) {
		c.publish()
	}
	return e
}

// put caches the result of a call that succeeded. The caller has cloned the strings of k.
func (c *resultCache[K]) put(k K, e Entry) {
	limit := int(cacheLimit.Load())
	if limit <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dirty == nil {
		read := c.read.Load()
		if read != nil {
			if _, ok := (*read)[k]; ok {
				return
			}
		}
		c.dirty = make(map[K]*Entry, len(mapOf(read))+1)
		for key, v := range mapOf(read) {
			c.dirty[key] = v
		}
	} else if _, ok := c.dirty[k]; ok {
		return
	}
	if len(c.dirty) >= limit {
		// Full: start again rather than evict one by one (a flood of distinct keys is the only way here).
		c.read.Store(nil)
		c.dirty = make(map[K]*Entry)
		c.misses = 0
	}
	stored := new(Entry) // here, not &e: e would escape, an allocation on every call, stored or not
	*stored = e
	c.dirty[k] = stored
	c.pending.Store(true)
}

// publish makes dirty the read map. Under mu.
func (c *resultCache[K]) publish() {
	m := c.dirty
	c.read.Store(&m)
	c.dirty, c.misses = nil, 0
	c.pending.Store(false)
}

func (c *resultCache[K]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.read.Store(nil)
	c.dirty, c.misses = nil, 0
	c.pending.Store(false)
}

// len returns the number of cached results (tests).
func (c *resultCache[K]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dirty != nil {
		return len(c.dirty)
	}
	return len(mapOf(c.read.Load()))
}

func mapOf[K comparable](m *map[K]*Entry) map[K]*Entry {
	if m == nil {
		return nil
	}
	return *m
}
