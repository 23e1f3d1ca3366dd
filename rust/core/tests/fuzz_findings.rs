//! Regression tests for what the fuzzing work (rust/core/fuzz, docs/SECURITY.md) found; one test
//! per finding, named after it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use slack_connector_core::interaction::{route, Route};

fn submission_with(block: &str, action: &str, date: &str) -> Vec<u8> {
    let mut values = json!({
        "start_date": {"start_date_picker": {"type": "datepicker", "selected_date": "2026-12-04"}},
        "end_date": {"end_date_picker": {"type": "datepicker", "selected_date": "2026-12-07"}},
        "leave_type": {"leave_type_select": {"type": "static_select", "selected_option": {"value": "Casual Leave"}}},
        "reason": {"reason_input": {"type": "plain_text_input", "value": "Family trip"}},
        "half_day_checkbox": {"half_day_checkbox": {"type": "checkboxes", "selected_options": [{"value": "half_day"}]}},
        "half_day_date": {"half_day_date_picker": {"type": "datepicker", "selected_date": "2026-12-05"}},
    });
    values[block][action]["selected_date"] = Value::String(date.to_owned());
    serde_json::to_vec(&json!({
        "type": "view_submission",
        "user": {"id": "U777REQ"},
        "view": {"id": "V1", "hash": "h", "callback_id": "apply_leave_application", "state": {"values": values}},
    }))
    .unwrap()
}

/// Finding 1: `selected_date` was parsed with chrono's `%Y-%m-%d`, which also takes signed and
/// five-digit years, year 0, one-digit months/days and leading spaces. `+10000-01-01` or
/// `-0001-01-01` routed as a valid leave form and reached the ERP (Python's `date` cannot hold
/// them) or a rebuilt modal's `initial_date` (Slack rejects it). Now only `YYYY-MM-DD` with a year
/// 0001..=9999 is a date; anything else is `invalid_field` like any other malformed date.
#[test]
fn lenient_datepicker_dates_are_invalid_field() {
    let blocks = [
        ("start_date", "start_date_picker"),
        ("end_date", "end_date_picker"),
        ("half_day_date", "half_day_date_picker"),
    ];
    for bad in [
        "+10000-01-01",
        "-0001-01-01",
        "+2026-12-04",
        "0000-01-01",
        " 2026-12-04",
        "2026-1-4",
        "2026- 1-04",
        "2026-12- 4",
    ] {
        for (block, action) in blocks {
            let e = route(&submission_with(block, action, bad)).unwrap_err();
            assert_eq!(e.reason(), "invalid_field", "{bad:?} in {block}");
            assert!(e.to_string().contains(block), "{e}");
        }
    }
    // The edges of the accepted range still route.
    for good in ["0001-01-01", "9999-12-31", "2024-02-29"] {
        let r = route(&submission_with(
            "half_day_date",
            "half_day_date_picker",
            good,
        ))
        .unwrap();
        assert!(matches!(r, Route::LeaveSubmission { .. }), "{good}");
    }
}

/// Finding 2: serde's "invalid type" errors quote the offending value in full, and that message
/// became the `PayloadError` text that the interaction route writes to the Error Log: a signed
/// payload with a 2 MiB string where an object belongs made a 2 MiB Error Log. Serde messages are
/// now cut to `MAX_ERROR_DETAIL_CHARS`; every `PayloadError` message stays small.
#[test]
fn payload_error_messages_are_bounded() {
    use slack_connector_core::interaction::{MAX_ERROR_DETAIL_CHARS, MAX_PAYLOAD_BYTES};
    let big = "A".repeat(MAX_PAYLOAD_BYTES / 2 - 100);
    for payload in [
        format!(r#"{{"type":"block_actions","user":"{big}"}}"#),
        format!(
            r#"{{"type":"block_actions","actions":[{{"action_id":"leave_approve","value":["{big}"]}}]}}"#
        ),
        format!(r#"{{"type":"view_submission","view":{{"state":{{"values":{{"b":"{big}"}}}}}}}}"#),
        format!(r#"{{"type":"x","{big}":tru}}"#),
        format!(r#"{{"type":"{big}"}}"#),
        format!(
            r#"{{"type":"block_actions","actions":[{{"action_id":"{big}","block_id":"{big}"}}]}}"#
        ),
    ] {
        assert!(payload.len() <= MAX_PAYLOAD_BYTES);
        let e = route(payload.as_bytes()).unwrap_err();
        let n = e.to_string().chars().count();
        // The detail plus the fixed wording and a field path.
        assert!(
            n <= MAX_ERROR_DETAIL_CHARS + 600,
            "{} chars: {}",
            n,
            e.reason()
        );
    }
}
