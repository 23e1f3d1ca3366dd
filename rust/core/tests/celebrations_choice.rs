//! The Home tab's birthdays and work anniversaries choice: the section says what the digests do
//! with the person's, and its button routes to `celebrations_choice` with what the click chooses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en};

use serde_json::{json, Value};
use slack_connector_core::blocks::leave::{home_view, view_to_json, HomeInput};
use slack_connector_core::interaction::{ids, route};
use slack_connector_core::words::Catalogue;

fn home(extra: Value, words: &Catalogue) -> Value {
    let mut input = json!({"kind": "employee", "my_leave": []});
    if let (Some(target), Some(more)) = (input.as_object_mut(), extra.as_object()) {
        target.extend(more.clone());
    }
    let input: HomeInput = serde_json::from_value(input).unwrap();
    serde_json::from_str(&view_to_json(&home_view(&input, &words.home).unwrap()).unwrap()).unwrap()
}

fn section(view: &Value) -> Option<Value> {
    view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == ids::CELEBRATIONS_ACTIONS_BLOCK)
        .cloned()
}

fn click(value: &Value) -> Value {
    let payload = json!({
        "type": "block_actions",
        "user": {"id": "U0JANE"},
        "actions": [{"action_id": ids::CELEBRATIONS_CHOICE,
                     "block_id": ids::CELEBRATIONS_ACTIONS_BLOCK, "value": value}],
    });
    route(payload.to_string().as_bytes()).unwrap().to_value()
}

#[test]
fn not_offered_without_a_choice() {
    assert!(section(&home(json!({}), en())).is_none());
}

#[test]
fn announced_offers_keep_out_and_kept_out_offers_announce() {
    for (opted_out, value, opt_out_after) in [(false, "out", true), (true, "in", false)] {
        let view = home(json!({"celebrations_opt_out": opted_out}), en());
        let block = section(&view).unwrap();
        let button = &block["accessory"];
        assert_eq!(button["action_id"], ids::CELEBRATIONS_CHOICE);
        assert_eq!(button["value"], value);
        let routed = click(&button["value"]);
        assert_eq!(routed["handler"], "celebrations_choice");
        assert_eq!(routed["user_id"], "U0JANE");
        assert_eq!(routed["opt_out"], opt_out_after);
    }
    let kept = home(json!({"celebrations_opt_out": true}), de());
    assert!(section(&kept).unwrap()["text"]["text"]
        .as_str()
        .unwrap()
        .contains("Slack"));
}

#[test]
fn any_other_value_is_a_payload_error() {
    let payload = json!({
        "type": "block_actions",
        "user": {"id": "U0JANE"},
        "actions": [{"action_id": ids::CELEBRATIONS_CHOICE,
                     "block_id": ids::CELEBRATIONS_ACTIONS_BLOCK, "value": "maybe"}],
    });
    assert!(route(payload.to_string().as_bytes()).is_err());
}
