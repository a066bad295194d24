package errcat

// Option adjusts a Lookup, Status or ServiceOf call.
type Option func(*options)

type options struct {
	reporter string
	hasRep   bool
	version  string
	hasVer   bool
}

// WithReporter resolves a two-level code inside this reporter's table (Arklet, ModuleController,
// KouplelessBoard; case-insensitive).
func WithReporter(reporter string) Option {
	return func(o *options) { o.reporter, o.hasRep = reporter, true }
}

// WithVersion resolves a status number at this CubeFS version (v3.5.0, 3.5.0, master); the default is the newest.
func WithVersion(version string) Option {
	return func(o *options) { o.version, o.hasVer = version, true }
}

func collect(opts []Option) options {
	if len(opts) == 0 {
		return options{} // no allocation on the common path (o escapes once an Option is called)
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}
