//go:build cgo && !errcat_system && !errcat_dev && !(linux && amd64)

package errcat

// A platform with no prebuilt library in this module: the header is found (so cgo runs), and the build then stops
// with one line naming what is supported instead of a linker error.

// #cgo CFLAGS: -I${SRCDIR}/internal/prebuilt
import "C"

var _ = errcat_has_a_prebuilt_library_only_for_linux_amd64_glibc_2_17_or_newer__on_this_platform_install_liberrcat_and_build_with_tags_errcat_system
