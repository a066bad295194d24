#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| errcat_fuzz::terminal_safe::run(data));
