//! Arbitrary bytes as the `payload` JSON of an interaction request → `interaction::route` (and as
//! an Events API body → `interaction::event::route_event`), then
//! the builders the handlers call with the routed fields. See `fuzz_checks::check_route`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::check_route(data));
