//! Property tests for the hostile-input surface: routing never panics on anything, signing and
//! verifying agree for any secret / body / timestamp in the window and disagree after any one-bit
//! change, and mrkdwn escaping never lets a control sequence through or cuts an entity.
//!
//! The cargo-fuzz targets in `rust/core/fuzz` search the same space by coverage; these run on
//! stable in every `cargo test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Map, Value};
use slack_connector_core::interaction::{ids, route, Route};
use slack_connector_core::mrkdwn::{escape, escape_truncate, truncate};
use slack_connector_core::signature::{verify_request, SignatureError, Verifier};

// ---------------------------------------------------------------------------------------------
// route: arbitrary bytes and JSON-ish structures built from the real keys
// ---------------------------------------------------------------------------------------------

const KEYS: &[&str] = &[
    "type",
    "actions",
    "view",
    "state",
    "values",
    "user",
    "id",
    "name",
    "username",
    "action_id",
    "block_id",
    "value",
    "callback_id",
    "hash",
    "private_metadata",
    "blocks",
    "container",
    "channel",
    "message",
    "ts",
    "message_ts",
    "channel_id",
    "view_id",
    "trigger_id",
    "response_url",
    "selected_date",
    "selected_option",
    "selected_options",
];

const STRINGS: &[&str] = &[
    "block_actions",
    "view_submission",
    "view_closed",
    "shortcut",
    ids::LEAVE_APPROVE,
    ids::LEAVE_REJECT,
    ids::LEAVE_ACTIONS_BLOCK,
    ids::HALF_DAY_ACTION,
    ids::IGNORE_PREFIX,
    ids::APPLY_LEAVE_CALLBACK,
    ids::START_DATE_BLOCK,
    ids::START_DATE_ACTION,
    ids::END_DATE_BLOCK,
    ids::END_DATE_ACTION,
    ids::LEAVE_TYPE_BLOCK,
    ids::LEAVE_TYPE_ACTION,
    ids::REASON_BLOCK,
    ids::REASON_ACTION,
    ids::HALF_DAY_DATE_BLOCK,
    ids::HALF_DAY_DATE_ACTION,
    ids::HALF_PERIOD_BLOCK,
    ids::HALF_PERIOD_ACTION,
    "first_half",
    "second_half",
    "half_day",
    "2026-12-04",
    "2026-12-07",
    "2026-02-29",
    "2026-13-01",
    "",
    "   ",
    "U0USER0001",
    "HR-LAP-2026-00042",
    "<!channel> & <@U1>",
];

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(STRINGS).prop_map(str::to_owned),
        1 => "\\PC{0,24}",
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        2 => proptest::sample::select(STRINGS).prop_map(str::to_owned),
        1 => "[a-z_]{0,12}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        json_string().prop_map(Value::String),
    ]
}

/// Any JSON value, objects keyed mostly by the real payload keys.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((json_key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// `{action_id: {value | selected_date | selected_option | selected_options}}` for one block.
fn state_block() -> impl Strategy<Value = Value> {
    let state_value = prop_oneof![
        json_string().prop_map(|s| serde_json::json!({"type": "plain_text_input", "value": s})),
        json_string().prop_map(|s| serde_json::json!({"type": "datepicker", "selected_date": s})),
        json_string().prop_map(
            |s| serde_json::json!({"type": "static_select", "selected_option": {"value": s}})
        ),
        proptest::collection::vec(json_string(), 0..3).prop_map(|v| {
            let opts: Vec<Value> = v
                .into_iter()
                .map(|s| serde_json::json!({"value": s}))
                .collect();
            serde_json::json!({"type": "checkboxes", "selected_options": opts})
        }),
        json_value(),
    ];
    (json_string(), state_value).prop_map(|(action, v)| {
        let mut m = Map::new();
        m.insert(action, v);
        Value::Object(m)
    })
}

/// A payload with the real skeleton (type, user, actions, view.state.values) whose parts are
/// drawn from the real ids, with arbitrary JSON mixed in at every level.
fn payload_shaped() -> impl Strategy<Value = Value> {
    let action = (
        json_string(),
        json_string(),
        json_string(),
        proptest::option::of(proptest::collection::vec(json_value(), 0..2)),
    )
        .prop_map(|(action_id, block_id, value, selected)| {
            let mut a = serde_json::json!({
                "action_id": action_id, "block_id": block_id, "value": value,
            });
            if let Some(sel) = selected {
                a["selected_options"] = Value::Array(sel);
            }
            a
        });
    let values = proptest::collection::btree_map(json_string(), state_block(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()));
    let view = (
        json_string(),
        proptest::option::of(json_string()),
        json_string(),
        values,
        proptest::collection::vec(json_string(), 0..4),
    )
        .prop_map(|(id, hash, callback_id, values, blocks)| {
            let blocks: Vec<Value> = blocks
                .into_iter()
                .map(|b| serde_json::json!({"type": "input", "block_id": b}))
                .collect();
            serde_json::json!({
                "id": id, "hash": hash, "callback_id": callback_id,
                "private_metadata": "{}", "state": {"values": values}, "blocks": blocks,
            })
        });
    (
        json_string(),
        json_string(),
        proptest::collection::vec(action, 0..3),
        proptest::option::of(view),
        proptest::collection::vec((json_key(), json_value()), 0..3),
    )
        .prop_map(|(kind, user, actions, view, extra)| {
            let mut p = serde_json::json!({
                "type": kind,
                "user": {"id": user, "name": "n"},
                "container": {"type": "view", "view_id": "V1", "channel_id": "C1"},
                "actions": actions,
            });
            if let Some(v) = view {
                p["view"] = v;
            }
            // Overwrite or add arbitrary members: wrong types wherever they land.
            for (k, v) in extra {
                p[k] = v;
            }
            p
        })
}

fn check_routed(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(r) = route(bytes) {
        let v = r.to_value();
        prop_assert_eq!(v["handler"].as_str(), Some(r.handler()));
        if let Route::LeaveDecision {
            leave_application, ..
        } = &r
        {
            prop_assert!(!leave_application.trim().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn route_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        check_routed(&bytes)?;
        // The same bytes behind a valid prefix reach the serde layer instead of the first check.
        let mut wrapped = b"{\"type\":\"block_actions\",\"actions\":".to_vec();
        wrapped.extend_from_slice(&bytes);
        check_routed(&wrapped)?;
    }

    #[test]
    fn route_never_panics_on_json(v in json_value()) {
        check_routed(serde_json::to_vec(&v).unwrap().as_slice())?;
    }

    #[test]
    fn route_never_panics_on_payload_shapes(p in payload_shaped()) {
        let compact = serde_json::to_vec(&p).unwrap();
        let pretty = serde_json::to_vec_pretty(&p).unwrap();
        check_routed(&compact)?;
        // Whitespace never changes the outcome (messages may differ in line/column only).
        let a = route(&compact);
        let b = route(&pretty);
        match (&a, &b) {
            (Ok(x), Ok(y)) => prop_assert_eq!(x, y),
            (Err(x), Err(y)) => prop_assert_eq!(x.reason(), y.reason()),
            _ => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// verify(sign(x)) == Ok, and one bit anywhere breaks it
// ---------------------------------------------------------------------------------------------

const TOLERANCE: u64 = 300;

fn secret() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{1,64}", "[ -~]{1,16}", any::<String>()]
        .prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..2048)
}

/// Timestamps as Slack sends them (whole seconds) over the whole range `parse_timestamp` takes.
fn timestamp() -> impl Strategy<Value = i64> {
    prop_oneof![
        1_500_000_000i64..2_100_000_000,
        0i64..999_999_999_999_999_999
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn sign_then_verify_is_ok_within_the_window(
        secret in secret(), body in body(), ts in timestamp(), skew in -300i64..=300,
    ) {
        let ts_s = ts.to_string();
        let v = Verifier::new(&secret, TOLERANCE).unwrap();
        let sig = v.sign(&ts_s, &body);
        prop_assert_eq!(
            verify_request(&secret, Some(&ts_s), Some(&sig), &body, ts + skew, TOLERANCE),
            Ok(())
        );
    }

    #[test]
    fn outside_the_window_is_stale_both_ways(
        secret in secret(), body in body(), ts in timestamp(), skew in 301i64..1_000_000, future in any::<bool>(),
    ) {
        let ts_s = ts.to_string();
        let sig = Verifier::new(&secret, TOLERANCE).unwrap().sign(&ts_s, &body);
        let now = if future { ts - skew } else { ts + skew };
        let r = verify_request(&secret, Some(&ts_s), Some(&sig), &body, now, TOLERANCE);
        prop_assert_eq!(r.map_err(|e| e.reason()), Err("stale_timestamp"));
    }

    #[test]
    fn one_bit_in_the_body_is_bad_signature(
        secret in secret(), body in proptest::collection::vec(any::<u8>(), 1..2048),
        ts in timestamp(), pos in any::<proptest::sample::Index>(), bit in 0u8..8,
    ) {
        let ts_s = ts.to_string();
        let v = Verifier::new(&secret, TOLERANCE).unwrap();
        let sig = v.sign(&ts_s, &body);
        let mut tampered = body.clone();
        tampered[pos.index(body.len())] ^= 1 << bit;
        prop_assert_eq!(
            v.verify(Some(&ts_s), Some(&sig), &tampered, ts),
            Err(SignatureError::BadSignature)
        );
    }

    #[test]
    fn one_bit_in_the_digest_is_bad_signature(
        secret in secret(), body in body(), ts in timestamp(), byte in 0usize..32, bit in 0u8..8,
    ) {
        let ts_s = ts.to_string();
        let v = Verifier::new(&secret, TOLERANCE).unwrap();
        let sig = v.sign(&ts_s, &body);
        let mut digest = hex::decode(&sig[3..]).unwrap();
        digest[byte] ^= 1 << bit;
        let forged = format!("v0={}", hex::encode(digest));
        prop_assert_eq!(
            v.verify(Some(&ts_s), Some(&forged), &body, ts),
            Err(SignatureError::BadSignature)
        );
    }

    #[test]
    fn one_bit_anywhere_in_the_header_is_rejected(
        secret in secret(), body in body(), ts in timestamp(), pos in 0usize..67, bit in 0u8..7,
    ) {
        // Flipping a bit of the header text (ASCII, so bits 0..7 keep it ASCII) gives either a
        // malformed header or a well-formed wrong digest: never Ok.
        let ts_s = ts.to_string();
        let v = Verifier::new(&secret, TOLERANCE).unwrap();
        let mut sig = v.sign(&ts_s, &body).into_bytes();
        sig[pos] ^= 1 << bit;
        let sig = String::from_utf8(sig).unwrap();
        let r = v.verify(Some(&ts_s), Some(&sig), &body, ts);
        let well_formed = sig.starts_with("v0=")
            && sig[3..].bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let expected = if well_formed { "bad_signature" } else { "malformed_signature" };
        prop_assert_eq!(r.map_err(|e| e.reason()), Err(expected));
    }

    #[test]
    fn a_different_secret_is_bad_signature(
        a in secret(), b in secret(), body in body(), ts in timestamp(),
    ) {
        prop_assume!(a != b);
        let ts_s = ts.to_string();
        let sig = Verifier::new(&a, TOLERANCE).unwrap().sign(&ts_s, &body);
        prop_assert_eq!(
            verify_request(&b, Some(&ts_s), Some(&sig), &body, ts, TOLERANCE),
            Err(SignatureError::BadSignature)
        );
    }

    #[test]
    fn blank_secrets_are_refused(ws in "[ \t\r\n\u{a0}\u{2003}]{0,8}", body in body()) {
        let r = verify_request(&ws, Some("1"), Some("v0="), &body, 1, TOLERANCE);
        prop_assert_eq!(r, Err(SignatureError::NoSecret));
    }
}

// ---------------------------------------------------------------------------------------------
// mrkdwn escaping and truncation
// ---------------------------------------------------------------------------------------------

const ENTITIES: [&str; 3] = ["&amp;", "&lt;", "&gt;"];

/// No `<` or `>`, and every `&` starts one of the three entities `escape` writes.
fn assert_safe(s: &str) -> Result<(), TestCaseError> {
    prop_assert!(!s.contains(['<', '>']), "{s:?}");
    for (i, _) in s.match_indices('&') {
        prop_assert!(
            ENTITIES.iter().any(|e| s[i..].starts_with(e)),
            "bare & at {i} in {s:?}"
        );
    }
    Ok(())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[&<>a;lmpgt#@!|…é🎉 ]{0,80}",
        "(&amp;|&lt;|&gt;|<!channel>|<@U1>|&|<|>|x|…){0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn escape_is_safe_and_reversible(s in text()) {
        let e = escape(&s);
        assert_safe(&e)?;
        prop_assert_eq!(unescape(&e), s);
    }

    #[test]
    fn escape_truncate_fits_and_never_splits_an_entity(s in text(), max in 0usize..120) {
        let out = escape_truncate(&s, max);
        prop_assert!(out.chars().count() <= max, "{} > {max}", out.chars().count());
        assert_safe(&out)?;
        let full = escape(&s);
        if out != full {
            // Cut: the kept part is the escaping of a prefix of the input (whole entities only),
            // followed by the ellipsis (none when the limit is 0).
            let kept = out.strip_suffix('…').unwrap_or(&out);
            prop_assert!(max == 0 || out.ends_with('…'));
            let original = unescape(kept);
            prop_assert!(s.starts_with(&original), "{kept:?} is not from {s:?}");
            prop_assert_eq!(escape(&original), kept);
        }
    }

    #[test]
    fn truncate_fits_and_keeps_a_prefix(s in text(), max in 0usize..120) {
        let out = truncate(&s, max);
        prop_assert!(out.chars().count() <= max);
        if out != s {
            let kept = out.strip_suffix('…').unwrap_or(&out);
            prop_assert!(s.starts_with(kept));
        }
    }
}
