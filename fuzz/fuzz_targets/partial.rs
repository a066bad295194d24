#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| errcat_fuzz::partial::run(data));
