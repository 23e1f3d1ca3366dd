//! Socket Mode frames, property-tested: reading any bytes never panics; an envelope's id comes
//! back in its ack whatever it holds; an interactive envelope is routed exactly as the HTTP
//! route's payload (same table, same errors), whatever the payload.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use serde_json::{json, Value};
use slack_connector_core::interaction::route;
use slack_connector_core::socket_mode::{ack, parse_frame, Body, Frame, MAX_ENVELOPE_ID_CHARS};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z_]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("block_actions"),
            Just("view_submission"),
            Just("leave_approve"),
            Just("leave_actions_block"),
            Just("U0BOSS0001"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("actions".to_owned()),
                    Just("user".to_owned()),
                    Just("id".to_owned()),
                    Just("action_id".to_owned()),
                    Just("block_id".to_owned()),
                    Just("value".to_owned()),
                    Just("view".to_owned()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_bytes_are_read_or_refused_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_frame(&bytes);
    }

    #[test]
    fn the_ack_echoes_any_envelope_id(id in "\\PC{1,40}", accepts in any::<bool>()) {
        let frame = json!({"envelope_id": id, "type": "events_api", "payload": {"event": {"type": "x"}}});
        let Frame::Envelope(env) = parse_frame(frame.to_string().as_bytes()).unwrap() else {
            panic!("not an envelope");
        };
        prop_assert_eq!(&env.envelope_id, &id);
        let text = ack(&env.envelope_id, accepts, 200, b"").unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, json!({"envelope_id": id}));
    }

    #[test]
    fn an_interactive_envelope_is_routed_as_the_http_payload(payload in json_value()) {
        let frame = json!({"envelope_id": "e", "type": "interactive", "payload": payload});
        let Frame::Envelope(env) = parse_frame(frame.to_string().as_bytes()).unwrap() else {
            panic!("not an envelope");
        };
        if payload.is_null() {
            // `"payload": null` is no payload at all (HTTP: a form without the field).
            prop_assert_eq!(env.body.handler(), "invalid");
            return Ok(());
        }
        let http = route(payload.to_string().as_bytes());
        match (env.body, http) {
            (Body::Interaction { route }, Ok(expected)) => prop_assert_eq!(route, expected),
            (Body::Invalid { error }, Err(expected)) => prop_assert_eq!(error.reason(), expected.reason()),
            (body, http) => prop_assert!(false, "socket {body:?} vs http {http:?}"),
        }
    }
}

#[test]
fn an_envelope_id_over_the_limit_is_refused_at_both_ends() {
    let id = "e".repeat(MAX_ENVELOPE_ID_CHARS + 1);
    let frame = json!({"envelope_id": id, "type": "interactive", "payload": {}});
    assert_eq!(
        parse_frame(frame.to_string().as_bytes())
            .unwrap_err()
            .reason(),
        "invalid_field"
    );
    assert_eq!(
        ack(&id, false, 200, b"").unwrap_err().reason(),
        "bad_envelope_id"
    );
}
