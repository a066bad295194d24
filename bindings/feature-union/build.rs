// Cargo resolves the [build-dependencies] (the host crates' features) only for a package with a build script.
fn main() {}
