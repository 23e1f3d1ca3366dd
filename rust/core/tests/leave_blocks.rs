//! Leave Block Kit builders: golden JSON (regenerate with `UPDATE_GOLDEN=1 cargo test`), escaping
//! and Slack's limits.
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
use slack_connector_core::blocks::leave::ApprovalChoices;
use slack_connector_core::blocks::leave::{
    approver_message, approver_message_with, approver_outcome_message,
    cancellation_outcome_message, cancellation_request_message, field_errors_view,
    leave_request_modal, notice_message, reject_reason_modal, requester_confirmation,
    requester_outcome_message, view_errors, view_to_value, BuildError, LeaveDetails,
    LeaveModalInput, LeaveTypeOption, Notice, Offer, Outcome, RejectModalInput, ViewError,
};
use slack_connector_core::blocks::Message;
use slack_connector_core::half_period::HalfPeriod;
use slack_connector_core::interaction::{FormError, FormState, InlineError};
use slack_connector_core::limits;
use slack_morphism::prelude::*;

/// The requester's outcome DM without an offer (the update DM; offers are tested on their own).
fn requester_outcome(
    d: &LeaveDetails,
    o: &Outcome,
    w: &slack_connector_core::words::LeaveWords,
) -> Message {
    requester_outcome_message(d, o, None, w).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn details() -> LeaveDetails {
    serde_json::from_value(json!({
        "leave_application": "HR-LAP-2026-00042",
        "form_url": "https://hr.example.com/app/leave-application/HR-LAP-2026-00042",
        "requester_name": "Bob Builder",
        "requester_slack_id": "U777REQ",
        "leave_type": "Casual Leave",
        "posting_date": "2026-11-30",
        "from_date": "2026-12-04",
        "to_date": "2026-12-07",
        "total_days": 3.5,
        "half_day": true,
        "half_day_date": "2026-12-07",
        "half_period": "Second Half",
        "reason": "Family trip & a <b>wedding</b>"
    }))
    .unwrap()
}

fn types(n: usize) -> Vec<LeaveTypeOption> {
    (1..=n)
        .map(|i| LeaveTypeOption {
            name: format!("Leave Type {i:03}"),
            label: None,
        })
        .collect()
}

fn modal_input() -> LeaveModalInput {
    LeaveModalInput {
        leave_types: vec![
            LeaveTypeOption {
                name: "Casual Leave".into(),
                label: Some("Casual Leave (4 left)".into()),
            },
            LeaveTypeOption {
                name: "Leave Without Pay".into(),
                label: None,
            },
            LeaveTypeOption {
                name: "Casual Leave".into(),
                label: Some("duplicate".into()),
            },
        ],
        today: date("2026-12-04"),
        half_day_checked: false,
        show_half_day_date: None,
        has_half_period_field: false,
        current: FormState::default(),
        private_metadata: String::new(),
        line: None,
    }
}

fn modal_value(input: &LeaveModalInput) -> Value {
    view_to_value(&leave_request_modal(input, &en().modal).unwrap()).unwrap()
}

/// Every text a user can see or that Slack parses, including the fallback.
fn all_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_texts(x, out)),
        Value::Object(m) => m.values().for_each(|x| all_texts(x, out)),
        _ => {}
    }
}

/// (action_id, value) of every button, in order.
fn button_ids(v: &Value) -> Vec<(String, String)> {
    let mut out = vec![];
    fn walk(v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                if m.get("type") == Some(&json!("button")) {
                    out.push((
                        m["action_id"].as_str().unwrap().to_owned(),
                        m["value"].as_str().unwrap_or_default().to_owned(),
                    ));
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(v, &mut out);
    out
}

/// Checks the invariants every message must keep.
fn check_message(m: &Message) {
    assert!(!m.text.is_empty(), "fallback text missing");
    assert!(m.text.chars().count() <= limits::FALLBACK_TEXT);
    assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE);
    check_blocks(&m.blocks);
}

fn check_blocks(blocks: &[SlackBlock]) {
    for b in blocks {
        assert!(
            !matches!(b, SlackBlock::Unknown(_)),
            "Unknown block emitted"
        );
        match b {
            SlackBlock::Section(s) => {
                if let Some(SlackBlockText::MarkDown(t)) = &s.text {
                    assert!(t.text.chars().count() <= limits::SECTION_TEXT);
                }
            }
            SlackBlock::Header(h) => {
                let v = serde_json::to_value(&h.text).unwrap();
                assert!(v["text"].as_str().unwrap().chars().count() <= limits::HEADER_TEXT);
            }
            _ => {}
        }
    }
    // What we emit must read back as the same typed blocks (not as `Unknown`).
    let json = serde_json::to_value(blocks).unwrap();
    let back: Vec<SlackBlock> = serde_json::from_value(json).unwrap();
    assert!(back.iter().all(|b| !matches!(b, SlackBlock::Unknown(_))));
    assert_eq!(back, blocks);
}

fn check_view(v: &Value) {
    let title = v["title"]["text"].as_str().unwrap();
    assert!(title.chars().count() <= limits::MODAL_TITLE);
    let blocks: Vec<SlackBlock> = serde_json::from_value(v["blocks"].clone()).unwrap();
    assert!(blocks.len() <= limits::BLOCKS_PER_MODAL);
    check_blocks(&blocks);
}

// ---------------------------------------------------------------------------------------------
// Golden files
// ---------------------------------------------------------------------------------------------

#[test]
fn golden_modal_basic() {
    let v = modal_value(&modal_input());
    check_view(&v);
    golden("leave_modal_basic", &v);
}

#[test]
fn golden_modal_half_day_rebuilt() {
    let mut input = modal_input();
    input.half_day_checked = true;
    input.has_half_period_field = true;
    input.private_metadata = "{\"channel\":\"C1\"}".into();
    input.current = FormState {
        start_date: Some(date("2026-12-04")),
        end_date: Some(date("2026-12-07")),
        leave_type: Some("Leave Without Pay".into()),
        reason: Some("Family trip".into()),
        half_day: true,
        half_day_date: None,
        half_period: Some(HalfPeriod::FirstHalf),
    };
    let v = modal_value(&input);
    check_view(&v);
    golden("leave_modal_half_day", &v);
}

#[test]
fn golden_approver_message() {
    let m = approver_message(&details(), &en().leave_messages).unwrap();
    check_message(&m);
    golden("approver_message", &m.to_value().unwrap());
}

#[test]
fn golden_approver_message_with_the_balance_before_and_after() {
    let mut d = details();
    d.balance = Some(serde_json::from_value(json!({"before": 10.0, "after": 6.5})).unwrap());
    let m = approver_message(&d, &en().leave_messages).unwrap();
    check_message(&m);
    assert!(m.text.contains("*Balance:* 10 → 6.5 days"), "{}", m.text);
    golden("approver_message_balance", &m.to_value().unwrap());
    let de_m = approver_message(&d, &de().leave_messages).unwrap();
    assert!(
        de_m.text.contains("*Restanspruch:* 10 → 6.5 Tage"),
        "{}",
        de_m.text
    );
    golden("de_approver_message_balance", &de_m.to_value().unwrap());
    // Without one (Leave Without Pay), no line.
    let plain = approver_message(&details(), &en().leave_messages).unwrap();
    assert!(!plain.text.contains("Balance"));
}

#[test]
fn golden_approver_message_without_slack_id() {
    let mut d = details();
    d.requester_slack_id = None;
    d.requester_name = "<!channel> Mallory".into();
    d.half_day = false;
    d.total_days = Some(4.0);
    d.form_url = Some("javascript:alert(1)".into());
    d.posting_date = None;
    d.reason = None;
    let m = approver_message(&d, &en().leave_messages).unwrap();
    check_message(&m);
    golden("approver_message_no_slack_id", &m.to_value().unwrap());
}

fn outcome(value: Value) -> Outcome {
    serde_json::from_value(value).unwrap()
}

fn approved(by: &str) -> Outcome {
    outcome(json!({"kind": "approved", "by": by}))
}

fn rejected(by: &str) -> Outcome {
    outcome(json!({"kind": "rejected", "by": by}))
}

/// Every final state, as both messages show it: (outcome, approver golden, requester golden).
fn outcomes() -> Vec<(Outcome, &'static str, &'static str)> {
    vec![
        (
            approved("Ann Approver"),
            "decided_message_approved",
            "requester_decision_approved",
        ),
        (
            rejected("Ann Approver"),
            "decided_message_rejected",
            "requester_decision_rejected",
        ),
        (
            outcome(
                json!({"kind": "rejected", "by": "Ann Approver", "reason": "Team offsite <that> week"}),
            ),
            "approver_outcome_rejected_with_reason",
            "requester_outcome_rejected_with_reason",
        ),
        (
            outcome(json!({"kind": "cancelled", "by": "Hal HR"})),
            "approver_outcome_cancelled",
            "requester_outcome_cancelled",
        ),
        (
            outcome(json!({"kind": "deleted", "by": "Bob Builder"})),
            "approver_outcome_deleted",
            "requester_outcome_deleted",
        ),
        (
            outcome(json!({"kind": "reassigned", "by": "Hal HR", "to": "Cleo Chief"})),
            "approver_outcome_reassigned",
            "requester_outcome_reassigned",
        ),
    ]
}

#[test]
fn golden_outcome_messages() {
    for (o, approver_name, requester_name) in outcomes() {
        let m = approver_outcome_message(&details(), &o, &en().leave_messages);
        check_message(&m);
        assert!(
            m.blocks
                .iter()
                .all(|b| !matches!(b, SlackBlock::Actions(_))),
            "no live buttons in a final state"
        );
        golden(approver_name, &m.to_value().unwrap());
        let m = requester_outcome(&details(), &o, &en().leave_messages);
        check_message(&m);
        golden(requester_name, &m.to_value().unwrap());
    }
}

#[test]
fn outcome_lines_name_who_did_what() {
    let w = &en().leave_messages;
    let line = |o: Outcome| approver_outcome_message(&details(), &o, w).text;
    assert!(
        line(outcome(json!({"kind": "cancelled", "by": "Hal"}))).ends_with("🚫 Cancelled by *Hal*")
    );
    assert!(line(outcome(json!({"kind": "deleted", "by": "Bob"}))).ends_with("🗑️ Deleted by *Bob*"));
    assert!(line(outcome(
        json!({"kind": "reassigned", "by": "Hal", "to": "Cleo"})
    ))
    .ends_with("↪️ Reassigned to *Cleo* by *Hal*"));
    // A blank reason is no reason: no empty "Reason given" section.
    let blank = outcome(json!({"kind": "rejected", "by": "Ann", "reason": "  "}));
    assert_eq!(
        approver_outcome_message(&details(), &blank, w).blocks.len(),
        approver_outcome_message(&details(), &rejected("Ann"), w)
            .blocks
            .len()
    );
    let m = requester_outcome(
        &details(),
        &outcome(json!({"kind": "reassigned", "by": "Hal", "to": "Cleo"})),
        w,
    );
    assert!(
        m.text
            .contains("Your leave request was reassigned to *Cleo* by *Hal*."),
        "{}",
        m.text
    );
}

#[test]
fn outcome_input_is_strict() {
    for bad in [
        json!({"kind": "approved"}),
        json!({"kind": "withdrawn"}),
        json!({"kind": "withdrawn", "by": "Ann", "reason": "x"}),
        json!({"kind": "deleted", "by": "Ann", "reason": "x"}),
        json!({"kind": "reassigned", "by": "Ann"}),
        json!({"by": "Ann"}),
    ] {
        assert!(
            serde_json::from_value::<Outcome>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn golden_requester_messages() {
    let m = requester_confirmation(
        &details(),
        Some("Ann Approver"),
        Some(Offer::Withdraw),
        &en().leave_messages,
    )
    .unwrap();
    check_message(&m);
    golden("requester_confirmation", &m.to_value().unwrap());
    let withdraw = button_ids(&m.to_value().unwrap());
    assert_eq!(
        withdraw,
        vec![("leave_withdraw".to_owned(), "HR-LAP-2026-00042".to_owned())]
    );
    // No offer (e.g. the leave is already decided): no buttons at all.
    let m = requester_confirmation(&details(), None, None, &en().leave_messages).unwrap();
    check_message(&m);
    assert!(m.text.contains("Your leave request was submitted."));
    assert!(button_ids(&m.to_value().unwrap()).is_empty());
    // A name Slack could not carry back as a button value is refused, not cut.
    let mut long = details();
    long.leave_application = "L".repeat(limits::BUTTON_VALUE + 1);
    assert!(
        requester_confirmation(&long, None, Some(Offer::Withdraw), &en().leave_messages).is_err()
    );
}

#[test]
fn golden_notices() {
    let notices: Vec<Notice> = serde_json::from_value(json!([
        {"kind": "not_allowed", "leave_application": "HR-LAP-1"},
        {"kind": "already_decided", "leave_application": "HR-LAP-1", "status": "Approved", "decided_by": "Ann"},
        {"kind": "already_decided", "leave_application": "HR-LAP-1", "status": "Cancelled"},
        {"kind": "slack_not_linked"},
        {"kind": "no_employee"},
        {"kind": "no_leave_types"},
        {"kind": "action_failed", "leave_application": "HR-LAP-1", "message": "Insufficient leave balance <for> Casual Leave"},
        {"kind": "error", "message": "Something <!here> went wrong"},
        {"kind": "not_yours", "leave_application": "HR-LAP-1"},
        {"kind": "not_cancellable", "leave_application": "HR-LAP-1"},
        {"kind": "cancellation_sent", "leave_application": "HR-LAP-1", "approver": "Ann <!channel>"},
        {"kind": "cancellation_pending", "leave_application": "HR-LAP-1", "approver": "Ann"}
    ]))
    .unwrap();
    let rendered: Vec<Value> = notices
        .iter()
        .map(|n| {
            let m = notice_message(n, &en().notices);
            check_message(&m);
            assert!(!m.text.contains("<!"));
            m.to_value().unwrap()
        })
        .collect();
    golden("notices", &Value::Array(rendered));
}

#[test]
fn golden_view_errors() {
    let v = field_errors_view(
        &[
            InlineError {
                block_id: "end_date",
                error: FormError::EndBeforeStart,
            },
            InlineError {
                block_id: "reason",
                error: FormError::ReasonMissing,
            },
            InlineError {
                block_id: "end_date",
                // A second error for the same block is dropped.
                error: FormError::EndDateMissing,
            },
        ],
        &en().view_errors,
    )
    .unwrap();
    golden("view_errors", &v);
}

/// German words (the catalogue with translations/de.csv): the same builders, every word German,
/// dates as `Fr., 04. Dez. 2026`.
#[test]
fn golden_german() {
    let w = de();
    let mut input = modal_input();
    input.half_day_checked = true;
    input.has_half_period_field = true;
    input.current.end_date = Some(date("2026-12-07"));
    input.current.half_period = Some(HalfPeriod::SecondHalf);
    let v = view_to_value(&leave_request_modal(&input, &w.modal).unwrap()).unwrap();
    check_view(&v);
    assert_eq!(v["title"]["text"], "Urlaub beantragen");
    golden("de_leave_modal_half_day", &v);

    let m = approver_message(&details(), &w.leave_messages).unwrap();
    check_message(&m);
    assert!(m.text.contains("*Von:* Fr., 04. Dez. 2026"), "{}", m.text);
    golden("de_approver_message", &m.to_value().unwrap());

    let m = approver_outcome_message(&details(), &approved("Ann Approver"), &w.leave_messages);
    check_message(&m);
    assert!(
        m.text.ends_with("✅ Genehmigt von *Ann Approver*"),
        "{}",
        m.text
    );
    golden("de_decided_message_approved", &m.to_value().unwrap());

    let confirmation = requester_confirmation(
        &details(),
        Some("Ann Approver"),
        Some(Offer::Withdraw),
        &w.leave_messages,
    )
    .unwrap();
    check_message(&confirmation);
    let decision = requester_outcome(&details(), &rejected("Ann Approver"), &w.leave_messages);
    check_message(&decision);
    assert!(
        decision
            .text
            .contains("❌ Ihr Urlaubsantrag wurde von *Ann Approver* *abgelehnt*."),
        "{}",
        decision.text
    );
    golden(
        "de_requester_messages",
        &json!([
            confirmation.to_value().unwrap(),
            decision.to_value().unwrap()
        ]),
    );

    let notices: Vec<Notice> = serde_json::from_value(json!([
        {"kind": "not_allowed", "leave_application": "HR-LAP-1"},
        {"kind": "already_decided", "leave_application": "HR-LAP-1", "status": "Approved", "decided_by": "Ann"},
        {"kind": "already_decided", "leave_application": "HR-LAP-1", "status": "Odd <status>"},
        {"kind": "slack_not_linked"},
        {"kind": "action_failed", "leave_application": "HR-LAP-1", "message": "Nicht genug Urlaub <für> Erholungsurlaub"}
    ]))
    .unwrap();
    let rendered: Vec<Value> = notices
        .iter()
        .map(|n| {
            let m = notice_message(n, &w.notices);
            check_message(&m);
            m.to_value().unwrap()
        })
        .collect();
    golden("de_notices", &Value::Array(rendered));

    let v = field_errors_view(
        &[
            InlineError {
                block_id: "half_day_date",
                error: FormError::HalfDayOutside {
                    start: date("2026-12-04"),
                    end: date("2026-12-07"),
                },
            },
            InlineError {
                block_id: "reason",
                error: FormError::ReasonTooLong {
                    max: 1000,
                    length: 1234,
                },
            },
            InlineError {
                block_id: "end_date",
                error: FormError::EndBeforeStart,
            },
        ],
        &w.view_errors,
    )
    .unwrap();
    assert_eq!(
        v["errors"]["half_day_date"],
        "Wählen Sie einen Tag zwischen Fr., 04. Dez. 2026 und Mo., 07. Dez. 2026."
    );
    golden("de_view_errors", &v);
}

#[test]
fn every_form_error_has_english_words() {
    let errors = [
        FormError::StartDateMissing,
        FormError::EndDateMissing,
        FormError::LeaveTypeMissing,
        FormError::ReasonMissing,
        FormError::ReasonTooLong {
            max: 1000,
            length: 1001,
        },
        FormError::EndBeforeStart,
        FormError::HalfDayOutside {
            start: date("2026-12-04"),
            end: date("2026-12-07"),
        },
        FormError::HalfDayDateMissing,
        FormError::HalfDayNeedsDate,
        FormError::HalfPeriodMissing,
    ];
    for e in &errors {
        // The route's JSON form reads back as the same error.
        let back = ViewError::from_value(e.to_value()).unwrap();
        assert_eq!(back, ViewError::Form(e.clone()));
        assert!(!e.message(&en().view_errors).is_empty());
        assert_ne!(e.message(&en().view_errors), e.message(&de().view_errors));
    }
    assert_eq!(
        errors[4].message(&en().view_errors),
        "Keep the reason within 1000 characters (it has 1001)."
    );
    assert_eq!(
        errors[6].message(&en().view_errors),
        "Pick a day between Dec 04, 2026 (Fri) and Dec 07, 2026 (Mon)."
    );
    // Unknown codes and extra fields are refused.
    assert!(ViewError::from_value(json!({"code": "nope"})).is_err());
    assert!(ViewError::from_value(json!({"code": "reason_missing", "x": 1})).is_err());
    assert!(ViewError::from_value(json!(3)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Escaping and limits
// ---------------------------------------------------------------------------------------------

#[test]
fn channel_ping_in_user_text_pings_no_one() {
    let mut d = details();
    d.reason = Some("<!channel> <!here> <@U999> <https://evil|click>".into());
    d.requester_slack_id = None;
    d.requester_name = "<!everyone>".into();
    d.leave_type = "<!subteam^S1>".into();
    for m in [
        approver_message(&d, &en().leave_messages).unwrap(),
        approver_outcome_message(&d, &approved("<!channel>"), &en().leave_messages),
        approver_outcome_message(
            &d,
            &outcome(json!({"kind": "reassigned", "by": "<!here>", "to": "<!channel>"})),
            &en().leave_messages,
        ),
        approver_outcome_message(
            &d,
            &outcome(json!({"kind": "rejected", "by": "x", "reason": "<!channel> <@U999>"})),
            &en().leave_messages,
        ),
        requester_confirmation(&d, Some("<!channel>"), None, &en().leave_messages).unwrap(),
        requester_outcome(&d, &rejected("<!channel>"), &en().leave_messages),
    ] {
        check_message(&m);
        let mut texts = vec![];
        all_texts(&m.to_value().unwrap(), &mut texts);
        for t in &texts {
            assert!(!t.contains("<!"), "unescaped control sequence in {t:?}");
            assert!(!t.contains("<@U999>"));
            assert!(!t.contains("<https://evil"));
        }
        assert!(m.text.contains("&lt;!channel&gt;"));
    }
}

#[test]
fn a_10k_reason_fits_its_section() {
    let mut d = details();
    d.reason = Some("&<".repeat(5_000));
    let m = approver_message(&d, &en().leave_messages).unwrap();
    check_message(&m);
    let v = m.to_value().unwrap();
    let reason = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| {
            b["text"]["text"]
                .as_str()
                .filter(|t| t.starts_with("*Reason:*"))
        })
        .unwrap();
    assert!(reason.chars().count() <= limits::SECTION_TEXT);
    assert!(reason.ends_with('…'));
    assert!(!reason.contains('<'));
}

#[test]
fn long_names_are_bounded() {
    let mut d = details();
    d.requester_slack_id = Some("not-a-slack-id".into());
    d.requester_name = "N".repeat(10_000);
    d.leave_type = "T".repeat(10_000);
    let m = approver_message(&d, &en().leave_messages).unwrap();
    check_message(&m);
    assert!(m.to_value().unwrap().to_string().len() < 10_000);
}

#[test]
fn too_long_document_name_is_refused_not_cut() {
    let mut d = details();
    d.leave_application = "X".repeat(limits::BUTTON_VALUE + 1);
    assert!(matches!(
        approver_message(&d, &en().leave_messages),
        Err(BuildError::ButtonValueTooLong { .. })
    ));
}

#[test]
fn buttons_carry_the_document_name() {
    let v = approver_message(&details(), &en().leave_messages)
        .unwrap()
        .to_value()
        .unwrap();
    let actions = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "actions")
        .unwrap();
    assert_eq!(actions["block_id"], "leave_actions_block");
    assert_eq!(actions["elements"][0]["action_id"], "leave_approve");
    assert_eq!(actions["elements"][0]["style"], "primary");
    assert_eq!(actions["elements"][0]["value"], "HR-LAP-2026-00042");
    assert_eq!(actions["elements"][1]["action_id"], "leave_reject");
    assert_eq!(actions["elements"][1]["style"], "danger");
    assert_eq!(actions["elements"][1]["value"], "HR-LAP-2026-00042");
}

#[test]
fn fallback_text_reads_like_the_message() {
    let m = approver_message(&details(), &en().leave_messages).unwrap();
    assert!(
        m.text
            .starts_with("Leave Request\n<@U777REQ> has requested leave.\n"),
        "{}",
        m.text
    );
    assert!(m.text.contains("Dec 04, 2026 (Fri)"), "{}", m.text);
    assert!(m.text.contains("Casual Leave"), "{}", m.text);
}

#[test]
fn many_leave_types_become_option_groups() {
    let mut input = modal_input();
    input.leave_types = types(150);
    let v = modal_value(&input);
    check_view(&v);
    let select = &v["blocks"][2]["element"];
    assert!(select.get("options").is_none());
    let groups = select["option_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert!(groups.len() <= limits::OPTION_GROUPS);
    let counts: Vec<usize> = groups
        .iter()
        .map(|g| g["options"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [100, 50]);
    assert_eq!(groups[1]["label"]["text"], "Leave types 101–150");
    assert!(v["blocks"][2]["hint"]["text"]
        .as_str()
        .unwrap()
        .contains("150 leave types"));

    // 100 exactly stays a flat list.
    input.leave_types = types(100);
    let v = modal_value(&input);
    assert_eq!(
        v["blocks"][2]["element"]["options"]
            .as_array()
            .unwrap()
            .len(),
        100
    );
    assert!(v["blocks"][2].get("hint").is_none());
}

#[test]
fn more_leave_types_than_groups_can_hold_are_capped_and_said() {
    let mut input = modal_input();
    input.leave_types = types(10_050);
    let v = modal_value(&input);
    let groups = v["blocks"][2]["element"]["option_groups"]
        .as_array()
        .unwrap();
    assert_eq!(groups.len(), limits::OPTION_GROUPS);
    assert!(groups
        .iter()
        .all(|g| g["options"].as_array().unwrap().len() <= limits::SELECT_OPTIONS));
    assert!(v["blocks"][2]["hint"]["text"]
        .as_str()
        .unwrap()
        .contains("first 10000 of 10050"));
}

#[test]
fn option_texts_and_values_are_bounded() {
    let mut input = modal_input();
    input.leave_types = vec![LeaveTypeOption {
        name: "n".repeat(500),
        label: Some("l".repeat(500)),
    }];
    let v = modal_value(&input);
    let opt = &v["blocks"][2]["element"]["options"][0];
    assert!(opt["text"]["text"].as_str().unwrap().chars().count() <= limits::OPTION_TEXT);
    assert!(opt["value"].as_str().unwrap().chars().count() <= limits::OPTION_VALUE);
}

#[test]
fn modal_shape() {
    let v = modal_value(&modal_input());
    assert_eq!(v["type"], "modal");
    assert_eq!(v["callback_id"], "apply_leave_application");
    assert_eq!(v["title"]["text"], "Apply for Leave");
    assert_eq!(v["submit"]["text"], "Submit");
    assert_eq!(v["close"]["text"], "Cancel");
    let ids: Vec<(&str, &str)> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["block_id"].as_str().unwrap(),
                b["element"]["action_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("start_date", "start_date_picker"),
            ("end_date", "end_date_picker"),
            ("leave_type", "leave_type_select"),
            ("half_day_checkbox", "half_day_checkbox"),
            ("reason", "reason_input"),
        ]
    );
    let checkbox = &v["blocks"][3];
    assert_eq!(checkbox["dispatch_action"], true);
    assert_eq!(checkbox["optional"], true);
    assert_eq!(v["blocks"][0]["element"]["initial_date"], "2026-12-04");
    // No leave type preselected without a current value.
    assert!(v["blocks"][2]["element"].get("initial_option").is_none());
}

#[test]
fn half_day_inputs_follow_the_toggle_and_the_range() {
    let mut input = modal_input();
    input.half_day_checked = true;
    // One day, no period field: no extra inputs.
    let ids = |v: &Value| -> Vec<String> {
        v["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["block_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let v = modal_value(&input);
    assert!(!ids(&v).contains(&"half_day_date".to_owned()));
    assert_eq!(
        v["blocks"][3]["element"]["initial_options"][0]["value"],
        "half_day"
    );
    // Several days: the date picker, defaulting to the start.
    input.current.end_date = Some(date("2026-12-09"));
    let v = modal_value(&input);
    let i = ids(&v).iter().position(|b| b == "half_day_date").unwrap();
    assert_eq!(
        v["blocks"][i]["element"]["action_id"],
        "half_day_date_picker"
    );
    assert_eq!(v["blocks"][i]["element"]["initial_date"], "2026-12-04");
    // The explicit override wins.
    input.show_half_day_date = Some(false);
    assert!(!ids(&modal_value(&input)).contains(&"half_day_date".to_owned()));
    // The period select, with the first_half / second_half values.
    input.has_half_period_field = true;
    let v = modal_value(&input);
    let i = ids(&v).iter().position(|b| b == "half_day_period").unwrap();
    let el = &v["blocks"][i]["element"];
    assert_eq!(el["action_id"], "half_day_period_select");
    assert_eq!(el["options"][0]["value"], "first_half");
    assert_eq!(el["options"][1]["value"], "second_half");
    // Unchecked: none of them.
    input.half_day_checked = false;
    let v = modal_value(&input);
    assert!(!ids(&v).contains(&"half_day_period".to_owned()));
    assert!(v["blocks"][3]["element"].get("initial_options").is_none());
}

#[test]
fn current_values_are_preserved() {
    let mut input = modal_input();
    input.current.leave_type = Some("Leave Without Pay".into());
    input.current.reason = Some("r".repeat(5_000));
    input.current.start_date = Some(date("2026-12-10"));
    let v = modal_value(&input);
    assert_eq!(v["blocks"][0]["element"]["initial_date"], "2026-12-10");
    assert_eq!(
        v["blocks"][2]["element"]["initial_option"]["value"],
        "Leave Without Pay"
    );
    let reason = &v["blocks"][4]["element"];
    assert_eq!(reason["max_length"], 1000);
    assert!(reason["initial_value"].as_str().unwrap().chars().count() <= 1000);
    // A current leave type that is no longer offered is not preselected.
    input.current.leave_type = Some("Retired Leave".into());
    let v = modal_value(&input);
    assert!(v["blocks"][2]["element"].get("initial_option").is_none());
}

#[test]
fn modal_refuses_what_it_cannot_fix() {
    let mut input = modal_input();
    input.private_metadata = "m".repeat(limits::PRIVATE_METADATA + 1);
    assert!(matches!(
        leave_request_modal(&input, &en().modal),
        Err(BuildError::PrivateMetadataTooLong { .. })
    ));
    input.private_metadata = "m".repeat(limits::PRIVATE_METADATA);
    assert!(leave_request_modal(&input, &en().modal).is_ok());
    input.leave_types = vec![];
    assert_eq!(
        leave_request_modal(&input, &en().modal).unwrap_err(),
        BuildError::NoLeaveTypes
    );
}

#[test]
fn view_errors_are_plain_and_bounded() {
    let v = view_errors(
        [
            ("reason", ViewError::Text("x".repeat(10_000))),
            ("end_date", ViewError::Text("<b>bad</b>".into())),
        ],
        &en().view_errors,
    )
    .unwrap();
    assert_eq!(v["response_action"], "errors");
    assert!(v["errors"]["reason"].as_str().unwrap().chars().count() <= limits::VIEW_ERROR_TEXT);
    // Plain text: shown verbatim, not escaped.
    assert_eq!(v["errors"]["end_date"], "<b>bad</b>");
}

/// Was: an empty map gave `{"errors": {}}` and a blank block id an error under no input; the
/// first may close the modal as if the leave was filed, Slack rejects the second.
#[test]
fn view_errors_refuse_answers_that_show_nothing() {
    assert_eq!(
        view_errors(Vec::<(&str, ViewError)>::new(), &en().view_errors),
        Err(BuildError::NoViewErrors)
    );
    assert_eq!(
        field_errors_view(&[], &en().view_errors),
        Err(BuildError::NoViewErrors)
    );
    for blank in ["", "   ", "\t\n"] {
        assert_eq!(
            view_errors(
                [
                    ("reason", ViewError::Text("fine".into())),
                    (blank, ViewError::Text("lost".into()))
                ],
                &en().view_errors
            ),
            Err(BuildError::BlankBlockId),
            "{blank:?}"
        );
    }
}

#[test]
fn builder_inputs_deserialize_from_python_shaped_dicts() {
    // `current` accepts the `values` dict of a half_day_toggle route as is.
    let input: LeaveModalInput = serde_json::from_value(json!({
        "leave_types": [{"name": "Casual Leave"}],
        "today": "2026-12-04",
        "half_day_checked": true,
        "current": {
            "start_date": "2026-12-04", "end_date": null, "leave_type": "Casual Leave",
            "reason": null, "half_day": true, "half_day_date": null,
            "half_period": "first_half", "half_period_label": "First Half"
        }
    }))
    .unwrap();
    assert_eq!(input.current.half_period, Some(HalfPeriod::FirstHalf));
    // Typos are refused rather than ignored.
    assert!(serde_json::from_value::<LeaveModalInput>(json!({
        "leave_types": [], "today": "2026-12-04", "half_day_chekced": true
    }))
    .is_err());
    assert!(serde_json::from_value::<Notice>(json!({"kind": "nope"})).is_err());
}

/// The final states in German: both messages of each outcome.
#[test]
fn golden_german_outcomes() {
    let w = &de().leave_messages;
    let rendered: Vec<Value> = outcomes()
        .into_iter()
        .skip(2) // approved / rejected: in golden_german
        .flat_map(|(o, _, _)| {
            [
                approver_outcome_message(&details(), &o, w),
                requester_outcome(&details(), &o, w),
            ]
        })
        .map(|m| {
            check_message(&m);
            m.to_value().unwrap()
        })
        .collect();
    let reassigned = requester_outcome(
        &details(),
        &outcome(json!({"kind": "reassigned", "by": "Hal HR", "to": "Cleo Chief"})),
        w,
    );
    assert!(
        reassigned
            .text
            .contains("Ihr Urlaubsantrag wurde von *Hal HR* an *Cleo Chief* weitergeleitet."),
        "{}",
        reassigned.text
    );
    golden("de_outcome_messages", &Value::Array(rendered));
}

fn reject_input(name: &str, requester: &str) -> RejectModalInput {
    serde_json::from_value(json!({
        "leave_application": name,
        "requester_name": requester,
        "channel_id": "D0APPROVER",
        "message_ts": "1700000000.000100",
    }))
    .unwrap()
}

#[test]
fn golden_reject_modal() {
    let view = reject_reason_modal(
        &reject_input("HR-LAP-2026-00042", "Bob Builder"),
        &en().reject_modal,
    )
    .unwrap();
    let v = view_to_value(&view).unwrap();
    golden("reject_modal", &v);
    assert_eq!(v["callback_id"], "leave_reject_reason");
    let input = &v["blocks"][1];
    assert_eq!(input["block_id"], "reject_reason");
    assert_eq!(input["optional"], true);
    assert_eq!(input["element"]["action_id"], "reject_reason_input");
    assert_eq!(input["element"]["max_length"], 500);
    // The decision answers in the DM the click came from: the metadata carries it back.
    let meta: Value = serde_json::from_str(v["private_metadata"].as_str().unwrap()).unwrap();
    assert_eq!(
        meta,
        json!({"leave_application": "HR-LAP-2026-00042", "channel_id": "D0APPROVER", "message_ts": "1700000000.000100"})
    );
    let de_view = view_to_value(
        &reject_reason_modal(
            &reject_input("HR-LAP-2026-00042", "Bob Builder"),
            &de().reject_modal,
        )
        .unwrap(),
    )
    .unwrap();
    assert!(de_view["title"]["text"].as_str().unwrap().chars().count() <= limits::MODAL_TITLE);
    golden("de_reject_modal", &de_view);
}

#[test]
fn reject_modal_escapes_and_refuses_what_it_cannot_carry() {
    let v = view_to_value(
        &reject_reason_modal(
            &reject_input("HR-LAP-1", "<!channel> *Bob*"),
            &en().reject_modal,
        )
        .unwrap(),
    )
    .unwrap();
    let mut texts = vec![];
    all_texts(&v["blocks"], &mut texts);
    assert!(texts.iter().all(|t| !t.contains("<!channel>")), "{texts:?}");
    // A name too long for private_metadata is an error, never a cut that names another document.
    let long = reject_input(&"L".repeat(limits::PRIVATE_METADATA), "Bob");
    assert!(matches!(
        reject_reason_modal(&long, &en().reject_modal),
        Err(BuildError::PrivateMetadataTooLong { .. })
    ));
}

#[test]
fn withdrawn_outcome_tells_both_sides() {
    let w = &en().leave_messages;
    let withdrawn = outcome(json!({"kind": "withdrawn", "by": "Bob Builder"}));
    let approver = approver_outcome_message(&details(), &withdrawn, w);
    check_message(&approver);
    assert!(
        approver.text.ends_with("Withdrawn by *Bob Builder*"),
        "{}",
        approver.text
    );
    assert!(button_ids(&approver.to_value().unwrap()).is_empty());
    let requester = requester_outcome(&details(), &withdrawn, w);
    check_message(&requester);
    golden(
        "requester_outcome_withdrawn",
        &requester.to_value().unwrap(),
    );
}

#[test]
fn golden_cancellation_request_and_its_answers() {
    let w = &en().leave_messages;
    let m = cancellation_request_message(&details(), w).unwrap();
    check_message(&m);
    let v = m.to_value().unwrap();
    golden("cancellation_request", &v);
    assert_eq!(
        button_ids(&v),
        vec![
            ("leave_cancel".to_owned(), "HR-LAP-2026-00042".to_owned()),
            ("leave_keep".to_owned(), "HR-LAP-2026-00042".to_owned())
        ]
    );
    assert!(
        m.text.contains("asks to cancel this approved leave"),
        "{}",
        m.text
    );
    let cancelled = cancellation_outcome_message(
        &details(),
        &outcome(json!({"kind": "cancelled", "by": "Ann Approver"})),
        w,
    );
    check_message(&cancelled);
    assert!(button_ids(&cancelled.to_value().unwrap()).is_empty());
    assert!(
        cancelled.text.ends_with("🚫 Cancelled by *Ann Approver*"),
        "{}",
        cancelled.text
    );
    let kept = outcome(json!({"kind": "kept", "by": "Ann Approver"}));
    let answered = cancellation_outcome_message(&details(), &kept, w);
    check_message(&answered);
    golden("cancellation_kept", &answered.to_value().unwrap());
    assert!(
        answered
            .text
            .ends_with("👍 Kept by *Ann Approver*: the leave stays approved"),
        "{}",
        answered.text
    );
    let told = requester_outcome(&details(), &kept, w);
    check_message(&told);
    assert!(told
        .text
        .contains("*Ann Approver* kept your approved leave: it was not cancelled."));
    // German, for the approver and the requester.
    let de_words = &de().leave_messages;
    let de_request = cancellation_request_message(&details(), de_words).unwrap();
    check_message(&de_request);
    golden("de_cancellation_request", &de_request.to_value().unwrap());
    // A name that cannot ride in a button value is refused, never cut.
    let mut long = details();
    long.leave_application = "L".repeat(limits::BUTTON_VALUE + 1);
    assert!(cancellation_request_message(&long, w).is_err());
}

#[test]
fn approved_confirmation_offers_ask_to_cancel() {
    let w = &en().leave_messages;
    let m = requester_outcome_message(
        &details(),
        &approved("Ann Approver"),
        Some(Offer::AskToCancel),
        w,
    )
    .unwrap();
    check_message(&m);
    let v = m.to_value().unwrap();
    golden("requester_outcome_approved_ask_to_cancel", &v);
    assert_eq!(
        button_ids(&v),
        vec![(
            "leave_ask_cancel".to_owned(),
            "HR-LAP-2026-00042".to_owned()
        )]
    );
    assert!(v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["block_id"] == "requester_actions_block"));
}

#[test]
fn kept_outcome_input_is_strict() {
    for bad in [
        json!({"kind": "kept"}),
        json!({"kind": "kept", "by": "Ann", "reason": "x"}),
    ] {
        assert!(
            serde_json::from_value::<Outcome>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

fn choices(value: Value) -> ApprovalChoices {
    serde_json::from_value(value).unwrap()
}

#[test]
fn workflow_choices_decide_the_buttons() {
    let w = &en().leave_messages;
    let plain = approver_message(&details(), w).unwrap().to_value().unwrap();
    // No choices given: both decisions, exactly the plain message.
    let default = approver_message_with(&details(), &choices(json!({})), w)
        .unwrap()
        .to_value()
        .unwrap();
    assert_eq!(plain, default);
    let approve_only = approver_message_with(
        &details(),
        &choices(json!({"decisions": ["approve", "approve"], "workflow_state": "Open"})),
        w,
    )
    .unwrap();
    check_message(&approve_only);
    let v = approve_only.to_value().unwrap();
    golden("approver_message_workflow_approve_only", &v);
    assert_eq!(
        button_ids(&v),
        vec![("leave_approve".to_owned(), "HR-LAP-2026-00042".to_owned())]
    );
    assert!(
        approve_only.text.contains("🔀 Workflow state: *Open*"),
        "{}",
        approve_only.text
    );
    let moved = approver_message_with(
        &details(),
        &choices(json!({"decisions": [], "workflow_state": "Pending <!here> HR", "moved_by": "Bea Boss"})),
        w,
    )
    .unwrap();
    check_message(&moved);
    let v = moved.to_value().unwrap();
    assert!(button_ids(&v).is_empty());
    assert!(!v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["type"] == "actions"));
    assert!(
        moved
            .text
            .contains("➡️ Moved to *Pending &lt;!here&gt; HR* by *Bea Boss*"),
        "{}",
        moved.text
    );
    let de_moved = approver_message_with(
        &details(),
        &choices(json!({"decisions": ["reject"], "workflow_state": "Pending HR", "moved_by": "Bea Boss"})),
        &de().leave_messages,
    )
    .unwrap();
    check_message(&de_moved);
    golden(
        "de_approver_message_workflow_moved",
        &de_moved.to_value().unwrap(),
    );
    for bad in [
        json!({"decisions": ["maybe"]}),
        json!({"decisions": "approve"}),
        json!({"state": "Open"}),
    ] {
        assert!(
            serde_json::from_value::<ApprovalChoices>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// `/apply-leave <text>`: the modal prefilled from one line, and the note on what was unclear
// ---------------------------------------------------------------------------------------------

fn line_modal(line: &str, words: &slack_connector_core::words::ModalWords) -> Value {
    let mut input = modal_input();
    input.has_half_period_field = true;
    input.line = Some(line.into());
    let v = view_to_value(&leave_request_modal(&input, words).unwrap()).unwrap();
    check_view(&v);
    v
}

fn initial(v: &Value, block: &str) -> Value {
    let b = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == block)
        .unwrap_or_else(|| panic!("no block {block}"));
    b["element"].clone()
}

#[test]
fn golden_leave_modal_from_one_line() {
    // Friday 4 Dec 2026.
    let v = line_modal("24-26 Dec casual family trip", &en().modal);
    assert_eq!(initial(&v, "start_date")["initial_date"], "2026-12-24");
    assert_eq!(initial(&v, "end_date")["initial_date"], "2026-12-26");
    assert_eq!(
        initial(&v, "leave_type")["initial_option"]["value"],
        "Casual Leave"
    );
    assert_eq!(initial(&v, "reason")["initial_value"], "family trip");
    assert_ne!(v["blocks"][0]["type"], "context", "all understood: no note");
    golden("leave_modal_one_line", &v);

    let v = line_modal("next friday afternoon dentist", &en().modal);
    assert_eq!(initial(&v, "start_date")["initial_date"], "2026-12-11");
    assert_eq!(initial(&v, "end_date")["initial_date"], "2026-12-11");
    assert_eq!(
        initial(&v, "half_day_period")["initial_option"]["value"],
        "second_half"
    );
    assert!(initial(&v, "half_day_checkbox")["initial_options"].is_array());
    golden("leave_modal_one_line_half_day", &v);
}

#[test]
fn golden_leave_modal_one_line_not_understood() {
    let v = line_modal("31.02. casual without <!channel> trip", &en().modal);
    let note = v["blocks"][0]["elements"][0]["text"].as_str().unwrap();
    assert!(
        note.starts_with(":warning: *Please check the form:"),
        "{note}"
    );
    assert!(note.contains("“31.02.” looks like a date"), "{note}");
    assert!(
        note.contains("“casual without” could mean Casual Leave, Leave Without Pay"),
        "{note}"
    );
    // Not understood: nothing prefilled from it; the rest is the reason, as typed.
    assert_eq!(initial(&v, "start_date")["initial_date"], "2026-12-04");
    assert!(initial(&v, "leave_type").get("initial_option").is_none());
    assert_eq!(initial(&v, "reason")["initial_value"], "<!channel> trip");
    golden("leave_modal_one_line_unclear", &v);
}

#[test]
fn golden_german_leave_modal_from_one_line() {
    let v = line_modal("nächsten Freitag vormittags Umzug", &de().modal);
    assert_eq!(initial(&v, "start_date")["initial_date"], "2026-12-11");
    assert_eq!(
        initial(&v, "half_day_period")["initial_option"]["value"],
        "first_half"
    );
    assert_eq!(initial(&v, "reason")["initial_value"], "Umzug");
    golden("de_leave_modal_one_line", &v);

    let v = line_modal("vom 26. bis 24.12. Umzug", &de().modal);
    let note = v["blocks"][0]["elements"][0]["text"].as_str().unwrap();
    assert!(note.starts_with(":warning: *Bitte prüfen Sie"), "{note}");
    assert!(
        note.contains("„vom 26. bis 24.12.“ endet, bevor es beginnt."),
        "{note}"
    );
    golden("de_leave_modal_one_line_unclear", &v);
}
