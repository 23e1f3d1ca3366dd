//! `route_event` on arbitrary bytes and the Home tab it leads to.

use serde_json::Value;
use slack_connector_core::blocks::leave::view_to_value;
use slack_connector_core::blocks::leave::{home_view, HomeInput};
use slack_connector_core::interaction::event::{
    route_event, EventRoute, EVENT_RULES, MAX_CHALLENGE_CHARS, MAX_EVENT_ID_CHARS,
    MAX_EXECUTION_ID_CHARS, MAX_SHARED_LINKS,
};
use slack_connector_core::interaction::steps::STEPS;
use slack_connector_core::interaction::MAX_PAYLOAD_BYTES;
use slack_connector_core::limits;

use crate::en;

/// `route_event` on arbitrary bytes: never panics, errors bounded, routed fields within their
/// limits; an `app_home_opened` user's Home tab (their id as a mention in every list, at sizes
/// past every cap) builds within Slack's 100 blocks.
pub fn check_event(data: &[u8]) {
    let routed = match route_event(data) {
        Ok(r) => r,
        Err(e) => {
            let n = e.to_string().chars().count();
            assert!(n <= 1_000, "{n}-char {} error", e.reason());
            return;
        }
    };
    assert!(data.len() <= MAX_PAYLOAD_BYTES);
    let value = routed.to_value();
    assert_eq!(
        value.get("handler").and_then(Value::as_str),
        Some(routed.handler())
    );
    match routed {
        EventRoute::UrlVerification { challenge } => {
            let n = challenge.chars().count();
            assert!(n > 0 && n <= MAX_CHALLENGE_CHARS);
        }
        EventRoute::LinkShared { event_id, urls, .. } => {
            let n = event_id.chars().count();
            assert!(n > 0 && n <= MAX_EVENT_ID_CHARS);
            assert!(urls.len() <= MAX_SHARED_LINKS);
        }
        EventRoute::FunctionExecuted {
            event_id,
            execution_id,
            step,
            ..
        } => {
            assert!(event_id.chars().count() <= MAX_EVENT_ID_CHARS);
            let n = execution_id.chars().count();
            assert!(n > 0 && n <= MAX_EXECUTION_ID_CHARS);
            assert!(STEPS.iter().any(|s| std::ptr::eq(s, step)));
        }
        EventRoute::AppHomeOpened {
            event_id,
            user_id,
            tab,
        } => {
            let n = event_id.chars().count();
            assert!(n > 0 && n <= MAX_EVENT_ID_CHARS);
            assert!(tab == "home" || tab == "messages");
            assert!(EVENT_RULES
                .iter()
                .any(|r| r.event_type == "app_home_opened"));
            let id = user_id.as_str();
            let waiting: Vec<Value> = (0..60)
                .map(|i| {
                    serde_json::json!({
                        "leave_application": format!("HR-LAP-{i}"), "requester_name": id,
                        "requester_slack_id": id, "leave_type": id,
                        "from_date": "2026-12-04", "to_date": "2026-12-04"})
                })
                .collect();
            let mine: Vec<Value> = (0..30)
                .map(|i| {
                    serde_json::json!({
                        "leave_application": format!("HR-LAP-{i}"), "leave_type": id,
                        "from_date": "2026-12-04", "to_date": "2026-12-05", "status": "Open",
                        "approver_name": id, "offer": "withdraw"})
                })
                .collect();
            let input = serde_json::json!({
                "kind": "employee",
                "balances": (0..30).map(|_| serde_json::json!({"leave_type": id, "days_left": 1.5})).collect::<Vec<_>>(),
                "my_leave": mine,
                "out": (0..40).map(|_| serde_json::json!({"employee_name": id, "slack_id": id,
                    "from_date": "2026-12-04", "to_date": "2026-12-04"})).collect::<Vec<_>>(),
                "waiting": waiting, "waiting_total": 500,
            });
            let input: HomeInput = match serde_json::from_value(input) {
                Ok(i) => i,
                Err(e) => panic!("home input does not load: {e}"),
            };
            let view = match home_view(&input, &en().home) {
                Ok(v) => v,
                Err(e) => panic!("home view does not build: {e}"),
            };
            let json = match view_to_value(&view) {
                Ok(v) => v,
                Err(e) => panic!("home view does not serialise: {e}"),
            };
            let blocks = json
                .get("blocks")
                .and_then(Value::as_array)
                .map(Vec::len)
                .unwrap_or(0);
            assert!(blocks <= limits::BLOCKS_PER_HOME, "{blocks} blocks");
        }
    }
}
