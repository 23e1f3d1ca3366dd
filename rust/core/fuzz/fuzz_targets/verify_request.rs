//! Arbitrary secret / timestamp / signature / body → `signature::verify_request`, with an exact
//! oracle for acceptance. Input layout: see `fuzz_checks::check_verify`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::check_verify(data));
