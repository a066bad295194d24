//! uniffi's bindings generator, pinned to the uniffi version of this crate (library mode: it reads the interface
//! from the built `liberrcat_uniffi.so`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
