package errcat

// Option adjusts a call: WithReporter for two-level codes, WithVersion for status numbers. A nil Option is
// ignored.
type Option func(*options)

type options struct {
	reporter, version *string
}

// WithReporter resolves a two-level code inside this reporter's table (Arklet, modulecontroller, ...: case and
// surrounding whitespace are ignored; "" means no reporter).
func WithReporter(reporter string) Option {
	return func(o *options) { o.reporter = &reporter }
}

// WithVersion resolves a status number at this CubeFS version (v3.5.0, 3.5.0, MASTER; "" means the newest).
func WithVersion(version string) Option {
	return func(o *options) { o.version = &version }
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// SetCacheLimit used to bound a result cache; there is none any more: successful Lookup and Status answers come
// from the answer table the library hands over once, and every other call goes to the library. It does nothing
// and returns 0.
//
// Deprecated: the answer table has no limit to set.
func SetCacheLimit(n int) (previous int) { return 0 }
