//! The approver's daily reminder: golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test reminder_blocks`), escaping and Slack's limits.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::blocks::leave::{
    approver_reminder, BuildError, ReminderInput, MAX_REMINDER_ITEMS,
};
use slack_connector_core::limits;
use slack_connector_core::words::Catalogue;

const LIST_URL: &str =
    "https://hr.example.com/app/leave-application?status=Open&leave_approver=boss@example.com";

fn leave(n: usize, from: &str, to: &str, days: f64) -> Value {
    json!({
        "leave_application": format!("HR-LAP-2026-{n:05}"),
        "form_url": format!("https://hr.example.com/app/leave-application/HR-LAP-2026-{n:05}"),
        "requester_name": format!("Person {n}"),
        "requester_slack_id": "U777REQ",
        "leave_type": "Casual Leave",
        "posting_date": "2026-11-30",
        "from_date": from,
        "to_date": to,
        "total_days": days,
        "half_day": false,
        "reason": "not shown in the reminder"
    })
}

fn input(items: Value) -> ReminderInput {
    serde_json::from_value(json!({"items": items, "list_url": LIST_URL})).unwrap()
}

fn build(i: &ReminderInput, words: &Catalogue) -> Value {
    approver_reminder(i, &words.reminder, &words.leave_messages)
        .unwrap()
        .to_value()
        .unwrap()
}

fn typical() -> ReminderInput {
    input(json!([
        {"leave": leave(41, "2026-12-07", "2026-12-07", 1.0)},
        {"leave": leave(42, "2026-12-09", "2026-12-10", 2.0)},
    ]))
}

fn decided() -> ReminderInput {
    input(json!([
        {"leave": leave(41, "2026-12-07", "2026-12-07", 1.0),
         "outcome": {"kind": "approved", "by": "Bea Boss"}},
        {"leave": leave(42, "2026-12-09", "2026-12-10", 2.0)},
        {"leave": leave(43, "2026-12-11", "2026-12-11", 0.5),
         "outcome": {"kind": "reassigned", "by": "Hal HR", "to": "Cleo Chief"}},
    ]))
}

#[test]
fn golden_reminder_english_and_german() {
    golden("approver_reminder", &build(&typical(), en()));
    golden("de_approver_reminder", &build(&typical(), de()));
}

#[test]
fn golden_reminder_with_decided_rows() {
    golden("approver_reminder_decided", &build(&decided(), en()));
    golden("de_approver_reminder_decided", &build(&decided(), de()));
}

#[test]
fn every_row_decided_says_so_and_offers_no_button() {
    let all = input(json!([
        {"leave": leave(41, "2026-12-07", "2026-12-07", 1.0),
         "outcome": {"kind": "rejected", "by": "Bea Boss", "reason": "offsite"}},
    ]));
    let v = build(&all, en());
    let text = v["text"].as_str().unwrap();
    assert!(
        text.contains("Every request in this reminder has been decided."),
        "{text}"
    );
    assert!(text.contains("❌ Rejected by *Bea Boss*"), "{text}");
    assert!(
        !text.contains("offsite"),
        "the reason stays in the approval DM: {text}"
    );
    assert!(v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["type"] != "actions"));
}

#[test]
fn many_requests_are_capped_with_a_link_to_the_desk() {
    let n = MAX_REMINDER_ITEMS + 7;
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"leave": leave(i, "2026-12-07", "2026-12-07", 1.0)}))
        .collect();
    let v = build(&input(Value::Array(items)), en());
    let blocks = v["blocks"].as_array().unwrap();
    assert!(blocks.len() <= limits::BLOCKS_PER_MESSAGE);
    let actions: Vec<&str> = blocks
        .iter()
        .filter(|b| b["type"] == "actions")
        .map(|b| b["block_id"].as_str().unwrap())
        .collect();
    assert_eq!(actions.len(), MAX_REMINDER_ITEMS);
    assert_eq!(actions[0], "leave_reminder_actions_0");
    assert_eq!(actions[MAX_REMINDER_ITEMS - 1], "leave_reminder_actions_19");
    let last = blocks.last().unwrap()["text"]["text"].as_str().unwrap();
    assert_eq!(
        last,
        "+7 more — <https://hr.example.com/app/leave-application?status=Open&amp;leave_approver=boss@example.com|Open them in the desk>"
    );
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Still open, oldest first: 27."), "{text}");
    assert!(text.chars().count() <= limits::FALLBACK_TEXT);
    golden(
        "approver_reminder_capped_tail",
        &json!(blocks[blocks.len() - 3..]),
    );
}

#[test]
fn user_text_is_escaped_and_cannot_ping_or_link() {
    let mut l = leave(1, "2026-12-07", "2026-12-07", 1.0);
    l["requester_name"] = json!("<!channel> *Eve* & <https://evil.example|x>");
    l["requester_slack_id"] = json!("not an id");
    l["leave_type"] = json!("<!here> Leave");
    l["leave_application"] = json!("HR-LAP-<@U1>");
    l["form_url"] = json!("javascript:alert(1)");
    let v = build(&input(json!([{ "leave": l }])), en());
    let section = v["blocks"][2]["text"]["text"].as_str().unwrap();
    assert_eq!(
        section.lines().next().unwrap(),
        "*HR-LAP-&lt;@U1&gt;*, requested by *&lt;!channel&gt; *Eve* &amp; &lt;https://evil.example|x&gt;*"
    );
    assert!(section.contains("&lt;!here&gt; Leave"));
    assert!(!section.contains("<!"), "{section}");
    // The button still carries the exact name: the handler looks the document up by it.
    assert_eq!(v["blocks"][3]["elements"][0]["value"], "HR-LAP-<@U1>");
}

#[test]
fn a_reminder_about_nothing_or_an_unusable_name_is_refused() {
    let none = input(json!([]));
    assert_eq!(
        approver_reminder(&none, &en().reminder, &en().leave_messages).unwrap_err(),
        BuildError::NoReminderItems
    );
    let mut l = leave(1, "2026-12-07", "2026-12-07", 1.0);
    l["leave_application"] = json!("x".repeat(limits::BUTTON_VALUE + 1));
    assert!(matches!(
        approver_reminder(
            &input(json!([{ "leave": l }])),
            &en().reminder,
            &en().leave_messages
        ),
        Err(BuildError::ButtonValueTooLong { .. })
    ));
}

#[test]
fn unknown_fields_are_refused() {
    let bad = serde_json::from_value::<ReminderInput>(json!({"items": [], "extra": 1}));
    assert!(bad.is_err());
}

#[test]
fn golden_reminder_on_a_workflow_site() {
    let i = input(json!([
        {"leave": leave(41, "2026-12-07", "2026-12-07", 1.0),
         "decisions": ["approve"], "workflow_state": "Open"},
        {"leave": leave(42, "2026-12-09", "2026-12-10", 2.0),
         "decisions": [], "workflow_state": "Pending HR"},
    ]));
    golden("approver_reminder_workflow", &build(&i, en()));
    golden("de_approver_reminder_workflow", &build(&i, de()));
}
