//! The checks behind the fuzz targets, in a library so each target is one line and the same
//! oracles can be replayed outside libFuzzer.
//!
//! Panics are the failure signal here (that is how libFuzzer learns of a finding), so this crate
//! uses `assert!` freely; the core it exercises must never panic on any input.

use chrono::NaiveDate;
use serde_json::Value;
use slack_connector_core::blocks::leave::{
    approver_message, approver_outcome_message, field_errors_view, leave_request_modal,
    reject_reason_modal, requester_confirmation, requester_outcome_message, view_errors,
    view_to_value, BalanceChange, BuildError, LeaveDetails, LeaveModalInput, LeaveTypeOption,
    Offer, Outcome, RejectModalInput, ViewError,
};
use slack_connector_core::blocks::leave::{home_view, HomeInput};
use slack_connector_core::blocks::timesheet::{
    timesheet_confirmation, timesheet_modal, timesheet_reminder, timesheet_view_errors, LoggedTime,
    NamedOption, ReminderRow, TimesheetModalInput, TimesheetViewError,
};
use slack_connector_core::blocks::Message;
use slack_connector_core::interaction::event::{
    route_event, EventRoute, EVENT_RULES, MAX_CHALLENGE_CHARS, MAX_EVENT_ID_CHARS,
};
use slack_connector_core::interaction::timesheet::{
    TimesheetRoute, MAX_CENTIHOURS, MAX_DESCRIPTION_CHARS, MIN_CENTIHOURS,
};
use slack_connector_core::interaction::{
    ids, route, Decision, Route, MAX_PAYLOAD_BYTES, MAX_REJECT_REASON_CHARS,
};
use slack_connector_core::limits;
use slack_connector_core::signature::{verify_request, SignatureError, Verifier};
use slack_connector_core::slack_id::SlackUserId;
use slack_connector_core::words::{fixtures, Catalogue};

/// The English words the builders get (the Python catalogue's, from the core's test fixture).
fn en() -> &'static Catalogue {
    static EN: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    EN.get_or_init(|| match fixtures::english() {
        Ok(words) => words,
        Err(e) => panic!("the English words fixture does not load: {e}"),
    })
}

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

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
}

/// Every string Slack parses as mrkdwn: `text` of `{"type": "mrkdwn"}` objects (button values and
/// plain_text are shown verbatim, so raw user text there is fine).
fn mrkdwn_texts<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if m.get("type").and_then(Value::as_str) == Some("mrkdwn") {
                out.extend(m.get("text").and_then(Value::as_str));
            }
            m.values().for_each(|x| mrkdwn_texts(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| mrkdwn_texts(x, out)),
        _ => {}
    }
}

/// A built message must fit Slack's limits and never broadcast: the builders only ever emit
/// `<@U…>` mentions and `<http…|…>` links, so `<!` (`<!channel>`, `<!here>`) or `<#` in mrkdwn —
/// a section or the fallback `text`, which Slack also parses — means user text escaped the escaping.
fn check_message(m: &Message) {
    assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE);
    assert!(m.text.chars().count() <= limits::FALLBACK_TEXT);
    let json = m.to_value();
    assert!(json.is_ok(), "message does not serialise: {json:?}");
    let json = json.unwrap_or_default();
    let mut texts = vec![m.text.as_str()];
    mrkdwn_texts(&json, &mut texts);
    for t in texts {
        assert!(t.chars().count() <= limits::SECTION_TEXT);
        assert!(
            !t.contains("<!") && !t.contains("<#"),
            "control sequence in {t:?}"
        );
    }
}

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
        Route::Timesheet(t) => check_timesheet(t),
    }
}

/// Every block_id an inline error of the Log Time modal may name.
const TIMESHEET_BLOCKS: [&str; 6] = [
    ids::TS_DATE_BLOCK,
    ids::TS_PROJECT_BLOCK,
    ids::TS_TASK_BLOCK,
    ids::TS_ACTIVITY_BLOCK,
    ids::TS_HOURS_BLOCK,
    ids::TS_DESCRIPTION_BLOCK,
];

fn plain_date(d: NaiveDate) {
    let iso = d.to_string();
    assert!(
        iso.len() == 10 && !iso.starts_with(['+', '-']) && !iso.starts_with("0000"),
        "{iso}"
    );
}

fn option(name: Option<&str>) -> NamedOption {
    NamedOption {
        name: name.unwrap_or("PROJ-0001").to_owned(),
        label: name.map(str::to_owned),
    }
}

/// The timesheet routes: what the handlers build from them succeeds within Slack's limits (or
/// fails with a typed error when the routed values are themselves the problem).
fn check_timesheet(t: &TimesheetRoute) {
    let w = &en().timesheet;
    match t {
        TimesheetRoute::ProjectChange {
            values, metadata, ..
        } => {
            values.date.into_iter().for_each(plain_date);
            assert!(
                values.task.is_none(),
                "the task belongs to the previous project"
            );
            let input = TimesheetModalInput {
                today: metadata.today,
                projects: vec![option(values.project.as_deref()), option(None)],
                tasks: vec![option(values.description.as_deref())],
                activity_types: vec![option(values.activity_type.as_deref())],
                current: values.clone(),
            };
            match timesheet_modal(&input, w) {
                Ok(view) => {
                    let json = view_to_value(&view);
                    assert!(json.is_ok(), "modal does not serialise: {json:?}");
                    let v = json.unwrap_or_default();
                    let blocks = v
                        .get("blocks")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    assert!(blocks <= limits::BLOCKS_PER_MODAL);
                    let meta = v.get("private_metadata").and_then(Value::as_str);
                    assert!(meta.is_some_and(|m| m.len() <= limits::PRIVATE_METADATA));
                }
                // Only a select left without a usable option may refuse (a blank name).
                Err(e) => assert!(matches!(e, BuildError::NoOptions(_)), "{e:?}"),
            }
        }
        TimesheetRoute::Submission { form, user_id, .. } => match form {
            Ok(f) => {
                plain_date(f.date);
                assert!((MIN_CENTIHOURS..=MAX_CENTIHOURS).contains(&f.hours.0));
                let n = f.description.chars().count();
                assert!(n >= 1 && n <= MAX_DESCRIPTION_CHARS);
                assert!(!f.project.trim().is_empty() && !f.activity_type.trim().is_empty());
                let logged = LoggedTime {
                    date: f.date,
                    hours: f.hours.as_f64(),
                    project: f.project.clone(),
                    project_name: Some(f.description.clone()),
                    task: f.task.clone(),
                    task_subject: f.task.clone(),
                    activity_type: f.activity_type.clone(),
                    description: f.description.clone(),
                    day_total: f.hours.as_f64() * 3.0,
                    timesheet: user_id.to_string(),
                    timesheet_status: f.activity_type.clone(),
                };
                match timesheet_confirmation(&logged, w) {
                    Ok(m) => check_message(&m),
                    Err(e) => panic!("confirmation refused: {e:?}"),
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                let v = timesheet_view_errors(
                    errors
                        .iter()
                        .map(|e| (e.block_id, TimesheetViewError::Form(e.error.clone()))),
                    w,
                );
                assert!(v.is_ok(), "inline errors refused: {v:?}");
                let v = v.unwrap_or_default();
                let map = v.get("errors").and_then(Value::as_object);
                assert!(map
                    .is_some_and(|m| !m.is_empty()
                        && m.keys().all(|k| TIMESHEET_BLOCKS.contains(&k.as_str()))));
            }
        },
        TimesheetRoute::Open { user_id, date, .. } => {
            plain_date(*date);
            let row = ReminderRow {
                employee_name: user_id.to_string(),
                slack_user_id: Some(user_id.to_string()),
                date: *date,
                logged: 1.5,
                expected: 8.0,
                half_day: true,
            };
            match timesheet_reminder(&row, w, true) {
                Ok(m) => check_message(&m),
                Err(e) => panic!("reminder refused: {e:?}"),
            }
        }
    }
}

/// `route_event` on arbitrary bytes: never panics, errors bounded, routed fields within their
/// limits; an `app_home_opened` user's Home tab (their id as a mention in every list, at sizes
/// past every cap) builds within Slack's 100 blocks.
pub fn check_event(data: &[u8]) {
    let routed = match route_event(data) {
        Ok(r) => r,
        Err(e) => {
            let n = e.to_string().chars().count();
            assert!(n <= 1_000, "{n}-char {} error", e.reason());
            return;
        }
    };
    assert!(data.len() <= MAX_PAYLOAD_BYTES);
    let value = routed.to_value();
    assert_eq!(
        value.get("handler").and_then(Value::as_str),
        Some(routed.handler())
    );
    match routed {
        EventRoute::UrlVerification { challenge } => {
            let n = challenge.chars().count();
            assert!(n > 0 && n <= MAX_CHALLENGE_CHARS);
        }
        EventRoute::AppHomeOpened {
            event_id,
            user_id,
            tab,
        } => {
            let n = event_id.chars().count();
            assert!(n > 0 && n <= MAX_EVENT_ID_CHARS);
            assert!(tab == "home" || tab == "messages");
            assert!(EVENT_RULES
                .iter()
                .any(|r| r.event_type == "app_home_opened"));
            let id = user_id.as_str();
            let waiting: Vec<Value> = (0..60)
                .map(|i| {
                    serde_json::json!({
                        "leave_application": format!("HR-LAP-{i}"), "requester_name": id,
                        "requester_slack_id": id, "leave_type": id,
                        "from_date": "2026-12-04", "to_date": "2026-12-04"})
                })
                .collect();
            let mine: Vec<Value> = (0..30)
                .map(|i| {
                    serde_json::json!({
                        "leave_application": format!("HR-LAP-{i}"), "leave_type": id,
                        "from_date": "2026-12-04", "to_date": "2026-12-05", "status": "Open",
                        "approver_name": id, "offer": "withdraw"})
                })
                .collect();
            let input = serde_json::json!({
                "kind": "employee",
                "balances": (0..30).map(|_| serde_json::json!({"leave_type": id, "days_left": 1.5})).collect::<Vec<_>>(),
                "my_leave": mine,
                "out": (0..40).map(|_| serde_json::json!({"employee_name": id, "slack_id": id,
                    "from_date": "2026-12-04", "to_date": "2026-12-04"})).collect::<Vec<_>>(),
                "waiting": waiting, "waiting_total": 500,
            });
            let input: HomeInput = match serde_json::from_value(input) {
                Ok(i) => i,
                Err(e) => panic!("home input does not load: {e}"),
            };
            let view = match home_view(&input, &en().home) {
                Ok(v) => v,
                Err(e) => panic!("home view does not build: {e}"),
            };
            let json = match view_to_value(&view) {
                Ok(v) => v,
                Err(e) => panic!("home view does not serialise: {e}"),
            };
            let blocks = json
                .get("blocks")
                .and_then(Value::as_array)
                .map(Vec::len)
                .unwrap_or(0);
            assert!(blocks <= limits::BLOCKS_PER_HOME, "{blocks} blocks");
        }
    }
}

/// Where the fields of a `verify_request` input start. Layout (chosen so seeds stay readable):
///
/// ```text
/// byte 0     flags: 1 = no timestamp header, 2 = no signature header,
///                   4 = replace the signature with the correct one for (secret, timestamp, body)
/// bytes 1-2  i16 LE: now − timestamp (seconds), so both edges of the 300 s window are reachable
/// then       secret \n timestamp \n signature \n body (the body is the rest, newlines and all)
/// ```
struct VerifyInput<'a> {
    flags: u8,
    skew: i64,
    secret: &'a str,
    timestamp: &'a str,
    signature: &'a str,
    body: &'a [u8],
}

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fn parse_verify_input(data: &[u8]) -> Option<VerifyInput<'_>> {
    let (&flags, rest) = data.split_first()?;
    let (skew, rest) = rest.split_at_checked(2)?;
    let skew = i64::from(i16::from_le_bytes([skew[0], skew[1]]));
    let (secret, rest) = split_line(rest);
    let (timestamp, rest) = split_line(rest);
    let (signature, body) = split_line(rest);
    Some(VerifyInput {
        flags,
        skew,
        // Headers and the secret are `str` on both sides of the FFI; the body is raw bytes.
        secret: std::str::from_utf8(secret).ok()?,
        timestamp: std::str::from_utf8(timestamp).ok()?,
        signature: std::str::from_utf8(signature).ok()?,
        body,
    })
}

const TOLERANCE: u64 = 300;
/// Used as "now" when the timestamp is not a number at all.
const FALLBACK_NOW: i64 = 1_531_420_618;

/// `verify_request` on arbitrary secret / headers / body: never panics, and
/// - accepts exactly when the signature equals `sign(secret, timestamp, body)` and the timestamp is
///   well-formed and within ±300 s (a forged signature is never accepted);
/// - `sign` → `verify` is `Ok` within the window, `stale_timestamp` outside it;
/// - flipping any one bit of the body, or of the signature, of an accepted request is rejected.
pub fn check_verify(data: &[u8]) {
    let Some(inp) = parse_verify_input(data) else {
        return;
    };
    let ts_value: Option<i64> = (!inp.timestamp.is_empty()
        && inp.timestamp.len() <= 18
        && inp.timestamp.bytes().all(|b| b.is_ascii_digit()))
    .then(|| inp.timestamp.parse().ok())
    .flatten();
    let now = ts_value.unwrap_or(FALLBACK_NOW).saturating_add(inp.skew);
    let verifier = Verifier::new(inp.secret, TOLERANCE);
    let blank_secret = inp.secret.trim().is_empty();
    assert_eq!(verifier.is_err(), blank_secret);

    let expected = verifier
        .as_ref()
        .ok()
        .map(|v| v.sign(inp.timestamp, inp.body));
    let signature = match (&expected, inp.flags & 4 != 0) {
        (Some(good), true) => good.as_str(),
        _ => inp.signature,
    };
    let ts_header = (inp.flags & 1 == 0).then_some(inp.timestamp);
    let sig_header = (inp.flags & 2 == 0).then_some(signature);
    let result = verify_request(inp.secret, ts_header, sig_header, inp.body, now, TOLERANCE);

    // The one-shot helper and a reused verifier agree.
    if let Ok(v) = &verifier {
        assert_eq!(v.verify(ts_header, sig_header, inp.body, now), result);
    }

    let in_window = ts_value.is_some_and(|t| now.abs_diff(t) <= TOLERANCE);
    let should_pass = !blank_secret
        && ts_header.is_some()
        && sig_header.is_some()
        && in_window
        && expected.as_deref() == Some(signature);
    assert_eq!(result.is_ok(), should_pass, "{result:?}");

    // The first failing check decides the reason, in a fixed order.
    let expected_reason = if blank_secret {
        Some("no_secret")
    } else if ts_header.is_none() || sig_header.is_none() {
        Some("missing_header")
    } else if ts_value.is_none() {
        Some("malformed_timestamp")
    } else if !in_window {
        Some("stale_timestamp")
    } else {
        None
    };
    if let Some(reason) = expected_reason {
        assert_eq!(result.as_ref().map_err(SignatureError::reason), Err(reason));
    }

    if result.is_ok() {
        let Ok(v) = &verifier else {
            unreachable!("accepted without a verifier")
        };
        // One flipped bit in the body (first, middle and last byte) or the signature's hex.
        let mut body = inp.body.to_vec();
        for i in [0, body.len() / 2, body.len().saturating_sub(1)] {
            if let Some(b) = body.get_mut(i) {
                let bit = 1u8 << (inp.flags >> 5);
                *b ^= bit;
                assert_eq!(
                    v.verify(ts_header, sig_header, &body, now),
                    Err(SignatureError::BadSignature)
                );
                body[i] ^= bit;
            }
        }
        let mut sig = signature.as_bytes().to_vec();
        let i = 3 + usize::from(inp.flags >> 2) % 64;
        // Flip to another lower-case hex digit so the signature stays well-formed.
        sig[i] = if sig[i] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(sig).unwrap_or_default();
        assert_eq!(
            v.verify(ts_header, Some(&sig), inp.body, now),
            Err(SignatureError::BadSignature)
        );
    }
}
