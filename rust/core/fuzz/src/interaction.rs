//! `route` on arbitrary bytes and the leave builders the handlers call with what it routes.

use serde_json::Value;
use slack_connector_core::blocks::approval::{approval_request, ApprovalCard};
use slack_connector_core::blocks::leave::{
    approver_message, approver_outcome_message, field_errors_view, leave_request_modal,
    reject_reason_modal, requester_confirmation, requester_outcome_message, view_errors,
    view_to_value, ApprovalChoices, BalanceChange, BuildError, LeaveDetails, LeaveModalInput,
    LeaveTypeOption, Offer, Outcome, RejectModalInput, ViewError,
};
use slack_connector_core::interaction::{
    ids, route, shortcuts::SHORTCUTS, AwayButton, Decision, Route, MAX_PAYLOAD_BYTES,
    MAX_REASON_CHARS, MAX_REJECT_REASON_CHARS,
};
use slack_connector_core::limits;
use slack_connector_core::slack_id::SlackUserId;

use crate::event::check_event;
use crate::timesheet::check_timesheet;
use crate::{check_message, en, today};

/// Every block_id an inline modal error may name (Slack rejects errors for unknown blocks).
const FORM_BLOCKS: [&str; 7] = [
    ids::START_DATE_BLOCK,
    ids::END_DATE_BLOCK,
    ids::LEAVE_TYPE_BLOCK,
    ids::REASON_BLOCK,
    ids::HALF_DAY_BLOCK,
    ids::HALF_DAY_DATE_BLOCK,
    ids::HALF_PERIOD_BLOCK,
];

/// A minimal application for the builders the handlers call with routed values.
fn leave_details(leave_application: &str, user: &str) -> LeaveDetails {
    LeaveDetails {
        leave_application: leave_application.to_owned(),
        form_url: None,
        requester_name: user.to_owned(),
        requester_slack_id: Some(user.to_owned()),
        leave_type: user.to_owned(),
        posting_date: None,
        from_date: today(),
        to_date: today(),
        total_days: Some(1.0),
        half_day: false,
        half_day_date: None,
        half_period: None,
        reason: Some(leave_application.to_owned()),
        balance: None,
    }
}

/// Both sides' messages for a decision by `by`, with the reason when there is one.
fn check_outcomes(details: &LeaveDetails, decision: Decision, by: &str, reason: Option<&str>) {
    let outcome = match decision {
        Decision::Approve => Outcome::Approved {
            by: by.to_owned(),
            reason: reason.map(str::to_owned),
        },
        Decision::Reject => Outcome::Rejected {
            by: by.to_owned(),
            reason: reason.map(str::to_owned),
        },
    };
    check_message(&approver_outcome_message(
        details,
        &outcome,
        &en().leave_messages,
    ));
    match requester_outcome_message(
        details,
        &outcome,
        Some(Offer::AskToCancel),
        &en().leave_messages,
    ) {
        Ok(m) => check_message(&m),
        Err(_) => assert!(details.leave_application.chars().count() > limits::BUTTON_VALUE),
    }
}

/// `route` on arbitrary bytes: never panics; routed output converts to the Python dict, and the
/// builders that the handlers call with it succeed (or fail with a typed error) within limits.
pub fn check_route(data: &[u8]) {
    // The same bytes as an Events API body: the entry point tells them apart by content type,
    // so an attacker can send any bytes to either router.
    check_event(data);
    let routed = route(data);
    let r = match routed {
        Ok(r) => r,
        Err(e) => {
            // Error texts go to the Error Log: bounded whatever the input size (finding 2).
            let n = e.to_string().chars().count();
            assert!(n <= 1_000, "{n}-char {} error", e.reason());
            return;
        }
    };
    assert!(data.len() <= MAX_PAYLOAD_BYTES);
    let value = r.to_value();
    assert_eq!(
        value.get("handler").and_then(Value::as_str),
        Some(r.handler())
    );
    match &r {
        Route::LeaveDecision {
            decision,
            leave_application,
            user_id,
            user_name,
            ..
        } => {
            assert!(!leave_application.is_empty());
            assert_eq!(leave_application.trim(), leave_application);
            assert!(SlackUserId::check(user_id).is_ok());
            let name = user_name.as_deref().unwrap_or(user_id.as_str());
            let details = LeaveDetails {
                form_url: Some(format!(
                    "https://erp.example.com/app/leave-application/{leave_application}"
                )),
                requester_slack_id: Some(user_id.to_string()),
                balance: Some(BalanceChange {
                    before: 10.0,
                    after: 8.5,
                }),
                ..leave_details(leave_application, name)
            };
            match approver_message(&details, &en().leave_messages) {
                Ok(m) => check_message(&m),
                Err(_) => assert!(leave_application.chars().count() > limits::BUTTON_VALUE),
            }
            check_outcomes(&details, *decision, name, None);
        }
        Route::LeaveButton {
            leave_application,
            user_id,
            channel_id,
            message_ts,
            ..
        } => {
            assert!(!leave_application.is_empty());
            assert_eq!(leave_application.trim(), leave_application);
            assert!(SlackUserId::check(user_id).is_ok());
            let input = RejectModalInput {
                leave_application: leave_application.clone(),
                requester_name: user_id.to_string(),
                channel_id: channel_id.clone(),
                message_ts: message_ts.clone(),
            };
            match reject_reason_modal(&input, &en().reject_modal) {
                Ok(view) => assert!(view_to_value(&view).is_ok()),
                Err(e) => assert!(
                    matches!(e, BuildError::PrivateMetadataTooLong { .. }),
                    "{e:?}"
                ),
            }
            let details = leave_details(leave_application, user_id.as_str());
            match requester_confirmation(
                &details,
                Some(leave_application),
                Some(Offer::Withdraw),
                &en().leave_messages,
            ) {
                Ok(m) => check_message(&m),
                Err(_) => assert!(leave_application.chars().count() > limits::BUTTON_VALUE),
            }
        }
        Route::LeaveRejection {
            leave_application,
            user_id,
            reason,
            ..
        } => {
            assert!(!leave_application.is_empty());
            assert!(SlackUserId::check(user_id).is_ok());
            let details = leave_details(leave_application, user_id.as_str());
            match reason {
                Ok(reason) => {
                    if let Some(r) = reason {
                        assert!(
                            !r.trim().is_empty() && r.chars().count() <= MAX_REJECT_REASON_CHARS
                        );
                    }
                    check_outcomes(
                        &details,
                        Decision::Reject,
                        user_id.as_str(),
                        reason.as_deref(),
                    );
                }
                Err(errors) => {
                    assert!(!errors.is_empty());
                    let v = field_errors_view(errors, &en().view_errors);
                    assert!(v.is_ok(), "inline errors refused: {v:?}");
                }
            }
        }
        Route::HalfDayToggle {
            checked,
            values,
            private_metadata,
            ..
        } => {
            for d in [values.start_date, values.end_date, values.half_day_date]
                .into_iter()
                .flatten()
            {
                let iso = d.to_string();
                assert!(
                    iso.len() == 10 && !iso.starts_with(['+', '-']) && !iso.starts_with("0000"),
                    "{iso}"
                );
            }
            let input = LeaveModalInput {
                leave_types: vec![
                    LeaveTypeOption {
                        name: values.leave_type.clone().unwrap_or_default(),
                        label: values.reason.clone(),
                    },
                    LeaveTypeOption {
                        name: "Casual Leave".into(),
                        label: None,
                    },
                ],
                today: today(),
                half_day_checked: *checked,
                show_half_day_date: None,
                has_half_period_field: true,
                current: values.clone(),
                line: values.reason.clone(),
                private_metadata: private_metadata.clone(),
            };
            match leave_request_modal(&input, &en().modal) {
                Ok(view) => {
                    let json = view_to_value(&view);
                    assert!(json.is_ok(), "modal does not serialise: {json:?}");
                    let blocks = json
                        .ok()
                        .and_then(|v| v.get("blocks").and_then(Value::as_array).map(Vec::len))
                        .unwrap_or(0);
                    assert!(blocks <= limits::BLOCKS_PER_MODAL);
                }
                Err(_) => {
                    assert!(private_metadata.chars().count() > limits::PRIVATE_METADATA)
                }
            }
        }
        Route::LeaveSubmission {
            form,
            user_id,
            private_metadata,
            ..
        } => match form {
            Ok(f) => {
                // Routed dates are plain YYYY-MM-DD, years 0001..=9999 (what Python can hold).
                for d in [Some(f.start_date), Some(f.end_date), f.half_day_date]
                    .into_iter()
                    .flatten()
                {
                    let iso = d.to_string();
                    assert!(
                        iso.len() == 10 && !iso.starts_with(['+', '-']) && !iso.starts_with("0000"),
                        "{iso}"
                    );
                }
                assert!(f.start_date <= f.end_date);
                assert!(!f.reason.is_empty() && f.reason.chars().count() <= 1000);
                assert_eq!(f.half_day, f.half_day_date.is_some());
                if let Some(d) = f.half_day_date {
                    assert!(f.start_date <= d && d <= f.end_date);
                }
                let details = LeaveDetails {
                    leave_application: private_metadata.clone(),
                    form_url: None,
                    requester_name: user_id.to_string(),
                    requester_slack_id: Some(user_id.to_string()),
                    leave_type: f.leave_type.clone(),
                    posting_date: Some(today()),
                    from_date: f.start_date,
                    to_date: f.end_date,
                    total_days: None,
                    half_day: f.half_day,
                    half_day_date: f.half_day_date,
                    half_period: f.half_period,
                    reason: Some(f.reason.clone()),
                    balance: None,
                };
                match requester_confirmation(
                    &details,
                    Some(&f.leave_type),
                    Some(Offer::Withdraw),
                    &en().leave_messages,
                ) {
                    Ok(m) => check_message(&m),
                    Err(_) => {
                        assert!(details.leave_application.chars().count() > limits::BUTTON_VALUE)
                    }
                }
                if let Ok(m) = approver_message(&details, &en().leave_messages) {
                    check_message(&m);
                }
                check_outcomes(&details, Decision::Reject, &f.reason, Some(&f.reason));
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                let v = field_errors_view(errors, &en().view_errors);
                assert!(v.is_ok(), "inline errors refused: {v:?}");
                let v = v.unwrap_or_default();
                assert_eq!(
                    v.get("response_action").and_then(Value::as_str),
                    Some("errors")
                );
                let map = v.get("errors").and_then(Value::as_object);
                assert!(map.is_some_and(
                    |m| !m.is_empty() && m.keys().all(|k| FORM_BLOCKS.contains(&k.as_str()))
                ));
                // The generic form too, with attacker-sized keys and messages.
                // A blank block id is refused rather than answered with an error under no input.
                match view_errors(
                    [(
                        private_metadata.as_str(),
                        ViewError::Text(user_id.to_string()),
                    )],
                    &en().view_errors,
                ) {
                    Ok(v) => assert!(v.get("errors").is_some()),
                    Err(e) => {
                        assert_eq!(e, BuildError::BlankBlockId);
                        assert!(private_metadata.trim().is_empty());
                    }
                }
            }
        },
        Route::HomeApplyLeave {
            user_id,
            trigger_id,
        } => {
            assert!(!trigger_id.is_empty());
            assert_eq!(value["user_id"], user_id.as_str());
        }
        Route::Ack { .. } => {}
        Route::Shortcut {
            shortcut,
            trigger_id,
            reason,
            ..
        } => {
            assert!(SHORTCUTS.iter().any(|s| std::ptr::eq(s, *shortcut)));
            assert!(!trigger_id.is_empty());
            // The message's text prefills a modal input: never past its max_length.
            if let Some(r) = reason {
                assert!(r.chars().count() <= MAX_REASON_CHARS);
            }
        }
        Route::Timesheet(t) => check_timesheet(t),
        Route::Approval {
            document,
            name,
            user_id,
            ..
        } => {
            assert!(!name.is_empty() && name.trim() == name);
            assert_eq!(value["document"], document.key);
            assert_eq!(value["user_id"], user_id.as_str());
            check_approval_card(document.key, name, user_id.as_str());
        }
        Route::ApprovalRejection {
            document,
            name,
            reason,
            ..
        } => {
            assert!(!name.is_empty());
            assert_eq!(value["document"], document.key);
            match reason {
                Ok(Some(r)) => {
                    assert!(!r.trim().is_empty() && r.chars().count() <= MAX_REJECT_REASON_CHARS)
                }
                Ok(None) => {}
                Err(errors) => assert!(!errors.is_empty()),
            }
        }
        Route::Away {
            button,
            user_id,
            trigger_id,
            dnd,
        } => {
            assert_eq!(value["user_id"], user_id.as_str());
            match button {
                AwayButton::Show => assert!(trigger_id.as_deref().is_some_and(|t| !t.is_empty())),
                AwayButton::Dnd => assert!(dnd.is_some()),
                AwayButton::Stop => assert!(dnd.is_none()),
            }
        }
        Route::Celebrations { user_id, opt_out } => {
            assert_eq!(value["user_id"], user_id.as_str());
            assert_eq!(value["opt_out"], *opt_out);
        }
    }
}

/// The engine's card for a routed document: built, or refused only for a name too long for a
/// button's value.
fn check_approval_card(document: &str, name: &str, user: &str) {
    let card: ApprovalCard = match serde_json::from_value(serde_json::json!({
        "document": document,
        "name": name,
        "kind": user,
        "requester_name": user,
        "requester_slack_id": user,
        "facts": [{"label": user, "value": name}],
        "sections": [{"label": user, "lines": [{"text": name, "url": name}]}],
        "summary": name,
    })) {
        Ok(card) => card,
        Err(_) => return,
    };
    match approval_request(&card, &ApprovalChoices::default(), &en().approvals) {
        Ok(m) => check_message(&m),
        Err(_) => assert!(name.chars().count() > limits::BUTTON_VALUE),
    }
}
