//! Routing table rows, malformed payloads and leave form validation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};
use slack_connector_core::half_period::HalfPeriod;
use slack_connector_core::interaction::shortcuts::{ShortcutKind, SHORTCUTS};
use slack_connector_core::interaction::{
    lookup, route, validate_leave_form, AckReason, Decision, FormError, FormLayout, FormState,
    Handler, InlineError, Kind, LeaveButton, LeaveForm, PayloadError, Route, MAX_NESTING,
    MAX_PAYLOAD_BYTES, RULES,
};
use slack_connector_core::slack_id::SlackUserId;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn route_json(v: &Value) -> Result<Route, PayloadError> {
    route(serde_json::to_vec(v).unwrap().as_slice())
}

fn reason_of(payload: &[u8]) -> &'static str {
    route(payload).unwrap_err().reason()
}

fn reason_of_json(v: &Value) -> &'static str {
    route_json(v).unwrap_err().reason()
}

/// A block_actions payload from a message surface (REFERENCE.md A2).
fn message_action(action_id: &str, block_id: &str, value: &str) -> Value {
    json!({
        "type": "block_actions",
        "user": {"id": "U123APPROVER", "username": "ann", "name": "ann", "team_id": "T1"},
        "api_app_id": "A1",
        "token": "tok",
        "trigger_id": "123.456.abc",
        "team": {"id": "T1", "domain": "acme"},
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "D0CHAN", "is_ephemeral": false},
        "channel": {"id": "D0CHAN", "name": "directmessage"},
        "message": {"ts": "1700000000.000100", "text": "Leave Request"},
        "response_url": "https://hooks.slack.com/actions/T1/1/abc",
        "actions": [{
            "action_id": action_id,
            "block_id": block_id,
            "type": "button",
            "action_ts": "1700000001.000200",
            "value": value,
            "text": {"type": "plain_text", "text": "Approve"}
        }]
    })
}

fn sv_date(d: &str) -> Value {
    json!({"type": "datepicker", "selected_date": d})
}

/// The leave modal's `state.values` with everything filled.
fn full_state() -> Value {
    json!({
        "start_date": {"start_date_picker": sv_date("2026-12-04")},
        "end_date": {"end_date_picker": sv_date("2026-12-07")},
        "leave_type": {"leave_type_select": {"type": "static_select", "selected_option": {"text": {"type": "plain_text", "text": "Casual Leave"}, "value": "Casual Leave"}}},
        "reason": {"reason_input": {"type": "plain_text_input", "value": "  Family trip  "}},
        "half_day_checkbox": {"half_day_checkbox": {"type": "checkboxes", "selected_options": [{"text": {"type": "plain_text", "text": "Half"}, "value": "half_day"}]}},
        "half_day_date": {"half_day_date_picker": sv_date("2026-12-05")},
        "half_day_period": {"half_day_period_select": {"type": "static_select", "selected_option": {"text": {"type": "plain_text", "text": "Second Half"}, "value": "second_half"}}}
    })
}

fn view(callback_id: &str, values: Value) -> Value {
    let blocks: Vec<Value> = values
        .as_object()
        .map(|m| {
            m.keys()
                .map(|k| json!({"type": "input", "block_id": k}))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id": "V123", "team_id": "T1", "type": "modal", "callback_id": callback_id,
        "private_metadata": "{\"channel\":\"C1\"}", "hash": "1700000000.abcdef",
        "state": {"values": values}, "blocks": blocks,
        "title": {"type": "plain_text", "text": "Apply for Leave"},
        "root_view_id": "V123", "previous_view_id": null, "external_id": "", "app_id": "A1", "bot_id": "B1",
        "clear_on_close": false, "notify_on_close": false
    })
}

fn submission(values: Value) -> Value {
    json!({
        "type": "view_submission",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": "U777REQ", "username": "bob", "name": "bob", "team_id": "T1"},
        "api_app_id": "A1", "token": "tok", "trigger_id": "1.2.3",
        "view": view("apply_leave_application", values),
        "response_urls": []
    })
}

fn toggle(checked: bool, values: Value) -> Value {
    let selected = if checked {
        json!([{"text": {"type": "plain_text", "text": "Half"}, "value": "half_day"}])
    } else {
        json!([])
    };
    json!({
        "type": "block_actions",
        "user": {"id": "U777REQ", "username": "bob", "name": "bob", "team_id": "T1"},
        "trigger_id": "1.2.3",
        "container": {"type": "view", "view_id": "V123"},
        "view": view("apply_leave_application", values),
        "actions": [{"action_id": "half_day_checkbox", "block_id": "half_day_checkbox", "type": "checkboxes", "selected_options": selected, "action_ts": "1"}]
    })
}

// ---------------------------------------------------------------------------------------------
// One test per routing-table row
// ---------------------------------------------------------------------------------------------

#[test]
fn row_leave_approve() {
    let r = route_json(&message_action(
        "leave_approve",
        "leave_actions_block",
        "HR-LAP-2026-00042",
    ))
    .unwrap();
    assert_eq!(
        r,
        Route::LeaveDecision {
            decision: Decision::Approve,
            leave_application: "HR-LAP-2026-00042".into(),
            user_id: SlackUserId::parse("U123APPROVER").unwrap(),
            user_name: Some("ann".into()),
            channel_id: Some("D0CHAN".into()),
            message_ts: Some("1700000000.000100".into()),
            response_url: Some("https://hooks.slack.com/actions/T1/1/abc".into()),
            trigger_id: Some("123.456.abc".into()),
        }
    );
}

#[test]
fn row_leave_reject_opens_the_reason_prompt_with_container_fallbacks() {
    // `leave_reject` stays the action id (messages in flight keep working); it now asks why.
    let mut p = message_action("leave_reject", "leave_actions_block", " HR-LAP-1 ");
    let obj = p.as_object_mut().unwrap();
    obj.remove("channel");
    obj.remove("response_url");
    obj["container"]
        .as_object_mut()
        .unwrap()
        .remove("message_ts");
    let r = route_json(&p).unwrap();
    match r {
        Route::LeaveButton {
            button,
            leave_application,
            channel_id,
            message_ts,
            trigger_id,
            ..
        } => {
            assert_eq!(button, LeaveButton::RejectPrompt);
            assert_eq!(leave_application, "HR-LAP-1");
            assert_eq!(channel_id.as_deref(), Some("D0CHAN"));
            assert_eq!(message_ts.as_deref(), Some("1700000000.000100"));
            assert_eq!(trigger_id.as_deref(), Some("123.456.abc"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_click_on_an_unfurl_card_names_no_message_of_ours() {
    // The card hangs on the poster's message (`is_app_unfurl`): its ts is theirs, never one the
    // app may record or rewrite; the channel stays, for the clicking user's ephemeral answer.
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["container"] = json!({
        "type": "message_attachment", "message_ts": "1700000000.000100", "attachment_id": 1,
        "channel_id": "C0LINKS", "is_ephemeral": false, "is_app_unfurl": true,
        "app_unfurl_url": "https://erp.example.com/app/leave-application/HR-LAP-1"
    });
    p["channel"] = json!({"id": "C0LINKS", "name": "links"});
    match route_json(&p).unwrap() {
        Route::LeaveDecision {
            channel_id,
            message_ts,
            ..
        } => {
            assert_eq!(channel_id.as_deref(), Some("C0LINKS"));
            assert_eq!(message_ts, None);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn row_leave_withdraw() {
    let r = route_json(&message_action(
        "leave_withdraw",
        "requester_actions_block",
        "HR-LAP-7",
    ))
    .unwrap();
    assert!(matches!(
        r,
        Route::LeaveButton {
            button: LeaveButton::Withdraw,
            ref leave_application,
            ..
        } if leave_application == "HR-LAP-7"
    ));
    // A button without the document it acts on is a payload error, not a guess.
    assert_eq!(
        reason_of_json(&message_action("leave_withdraw", "b", "  ")),
        "invalid_field"
    );
}

/// The reject modal submitted with `reason` typed into its one input.
fn rejection(metadata: &str, reason: Option<&str>) -> Value {
    let values = json!({
        "reject_reason": {"reject_reason_input": {"type": "plain_text_input", "value": reason}}
    });
    let mut p = submission(values);
    p["user"]["id"] = json!("U123APPROVER");
    p["view"]["callback_id"] = json!("leave_reject_reason");
    p["view"]["private_metadata"] = json!(metadata);
    p
}

const REJECT_META: &str =
    r#"{"leave_application":"HR-LAP-3","channel_id":"D0CHAN","message_ts":"1700000000.000100"}"#;

#[test]
fn row_leave_rejection_reason_rules() {
    let reason_of_route = |r: Route| match r {
        Route::LeaveRejection {
            reason,
            leave_application,
            channel_id,
            message_ts,
            ..
        } => {
            assert_eq!(leave_application, "HR-LAP-3");
            assert_eq!(channel_id.as_deref(), Some("D0CHAN"));
            assert_eq!(message_ts.as_deref(), Some("1700000000.000100"));
            reason
        }
        other => panic!("unexpected {other:?}"),
    };
    let r = route_json(&rejection(
        REJECT_META,
        Some("  Team offsite \u{0} that week "),
    ))
    .unwrap();
    assert_eq!(
        reason_of_route(r),
        Ok(Some("Team offsite  that week".to_owned())),
        "control characters are removed, the rest kept"
    );
    // Empty, blank or absent: no reason, and allowed.
    for blank in [None, Some(""), Some(" \n\t ")] {
        let r = route_json(&rejection(REJECT_META, blank)).unwrap();
        assert_eq!(reason_of_route(r), Ok(None), "{blank:?}");
    }
    let at_limit = "é".repeat(500);
    let r = route_json(&rejection(REJECT_META, Some(&at_limit))).unwrap();
    assert_eq!(reason_of_route(r), Ok(Some(at_limit)));
    let r = route_json(&rejection(REJECT_META, Some(&"é".repeat(501)))).unwrap();
    let errors = reason_of_route(r).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].block_id, "reject_reason");
    assert_eq!(
        errors[0].error,
        FormError::ReasonTooLong {
            max: 500,
            length: 501
        }
    );
}

#[test]
fn leave_rejection_metadata_is_read_strictly() {
    for bad in [
        "",
        "not json",
        r#"{"leave_application":"  "}"#,
        r#"{"channel_id":"D0CHAN"}"#,
        r#"{"leave_application":"HR-LAP-3","extra":1}"#,
        r#"{"leave_application":7}"#,
    ] {
        let reason = reason_of_json(&rejection(bad, Some("x")));
        assert!(
            ["invalid_field", "missing_field"].contains(&reason),
            "{bad}: {reason}"
        );
    }
    let mut p = rejection(REJECT_META, None);
    p["view"]
        .as_object_mut()
        .unwrap()
        .remove("private_metadata");
    assert_eq!(reason_of_json(&p), "missing_field");
}

#[test]
fn approval_buttons_route_whatever_their_block() {
    // Older messages may carry another block_id; the action_id and value are what matter.
    let r = route_json(&message_action("leave_approve", "xyz", "HR-LAP-1")).unwrap();
    assert!(matches!(
        r,
        Route::LeaveDecision {
            decision: Decision::Approve,
            ..
        }
    ));
}

#[test]
fn row_half_day_toggle_checked_preserves_values() {
    let mut values = full_state();
    values.as_object_mut().unwrap().remove("half_day_date");
    let r = route_json(&toggle(true, values)).unwrap();
    match r {
        Route::HalfDayToggle {
            user_id,
            view_id,
            view_hash,
            checked,
            values,
            private_metadata,
        } => {
            assert_eq!(user_id, "U777REQ");
            assert_eq!(view_id, "V123");
            assert_eq!(view_hash, "1700000000.abcdef");
            assert!(checked);
            assert_eq!(private_metadata, "{\"channel\":\"C1\"}");
            assert_eq!(
                values,
                FormState {
                    start_date: Some(date("2026-12-04")),
                    end_date: Some(date("2026-12-07")),
                    leave_type: Some("Casual Leave".into()),
                    reason: Some("  Family trip  ".into()),
                    half_day: true,
                    half_day_date: None,
                    half_period: Some(HalfPeriod::SecondHalf),
                }
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn row_half_day_toggle_unchecked() {
    // state.values still shows the box checked; the action is the newer truth.
    let r = route_json(&toggle(false, full_state())).unwrap();
    match r {
        Route::HalfDayToggle {
            checked, values, ..
        } => {
            assert!(!checked);
            assert!(!values.half_day);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn half_day_toggle_with_empty_state() {
    let mut p = toggle(true, json!({}));
    p["view"].as_object_mut().unwrap().remove("state");
    let r = route_json(&p).unwrap();
    assert!(
        matches!(r, Route::HalfDayToggle { checked: true, values, .. } if values.start_date.is_none())
    );
}

#[test]
fn row_ignore_prefix_acks() {
    for id in ["ignore", "ignore_link", "ignore-open-form", "ignored"] {
        let r = route_json(&message_action(id, "any_block", "x")).unwrap();
        assert_eq!(
            r,
            Route::Ack {
                reason: AckReason::IgnoredAction
            },
            "{id}"
        );
    }
}

#[test]
fn row_leave_submission_valid() {
    let r = route_json(&submission(full_state())).unwrap();
    assert_eq!(
        r,
        Route::LeaveSubmission {
            user_id: SlackUserId::parse("U777REQ").unwrap(),
            view_id: "V123".into(),
            private_metadata: "{\"channel\":\"C1\"}".into(),
            form: Ok(LeaveForm {
                start_date: date("2026-12-04"),
                end_date: date("2026-12-07"),
                leave_type: "Casual Leave".into(),
                reason: "Family trip".into(),
                half_day: true,
                half_day_date: Some(date("2026-12-05")),
                half_period: Some(HalfPeriod::SecondHalf),
            }),
        }
    );
}

#[test]
fn leave_submission_with_field_errors_is_not_a_payload_error() {
    let mut values = full_state();
    values["end_date"]["end_date_picker"] = sv_date("2026-12-01");
    values["reason"]["reason_input"]["value"] = json!("   ");
    let r = route_json(&submission(values)).unwrap();
    match r {
        Route::LeaveSubmission {
            form: Err(errors), ..
        } => {
            let blocks: Vec<_> = errors.iter().map(|e| e.block_id).collect();
            assert_eq!(blocks, ["reason", "end_date"]);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn row_view_closed_acks_any_callback() {
    for cb in ["apply_leave_application", "something_else", ""] {
        let mut p = submission(full_state());
        p["type"] = json!("view_closed");
        p["view"]["callback_id"] = json!(cb);
        assert_eq!(
            route_json(&p).unwrap(),
            Route::Ack {
                reason: AckReason::ViewClosed
            }
        );
    }
}

#[test]
fn every_rule_is_reachable_in_order() {
    // Each row is hit by the payload it was written for (first match wins).
    let cases: [(Kind, &str, &str); 19] = [
        (Kind::BlockActions, "leave_approve", "leave_actions_block"),
        (Kind::BlockActions, "leave_reject", "leave_actions_block"),
        (Kind::BlockActions, "leave_withdraw", "requester_block"),
        (Kind::BlockActions, "leave_ask_cancel", "requester_block"),
        (Kind::BlockActions, "leave_cancel", "cancellation_block"),
        (Kind::BlockActions, "leave_keep", "cancellation_block"),
        (Kind::BlockActions, "home_apply_leave", "home_actions_block"),
        (Kind::BlockActions, "half_day_checkbox", "half_day_checkbox"),
        (Kind::BlockActions, "away_show", "away_actions_block"),
        (Kind::BlockActions, "away_stop", "away_actions_block"),
        (Kind::BlockActions, "away_dnd", "away_actions_block"),
        (
            Kind::BlockActions,
            "celebrations_choice",
            "celebrations_actions_block",
        ),
        (Kind::BlockActions, "ignore_me", "b"),
        (Kind::ViewSubmission, "apply_leave_application", ""),
        (Kind::ViewSubmission, "leave_reject_reason", ""),
        (Kind::ViewClosed, "whatever", ""),
        (Kind::BlockActions, "ts_project_select", "ts_project"),
        (Kind::BlockActions, "ts_log_time", "ts_reminder_actions"),
        (Kind::ViewSubmission, "log_timesheet", ""),
    ];
    assert_eq!(cases.len(), RULES.len());
    for ((kind, id, block), rule) in cases.iter().zip(RULES) {
        assert_eq!(lookup(*kind, id, block), Some(rule.handler), "{id}");
    }
    assert_eq!(
        lookup(Kind::BlockActions, "half_day_checkbox", "other_block"),
        None
    );
    assert_eq!(lookup(Kind::ViewSubmission, "leave_approve", ""), None);
    assert_eq!(
        lookup(Kind::BlockActions, "leave_approve", ""),
        Some(Handler::LeaveDecision(Decision::Approve))
    );
}

// ---------------------------------------------------------------------------------------------
// Malformed payloads: typed errors, never panics
// ---------------------------------------------------------------------------------------------

#[test]
fn not_json() {
    assert_eq!(reason_of(b""), "malformed_json");
    assert_eq!(reason_of(b"   "), "malformed_json");
    assert_eq!(reason_of(b"hello"), "malformed_json");
    assert_eq!(reason_of(b"{\"type\": \"block_actions\""), "malformed_json");
    assert_eq!(reason_of(b"{\"type\": }"), "malformed_json");
    assert_eq!(reason_of(b"\xff\xfe{}"), "malformed_json");
    assert_eq!(
        reason_of(b"{\"type\":\"view_closed\"} trailing"),
        "malformed_json"
    );
}

#[test]
fn json_but_not_an_object() {
    assert_eq!(reason_of(b"[]"), "malformed_json");
    assert_eq!(
        reason_of(b"[{\"type\":\"block_actions\"}]"),
        "malformed_json"
    );
    assert_eq!(reason_of(b"\"block_actions\""), "malformed_json");
    assert_eq!(reason_of(b"null"), "malformed_json");
    assert_eq!(reason_of(b"42"), "malformed_json");
}

#[test]
fn missing_or_unknown_type() {
    assert_eq!(reason_of(b"{}"), "missing_field");
    assert_eq!(
        route(b"{}").unwrap_err(),
        PayloadError::MissingField("type")
    );
    assert_eq!(reason_of(b"{\"type\": null}"), "missing_field");
    for t in ["block_suggestion", "interactive_message", ""] {
        let e = route_json(&json!({"type": t})).unwrap_err();
        assert_eq!(e.reason(), "unknown_type", "{t}");
    }
    // Shortcuts are routed types now (the registry); without a callback_id of ours they are
    // refused like any unknown callback.
    for t in ["shortcut", "message_action"] {
        let e = route_json(&json!({"type": t})).unwrap_err();
        assert_eq!(e.reason(), "unknown_callback", "{t}");
    }
    assert_eq!(reason_of(b"{\"type\": 5}"), "invalid_field");
}

#[test]
fn block_actions_without_actions() {
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p.as_object_mut().unwrap().remove("actions");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("actions")
    );
    p["actions"] = json!([]);
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("actions")
    );
    p["actions"] = json!(null);
    assert_eq!(reason_of_json(&p), "missing_field");
    p["actions"] = json!("leave_approve");
    assert_eq!(reason_of_json(&p), "invalid_field");
    p["actions"] = json!([{"block_id": "leave_actions_block", "value": "x"}]);
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("actions[0].action_id")
    );
    p["actions"] = json!([42]);
    assert_eq!(reason_of_json(&p), "invalid_field");
}

/// Was: any non-empty `user.id` was routed, and reached mentions and lookups as is.
#[test]
fn a_user_id_that_is_not_a_slack_id_is_invalid_field() {
    for bad in ["U1>|<!channel>", "U 1", "not-a-slack-id", &"U".repeat(65)] {
        let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
        p["user"]["id"] = json!(bad);
        let err = route_json(&p).unwrap_err();
        assert_eq!(err.reason(), "invalid_field", "{bad}");
        assert!(err.to_string().contains("user.id"), "{err}");
    }
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["user"]["id"] = json!("");
    assert_eq!(reason_of_json(&p), "missing_field");
}

#[test]
fn wrong_json_types_are_invalid_field() {
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["user"] = json!("U123");
    assert_eq!(reason_of_json(&p), "invalid_field");
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["actions"][0]["value"] = json!(42);
    assert_eq!(reason_of_json(&p), "invalid_field");
    let mut p = submission(full_state());
    p["view"]["state"]["values"] = json!([1, 2]);
    assert_eq!(reason_of_json(&p), "invalid_field");
    let mut p = submission(full_state());
    p["view"]["state"]["values"]["reason"]["reason_input"]["value"] = json!({"x": 1});
    assert_eq!(reason_of_json(&p), "invalid_field");
}

#[test]
fn decision_needs_value_and_user() {
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["actions"][0].as_object_mut().unwrap().remove("value");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("actions[0].value")
    );
    let p = message_action("leave_approve", "leave_actions_block", "   ");
    assert_eq!(reason_of_json(&p), "invalid_field");
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p.as_object_mut().unwrap().remove("user");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("user.id")
    );
    let mut p = message_action("leave_approve", "leave_actions_block", "HR-LAP-1");
    p["user"]["id"] = json!("");
    assert_eq!(reason_of_json(&p), "missing_field");
}

#[test]
fn unknown_ids() {
    let e = route_json(&message_action(
        "approve_everything",
        "leave_actions_block",
        "x",
    ))
    .unwrap_err();
    assert_eq!(e.reason(), "unknown_action");
    assert!(e.to_string().contains("approve_everything"));
    // The half-day action id in a foreign block is not the toggle.
    let e = route_json(&message_action("half_day_checkbox", "elsewhere", "x")).unwrap_err();
    assert_eq!(e.reason(), "unknown_action");
    let mut p = submission(full_state());
    p["view"]["callback_id"] = json!("some_other_modal");
    assert_eq!(reason_of_json(&p), "unknown_callback");
    p["view"].as_object_mut().unwrap().remove("callback_id");
    assert_eq!(reason_of_json(&p), "unknown_callback");
    // A huge id is cut in the error message.
    let long = "x".repeat(10_000);
    let e = route_json(&message_action(&long, "b", "v")).unwrap_err();
    assert!(e.to_string().len() < 1_000);
}

#[test]
fn submission_structure() {
    let mut p = submission(full_state());
    p.as_object_mut().unwrap().remove("view");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("view")
    );
    let mut p = submission(full_state());
    p["view"].as_object_mut().unwrap().remove("state");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("view.state.values")
    );
    let mut p = submission(full_state());
    p["view"].as_object_mut().unwrap().remove("id");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("view.id")
    );
    let mut p = toggle(true, full_state());
    p["view"].as_object_mut().unwrap().remove("hash");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("view.hash")
    );
    let mut p = toggle(true, full_state());
    p.as_object_mut().unwrap().remove("view");
    assert_eq!(
        route_json(&p).unwrap_err(),
        PayloadError::MissingField("view")
    );
}

#[test]
fn malformed_dates_and_periods_are_invalid_field() {
    for bad in ["04/12/2026", "2026-13-01", "2026-02-30", "tomorrow"] {
        let mut values = full_state();
        values["start_date"]["start_date_picker"] = sv_date(bad);
        let e = route_json(&submission(values)).unwrap_err();
        assert_eq!(e.reason(), "invalid_field", "{bad}");
        assert!(e.to_string().contains("start_date"), "{e}");
    }
    let mut values = full_state();
    values["half_day_period"]["half_day_period_select"]["selected_option"]["value"] =
        json!("third_half");
    assert_eq!(reason_of_json(&submission(values)), "invalid_field");
}

#[test]
fn cleared_inputs_are_missing_values_not_errors() {
    // Slack sends null for a cleared select / datepicker.
    let mut values = full_state();
    values["leave_type"]["leave_type_select"]["selected_option"] = Value::Null;
    values["start_date"]["start_date_picker"]["selected_date"] = Value::Null;
    let r = route_json(&submission(values)).unwrap();
    match r {
        Route::LeaveSubmission {
            form: Err(errors), ..
        } => {
            let blocks: Vec<_> = errors.iter().map(|e| e.block_id).collect();
            assert_eq!(blocks, ["start_date", "leave_type"]);
        }
        other => panic!("unexpected {other:?}"),
    }
}

fn nested(depth: usize) -> String {
    format!(
        "{{\"type\":\"block_actions\",\"x\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    assert_eq!(reason_of(nested(10_000).as_bytes()), "malformed_json");
    assert_eq!(reason_of(nested(1_000_000).as_bytes()), "malformed_json");
    // Unbalanced opening brackets only.
    assert_eq!(reason_of("{".repeat(100_000).as_bytes()), "malformed_json");
    assert_eq!(
        route(nested(MAX_NESTING).as_bytes()).unwrap_err(),
        PayloadError::TooDeep(MAX_NESTING)
    );
    // Just inside the limit the payload is parsed (and then lacks actions).
    assert_eq!(
        route(nested(MAX_NESTING - 1).as_bytes()).unwrap_err(),
        PayloadError::MissingField("actions")
    );
}

#[test]
fn brackets_inside_strings_do_not_count_as_nesting() {
    let mut values = full_state();
    values["reason"]["reason_input"]["value"] =
        json!(format!("{}\\\"{}", "[".repeat(400), "{".repeat(400)));
    let r = route_json(&submission(values)).unwrap();
    assert!(matches!(r, Route::LeaveSubmission { form: Ok(_), .. }));
}

#[test]
fn oversized_payload_is_refused_before_parsing() {
    let big = vec![b' '; MAX_PAYLOAD_BYTES + 1];
    let e = route(&big).unwrap_err();
    assert_eq!(e.reason(), "too_large");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = route(&bytes);
    }

    #[test]
    fn arbitrary_json_shaped_text_never_panics(s in "[{}\\[\\]\":,a-z_0-9 \\\\]{0,256}") {
        let _ = route(s.as_bytes());
        let wrapped = format!("{{\"type\":\"block_actions\",\"actions\":[{s}]}}");
        let _ = route(wrapped.as_bytes());
    }
}

// ---------------------------------------------------------------------------------------------
// Validation rules
// ---------------------------------------------------------------------------------------------

fn state(start: &str, end: &str) -> FormState {
    FormState {
        start_date: Some(date(start)),
        end_date: Some(date(end)),
        leave_type: Some("Casual Leave".into()),
        reason: Some("Trip".into()),
        ..FormState::default()
    }
}

const NO_EXTRA: FormLayout = FormLayout {
    has_half_day_date: false,
    has_half_period: false,
};
const ALL: FormLayout = FormLayout {
    has_half_day_date: true,
    has_half_period: true,
};

fn error_blocks(s: &FormState, layout: FormLayout) -> Vec<&'static str> {
    validate_leave_form(s, layout)
        .unwrap_err()
        .iter()
        .map(|e: &InlineError| e.block_id)
        .collect()
}

#[test]
fn valid_single_day() {
    let f = validate_leave_form(&state("2026-12-04", "2026-12-04"), NO_EXTRA).unwrap();
    assert_eq!(f.start_date, f.end_date);
    assert!(!f.half_day);
    assert_eq!(f.half_day_date, None);
}

#[test]
fn required_fields() {
    let errs = validate_leave_form(&FormState::default(), NO_EXTRA).unwrap_err();
    let blocks: Vec<_> = errs.iter().map(|e| e.block_id).collect();
    assert_eq!(blocks, ["start_date", "end_date", "leave_type", "reason"]);
    let codes: Vec<_> = errs.iter().map(|e| e.error.code()).collect();
    assert_eq!(
        codes,
        [
            "start_date_missing",
            "end_date_missing",
            "leave_type_missing",
            "reason_missing"
        ]
    );
    let mut s = state("2026-12-04", "2026-12-04");
    s.leave_type = Some("   ".into());
    assert_eq!(error_blocks(&s, NO_EXTRA), ["leave_type"]);
}

#[test]
fn end_before_start() {
    let s = state("2026-12-04", "2026-12-03");
    let errs = validate_leave_form(&s, NO_EXTRA).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].block_id, "end_date");
}

#[test]
fn reason_rules() {
    let mut s = state("2026-12-04", "2026-12-04");
    s.reason = Some(" \n\t ".into());
    assert_eq!(error_blocks(&s, NO_EXTRA), ["reason"]);
    s.reason = Some("é".repeat(1000));
    assert!(validate_leave_form(&s, NO_EXTRA).is_ok());
    s.reason = Some(format!("  {}  ", "é".repeat(1000)));
    assert_eq!(
        validate_leave_form(&s, NO_EXTRA)
            .unwrap()
            .reason
            .chars()
            .count(),
        1000
    );
    s.reason = Some("a".repeat(1001));
    let errs = validate_leave_form(&s, NO_EXTRA).unwrap_err();
    assert_eq!(errs[0].block_id, "reason");
    assert_eq!(
        errs[0].error,
        FormError::ReasonTooLong {
            max: 1000,
            length: 1001
        }
    );
}

#[test]
fn half_day_on_a_one_day_leave_defaults_to_that_day() {
    let mut s = state("2026-12-04", "2026-12-04");
    s.half_day = true;
    let f = validate_leave_form(&s, NO_EXTRA).unwrap();
    assert_eq!(f.half_day_date, Some(date("2026-12-04")));
    assert_eq!(f.half_period, None);
}

#[test]
fn half_day_date_must_be_inside_the_range() {
    let mut s = state("2026-12-04", "2026-12-07");
    s.half_day = true;
    s.half_day_date = Some(date("2026-12-07"));
    s.half_period = Some(HalfPeriod::FirstHalf);
    let f = validate_leave_form(&s, ALL).unwrap();
    assert_eq!(f.half_day_date, Some(date("2026-12-07")));
    assert_eq!(f.half_period, Some(HalfPeriod::FirstHalf));

    s.half_day_date = Some(date("2026-12-08"));
    let errs = validate_leave_form(&s, ALL).unwrap_err();
    assert_eq!(errs[0].block_id, "half_day_date");
    assert_eq!(
        errs[0].error,
        FormError::HalfDayOutside {
            start: date("2026-12-04"),
            end: date("2026-12-07")
        }
    );

    s.half_day_date = None;
    assert_eq!(error_blocks(&s, ALL), ["half_day_date"]);
}

#[test]
fn stale_half_day_date_on_a_one_day_leave_is_reported() {
    let mut s = state("2026-12-04", "2026-12-04");
    s.half_day = true;
    s.half_day_date = Some(date("2026-12-09"));
    let with_picker = FormLayout {
        has_half_day_date: true,
        has_half_period: false,
    };
    assert_eq!(error_blocks(&s, with_picker), ["half_day_date"]);
    // Without a visible picker the stale value cannot be fixed, so the one day is used.
    assert_eq!(
        validate_leave_form(&s, NO_EXTRA).unwrap().half_day_date,
        Some(date("2026-12-04"))
    );
}

#[test]
fn widened_range_without_date_picker_points_at_the_checkbox() {
    let mut s = state("2026-12-04", "2026-12-07");
    s.half_day = true;
    let errs = validate_leave_form(&s, NO_EXTRA).unwrap_err();
    assert_eq!(errs[0].block_id, "half_day_checkbox");
}

#[test]
fn half_period_required_only_when_asked() {
    let mut s = state("2026-12-04", "2026-12-04");
    s.half_day = true;
    let layout = FormLayout {
        has_half_day_date: false,
        has_half_period: true,
    };
    assert_eq!(error_blocks(&s, layout), ["half_day_period"]);
    s.half_period = Some(HalfPeriod::SecondHalf);
    assert_eq!(
        validate_leave_form(&s, layout).unwrap().half_period,
        Some(HalfPeriod::SecondHalf)
    );
}

#[test]
fn unchecked_half_day_drops_stale_half_day_values() {
    let mut s = state("2026-12-04", "2026-12-07");
    s.half_day_date = Some(date("2026-12-05"));
    s.half_period = Some(HalfPeriod::FirstHalf);
    let f = validate_leave_form(&s, ALL).unwrap();
    assert!(!f.half_day);
    assert_eq!(f.half_day_date, None);
    assert_eq!(f.half_period, None);
}

// ---------------------------------------------------------------------------------------------
// The Python-facing dict shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn route_dicts() {
    let v = route_json(&message_action(
        "leave_reject",
        "leave_actions_block",
        "HR-LAP-9",
    ))
    .unwrap()
    .to_value();
    assert_eq!(
        v,
        json!({
            "handler": "reject_prompt", "leave_application": "HR-LAP-9",
            "user_id": "U123APPROVER", "channel_id": "D0CHAN",
            "message_ts": "1700000000.000100", "trigger_id": "123.456.abc"
        })
    );
    let v = route_json(&message_action(
        "leave_approve",
        "leave_actions_block",
        "HR-LAP-9",
    ))
    .unwrap()
    .to_value();
    assert_eq!(v["handler"], "leave_decision");
    assert_eq!(v["decision"], "approve");
    assert_eq!(v["status"], "Approved");
    for key in [
        "user_id",
        "user_name",
        "channel_id",
        "message_ts",
        "response_url",
        "trigger_id",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    for (action, handler) in [
        ("leave_withdraw", "leave_withdraw"),
        ("leave_ask_cancel", "leave_ask_cancel"),
        ("leave_cancel", "leave_cancel"),
        ("leave_keep", "leave_keep"),
    ] {
        let v = route_json(&message_action(action, "b", " HR-LAP-9 "))
            .unwrap()
            .to_value();
        assert_eq!(v["handler"], handler);
        assert_eq!(v["leave_application"], "HR-LAP-9");
    }
    let v = route_json(&rejection(REJECT_META, Some("Offsite")))
        .unwrap()
        .to_value();
    assert_eq!(
        v,
        json!({
            "handler": "leave_rejection", "decision": "reject", "status": "Rejected",
            "user_id": "U123APPROVER", "leave_application": "HR-LAP-3",
            "channel_id": "D0CHAN", "message_ts": "1700000000.000100",
            "reason": "Offsite", "errors": null
        })
    );
    let v = route_json(&rejection(REJECT_META, Some(&"x".repeat(501))))
        .unwrap()
        .to_value();
    assert_eq!(v["reason"], Value::Null);
    assert_eq!(
        v["errors"],
        json!({"reject_reason": {"code": "reason_too_long", "max": 500, "length": 501}})
    );

    let v = route_json(&submission(full_state())).unwrap().to_value();
    assert_eq!(
        v,
        json!({
            "handler": "leave_submission",
            "user_id": "U777REQ",
            "view_id": "V123",
            "private_metadata": "{\"channel\":\"C1\"}",
            "form": {
                "start_date": "2026-12-04", "end_date": "2026-12-07",
                "leave_type": "Casual Leave", "reason": "Family trip",
                "half_day": true, "half_day_date": "2026-12-05",
                "half_period": "second_half", "half_period_label": "Second Half"
            },
            "errors": null
        })
    );

    let mut values = full_state();
    values["end_date"]["end_date_picker"] = sv_date("2026-12-01");
    let v = route_json(&submission(values)).unwrap().to_value();
    assert_eq!(v["form"], Value::Null);
    assert_eq!(
        v["errors"],
        json!({"end_date": {"code": "end_before_start"}})
    );

    let v = route_json(&toggle(true, full_state())).unwrap().to_value();
    assert_eq!(v["handler"], "half_day_toggle");
    assert_eq!(v["checked"], true);
    assert_eq!(v["values"]["start_date"], "2026-12-04");
    assert_eq!(v["values"]["half_period"], "second_half");
    // The values dict round-trips into FormState (it is the modal builder's `current`).
    let back: FormState = serde_json::from_value(v["values"].clone()).unwrap();
    assert_eq!(back.end_date, Some(date("2026-12-07")));

    let mut p = submission(full_state());
    p["type"] = json!("view_closed");
    assert_eq!(
        route_json(&p).unwrap().to_value(),
        json!({"handler": "ack", "reason": "view_closed"})
    );
}

// ---------------------------------------------------------------------------------------------
// Found by the bad-input suite (tests/test_bad_input.py)
// ---------------------------------------------------------------------------------------------

#[test]
fn dates_must_be_exactly_yyyy_mm_dd_with_a_year_python_can_hold() {
    for bad in [
        "2026-12-2",
        "2026-1-05",
        "0000-01-01",
        "+10000-01-01",
        "+2026-12-04",
        " 2026-12-04",
        "2026-12-04 ",
        "2026/12/04",
        "２０２６-12-04",
    ] {
        let mut values = full_state();
        values["start_date"]["start_date_picker"] = sv_date(bad);
        assert_eq!(
            reason_of_json(&submission(values)),
            "invalid_field",
            "{bad:?}"
        );
    }
    for good in ["0001-01-01", "2026-12-04", "9999-12-31"] {
        let mut values = full_state();
        values["start_date"]["start_date_picker"] = sv_date(good);
        values["end_date"]["end_date_picker"] = sv_date("9999-12-31");
        values["half_day_checkbox"]["half_day_checkbox"]["selected_options"] = json!([]);
        assert!(route_json(&submission(values)).is_ok(), "{good:?}");
    }
}

fn submitted_reason(reason: &str) -> Result<String, Vec<&'static str>> {
    let mut values = full_state();
    values["reason"]["reason_input"]["value"] = json!(reason);
    match route_json(&submission(values)).unwrap() {
        Route::LeaveSubmission { form, .. } => form
            .map(|f| f.reason)
            .map_err(|errors| errors.iter().map(|e| e.block_id).collect()),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn control_characters_are_removed_from_the_reason() {
    assert_eq!(
        submitted_reason("trip\u{0}\u{1b}[31m\u{7f}\u{85} home"),
        Ok("trip[31m home".into())
    );
    assert_eq!(
        submitted_reason(" line\r\none\ttab "),
        Ok("line\none\ttab".into())
    );
    assert_eq!(submitted_reason("\u{0}"), Err(vec!["reason"]));
    assert_eq!(submitted_reason("\u{0}\u{1}\n\t "), Err(vec!["reason"]));
    assert_eq!(submitted_reason("עברית 🏖️"), Ok("עברית 🏖️".into()));
}

#[test]
fn leave_field_blocks_name_modal_inputs() {
    use slack_connector_core::interaction::ids;
    assert_eq!(
        ids::block_for_leave_field("from_date"),
        ids::START_DATE_BLOCK
    );
    assert_eq!(ids::block_for_leave_field("to_date"), ids::END_DATE_BLOCK);
    assert_eq!(
        ids::block_for_leave_field("leave_type"),
        ids::LEAVE_TYPE_BLOCK
    );
    assert_eq!(
        ids::block_for_leave_field("half_day_date"),
        ids::HALF_DAY_DATE_BLOCK
    );
    assert_eq!(ids::block_for_leave_field("description"), ids::REASON_BLOCK);
    // No input for these: the error goes where every modal has an input.
    assert_eq!(ids::block_for_leave_field("status"), ids::REASON_BLOCK);
    assert_eq!(ids::block_for_leave_field(""), ids::REASON_BLOCK);
}

// ---------------------------------------------------------------------------------------------
// Shortcuts: routed by callback_id through the registry
// ---------------------------------------------------------------------------------------------

fn shortcut_payload(kind: ShortcutKind, callback_id: &str, text: Option<&str>) -> Value {
    let mut v = json!({
        "type": kind.payload_type(),
        "callback_id": callback_id,
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "user": {"id": "U012A1BCJ", "username": "ann"},
        "team": {"id": "T0001"},
        "action_ts": "1700000000.000100",
    });
    if kind == ShortcutKind::Message {
        v["channel"] = json!({"id": "C123CHAN", "name": "general"});
        v["message_ts"] = json!("1700000000.000200");
        v["message"] = json!({"type": "message", "ts": "1700000000.000200", "text": text});
    }
    v
}

#[test]
fn every_shortcut_routes_to_its_handler() {
    assert_eq!(SHORTCUTS.len(), 2);
    for spec in SHORTCUTS {
        let route = route_json(&shortcut_payload(spec.kind, spec.callback_id, Some("x"))).unwrap();
        assert_eq!(route.handler(), spec.handler);
        let v = route.to_value();
        assert_eq!(v["callback_id"], spec.callback_id);
        assert_eq!(v["user_id"], "U012A1BCJ");
        assert_eq!(v["trigger_id"], "13345224609.738474920.8088930838d88f008e0");
    }
}

#[test]
fn the_message_shortcut_brings_the_message_text_as_the_reason() {
    let text = "Off to the <https://example.com|dentist> & back *tomorrow*";
    let v = route_json(&shortcut_payload(
        ShortcutKind::Message,
        "request_leave_from_message",
        Some(text),
    ))
    .unwrap()
    .to_value();
    assert_eq!(v["handler"], "shortcut_leave_from_message");
    assert_eq!(v["reason"], text, "mrkdwn left as the text it is");
    assert_eq!(v["channel_id"], "C123CHAN");
    // Cut to the reason field's limit, on a character boundary.
    let long = "ä".repeat(5000);
    let v = route_json(&shortcut_payload(
        ShortcutKind::Message,
        "request_leave_from_message",
        Some(&long),
    ))
    .unwrap()
    .to_value();
    let reason = v["reason"].as_str().unwrap();
    assert_eq!(
        reason.chars().count(),
        slack_connector_core::interaction::MAX_REASON_CHARS
    );
    // A message without text (a file, blocks only): no reason.
    for text in [None, Some(""), Some("  ")] {
        let v = route_json(&shortcut_payload(
            ShortcutKind::Message,
            "request_leave_from_message",
            text,
        ))
        .unwrap()
        .to_value();
        assert_eq!(v["reason"], Value::Null, "{text:?}");
    }
    // The global shortcut has no message.
    let v = route_json(&shortcut_payload(ShortcutKind::Global, "apply_leave", None))
        .unwrap()
        .to_value();
    assert_eq!(v["reason"], Value::Null);
}

#[test]
fn a_shortcut_of_the_other_kind_or_unknown_is_refused() {
    for (kind, id) in [
        (ShortcutKind::Global, "request_leave_from_message"),
        (ShortcutKind::Message, "apply_leave"),
        (ShortcutKind::Global, "not_ours"),
        (ShortcutKind::Message, ""),
    ] {
        let e = route_json(&shortcut_payload(kind, id, Some("x"))).unwrap_err();
        assert_eq!(e.reason(), "unknown_callback", "{kind:?} {id}");
    }
}

#[test]
fn a_shortcut_needs_a_user_and_a_trigger() {
    let mut v = shortcut_payload(ShortcutKind::Global, "apply_leave", None);
    v.as_object_mut().unwrap().remove("trigger_id");
    assert_eq!(
        route_json(&v).unwrap_err(),
        PayloadError::MissingField("trigger_id")
    );
    let mut v = shortcut_payload(ShortcutKind::Global, "apply_leave", None);
    v["user"]["id"] = json!("not-a-slack-id");
    assert_eq!(reason_of_json(&v), "invalid_field");
}
