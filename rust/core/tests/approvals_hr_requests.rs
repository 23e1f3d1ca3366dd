//! The approval engine's rows for Frappe HR's requests without money — Shift Request, Attendance
//! Request, Compensatory Leave Request: their own ids (none shared with another row or with
//! leave), and their cards as golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test approvals_hr_requests`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::blocks::approval::{
    approval_outcome, approval_reminder, approval_request, requester_notice, ApprovalCard,
    ApprovalOutcome, ReminderRow,
};
use slack_connector_core::blocks::leave::ApprovalChoices;
use slack_connector_core::interaction::approvals::{action, by_key, ApprovalAction, APPROVABLES};
use slack_connector_core::words::Catalogue;

const KEYS: [(&str, &str); 3] = [
    ("shift_request", "Shift Request"),
    ("attendance_request", "Attendance Request"),
    ("compensatory_leave_request", "Compensatory Leave Request"),
];

#[test]
fn each_request_has_a_row_with_ids_of_its_own() {
    for (key, doctype) in KEYS {
        let row = by_key(key).unwrap();
        assert_eq!(row.doctype, doctype);
        assert_eq!(action(row.approve).unwrap().1, ApprovalAction::Approve);
        assert_eq!(action(row.reject).unwrap().1, ApprovalAction::RejectPrompt);
        for other in APPROVABLES.iter().filter(|a| a.key != key) {
            for (mine, theirs) in [
                (row.approve, other.approve),
                (row.reject, other.reject),
                (row.reject_reason, other.reject_reason),
                (row.actions_block, other.actions_block),
                (row.reminder_block_prefix, other.reminder_block_prefix),
                (row.home_block_prefix, other.home_block_prefix),
            ] {
                assert_ne!(mine, theirs, "{key} shares an id with {}", other.key);
            }
        }
    }
}

fn card(v: Value) -> ApprovalCard {
    serde_json::from_value(v).unwrap()
}

fn shift_request() -> ApprovalCard {
    card(json!({
        "document": "shift_request",
        "name": "HR-SHR-26-03-00001",
        "kind": "Shift Request",
        "form_url": "https://hr.example.com/app/shift-request/HR-SHR-26-03-00001",
        "requester_name": "Jane Doe",
        "requester_slack_id": "U0JANE0001",
        "facts": [
            {"label": "Shift Type", "value": "Night (22:00 – 06:00)"},
            {"label": "From Date", "value": "2026-03-16"},
            {"label": "To Date", "value": "2026-03-20"}
        ],
        "summary": "Night · 2026-03-16 – 2026-03-20"
    }))
}

fn attendance_request() -> ApprovalCard {
    card(json!({
        "document": "attendance_request",
        "name": "HR-ARQ-26-03-00002",
        "kind": "Attendance Request",
        "form_url": "https://hr.example.com/app/attendance-request/HR-ARQ-26-03-00002",
        "requester_name": "Jane Doe",
        "facts": [
            {"label": "From Date", "value": "2026-03-02"},
            {"label": "To Date", "value": "2026-03-06"},
            {"label": "Reason", "value": "Work From Home"},
            {"label": "Half Day", "value": "2026-03-06"},
            {"label": "Explanation", "value": "Plumber *all week*"}
        ],
        "sections": [
            {"label": "Attendance Warnings", "lines": [
                {"text": "2026-03-04 · Holiday · Skip"},
                {"text": "2026-03-05 · Attendance already marked · Overwrite"}
            ]}
        ],
        "summary": "Work From Home · 2026-03-02 – 2026-03-06"
    }))
}

fn compensatory_leave_request() -> ApprovalCard {
    card(json!({
        "document": "compensatory_leave_request",
        "name": "HR-CMP-26-03-00003",
        "kind": "Compensatory Leave Request",
        "form_url": "https://hr.example.com/app/compensatory-leave-request/HR-CMP-26-03-00003",
        "requester_name": "Jane Doe",
        "facts": [
            {"label": "Leave Type", "value": "Compensatory Off"},
            {"label": "Work From Date", "value": "2026-03-07"},
            {"label": "Work End Date", "value": "2026-03-08"},
            {"label": "Half Day", "value": "2026-03-08"},
            {"label": "Reason", "value": "Release weekend"}
        ],
        "summary": "Compensatory Off · 2026-03-07 – 2026-03-08"
    }))
}

/// The card as the German reader gets it: the kind, the labels and the values the adapter
/// translates (a Select's option) in their words.
fn in_german(mut card: ApprovalCard) -> ApprovalCard {
    let german = |text: &str| {
        match text {
            "Shift Request" => "Schichtanforderung",
            "Attendance Request" => "Anwesenheitsanfrage",
            "Compensatory Leave Request" => "Ausgleichsurlaubsantrag",
            "Shift Type" => "Schicht-Art",
            "From Date" => "Von-Datum",
            "To Date" => "Bis-Datum",
            "Reason" => "Grund",
            "Half Day" => "Halbtags",
            "Explanation" => "Erklärung",
            "Attendance Warnings" => "Anwesenheitswarnungen",
            "Leave Type" => "Abwesenheitsart",
            "Work From Date" => "Arbeit von Datum",
            "Work End Date" => "Arbeitsenddatum",
            "Work From Home" => "Von zuhause aus arbeiten",
            "2026-03-04 · Holiday · Skip" => "2026-03-04 · Arbeitsfreier Tag · Überspringen",
            "2026-03-05 · Attendance already marked · Overwrite" => {
                "2026-03-05 · Anwesenheit bereits erfasst · Überschreiben"
            }
            other => other,
        }
        .to_owned()
    };
    card.kind = german(&card.kind);
    for fact in &mut card.facts {
        fact.label = german(&fact.label);
        fact.value = german(&fact.value);
    }
    for section in &mut card.sections {
        section.label = german(&section.label);
        for line in &mut section.lines {
            line.text = german(&line.text);
        }
    }
    card
}

fn cards(prefix: &str, words: &Catalogue) {
    let w = &words.approvals;
    let local = |c: ApprovalCard| if prefix.is_empty() { c } else { in_german(c) };
    let value = |m: slack_connector_core::blocks::Message| m.to_value().unwrap();
    let (shift, attendance, comp) = (
        local(shift_request()),
        local(attendance_request()),
        local(compensatory_leave_request()),
    );
    for (name, c) in [
        ("shift_request", &shift),
        ("attendance_request", &attendance),
        ("compensatory_leave_request", &comp),
    ] {
        golden(
            &format!("{prefix}approval_request_{name}"),
            &value(approval_request(c, &ApprovalChoices::default(), w).unwrap()),
        );
    }
    let outcome = |v: Value| -> ApprovalOutcome { serde_json::from_value(v).unwrap() };
    golden(
        &format!("{prefix}approval_outcome_attendance_rejected"),
        &value(
            approval_outcome(
                &attendance,
                &outcome(json!({"kind": "rejected", "by": "Bea Boss", "reason": "Team offsite that week"})),
                w,
            )
            .unwrap(),
        ),
    );
    golden(
        &format!("{prefix}approval_notice_shift_approved"),
        &value(
            requester_notice(
                &shift,
                &outcome(json!({"kind": "approved", "by": "Bea Boss"})),
                w,
            )
            .unwrap(),
        ),
    );
    let rows: Vec<ReminderRow> = [shift, attendance, comp]
        .into_iter()
        .map(|c| ReminderRow {
            card: c,
            outcome: None,
            decisions: vec![
                slack_connector_core::interaction::Decision::Approve,
                slack_connector_core::interaction::Decision::Reject,
            ],
            workflow_state: None,
        })
        .collect();
    golden(
        &format!("{prefix}approval_reminder_hr_requests"),
        &value(approval_reminder(&rows, w).unwrap()),
    );
}

#[test]
fn golden_cards_en() {
    cards("", en());
}

#[test]
fn golden_cards_de() {
    cards("de_", de());
}

#[test]
fn buttons_carry_each_rows_ids() {
    for c in [
        shift_request(),
        attendance_request(),
        compensatory_leave_request(),
    ] {
        let row = by_key(&c.document).unwrap();
        let msg = approval_request(&c, &ApprovalChoices::default(), &en().approvals).unwrap();
        let text = serde_json::to_string(&msg.to_value().unwrap()).unwrap();
        assert!(text.contains(row.approve) && text.contains(row.reject));
        assert!(text.contains(row.actions_block));
        assert!(text.contains(&format!("\"value\":\"{}\"", c.name)));
    }
}
