//! Gives liberrcat.so the soname `liberrcat.so.0`, the name `make install` installs it under (with the
//! `liberrcat.so` development symlink), so programs linked with `-lerrcat` record the major version.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liberrcat.so.0");
    }
}
