//! Who is out, leave by leave: the approver's card's list of the others out and the `/whoisout`
//! answer — golden JSON in English and German (`UPDATE_GOLDEN=1 cargo test` rewrites them), the
//! cap, privacy (an unreadable leave shows the name only) and hidden leave types.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use chrono::NaiveDate;
use serde_json::{json, Value};
use slack_connector_core::absence::{days_out, others_out, parse_span, OutRow};
use slack_connector_core::blocks::leave::{
    approver_message_with, approver_request, ApprovalChoices, LeaveDetails,
};
use slack_connector_core::blocks::who::{
    who_is_out_message, who_is_out_usage, MAX_OTHERS_SHOWN, MAX_PER_DAY,
};
use slack_connector_core::blocks::Message;
use slack_connector_core::limits;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn details() -> LeaveDetails {
    serde_json::from_value(json!({
        "leave_application": "HR-LAP-2026-00042",
        "requester_name": "Bob Builder",
        "requester_slack_id": "U777REQ",
        "leave_type": "Casual Leave",
        "from_date": "2026-12-08",
        "to_date": "2026-12-10",
    }))
    .unwrap()
}

fn rows(values: Value) -> Vec<OutRow> {
    serde_json::from_value(values).unwrap()
}

/// Bob applies for Dec 8–10; Ann (approved, readable, a half day), Cy (open, readable), Dee (a
/// leave the approver may not read) and Bob's own other leave overlap; Eve's is before it.
fn team() -> Vec<OutRow> {
    rows(json!([
        {"employee": "E1", "employee_name": "Bob Builder", "from_date": "2026-12-09",
         "to_date": "2026-12-09", "leave_type": "Sick Leave", "status": "Approved"},
        {"employee": "E2", "employee_name": "Ann Archer", "slack_user_id": "U0ANN0001",
         "from_date": "2026-12-07", "to_date": "2026-12-08", "half_day": 1,
         "half_day_date": "2026-12-08", "half_period": "First Half",
         "leave_type": "Casual Leave", "status": "Approved", "readable": true},
        {"employee": "E3", "employee_name": "Cy <Coder>", "from_date": "2026-12-10",
         "to_date": "2026-12-11", "leave_type": "Casual Leave", "status": "Open",
         "readable": true},
        {"employee": "E4", "employee_name": "Dee Doe", "from_date": "2026-12-09",
         "to_date": "2026-12-09", "leave_type": "Sick Leave", "status": "Approved",
         "readable": false},
        {"employee": "E5", "employee_name": "Eve Early", "from_date": "2026-12-01",
         "to_date": "2026-12-07", "leave_type": "Casual Leave", "status": "Approved"},
    ]))
}

fn card(rows: &[OutRow], lang: &slack_connector_core::words::Catalogue) -> Message {
    let d = details();
    let others = others_out(rows, "E1", d.from_date, d.to_date);
    approver_request(
        &d,
        &ApprovalChoices::default(),
        Some((&others, &lang.who_is_out)),
        &lang.leave_messages,
    )
    .unwrap()
}

fn others_text(m: &Message) -> String {
    let v = m.to_value().unwrap();
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["text"]["text"].as_str())
        .find(|t| t.starts_with('*') && t.contains('•'))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_card_lists_the_others_out_in_both_languages() {
    let m = card(&team(), en());
    golden("approver_message_others_out", &m.to_value().unwrap());
    golden(
        "de_approver_message_others_out",
        &card(&team(), de()).to_value().unwrap(),
    );
    let text = others_text(&m);
    assert!(text.starts_with("*Also out on these days*"), "{text}");
    assert!(!text.contains("Bob"), "never the applicant: {text}");
    assert!(
        !text.contains("Eve"),
        "a leave before the request is not listed: {text}"
    );
    assert!(text.contains("<@U0ANN0001> — Casual Leave"), "{text}");
    assert!(
        text.contains("half day on Dec 08, 2026 (Tue) (First Half) (approved)"),
        "{text}"
    );
    assert!(text.contains("*Cy &lt;Coder&gt;* — Casual Leave"), "{text}");
    assert!(text.contains("(awaiting approval)"), "{text}");
    assert!(
        text.lines().any(|l| l == "• *Dee Doe*"),
        "an unreadable leave: the name only: {text}"
    );
    assert!(
        !text.contains("Sick Leave"),
        "not Dee's leave type, not Bob's: {text}"
    );
}

#[test]
fn the_card_keeps_its_buttons_and_without_others_is_the_plain_card() {
    let d = details();
    let plain =
        approver_message_with(&d, &ApprovalChoices::default(), &en().leave_messages).unwrap();
    let nobody = approver_request(
        &d,
        &ApprovalChoices::default(),
        Some((&[], &en().who_is_out)),
        &en().leave_messages,
    )
    .unwrap();
    assert_eq!(plain, nobody, "no section when nobody else is out");
    let with_others = card(&team(), en()).to_value().unwrap();
    let action_ids = |v: &Value| -> Vec<String> {
        v["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "actions")
            .flat_map(|b| b["elements"].as_array().unwrap().clone())
            .map(|e| e["action_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        action_ids(&with_others),
        action_ids(&plain.to_value().unwrap()),
        "cards in flight keep their action ids"
    );
}

#[test]
fn the_card_names_ten_and_says_how_many_more() {
    let many: Vec<Value> = (0..14)
        .map(|i| {
            json!({"employee": format!("E{i:02}"), "employee_name": format!("Person {i:02}"),
                   "from_date": "2026-12-09", "to_date": "2026-12-09",
                   "leave_type": "Casual Leave", "status": "Approved", "readable": i % 2 == 0})
        })
        .collect();
    let text = others_text(&card(&rows(Value::Array(many)), en()));
    assert_eq!(
        text.lines().filter(|l| l.starts_with('•')).count(),
        MAX_OTHERS_SHOWN
    );
    assert!(text.ends_with("_and 4 more_"), "{text}");
    assert!(
        !text.contains("Person 10"),
        "sorted by name, the first ten shown: {text}"
    );
}

#[test]
fn the_card_stays_within_a_section_whatever_the_names() {
    let long: Vec<Value> = (0..10)
        .map(|i| {
            json!({"employee": format!("E{i:02}"), "employee_name": format!("{i} {}", "&".repeat(300)),
                   "from_date": "2026-12-09", "to_date": "2026-12-09",
                   "leave_type": "<".repeat(300), "status": "Approved"})
        })
        .collect();
    let text = others_text(&card(&rows(Value::Array(long)), en()));
    assert!(
        text.chars().count() <= limits::SECTION_TEXT,
        "{}",
        text.len()
    );
    assert!(
        text.contains("more_"),
        "what did not fit is counted: {text}"
    );
}

fn week_rows() -> Vec<OutRow> {
    rows(json!([
        {"employee": "E2", "employee_name": "Ann Archer", "slack_user_id": "U0ANN0001",
         "from_date": "2026-12-07", "to_date": "2026-12-09", "half_day": 1,
         "half_day_date": "2026-12-09", "half_period": "Second Half",
         "leave_type": "Sick Leave", "status": "Approved"},
        {"employee": "E3", "employee_name": "Cy Coder", "from_date": "2026-12-08",
         "to_date": "2026-12-08", "leave_type": "Casual Leave", "status": "Open"},
    ]))
}

fn who(
    text: &str,
    working: &[&str],
    hide: bool,
    lang: &slack_connector_core::words::Catalogue,
) -> Message {
    let span = parse_span(text, date("2026-12-08")).unwrap();
    let days: Vec<NaiveDate> = working.iter().map(|d| date(d)).collect();
    who_is_out_message(&days_out(&week_rows(), &days), span, hide, &lang.who_is_out)
}

fn all_text(m: &Message) -> String {
    let v = m.to_value().unwrap();
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["text"]["text"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn whoisout_today_in_both_languages() {
    let m = who("", &["2026-12-08"], false, en());
    golden("who_is_out_today", &m.to_value().unwrap());
    golden(
        "de_who_is_out_today",
        &who("heute", &["2026-12-08"], false, de())
            .to_value()
            .unwrap(),
    );
    let text = all_text(&m);
    assert!(
        text.starts_with("Who is out on Dec 08, 2026 (Tue)"),
        "{text}"
    );
    assert!(text.contains("• <@U0ANN0001> — Sick Leave"), "{text}");
    assert!(
        text.contains("• *Cy Coder* — Casual Leave, awaiting approval"),
        "{text}"
    );
}

#[test]
fn whoisout_week_groups_by_working_day() {
    // Thursday is a holiday: the caller leaves it out.
    let working = ["2026-12-08", "2026-12-09", "2026-12-11"];
    let m = who("week", &working, false, en());
    golden("who_is_out_week", &m.to_value().unwrap());
    golden(
        "de_who_is_out_week",
        &who("woche", &working, false, de()).to_value().unwrap(),
    );
    let text = all_text(&m);
    assert!(
        text.starts_with("Who is out from Dec 08, 2026 (Tue) to Dec 13, 2026 (Sun)"),
        "{text}"
    );
    assert!(
        text.contains("*Dec 09, 2026 (Wed)*\n• <@U0ANN0001> — Sick Leave (Second Half)"),
        "{text}"
    );
    assert!(
        text.contains("*Dec 11, 2026 (Fri)*\nNobody is out."),
        "{text}"
    );
    assert!(
        !text.contains("Dec 10, 2026"),
        "a day off is skipped: {text}"
    );
}

#[test]
fn whoisout_hides_leave_types_when_asked() {
    let text = all_text(&who("", &["2026-12-08"], true, en()));
    assert!(text.contains("• <@U0ANN0001> — Out"), "{text}");
    assert!(
        !text.contains("Sick Leave") && !text.contains("Casual Leave"),
        "{text}"
    );
    let german = all_text(&who("", &["2026-12-08"], true, de()));
    assert!(german.contains("— Abwesend"), "{german}");
}

#[test]
fn whoisout_without_a_working_day_and_with_a_crowd() {
    let text = all_text(&who("2026-12-13", &[], false, en()));
    assert!(
        text.contains("There is no working day in that period."),
        "{text}"
    );
    let crowd: Vec<Value> = (0..40)
        .map(|i| {
            json!({"employee": format!("E{i:02}"), "employee_name": format!("Person {i:02}"),
                   "from_date": "2026-12-08", "to_date": "2026-12-08",
                   "leave_type": "Casual Leave", "status": "Approved"})
        })
        .collect();
    let days = [date("2026-12-08")];
    let span = parse_span("", date("2026-12-08")).unwrap();
    let m = who_is_out_message(
        &days_out(&rows(Value::Array(crowd)), &days),
        span,
        false,
        &en().who_is_out,
    );
    let text = all_text(&m);
    assert_eq!(
        text.lines().filter(|l| l.starts_with('•')).count(),
        MAX_PER_DAY
    );
    assert!(text.ends_with("_and 15 more_"), "{text}");
}

#[test]
fn whoisout_usage_quotes_what_was_typed_escaped() {
    let m = who_is_out_usage("<!channel>", &en().who_is_out);
    golden("who_is_out_usage", &m.to_value().unwrap());
    let text = all_text(&m);
    assert!(text.contains("“&lt;!channel&gt;”"), "{text}");
    assert!(text.contains("/whoisout week"), "{text}");
    assert!(all_text(&who_is_out_usage("x", &de().who_is_out)).contains("/whoisout morgen"));
}
