package errcat

// Linking. By default the package links the static library built in this repository
// (`make c-lib` → target/release/liberrcat.a) and its header include/errcat.h, so `go test ./...` in go/ works
// after one cargo build and the Go binary carries errcat inside it (no .so to ship).
//
// To link an installed errcat instead (`make install PREFIX=...`), build with `-tags errcat_system`; the flags
// then come from pkg-config (set PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig when PREFIX is not a system prefix).

/*
#cgo !errcat_system CFLAGS: -I${SRCDIR}/../include
#cgo !errcat_system LDFLAGS: ${SRCDIR}/../target/release/liberrcat.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
#cgo errcat_system pkg-config: errcat
*/
import "C"
