//! Events API envelopes: each type routed, malformed and incomplete bodies and unknown events
//! refused with a typed error (its stable reason code), never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use slack_connector_core::interaction::event::{
    lookup_event, route_event, EventHandler, EventRoute, EVENT_RULES, MAX_CHALLENGE_CHARS,
    MAX_EVENT_ID_CHARS,
};
use slack_connector_core::interaction::{PayloadError, MAX_PAYLOAD_BYTES};
use slack_connector_core::slack_id::SlackUserId;

fn routed(v: &Value) -> Result<EventRoute, PayloadError> {
    route_event(serde_json::to_string(v).unwrap().as_bytes())
}

fn reason(v: &Value) -> &'static str {
    routed(v).unwrap_err().reason()
}

fn home_opened() -> Value {
    json!({
        "token": "x", "team_id": "T0TEST0001", "api_app_id": "A0APP00001",
        "type": "event_callback", "event_id": "Ev0123ABC", "event_time": 1764806400,
        "event": {"type": "app_home_opened", "user": "U0JANE0001", "channel": "D0JANE0001",
                  "tab": "home", "view": {"id": "V1", "type": "home", "blocks": []}},
        "authorizations": [{"team_id": "T0TEST0001", "user_id": "U0BOT", "is_bot": true}]
    })
}

#[test]
fn url_verification_gives_the_challenge() {
    let r = routed(&json!({"token": "x", "challenge": "3eZbrw1aB", "type": "url_verification"}))
        .unwrap();
    assert_eq!(
        r,
        EventRoute::UrlVerification {
            challenge: "3eZbrw1aB".into()
        }
    );
    assert_eq!(
        r.to_value(),
        json!({"handler": "url_verification", "challenge": "3eZbrw1aB"})
    );
}

#[test]
fn app_home_opened_is_routed_with_its_event_id_user_and_tab() {
    let r = routed(&home_opened()).unwrap();
    assert_eq!(
        r,
        EventRoute::AppHomeOpened {
            event_id: "Ev0123ABC".into(),
            user_id: SlackUserId::parse("U0JANE0001").unwrap(),
            tab: "home".into(),
        }
    );
    assert_eq!(r.handler(), "app_home_opened");
    let mut messages = home_opened();
    messages["event"]["tab"] = json!("messages");
    assert!(matches!(
        routed(&messages).unwrap(),
        EventRoute::AppHomeOpened { tab, .. } if tab == "messages"
    ));
    // No tab: Slack's older payloads; the Home tab.
    let mut no_tab = home_opened();
    no_tab["event"].as_object_mut().unwrap().remove("tab");
    assert!(matches!(
        routed(&no_tab).unwrap(),
        EventRoute::AppHomeOpened { tab, .. } if tab == "home"
    ));
}

#[test]
fn the_event_table_is_what_the_manifest_subscribes_to() {
    assert_eq!(EVENT_RULES.len(), 3);
    assert_eq!(
        lookup_event("app_home_opened"),
        Some(EventHandler::AppHomeOpened)
    );
    assert_eq!(lookup_event("link_shared"), Some(EventHandler::LinkShared));
    assert_eq!(
        lookup_event("function_executed"),
        Some(EventHandler::FunctionExecuted)
    );
    assert_eq!(lookup_event("message"), None);
    assert_eq!(lookup_event("APP_HOME_OPENED"), None);
}

#[test]
fn unknown_envelopes_and_events_are_typed_errors() {
    assert_eq!(reason(&json!({"type": "app_rate_limited"})), "unknown_type");
    let mut message = home_opened();
    message["event"] = json!({"type": "message", "user": "U0JANE0001", "text": "hi"});
    assert!(matches!(
        routed(&message),
        Err(PayloadError::UnknownEvent(t)) if t == "message"
    ));
    assert_eq!(reason(&message), "unknown_event");
}

#[test]
fn missing_fields_are_named() {
    let cases: [(&str, Value); 6] = [
        ("type", json!({"challenge": "x"})),
        ("challenge", json!({"type": "url_verification"})),
        ("event_id", {
            let mut v = home_opened();
            v.as_object_mut().unwrap().remove("event_id");
            v
        }),
        ("event", {
            let mut v = home_opened();
            v.as_object_mut().unwrap().remove("event");
            v
        }),
        ("event.type", {
            let mut v = home_opened();
            v["event"].as_object_mut().unwrap().remove("type");
            v
        }),
        ("event.user", {
            let mut v = home_opened();
            v["event"].as_object_mut().unwrap().remove("user");
            v
        }),
    ];
    for (field, body) in cases {
        assert_eq!(
            routed(&body),
            Err(PayloadError::MissingField(match field {
                "type" => "type",
                "challenge" => "challenge",
                "event_id" => "event_id",
                "event" => "event",
                "event.type" => "event.type",
                _ => "event.user",
            })),
            "{field}"
        );
    }
    // Blank counts as missing.
    assert_eq!(
        reason(&json!({"type": "url_verification", "challenge": ""})),
        "missing_field"
    );
}

#[test]
fn invalid_fields_are_refused() {
    let mut bad_user = home_opened();
    bad_user["event"]["user"] = json!("<!channel>");
    assert_eq!(reason(&bad_user), "invalid_field");
    let mut bad_tab = home_opened();
    bad_tab["event"]["tab"] = json!("about");
    assert_eq!(reason(&bad_tab), "invalid_field");
    let mut long_id = home_opened();
    long_id["event_id"] = json!("E".repeat(MAX_EVENT_ID_CHARS + 1));
    assert_eq!(reason(&long_id), "invalid_field");
    let long_challenge =
        json!({"type": "url_verification", "challenge": "c".repeat(MAX_CHALLENGE_CHARS + 1)});
    assert_eq!(reason(&long_challenge), "invalid_field");
    // A field of the wrong JSON kind is refused (as for interactions), not read as a default.
    assert_eq!(reason(&json!({"type": 7})), "invalid_field");
    let mut user_number = home_opened();
    user_number["event"]["user"] = json!(42);
    assert_eq!(reason(&user_number), "invalid_field");
}

#[test]
fn malformed_bodies_are_refused() {
    for body in [
        &b""[..],
        b"{",
        b"[]",
        b"\"url_verification\"",
        b"null",
        b"\xff\xfe",
    ] {
        assert_eq!(
            route_event(body).unwrap_err().reason(),
            "malformed_json",
            "{body:?}"
        );
    }
    let deep = "[".repeat(200) + &"]".repeat(200);
    let nested = format!(r#"{{"type":"url_verification","challenge":"x","x":{deep}}}"#);
    assert_eq!(
        route_event(nested.as_bytes()).unwrap_err().reason(),
        "malformed_json"
    );
    let huge = vec![b' '; MAX_PAYLOAD_BYTES + 1];
    assert_eq!(route_event(&huge).unwrap_err().reason(), "too_large");
}

fn step_executed(callback_id: &str, inputs: Value) -> Value {
    json!({
        "token": "x", "team_id": "T0TEST0001", "api_app_id": "A0APP00001",
        "type": "event_callback", "event_id": "Ev0STEP001", "event_time": 1764806400,
        "event": {"type": "function_executed",
                  "function": {"id": "Fn0001", "callback_id": callback_id, "title": "t",
                               "type": "app", "input_parameters": [], "output_parameters": []},
                  "inputs": inputs, "function_execution_id": "Fx0EXEC001",
                  "workflow_execution_id": "Wx0001", "event_ts": "1764806400.000100",
                  "bot_access_token": "xwfp-secret"}
    })
}

#[test]
fn a_step_is_routed_by_its_callback_id_with_its_inputs_read() {
    let v = step_executed(
        "request_leave",
        json!({"user": "U0JANE0001", "from_date": "2026-12-24", "to_date": "2026-12-24",
               "leave_type": "Casual Leave"}),
    );
    let route = routed(&v).unwrap();
    let value = route.to_value();
    assert_eq!(value["handler"], "function_executed");
    assert_eq!(value["step"], "request_leave");
    assert_eq!(value["execution_id"], "Fx0EXEC001");
    assert_eq!(value["event_id"], "Ev0STEP001");
    assert_eq!(value["token"], "xwfp-secret");
    assert_eq!(value["inputs"]["user_id"], "U0JANE0001");
    assert_eq!(value["invalid"], Value::Null);
    // The token never shows in a debug print (a log line).
    assert!(!format!("{route:?}").contains("xwfp-secret"));

    let bad = routed(&step_executed("who_is_out", json!({"date": "soon"}))).unwrap();
    assert_eq!(
        bad.to_value()["invalid"],
        json!({"field": "date", "reason": "not_a_date"})
    );
}

#[test]
fn a_step_without_what_completing_it_needs_is_refused() {
    assert_eq!(
        reason(&step_executed("order_pizza", json!({}))),
        "invalid_field"
    );
    let mut no_token = step_executed("who_is_out", json!({"date": "2026-12-24"}));
    no_token["event"]
        .as_object_mut()
        .unwrap()
        .remove("bot_access_token");
    assert_eq!(reason(&no_token), "missing_field");
    let mut no_execution = step_executed("who_is_out", json!({"date": "2026-12-24"}));
    no_execution["event"]["function_execution_id"] = json!("");
    assert_eq!(reason(&no_execution), "missing_field");
}
