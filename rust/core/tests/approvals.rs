//! The approval engine: its table routed (new ids to the engine's routes, leave's ids to leave's
//! routes as before) and every card as golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test approvals`), escaping and limits.
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
    approval_outcome, approval_reminder, approval_request, reject_modal, requester_notice,
    ApprovalCard, ApprovalOutcome, RejectInput, ReminderRow, MAX_REMINDER_ROWS,
};
use slack_connector_core::blocks::leave::{
    home_view, view_to_value, ApprovalChoices, BuildError, HomeInput,
};
use slack_connector_core::interaction::approvals::{by_key, ApprovalAction, APPROVABLES};
use slack_connector_core::interaction::{lookup, route, Decision, Handler, Kind, Route};
use slack_connector_core::words::Catalogue;

fn button(action_id: &str, block_id: &str, value: &str) -> Value {
    json!({
        "type": "block_actions",
        "user": {"id": "U123APPROVER", "username": "ann", "name": "ann", "team_id": "T1"},
        "trigger_id": "123.456.abc",
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "D0CHAN"},
        "channel": {"id": "D0CHAN"},
        "message": {"ts": "1700000000.000100"},
        "actions": [{"action_id": action_id, "block_id": block_id, "type": "button", "value": value, "action_ts": "1"}]
    })
}

fn reason_submission(callback_id: &str, metadata: &str, reason: Option<&str>) -> Value {
    json!({
        "type": "view_submission",
        "user": {"id": "U123APPROVER", "username": "ann", "name": "ann", "team_id": "T1"},
        "view": {
            "id": "V1", "type": "modal", "callback_id": callback_id, "private_metadata": metadata,
            "state": {"values": {"reject_reason": {"reject_reason_input": {"type": "plain_text_input", "value": reason}}}}
        }
    })
}

fn routed(v: &Value) -> Route {
    route(serde_json::to_vec(v).unwrap().as_slice()).unwrap()
}

#[test]
fn every_engine_row_routes_its_buttons_and_its_reason_modal() {
    for row in APPROVABLES.iter().filter(|a| a.key != "leave_application") {
        let approve = routed(&button(row.approve, row.actions_block, " HR-X-1 ")).to_value();
        assert_eq!(approve["handler"], "approval_decision");
        assert_eq!(approve["document"], row.key);
        assert_eq!(approve["doctype"], row.doctype);
        assert_eq!(approve["name"], "HR-X-1");
        assert_eq!(approve["decision"], "approve");
        assert_eq!(approve["channel_id"], "D0CHAN");
        assert_eq!(approve["message_ts"], "1700000000.000100");
        // From a reminder row or the Home tab: the block does not matter, the action_id does.
        let reject = routed(&button(
            row.reject,
            &format!("{}3", row.home_block_prefix),
            "HR-X-1",
        ));
        assert!(matches!(
            reject,
            Route::Approval { action: ApprovalAction::RejectPrompt, document, .. } if document.key == row.key
        ));
        assert_eq!(reject.to_value()["handler"], "approval_reject_prompt");
        let meta = r#"{"name":"HR-X-1","channel_id":"D0CHAN","message_ts":"1.2"}"#;
        let rejection = routed(&reason_submission(
            row.reject_reason,
            meta,
            Some(" Not budgeted "),
        ))
        .to_value();
        assert_eq!(rejection["handler"], "approval_rejection");
        assert_eq!(rejection["document"], row.key);
        assert_eq!(rejection["name"], "HR-X-1");
        assert_eq!(rejection["reason"], "Not budgeted");
        assert_eq!(rejection["channel_id"], "D0CHAN");
        assert_eq!(rejection["errors"], Value::Null);
        let long = "x".repeat(501);
        let too_long = routed(&reason_submission(row.reject_reason, meta, Some(&long))).to_value();
        assert_eq!(too_long["reason"], Value::Null);
        assert!(too_long["errors"]["reject_reason"].is_object());
    }
}

#[test]
fn leave_keeps_its_ids_and_its_routes() {
    let leave = by_key("leave_application").unwrap();
    assert_eq!(
        lookup(Kind::BlockActions, leave.approve, leave.actions_block),
        Some(Handler::LeaveDecision(Decision::Approve))
    );
    let r = routed(&button("leave_approve", "leave_actions_block", "HR-LAP-1"));
    assert_eq!(r.to_value()["handler"], "leave_decision");
    assert_eq!(r.to_value()["leave_application"], "HR-LAP-1");
    let r = routed(&button(
        "leave_reject",
        "leave_reminder_actions_0",
        "HR-LAP-1",
    ));
    assert_eq!(r.to_value()["handler"], "reject_prompt");
    let meta = r#"{"leave_application":"HR-LAP-1"}"#;
    let r = routed(&reason_submission("leave_reject_reason", meta, None));
    assert_eq!(r.to_value()["handler"], "leave_rejection");
}

#[test]
fn bad_engine_payloads_are_typed_errors() {
    let reason = |v: &Value| {
        route(serde_json::to_vec(v).unwrap().as_slice())
            .unwrap_err()
            .reason()
    };
    assert_eq!(
        reason(&button("expense_claim_approve", "b", "   ")),
        "invalid_field"
    );
    assert_eq!(
        reason(&button("expense_claim_approvex", "b", "HR-1")),
        "unknown_action"
    );
    assert_eq!(
        reason(&reason_submission(
            "expense_claim_reject_reason",
            "{}",
            None
        )),
        "invalid_field"
    );
    assert_eq!(
        reason(&reason_submission(
            "expense_claim_reject_reason",
            r#"{"name":" "}"#,
            None
        )),
        "invalid_field"
    );
    assert_eq!(
        reason(&reason_submission(
            "nobody_reject_reason",
            r#"{"name":"x"}"#,
            None
        )),
        "unknown_callback"
    );
}

fn expense_claim() -> ApprovalCard {
    serde_json::from_value(json!({
        "document": "expense_claim",
        "name": "HR-EXP-2026-00007",
        "kind": "Expense Claim",
        "form_url": "https://hr.example.com/app/expense-claim/HR-EXP-2026-00007",
        "requester_name": "Jane Doe",
        "requester_slack_id": "U0JANE0001",
        "facts": [
            {"label": "Posting Date", "value": "2026-12-01"},
            {"label": "Total Claimed", "value": "€ 1.234,50"},
            {"label": "Total Sanctioned", "value": "€ 1.200,00"},
            {"label": "Advances Allocated", "value": "€ 200,00"},
            {"label": "Grand Total", "value": "€ 1.000,00"}
        ],
        "sections": [
            {"label": "Expenses", "lines": [
                {"text": "2026-11-28 · Travel · € 834,50 · Train <Berlin> & back"},
                {"text": "2026-11-29 · Food · € 400,00"}
            ]},
            {"label": "Advances", "lines": [
                {"text": "HR-EAD-2026-00002 · € 200,00", "url": "https://hr.example.com/app/employee-advance/HR-EAD-2026-00002"}
            ]},
            {"label": "Attachments", "lines": [
                {"text": "receipt.pdf", "url": "https://hr.example.com/private/files/receipt.pdf"}
            ]}
        ],
        "summary": "€ 1.234,50"
    }))
    .unwrap()
}

fn employee_advance() -> ApprovalCard {
    serde_json::from_value(json!({
        "document": "employee_advance",
        "name": "HR-EAD-2026-00003",
        "kind": "Employee Advance",
        "form_url": "https://hr.example.com/app/employee-advance/HR-EAD-2026-00003",
        "requester_name": "Jane Doe",
        "facts": [
            {"label": "Posting Date", "value": "2026-12-01"},
            {"label": "Advance Amount", "value": "$ 500.00"},
            {"label": "Purpose", "value": "Conference travel"}
        ],
        "summary": "$ 500.00"
    }))
    .unwrap()
}

fn outcome(v: Value) -> ApprovalOutcome {
    serde_json::from_value(v).unwrap()
}

fn choices(v: Value) -> ApprovalChoices {
    serde_json::from_value(v).unwrap()
}

/// The card as the German reader gets it: the kind and the labels in their words.
fn in_german(mut card: ApprovalCard) -> ApprovalCard {
    let german = |label: &str| {
        match label {
            "Expense Claim" => "Auslagenabrechnung",
            "Employee Advance" => "Mitarbeitervorschuss",
            "Posting Date" => "Buchungsdatum",
            "Total Claimed" => "Beantragt gesamt",
            "Total Sanctioned" => "Bewilligt gesamt",
            "Advances Allocated" => "Verrechnete Vorschüsse",
            "Grand Total" => "Gesamtbetrag",
            "Expenses" => "Auslagen",
            "Advances" => "Vorschüsse",
            "Attachments" => "Anhänge",
            "Advance Amount" => "Vorschussbetrag",
            "Purpose" => "Zweck",
            other => other,
        }
        .to_owned()
    };
    card.kind = german(&card.kind);
    for fact in &mut card.facts {
        fact.label = german(&fact.label);
    }
    for section in &mut card.sections {
        section.label = german(&section.label);
    }
    card
}

fn cards(prefix: &str, words: &Catalogue) {
    let w = &words.approvals;
    let (ec, ea) = if prefix.is_empty() {
        (expense_claim(), employee_advance())
    } else {
        (in_german(expense_claim()), in_german(employee_advance()))
    };
    let value = |m: slack_connector_core::blocks::Message| m.to_value().unwrap();
    golden(
        &format!("{prefix}approval_request_expense_claim"),
        &value(approval_request(&ec, &ApprovalChoices::default(), w).unwrap()),
    );
    golden(
        &format!("{prefix}approval_request_employee_advance"),
        &value(approval_request(&ea, &ApprovalChoices::default(), w).unwrap()),
    );
    golden(
        &format!("{prefix}approval_request_workflow"),
        &value(
            approval_request(
                &ec,
                &choices(json!({"decisions": ["approve"], "workflow_state": "Pending Finance", "moved_by": "Bea Boss"})),
                w,
            )
            .unwrap(),
        ),
    );
    golden(
        &format!("{prefix}approval_outcome_rejected"),
        &value(
            approval_outcome(&ec, &outcome(json!({"kind": "rejected", "by": "Bea Boss", "reason": "No receipt for the food"})), w)
                .unwrap(),
        ),
    );
    golden(
        &format!("{prefix}approval_outcome_reassigned"),
        &value(
            approval_outcome(
                &ea,
                &outcome(json!({"kind": "reassigned", "by": "Hal HR", "to": "Cleo Chief"})),
                w,
            )
            .unwrap(),
        ),
    );
    golden(
        &format!("{prefix}approval_notice_approved"),
        &value(
            requester_notice(
                &ec,
                &outcome(json!({"kind": "approved", "by": "Bea Boss"})),
                w,
            )
            .unwrap(),
        ),
    );
    golden(
        &format!("{prefix}approval_notice_rejected"),
        &value(
            requester_notice(
                &ea,
                &outcome(
                    json!({"kind": "rejected", "by": "Bea Boss", "reason": "Book it as travel"}),
                ),
                w,
            )
            .unwrap(),
        ),
    );
    let input: RejectInput = serde_json::from_value(json!({
        "document": "expense_claim", "name": "HR-EXP-2026-00007", "requester_name": "Jane Doe",
        "channel_id": "D0BOSS0001", "message_ts": "1700000000.000100"
    }))
    .unwrap();
    golden(
        &format!("{prefix}approval_reject_modal"),
        &view_to_value(&reject_modal(&input, w).unwrap()).unwrap(),
    );
    let rows: Vec<ReminderRow> = serde_json::from_value(json!([
        {"card": serde_json::to_value(card_json(&ec)).unwrap()},
        {"card": card_json(&ea), "outcome": {"kind": "approved", "by": "Hal HR"}},
        {"card": card_json(&ea), "decisions": ["reject"], "workflow_state": "Pending"}
    ]))
    .unwrap();
    golden(
        &format!("{prefix}approval_reminder"),
        &value(approval_reminder(&rows, w).unwrap()),
    );
    let home: HomeInput = serde_json::from_value(json!({
        "kind": "employee",
        "approvals": [card_json(&ec), card_json(&ea)]
    }))
    .unwrap();
    golden(
        &format!("{prefix}home_approvals_only"),
        &view_to_value(&home_view(&home, &words.home).unwrap()).unwrap(),
    );
}

/// The card back as the JSON the ERP adapter hands over.
fn card_json(card: &ApprovalCard) -> Value {
    json!({
        "document": card.document, "name": card.name, "kind": card.kind, "form_url": card.form_url,
        "requester_name": card.requester_name, "requester_slack_id": card.requester_slack_id,
        "facts": card.facts.iter().map(|f| json!({"label": f.label, "value": f.value})).collect::<Vec<_>>(),
        "sections": card.sections.iter().map(|s| json!({
            "label": s.label,
            "lines": s.lines.iter().map(|l| json!({"text": l.text, "url": l.url})).collect::<Vec<_>>()
        })).collect::<Vec<_>>(),
        "summary": card.summary,
    })
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
fn buttons_carry_the_rows_ids_and_user_text_is_escaped() {
    let w = &en().approvals;
    let mut card = expense_claim();
    card.requester_slack_id = None;
    card.requester_name = "<!channel> & Co".into();
    let m = approval_request(&card, &ApprovalChoices::default(), w)
        .unwrap()
        .to_value()
        .unwrap();
    let text = m.to_string();
    assert!(!text.contains("<!channel>"), "{text}");
    assert!(text.contains("&lt;!channel&gt; &amp; Co"));
    assert!(text.contains("Train &lt;Berlin&gt; &amp; back"));
    let actions = m["blocks"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(actions["block_id"], "expense_claim_actions_block");
    assert_eq!(actions["elements"][0]["action_id"], "expense_claim_approve");
    assert_eq!(actions["elements"][1]["action_id"], "expense_claim_reject");
    assert_eq!(actions["elements"][0]["value"], "HR-EXP-2026-00007");
    // No decision the reader may take: no actions block at all.
    let none = approval_request(&card, &choices(json!({"decisions": []})), w)
        .unwrap()
        .to_value()
        .unwrap();
    assert!(none["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["type"] != "actions"));
}

#[test]
fn refused_inputs_are_build_errors() {
    let w = &en().approvals;
    let mut card = expense_claim();
    card.document = "purchase_order".into();
    assert!(matches!(
        approval_request(&card, &ApprovalChoices::default(), w),
        Err(BuildError::UnknownDocument(_))
    ));
    let mut card = expense_claim();
    card.name = "x".repeat(2001);
    assert!(matches!(
        approval_request(&card, &ApprovalChoices::default(), w),
        Err(BuildError::ButtonValueTooLong { .. })
    ));
    assert!(matches!(
        approval_reminder(&[], w),
        Err(BuildError::NoReminderItems)
    ));
}

#[test]
fn a_long_reminder_stays_under_slacks_block_limit() {
    let w = &en().approvals;
    let row: ReminderRow =
        serde_json::from_value(json!({"card": card_json(&expense_claim())})).unwrap();
    let rows = vec![row; 500];
    let m = approval_reminder(&rows, w).unwrap().to_value().unwrap();
    let blocks = m["blocks"].as_array().unwrap();
    assert!(blocks.len() <= 50, "{}", blocks.len());
    let actions = blocks.iter().filter(|b| b["type"] == "actions").count();
    assert_eq!(actions, MAX_REMINDER_ROWS);
    assert_eq!(
        blocks[2 + 1]["block_id"],
        "expense_claim_reminder_actions_0"
    );
}
