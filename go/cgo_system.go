//go:build cgo && errcat_system

package errcat

// Linking with -tags errcat_system: an installed errcat (`make install PREFIX=...`, or the C tarball of
// `make dist`), flags from pkg-config (set PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig when PREFIX is not a system prefix).
// This is the build for platforms without a prebuilt library in this module.

// #cgo pkg-config: errcat
import "C"
