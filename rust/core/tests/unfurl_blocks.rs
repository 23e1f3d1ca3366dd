//! Link preview cards (`chat.unfurl`): golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test`), the buttons only with choices, the map's bounds.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::blocks::leave::{leave_unfurls, UnfurlCard};
use slack_connector_core::interaction::ids;
use slack_connector_core::words::Catalogue;

const URL: &str = "https://hr.example.com/app/leave-application/HR-LAP-2026-00042";

fn card(status: &str, choices: Option<Value>) -> UnfurlCard {
    serde_json::from_value(json!({
        "url": URL,
        "status": status,
        "choices": choices,
        "details": {
            "leave_application": "HR-LAP-2026-00042",
            "form_url": URL,
            "requester_name": "Bob Builder",
            "requester_slack_id": "U777REQ",
            "leave_type": "Casual Leave",
            "from_date": "2026-12-04",
            "to_date": "2026-12-07",
            "total_days": 3.5,
            "half_day": true,
            "half_day_date": "2026-12-07",
            "half_period": "Second Half",
            "reason": "Family trip & a <b>wedding</b>"
        }
    }))
    .unwrap()
}

fn body(cards: &[UnfurlCard], words: &Catalogue) -> Value {
    serde_json::from_str(&leave_unfurls(cards, &words.leave_messages, &words.unfurl).unwrap())
        .unwrap()
}

fn action_ids(blocks: &Value) -> Vec<String> {
    blocks
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().unwrap().clone())
        .map(|e| e["action_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn golden_unfurls() {
    golden(
        "unfurl_leave_reader",
        &body(&[card("Approved", None)], en()),
    );
    golden(
        "unfurl_leave_approver",
        &body(&[card("Open", Some(json!({})))], en()),
    );
    golden(
        "unfurl_leave_approver_de",
        &body(&[card("Open", Some(json!({})))], de()),
    );
}

#[test]
fn the_approver_gets_the_dm_buttons_a_reader_none() {
    let approver = body(&[card("Open", Some(json!({})))], en());
    let blocks = &approver["unfurls"][URL]["blocks"];
    assert_eq!(action_ids(blocks), [ids::LEAVE_APPROVE, ids::LEAVE_REJECT]);
    let reader = body(&[card("Open", None)], en());
    assert!(action_ids(&reader["unfurls"][URL]["blocks"]).is_empty());
    let approve_only = body(
        &[card(
            "Open",
            Some(json!({"decisions": ["approve"], "workflow_state": "Pending"})),
        )],
        en(),
    );
    assert_eq!(
        action_ids(&approve_only["unfurls"][URL]["blocks"]),
        [ids::LEAVE_APPROVE]
    );
}

#[test]
fn one_card_per_url_and_at_most_five() {
    let mut cards: Vec<UnfurlCard> = (0..8)
        .map(|i| {
            let mut c = card("Open", None);
            c.url = format!("{URL}{i}");
            c
        })
        .collect();
    cards.push(card("Rejected", None));
    cards.push(card("Approved", None));
    let value = body(&cards, en());
    assert_eq!(value["unfurls"].as_object().unwrap().len(), 5);
    let value = body(&[card("Rejected", None), card("Approved", None)], en());
    let text = value["unfurls"][URL]["blocks"].to_string();
    assert!(text.contains("Rejected") && !text.contains("*Approved*"));
}

#[test]
fn an_unknown_status_is_shown_escaped() {
    let value = body(&[card("<Odd>", None)], en());
    let text = value["unfurls"][URL]["blocks"].to_string();
    assert!(text.contains("&lt;Odd&gt;"));
}
