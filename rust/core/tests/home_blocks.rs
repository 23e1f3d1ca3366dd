//! The Home tab: golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test home_blocks`), the 100-block cap and its desk link,
//! escaping and the caps of every list.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::blocks::leave::home::{MAX_BALANCES, MAX_MY_LEAVE, MAX_OUT};
use slack_connector_core::blocks::leave::{
    home_view, view_to_json, view_to_value, BuildError, HomeInput,
};
use slack_connector_core::interaction::ids;
use slack_connector_core::limits;
use slack_connector_core::words::Catalogue;

const DESK: &str = "https://hr.example.com/app/leave-application?employee=HR-EMP-00001";
const WAITING: &str =
    "https://hr.example.com/app/leave-application?status=Open&leave_approver=boss@example.com";

/// The view as Python gets it (JSON text), read back as a tree for the golden files and checks.
fn build(input: &Value, words: &Catalogue) -> Value {
    let input: HomeInput = serde_json::from_value(input.clone()).unwrap();
    let view = home_view(&input, &words.home).unwrap();
    let text = view_to_json(&view).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value, view_to_value(&view).unwrap());
    value
}

#[test]
fn the_view_text_keeps_the_order_of_the_types() {
    let input: HomeInput = serde_json::from_value(approver()).unwrap();
    let text = view_to_json(&home_view(&input, &en().home).unwrap()).unwrap();
    assert!(
        text.starts_with(
            r#"{"type":"home","blocks":[{"type":"header","text":{"type":"plain_text","#
        ),
        "{text:.120}"
    );
}

fn blocks(view: &Value) -> &Vec<Value> {
    view["blocks"].as_array().unwrap()
}

fn waiting(n: usize) -> Value {
    json!({
        "leave_application": format!("HR-LAP-2026-{n:05}"),
        "form_url": format!("https://hr.example.com/app/leave-application/HR-LAP-2026-{n:05}"),
        "requester_name": format!("Person {n}"),
        "requester_slack_id": "U777REQ",
        "leave_type": "Casual Leave",
        "from_date": "2026-12-07",
        "to_date": "2026-12-08",
        "total_days": 2.0
    })
}

fn employee() -> Value {
    json!({
        "kind": "employee",
        "balances": [
            {"leave_type": "Casual Leave", "days_left": 4.0},
            {"leave_type": "Sick Leave", "days_left": 1.0},
            {"leave_type": "Privilege Leave", "days_left": 7.5},
            {"leave_type": "Leave Without Pay"}
        ],
        "my_leave": [
            {"leave_application": "HR-LAP-2026-00011",
             "form_url": "https://hr.example.com/app/leave-application/HR-LAP-2026-00011",
             "leave_type": "Casual Leave", "from_date": "2026-12-07", "to_date": "2026-12-07",
             "half_day": true, "status": "Open", "approver_name": "Bea Boss", "offer": "withdraw"},
            {"leave_application": "HR-LAP-2026-00012",
             "form_url": "https://hr.example.com/app/leave-application/HR-LAP-2026-00012",
             "leave_type": "Privilege Leave", "from_date": "2026-12-21", "to_date": "2026-12-24",
             "status": "Approved", "approver_name": "Bea Boss", "offer": "ask_to_cancel"}
        ],
        "recent": [
            {"leave_application": "HR-LAP-2026-00009", "leave_type": "Sick Leave",
             "from_date": "2026-11-02", "to_date": "2026-11-03", "status": "Rejected",
             "approver_name": "Bea Boss"}
        ],
        "out": [
            {"employee_name": "Olga Out", "slack_id": "U0OLGA", "from_date": "2026-12-03",
             "to_date": "2026-12-04"},
            {"employee_name": "Hank Half", "from_date": "2026-12-08", "to_date": "2026-12-08",
             "half_day": true}
        ],
        "desk_url": DESK
    })
}

fn approver() -> Value {
    let mut v = employee();
    v["waiting"] = json!([waiting(41), waiting(42)]);
    v["waiting_url"] = json!(WAITING);
    v
}

#[test]
fn golden_home_stranger_english_and_german() {
    for (reason, name) in [
        ("not_linked", "home_not_linked"),
        ("no_employee", "home_no_employee"),
    ] {
        let input = json!({"kind": "stranger", "reason": reason});
        golden(name, &build(&input, en()));
        golden(&format!("de_{name}"), &build(&input, de()));
    }
}

#[test]
fn golden_home_employee_english_and_german() {
    golden("home_employee", &build(&employee(), en()));
    golden("de_home_employee", &build(&employee(), de()));
}

#[test]
fn golden_home_approver_english_and_german() {
    golden("home_approver", &build(&approver(), en()));
    golden("de_home_approver", &build(&approver(), de()));
}

#[test]
fn an_employee_tab_offers_apply_and_the_dm_action_ids() {
    let view = build(&approver(), en());
    assert_eq!(view["type"], "home");
    let text = serde_json::to_string(&view).unwrap();
    assert!(text.contains(ids::HOME_APPLY_LEAVE));
    assert!(text.contains(ids::LEAVE_WITHDRAW));
    assert!(text.contains(ids::LEAVE_ASK_CANCEL));
    assert!(text.contains(ids::LEAVE_APPROVE));
    assert!(text.contains(ids::LEAVE_REJECT));
    // An employee who approves nothing has no "Waiting for you".
    let plain = build(&employee(), en());
    assert!(!serde_json::to_string(&plain)
        .unwrap()
        .contains(ids::LEAVE_APPROVE));
    assert!(!serde_json::to_string(&plain)
        .unwrap()
        .contains("Waiting for You"));
}

#[test]
fn an_empty_approver_tab_says_nothing_waits() {
    let mut input = json!({"kind": "employee", "waiting": []});
    let view = build(&input, en());
    let text = serde_json::to_string(&view).unwrap();
    assert!(text.contains("Nothing waits for your decision."));
    assert!(text.contains("No leave is allocated to you today."));
    assert!(text.contains("Nobody in your department is out"));
    input["waiting"] = Value::Null;
    assert!(!serde_json::to_string(&build(&input, en()))
        .unwrap()
        .contains("Waiting for You"));
}

#[test]
fn five_hundred_waiting_stay_within_100_blocks_with_a_link_to_the_desk() {
    let mut input = approver();
    input["waiting"] = Value::Array((1..=500).map(waiting).collect());
    input["my_leave"] = Value::Array(
        (0..50)
            .map(|_| employee()["my_leave"][0].clone())
            .collect::<Vec<_>>(),
    );
    let view = build(&input, en());
    let bs = blocks(&view);
    assert!(bs.len() <= limits::BLOCKS_PER_HOME, "{} blocks", bs.len());
    let last = bs.last().unwrap()["text"]["text"].as_str().unwrap();
    let shown = bs
        .iter()
        .filter(|b| {
            b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with(ids::HOME_WAITING_BLOCK_PREFIX))
        })
        .count();
    assert!(shown > 0);
    let waiting_url = WAITING.replace('&', "&amp;");
    assert_eq!(
        last,
        format!("<{waiting_url}|+{} more — open in the desk>", 500 - shown)
    );
    // My leave is cut at its own cap, with its own link.
    let my_more = format!("<{DESK}|+{} more — open in the desk>", 50 - MAX_MY_LEAVE);
    assert!(bs.iter().any(|b| b["text"]["text"] == my_more.as_str()));
    golden("home_approver_capped_tail", &json!(bs[bs.len() - 3..]));
}

#[test]
fn the_total_counts_what_was_not_sent() {
    let mut input = approver();
    input["waiting"] = Value::Array((1..=40).map(waiting).collect());
    input["waiting_total"] = json!(500);
    let view = build(&input, en());
    let last = blocks(&view).last().unwrap()["text"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    // 40 sent, all of them fit: the other 460 are counted.
    assert!(last.ends_with("|+460 more — open in the desk>"), "{last}");
}

#[test]
fn the_out_total_counts_colleagues_not_sent() {
    let mut input = approver();
    input["out"] = Value::Array(
        (0..MAX_OUT)
            .map(|i| {
                json!({"employee_name": format!("P{i}"), "from_date": "2026-12-03",
                       "to_date": "2026-12-03"})
            })
            .collect(),
    );
    input["out_total"] = json!(174);
    let text = serde_json::to_string(&build(&input, en())).unwrap();
    // 30 sent and shown: the other 144 are counted.
    assert!(
        text.contains(&format!("|+{} more — open in the desk>", 174 - MAX_OUT)),
        "{text}"
    );
}

#[test]
fn every_size_stays_within_slacks_limits() {
    for n in [0, 1, 39, 40, 41, 45, 46, 47, 100, 1000] {
        let mut input = approver();
        input["waiting"] = Value::Array((1..=n).map(waiting).collect());
        input["balances"] = Value::Array(
            (0..n.min(60))
                .map(|i| json!({"leave_type": format!("Type {i}"), "days_left": i}))
                .collect(),
        );
        input["out"] = Value::Array(
            (0..n.min(80))
                .map(|i| {
                    json!({"employee_name": format!("P{i}"), "from_date": "2026-12-03",
                           "to_date": "2026-12-03"})
                })
                .collect(),
        );
        let view = build(&input, de());
        let bs = blocks(&view);
        assert!(
            bs.len() <= limits::BLOCKS_PER_HOME,
            "n={n}: {} blocks",
            bs.len()
        );
        for b in bs {
            if let Some(t) = b["text"]["text"].as_str() {
                assert!(t.chars().count() <= limits::SECTION_TEXT);
            }
        }
        let text = serde_json::to_string(&view).unwrap();
        if n > MAX_BALANCES {
            assert!(text.contains(&format!("+{} weitere", n.min(60) - MAX_BALANCES)));
        }
        if n.min(80) > MAX_OUT {
            assert!(text.contains(&format!("+{} weitere", n.min(80) - MAX_OUT)));
        }
    }
}

#[test]
fn user_text_is_escaped() {
    let input = json!({
        "kind": "employee",
        "balances": [{"leave_type": "<!channel> & *Bold*", "days_left": 2.0}],
        "my_leave": [{"leave_application": "HR-LAP-2026-00011", "leave_type": "<@U123>",
                      "from_date": "2026-12-07", "to_date": "2026-12-07", "status": "Open",
                      "approver_name": "<https://evil.example|click>"}],
        "out": [{"employee_name": "<!here> Eve", "from_date": "2026-12-03", "to_date": "2026-12-03"}],
        "waiting": [{"leave_application": "HR-LAP-2026-00041", "requester_name": "Mal <!everyone>",
                     "leave_type": "x>y", "from_date": "2026-12-07", "to_date": "2026-12-07",
                     "form_url": "javascript:alert(1)"}]
    });
    let view = build(&input, en());
    golden("home_escaping", &view);
    let text = serde_json::to_string(&view).unwrap();
    for raw in [
        "<!channel>",
        "<@U123>",
        "<https://evil",
        "<!here>",
        "<!everyone>",
        "javascript:",
    ] {
        assert!(!text.contains(raw), "{raw} reached Slack unescaped");
    }
    assert!(text.contains("&lt;!channel&gt; &amp; *Bold*"));
}

#[test]
fn a_button_value_slack_would_cut_is_refused() {
    let mut input = approver();
    input["waiting"][0]["leave_application"] = json!("x".repeat(limits::BUTTON_VALUE + 1));
    let input: HomeInput = serde_json::from_value(input).unwrap();
    assert!(matches!(
        home_view(&input, &en().home),
        Err(BuildError::ButtonValueTooLong { .. })
    ));
}

#[test]
fn unknown_input_fields_are_refused() {
    let bad = json!({"kind": "employee", "balance": []});
    assert!(serde_json::from_value::<HomeInput>(bad).is_err());
    let bad = json!({"kind": "visitor"});
    assert!(serde_json::from_value::<HomeInput>(bad).is_err());
}
