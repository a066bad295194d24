//go:build !cgo

package errcat

// errcat is a cgo package: without cgo the build stops here with one line instead of a list of undefined names.

var _ = errcat_needs_cgo__set_CGO_ENABLED_1_and_install_a_C_compiler__prebuilt_library_for_linux_amd64_glibc_2_17_or_newer
