//go:build cgo && !errcat_system && !errcat_dev && linux && amd64

package errcat

// Linking, default build: the prebuilt static library carried inside this module (internal/prebuilt, made by
// `make go-prebuilt` from the same sources as the rest of the repository, linked for glibc 2.17 and stripped of
// debug info), so `go build` needs only Go and a C compiler: no Rust toolchain, no network. A Go binary carries
// errcat inside it (no .so to ship).
//
// Other builds:
//   -tags errcat_system  link an installed liberrcat found by pkg-config (cgo_system.go)
//   -tags errcat_dev     link the library built in this repository, ../target (cgo_dev.go; `make test-go`)

/*
#cgo CFLAGS: -I${SRCDIR}/internal/prebuilt
#cgo LDFLAGS: ${SRCDIR}/internal/prebuilt/liberrcat_linux_amd64.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
*/
import "C"

// Keeps internal/prebuilt (the library and its header) in `go mod vendor` copies.
import _ "errcat.dev/errcat/internal/prebuilt"
