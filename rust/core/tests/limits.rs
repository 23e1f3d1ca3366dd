//! Slack's Block Kit limits, checked with Slack's own numbers.
//!
//! Every number below is a literal copied from Slack's reference (cited next to it), never the
//! core's `limits` constants: a builder that lets a field grow past Slack's number fails here even
//! if the core's constant was raised with it. Each surface is built from words and user text far
//! longer than any limit and walked field by field ([`violations`]); the named tests then pin the
//! fields user input reaches at exactly the limit (kept whole) and one past it (cut or refused).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde_json::{json, Value};
use slack_connector_core::absence::AbsenceKind;
use slack_connector_core::absence::{parse_rows, summarise};
use slack_connector_core::blocks::channel::{attendance_messages, late_leave_note, test_message};
use slack_connector_core::blocks::leave::{
    approver_message, approver_message_with, approver_outcome_message, approver_reminder,
    cancellation_outcome_message, cancellation_request_message, home_view, leave_request_modal,
    notice_message, reject_reason_modal, requester_confirmation, requester_outcome_message,
    view_errors, view_to_value, ApprovalChoices, BuildError, HomeInput, LeaveDetails,
    LeaveModalInput, Notice, Offer, Outcome, RejectModalInput, ReminderInput, ViewError,
};
use slack_connector_core::blocks::timesheet::{
    timesheet_confirmation, timesheet_modal, timesheet_notice, timesheet_reminder,
    timesheet_view_errors, LoggedTime, ReminderRow, TimesheetModalInput, TimesheetNotice,
    TimesheetViewError,
};
use slack_connector_core::blocks::Message;
use slack_connector_core::words::{Catalogue, Surface};

/// Slack's numbers (docs.slack.dev, "Block Kit" reference pages, Dec 2026; slack_sdk's models
/// enforce the same ones). Characters, not bytes.
mod slack {
    /// reference/block-kit/blocks: "You can include up to 50 blocks in each message".
    pub const BLOCKS_PER_MESSAGE: usize = 50;
    /// reference/block-kit/blocks: "… and 100 blocks in modals or Home tabs".
    pub const BLOCKS_PER_VIEW: usize = 100;
    /// reference/block-kit/blocks/header-block: text "Maximum length … is 150 characters".
    pub const HEADER_TEXT: usize = 150;
    /// reference/block-kit/blocks/section-block: text "Maximum length … is 3000 characters".
    pub const SECTION_TEXT: usize = 3000;
    /// section-block: fields "Maximum number of items is 10. Maximum length for the text in each
    /// item is 2000 characters".
    pub const SECTION_FIELDS: usize = 10;
    pub const SECTION_FIELD_TEXT: usize = 2000;
    /// reference/block-kit/blocks/context-block: elements "Maximum number of items is 10".
    pub const CONTEXT_ELEMENTS: usize = 10;
    /// reference/block-kit/blocks/actions-block: elements "There is a maximum of 25 elements".
    pub const ACTIONS_ELEMENTS: usize = 25;
    /// reference/block-kit/composition-objects/text-object: text "maximum length … 3000".
    pub const TEXT_OBJECT: usize = 3000;
    /// reference/block-kit/block-elements/button-element: text "Maximum length … 75 characters",
    /// value "Maximum length … 2000 characters", url "Maximum length … 3000 characters".
    pub const BUTTON_TEXT: usize = 75;
    pub const BUTTON_VALUE: usize = 2000;
    pub const BUTTON_URL: usize = 3000;
    /// Every block element: action_id "Maximum length … is 255 characters"; every block:
    /// block_id "Maximum length … is 255 characters".
    pub const ACTION_ID: usize = 255;
    pub const BLOCK_ID: usize = 255;
    /// block-elements/select-menu-element (static select): options "Maximum number of options is
    /// 100", option_groups "Maximum number of option groups is 100".
    pub const SELECT_OPTIONS: usize = 100;
    pub const SELECT_OPTION_GROUPS: usize = 100;
    /// composition-objects/option-object: text "Maximum length … 75 characters", value "Maximum
    /// length … 150 characters"; option-group-object: label "Maximum length … 75 characters".
    pub const OPTION_TEXT: usize = 75;
    pub const OPTION_VALUE: usize = 150;
    pub const OPTION_GROUP_LABEL: usize = 75;
    /// checkboxes / radio buttons: "A maximum of 10 options are allowed".
    pub const CHOICE_OPTIONS: usize = 10;
    /// Select menus, plain_text_input, datepicker: placeholder "Maximum length … 150 characters".
    pub const PLACEHOLDER: usize = 150;
    /// block-elements/plain-text-input-element: max_length "Maximum value is 3000".
    pub const PLAIN_TEXT_INPUT_MAX_LENGTH: u64 = 3000;
    /// reference/block-kit/blocks/input-block: label and hint "Maximum length … 2000 characters".
    pub const INPUT_LABEL: usize = 2000;
    pub const INPUT_HINT: usize = 2000;
    /// reference/views/modal-views (view object): title, submit and close "Maximum length … 24
    /// characters"; private_metadata "Maximum length … 3000 characters"; callback_id "Maximum
    /// length … 255 characters".
    pub const VIEW_TITLE: usize = 24;
    pub const VIEW_BUTTON: usize = 24;
    pub const PRIVATE_METADATA: usize = 3000;
    pub const CALLBACK_ID: usize = 255;
    /// reference/methods/chat.postMessage ("Truncating content") and changelog
    /// 2018-04-truncating-really-long-messages: Slack truncates `text` past 40,000 characters.
    pub const MESSAGE_TEXT: usize = 40_000;
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Message,
    View,
}

fn len(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Every place in a message (`{"text", "blocks"}`) or a view where Slack's numbers are exceeded.
fn violations(kind: Kind, surface: &Value) -> Vec<String> {
    let mut out = vec![];
    let mut over = |what: String, n: usize, max: usize| {
        if n > max {
            out.push(format!("{what}: {n} > {max}"));
        }
    };
    let blocks = surface["blocks"].as_array().expect("blocks");
    match kind {
        Kind::Message => {
            over("blocks".into(), blocks.len(), slack::BLOCKS_PER_MESSAGE);
            over("text".into(), len(&surface["text"]), slack::MESSAGE_TEXT);
        }
        Kind::View => {
            over("blocks".into(), blocks.len(), slack::BLOCKS_PER_VIEW);
            over(
                "title".into(),
                len(&surface["title"]["text"]),
                slack::VIEW_TITLE,
            );
            over(
                "submit".into(),
                len(&surface["submit"]["text"]),
                slack::VIEW_BUTTON,
            );
            over(
                "close".into(),
                len(&surface["close"]["text"]),
                slack::VIEW_BUTTON,
            );
            over(
                "private_metadata".into(),
                len(&surface["private_metadata"]),
                slack::PRIVATE_METADATA,
            );
            over(
                "callback_id".into(),
                len(&surface["callback_id"]),
                slack::CALLBACK_ID,
            );
        }
    }
    for (i, b) in blocks.iter().enumerate() {
        let at = |field: &str| format!("block {i} ({}) {field}", b["type"]);
        over(at("block_id"), len(&b["block_id"]), slack::BLOCK_ID);
        let mut elements: Vec<&Value> = vec![];
        match b["type"].as_str().unwrap_or_default() {
            "header" => over(at("text"), len(&b["text"]["text"]), slack::HEADER_TEXT),
            "section" => {
                over(at("text"), len(&b["text"]["text"]), slack::SECTION_TEXT);
                if let Some(fields) = b["fields"].as_array() {
                    over(at("fields"), fields.len(), slack::SECTION_FIELDS);
                    for f in fields {
                        over(at("field"), len(&f["text"]), slack::SECTION_FIELD_TEXT);
                    }
                }
                if !b["accessory"].is_null() {
                    elements.push(&b["accessory"]);
                }
            }
            "context" => {
                let items = b["elements"].as_array().expect("context elements");
                over(at("elements"), items.len(), slack::CONTEXT_ELEMENTS);
                for e in items {
                    over(at("element text"), len(&e["text"]), slack::TEXT_OBJECT);
                }
            }
            "actions" => {
                let items = b["elements"].as_array().expect("actions elements");
                over(at("elements"), items.len(), slack::ACTIONS_ELEMENTS);
                elements.extend(items);
            }
            "input" => {
                over(at("label"), len(&b["label"]["text"]), slack::INPUT_LABEL);
                over(at("hint"), len(&b["hint"]["text"]), slack::INPUT_HINT);
                elements.push(&b["element"]);
            }
            _ => {}
        }
        for e in elements {
            let at = |field: &str| format!("block {i} element ({}) {field}", e["type"]);
            over(at("action_id"), len(&e["action_id"]), slack::ACTION_ID);
            over(
                at("placeholder"),
                len(&e["placeholder"]["text"]),
                slack::PLACEHOLDER,
            );
            let option = |o: &Value, out: &mut Vec<(String, usize, usize)>| {
                out.push((
                    at("option text"),
                    len(&o["text"]["text"]),
                    slack::OPTION_TEXT,
                ));
                out.push((at("option value"), len(&o["value"]), slack::OPTION_VALUE));
            };
            let mut checks = vec![];
            match e["type"].as_str().unwrap_or_default() {
                "button" => {
                    checks.push((at("text"), len(&e["text"]["text"]), slack::BUTTON_TEXT));
                    checks.push((at("value"), len(&e["value"]), slack::BUTTON_VALUE));
                    checks.push((at("url"), len(&e["url"]), slack::BUTTON_URL));
                }
                "static_select" => {
                    let options = e["options"].as_array().map_or(&[][..], Vec::as_slice);
                    checks.push((at("options"), options.len(), slack::SELECT_OPTIONS));
                    options.iter().for_each(|o| option(o, &mut checks));
                    let groups = e["option_groups"].as_array().map_or(&[][..], Vec::as_slice);
                    checks.push((
                        at("option_groups"),
                        groups.len(),
                        slack::SELECT_OPTION_GROUPS,
                    ));
                    for g in groups {
                        let label = len(&g["label"]["text"]);
                        checks.push((at("group label"), label, slack::OPTION_GROUP_LABEL));
                        let options = g["options"].as_array().expect("group options");
                        checks.push((at("group options"), options.len(), slack::SELECT_OPTIONS));
                        options.iter().for_each(|o| option(o, &mut checks));
                    }
                    if !e["initial_option"].is_null() {
                        option(&e["initial_option"], &mut checks);
                    }
                }
                "checkboxes" | "radio_buttons" => {
                    let options = e["options"].as_array().expect("options");
                    checks.push((at("options"), options.len(), slack::CHOICE_OPTIONS));
                    options.iter().for_each(|o| option(o, &mut checks));
                }
                "plain_text_input" => {
                    let max = e["max_length"].as_u64().unwrap_or(0);
                    if max > slack::PLAIN_TEXT_INPUT_MAX_LENGTH {
                        checks.push((at("max_length"), 1, 0));
                    }
                }
                _ => {}
            }
            for (what, n, max) in checks {
                over(what, n, max);
            }
        }
    }
    out
}

fn assert_within(kind: Kind, what: &str, surface: &Value) {
    let found = violations(kind, surface);
    assert!(
        found.is_empty(),
        "{what} exceeds Slack's limits: {found:#?}"
    );
}

fn message(what: &str, m: &Message) {
    assert_within(Kind::Message, what, &m.to_value().unwrap());
}

/// Longer than every limit of a block (the longest is 3000).
const LONG: usize = 5_000;
/// Longer than a message's `text` may be (40,000): the free texts (reasons, descriptions).
const LONGEST: usize = 41_000;

fn long(c: char) -> String {
    std::iter::repeat_n(c, LONG).collect()
}

fn longest(c: char) -> String {
    std::iter::repeat_n(c, LONGEST).collect()
}

/// An item of a long list: past an option's 150-character value, kept short so that lists of
/// thousands stay quick to build.
fn item(i: usize, c: char) -> String {
    format!("{i}{}", std::iter::repeat_n(c, 300).collect::<String>())
}

/// The English words with every word (and date part) made 4,000 characters longer: headers,
/// titles, buttons, labels and sections then all carry more than Slack takes.
fn stretched() -> &'static Catalogue {
    static WORDS: OnceLock<Catalogue> = OnceLock::new();
    WORDS.get_or_init(|| {
        fn stretch(v: &mut Value) {
            match v {
                Value::String(s) => s.push_str(&"W".repeat(4000)),
                Value::Array(a) => a.iter_mut().for_each(stretch),
                Value::Object(m) => m.values_mut().for_each(stretch),
                _ => {}
            }
        }
        let mut words: Value =
            serde_json::from_str(include_str!("fixtures/words_en.json")).unwrap();
        stretch(&mut words);
        Catalogue::from_value(words).unwrap()
    })
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A Leave Application whose every text is longer than any limit (the name stays a plausible
/// button value: a longer one is refused, see `a_button_value_is_2000_at_most`).
fn long_details() -> LeaveDetails {
    serde_json::from_value(json!({
        "leave_application": "L".repeat(2000),
        "form_url": format!("https://hr.example.com/app/leave-application/{}", "u".repeat(5000)),
        "requester_name": long('N'),
        "requester_slack_id": null,
        "leave_type": long('T'),
        "posting_date": "2026-11-30",
        "from_date": "2026-12-04",
        "to_date": "2026-12-07",
        "total_days": 3.5,
        "half_day": true,
        "half_day_date": "2026-12-07",
        "half_period": "Second Half",
        "reason": longest('R'),
        "balance": {"before": 10.0, "after": 6.5}
    }))
    .unwrap()
}

fn outcomes() -> Vec<Outcome> {
    let by = long('B');
    let reason = Some(longest('R'));
    vec![
        Outcome::Approved {
            by: by.clone(),
            reason: reason.clone(),
        },
        Outcome::Rejected {
            by: by.clone(),
            reason: reason.clone(),
        },
        Outcome::Cancelled {
            by: by.clone(),
            reason,
        },
        Outcome::Deleted { by: by.clone() },
        Outcome::Withdrawn { by: by.clone() },
        Outcome::Reassigned {
            by: by.clone(),
            to: long('T'),
        },
        Outcome::Kept { by },
    ]
}

#[test]
fn the_checker_catches_each_kind_of_excess() {
    // The walker must see each field it claims to check, or every test below passes vacuously.
    let over = |n: usize| "x".repeat(n + 1);
    let cases = [
        json!({"type": "header", "text": {"type": "plain_text", "text": over(150)}}),
        json!({"type": "section", "text": {"type": "mrkdwn", "text": over(3000)}}),
        json!({"type": "section", "block_id": over(255), "text": {"type": "mrkdwn", "text": "a"}}),
        json!({"type": "actions", "elements": [{"type": "button", "action_id": "a",
            "text": {"type": "plain_text", "text": over(75)}}]}),
        json!({"type": "actions", "elements": [{"type": "button", "action_id": over(255),
            "text": {"type": "plain_text", "text": "a"}}]}),
        json!({"type": "actions", "elements": [{"type": "button", "action_id": "a",
            "value": over(2000), "text": {"type": "plain_text", "text": "a"}}]}),
        json!({"type": "input", "label": {"type": "plain_text", "text": "a"}, "element":
            {"type": "static_select", "action_id": "a", "options": (0..101).map(|i|
                json!({"text": {"type": "plain_text", "text": "a"}, "value": i.to_string()}))
                .collect::<Vec<_>>()}}),
        json!({"type": "input", "label": {"type": "plain_text", "text": "a"}, "element":
            {"type": "static_select", "action_id": "a", "options": [
                {"text": {"type": "plain_text", "text": over(75)}, "value": "v"}]}}),
        json!({"type": "input", "label": {"type": "plain_text", "text": "a"}, "element":
            {"type": "static_select", "action_id": "a", "options": [
                {"text": {"type": "plain_text", "text": "a"}, "value": over(150)}]}}),
        json!({"type": "input", "label": {"type": "plain_text", "text": over(2000)},
            "element": {"type": "plain_text_input", "action_id": "a"}}),
        json!({"type": "input", "label": {"type": "plain_text", "text": "a"}, "element":
            {"type": "plain_text_input", "action_id": "a",
             "placeholder": {"type": "plain_text", "text": over(150)}}}),
    ];
    for block in cases {
        let m = json!({"text": "t", "blocks": [block]});
        assert_eq!(violations(Kind::Message, &m).len(), 1, "{m}");
    }
    let fifty_one = json!({"text": "t", "blocks": vec![json!({"type": "divider"}); 51]});
    assert_eq!(violations(Kind::Message, &fifty_one).len(), 1);
    let view = |key: &str, value: Value| {
        let mut v = json!({"type": "modal", "title": {"type": "plain_text", "text": "t"},
                           "blocks": [{"type": "divider"}]});
        v[key] = value;
        v
    };
    for v in [
        view("title", json!({"type": "plain_text", "text": over(24)})),
        view("submit", json!({"type": "plain_text", "text": over(24)})),
        view("close", json!({"type": "plain_text", "text": over(24)})),
        view("private_metadata", json!(over(3000))),
        view("blocks", json!(vec![json!({"type": "divider"}); 101])),
    ] {
        assert_eq!(violations(Kind::View, &v).len(), 1, "{v}");
    }
}

// ----------------------------------------------------------------------------------------------
// Every surface, from words and user text longer than any limit
// ----------------------------------------------------------------------------------------------

#[test]
fn leave_messages_stay_within_slacks_limits() {
    let w = &stretched().leave_messages;
    let d = long_details();
    message("approver message", &approver_message(&d, w).unwrap());
    let choices = ApprovalChoices {
        workflow_state: Some(long('S')),
        moved_by: Some(long('M')),
        ..ApprovalChoices::default()
    };
    message(
        "approver message (workflow)",
        &approver_message_with(&d, &choices, w).unwrap(),
    );
    message(
        "cancellation request",
        &cancellation_request_message(&d, w).unwrap(),
    );
    for offer in [None, Some(Offer::Withdraw), Some(Offer::AskToCancel)] {
        message(
            "requester confirmation",
            &requester_confirmation(&d, Some(&long('A')), offer, w).unwrap(),
        );
    }
    for o in outcomes() {
        message("approver outcome", &approver_outcome_message(&d, &o, w));
        message(
            "cancellation outcome",
            &cancellation_outcome_message(&d, &o, w),
        );
        message(
            "requester outcome",
            &requester_outcome_message(&d, &o, None, w).unwrap(),
        );
    }
}

#[test]
fn notices_stay_within_slacks_limits() {
    let w = &stretched().notices;
    let id = long('L');
    let notices = [
        Notice::NotAllowed {
            leave_application: id.clone(),
        },
        Notice::NotYours {
            leave_application: id.clone(),
        },
        Notice::AlreadyDecided {
            leave_application: id.clone(),
            status: long('S'),
            decided_by: Some(long('B')),
        },
        Notice::SlackNotLinked,
        Notice::NoEmployee,
        Notice::NoLeaveTypes,
        Notice::ActionFailed {
            leave_application: id.clone(),
            message: long('M'),
        },
        Notice::NotCancellable {
            leave_application: id.clone(),
        },
        Notice::CancellationSent {
            leave_application: id.clone(),
            approver: long('A'),
        },
        Notice::CancellationPending {
            leave_application: id,
            approver: long('A'),
        },
        Notice::Error { message: long('M') },
    ];
    for n in &notices {
        message(&format!("{n:?}"), &notice_message(n, w));
    }
    let ts = &stretched().timesheet;
    for n in [
        TimesheetNotice::SlackNotLinked,
        TimesheetNotice::NoEmployee,
        TimesheetNotice::NoProjects,
        TimesheetNotice::NoActivityTypes,
        TimesheetNotice::BadDate { text: long('D') },
        TimesheetNotice::FormNotOpened { error: long('E') },
    ] {
        message(&format!("{n:?}"), &timesheet_notice(&n, ts));
    }
}

fn leave_types(n: usize) -> Value {
    (0..n)
        .map(|i| json!({"name": item(i, 'N'), "label": item(i, 'T')}))
        .collect()
}

fn leave_modal(types: Value, metadata: &str) -> LeaveModalInput {
    serde_json::from_value(json!({
        "leave_types": types,
        "today": "2026-12-04",
        "half_day_checked": true,
        "show_half_day_date": true,
        "has_half_period_field": true,
        "current": {"reason": longest('R')},
        "private_metadata": metadata,
        "line": longest('L'),
    }))
    .unwrap()
}

#[test]
fn modals_stay_within_slacks_limits() {
    let words = stretched();
    for n in [1, 100, 101, 250, 20_000] {
        let input = leave_modal(leave_types(n), "");
        let view = view_to_value(&leave_request_modal(&input, &words.modal).unwrap()).unwrap();
        assert_within(Kind::View, &format!("leave modal, {n} types"), &view);
    }
    let reject = RejectModalInput {
        leave_application: "L".repeat(2000),
        requester_name: long('N'),
        channel_id: Some("C0123".into()),
        message_ts: Some("1700000000.000100".into()),
    };
    let view = view_to_value(&reject_reason_modal(&reject, &words.reject_modal).unwrap()).unwrap();
    assert_within(Kind::View, "reject modal", &view);
    for n in [1, 100, 101, 20_000] {
        let options = |p: char| -> Value {
            (0..n)
                .map(|i| json!({"name": item(i, p), "label": item(i, p)}))
                .collect()
        };
        let input: TimesheetModalInput = serde_json::from_value(json!({
            "today": "2026-12-02",
            "projects": options('P'),
            "tasks": options('T'),
            "activity_types": options('A'),
            "current": {"date": "2026-12-01", "project": item(0, 'P'),
                        "hours": "1.5", "description": longest('D')},
        }))
        .unwrap();
        let view = view_to_value(&timesheet_modal(&input, &words.timesheet).unwrap()).unwrap();
        assert_within(Kind::View, &format!("timesheet modal, {n} options"), &view);
    }
}

#[test]
fn the_home_tab_stays_within_slacks_limits() {
    let leave = |i: usize| {
        json!({"leave_application": format!("L{i}"), "form_url": format!("https://x/{i}"),
               "leave_type": long('T'), "from_date": "2026-12-07", "to_date": "2026-12-08",
               "half_day": true, "status": long('S'), "approver_name": long('A'),
               "offer": "withdraw"})
    };
    for n in [0, 1, 50, 1000] {
        let input: HomeInput = serde_json::from_value(json!({
            "kind": "employee",
            "balances": (0..n).map(|i| json!({"leave_type": format!("{i}{}", long('T')),
                                              "days_left": 1.5})).collect::<Vec<_>>(),
            "my_leave": (0..n).map(leave).collect::<Vec<_>>(),
            "recent": (0..n).map(leave).collect::<Vec<_>>(),
            "out": (0..n).map(|i| json!({"employee_name": format!("{i}{}", long('O')),
                                         "from_date": "2026-12-03", "to_date": "2026-12-09"}))
                .collect::<Vec<_>>(),
            "waiting": (0..n).map(|i| json!({"leave_application": format!("W{i}"),
                "requester_name": long('N'), "leave_type": long('T'), "from_date": "2026-12-07",
                "to_date": "2026-12-08", "total_days": 2.0})).collect::<Vec<_>>(),
            "waiting_total": n * 3,
            "desk_url": "https://hr.example.com/app/leave-application",
            "waiting_url": "https://hr.example.com/app/leave-application?status=Open",
        }))
        .unwrap();
        let view = view_to_value(&home_view(&input, &stretched().home).unwrap()).unwrap();
        assert_within(Kind::View, &format!("home, {n} of each"), &view);
    }
    for reason in ["not_linked", "no_employee"] {
        let input: HomeInput =
            serde_json::from_value(json!({"kind": "stranger", "reason": reason})).unwrap();
        let view = view_to_value(&home_view(&input, &stretched().home).unwrap()).unwrap();
        assert_within(Kind::View, reason, &view);
    }
}

#[test]
fn reminders_and_timesheet_messages_stay_within_slacks_limits() {
    let words = stretched();
    let d = serde_json::to_value(json!({
        "leave_application": "L".repeat(2000), "requester_name": long('N'),
        "leave_type": long('T'), "from_date": "2026-12-04", "to_date": "2026-12-07",
        "total_days": 3.0, "reason": long('R'),
        "form_url": "https://hr.example.com/app/leave-application/x"
    }))
    .unwrap();
    for n in [1, 24, 25, 200] {
        let input: ReminderInput = serde_json::from_value(json!({
            "items": (0..n).map(|i| if i % 2 == 0 { json!({"leave": d}) } else {
                json!({"leave": d, "workflow_state": long('S'),
                       "outcome": {"kind": "approved", "by": long('B')}}) })
                .collect::<Vec<_>>(),
            "list_url": "https://hr.example.com/app/leave-application?status=Open",
        }))
        .unwrap();
        let m = approver_reminder(&input, &words.reminder, &words.leave_messages).unwrap();
        message(&format!("approver reminder, {n} items"), &m);
    }
    let logged: LoggedTime = serde_json::from_value(json!({
        "date": "2026-12-01", "hours": 1.5, "project": long('P'), "project_name": long('P'),
        "task": long('T'), "task_subject": long('T'), "activity_type": long('A'),
        "description": longest('D'), "day_total": 7.5, "timesheet": long('S'),
        "timesheet_status": long('S'),
    }))
    .unwrap();
    message(
        "timesheet confirmation",
        &timesheet_confirmation(&logged, &words.timesheet).unwrap(),
    );
    let row: ReminderRow = serde_json::from_value(json!({
        "employee_name": long('N'), "slack_user_id": "U0123ABCD", "date": "2026-12-01",
        "logged": 1.0, "expected": 8.0, "half_day": true,
    }))
    .unwrap();
    for mention in [true, false] {
        message(
            "timesheet reminder",
            &timesheet_reminder(&row, &words.timesheet, mention).unwrap(),
        );
    }
}

fn absence_rows(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({"employee": format!("E{i}"), "employee_name": format!("{i}{}", "n".repeat(300)),
                   "slack_user_id": null, "from_date": "2026-12-01", "to_date": "2026-12-09",
                   "half_day": i % 3 == 0, "half_day_date": "2026-12-04",
                   "half_period": if i % 2 == 0 { "First Half" } else { "Second Half" }})
        })
        .collect()
}

#[test]
fn channel_messages_stay_within_slacks_limits() {
    let words = stretched();
    let today = date("2026-12-04");
    for n in [0, 1, 10, 500, 10_000] {
        let rows = parse_rows(&absence_rows(n)).unwrap();
        for (i, m) in attendance_messages(&summarise(&rows, today), &long('H'), &words.summary)
            .iter()
            .enumerate()
        {
            message(&format!("summary of {n}, message {i}"), m);
        }
    }
    for kind in [
        AbsenceKind::FullDay,
        AbsenceKind::FirstHalf,
        AbsenceKind::SecondHalf,
    ] {
        let note = late_leave_note(
            &long('N'),
            None,
            kind,
            Some(date("2026-12-09")),
            &words.late_leave_note,
        );
        message("late leave note", &note);
    }
    message(
        "test message",
        &test_message(&long('S'), &words.test_message),
    );
}

#[test]
fn inline_errors_name_blocks_slack_can_find() {
    // The errors response keys are block_ids: Slack matches them to blocks of at most 255.
    let words = stretched();
    let errors = view_errors(
        [("b".repeat(300), ViewError::Text(long('E')))],
        &words.view_errors,
    )
    .unwrap();
    for key in errors["errors"].as_object().unwrap().keys() {
        assert!(key.chars().count() <= slack::BLOCK_ID, "{}", key.len());
    }
    let errors = timesheet_view_errors(
        [("b".repeat(300), TimesheetViewError::Text(long('E')))],
        &words.timesheet,
    )
    .unwrap();
    for key in errors["errors"].as_object().unwrap().keys() {
        assert!(key.chars().count() <= slack::BLOCK_ID, "{}", key.len());
    }
}

// ----------------------------------------------------------------------------------------------
// At the limit and one past it
// ----------------------------------------------------------------------------------------------

fn summary_header(title: &str) -> String {
    let today = date("2026-12-04");
    let rows = parse_rows(&absence_rows(1)).unwrap();
    let messages = attendance_messages(&summarise(&rows, today), title, &common::en().summary);
    let m = messages[0].to_value().unwrap();
    let header = m["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "header")
        .expect("the summary has a header");
    header["text"]["text"].as_str().unwrap().to_owned()
}

#[test]
fn a_summary_title_from_slack_settings_fits_the_150_character_header() {
    // The title is typed in Slack Settings; the header shows it (with the count of people).
    let with_title = |n: usize| summary_header(&"t".repeat(n));
    // A blank title means the default one: measure what the header adds around a title of one.
    let overhead = with_title(1).chars().count() - 1;
    let fits = slack::HEADER_TEXT - overhead;
    let header = with_title(fits);
    assert_eq!(header.chars().count(), 150, "{header}");
    assert!(
        header.contains(&"t".repeat(fits)),
        "a title that fits is kept whole: {header}"
    );
    let header = with_title(fits + 1);
    assert_eq!(
        header.chars().count(),
        150,
        "one more is cut to Slack's 150: {header}"
    );
    assert!(header.ends_with('…'), "{header}");
    assert!(with_title(10_000).chars().count() <= 150);
}

/// The leave modal's words, one of them replaced.
fn modal_words(key: &str, text: &str) -> Catalogue {
    let mut words: Value = serde_json::from_str(include_str!("fixtures/words_en.json")).unwrap();
    words["modal"][key] = json!(text);
    Catalogue::from_value(words).unwrap()
}

fn modal_with(words: &Catalogue, types: Value) -> Value {
    view_to_value(&leave_request_modal(&leave_modal(types, ""), &words.modal).unwrap()).unwrap()
}

fn one_type() -> Value {
    json!([{"name": "Casual Leave"}])
}

#[test]
fn a_modal_title_submit_and_close_are_24_characters_at_most() {
    for (key, field) in [("title", "title"), ("submit", "submit"), ("close", "close")] {
        let at = modal_with(&modal_words(key, &"x".repeat(24)), one_type());
        assert_eq!(
            at[field]["text"],
            "x".repeat(24),
            "{key} of 24 is kept whole"
        );
        let past = modal_with(&modal_words(key, &"x".repeat(25)), one_type());
        assert_eq!(len(&past[field]["text"]), 24, "{key} of 25 is cut to 24");
    }
}

fn select_of(view: &Value, action: &str) -> Value {
    view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["element"])
        .find(|e| e["action_id"].as_str().is_some_and(|a| a.contains(action)))
        .unwrap_or_else(|| panic!("no {action} element in {view}"))
        .clone()
}

#[test]
fn a_select_lists_100_options_and_more_go_into_groups_of_100() {
    let words = common::en();
    let types = |n: usize| -> Value {
        (0..n)
            .map(|i| json!({"name": format!("T{i:04}")}))
            .collect()
    };
    let at = select_of(&modal_with(words, types(100)), "leave_type");
    assert_eq!(at["options"].as_array().unwrap().len(), 100);
    assert!(at["option_groups"].is_null());
    let past = select_of(&modal_with(words, types(101)), "leave_type");
    assert!(past["options"].is_null(), "101 options do not fit one list");
    let groups = past["option_groups"].as_array().unwrap();
    assert!(groups
        .iter()
        .all(|g| g["options"].as_array().unwrap().len() <= 100));
    assert_eq!(
        groups
            .iter()
            .map(|g| g["options"].as_array().unwrap().len())
            .sum::<usize>(),
        101
    );
}

#[test]
fn an_option_shows_75_characters_and_carries_a_150_character_value() {
    let words = common::en();
    let option = |name: String, label: Option<String>| {
        let view = modal_with(words, json!([{"name": name, "label": label}]));
        select_of(&view, "leave_type")["options"][0].clone()
    };
    let o = option("n".repeat(150), Some("l".repeat(75)));
    assert_eq!(o["text"]["text"], "l".repeat(75));
    assert_eq!(o["value"], "n".repeat(150));
    let o = option("n".repeat(151), Some("l".repeat(76)));
    assert_eq!(len(&o["text"]["text"]), 75);
    assert_eq!(len(&o["value"]), 150);
}

#[test]
fn a_placeholder_and_an_input_label_fit_150_and_2000_characters() {
    let at = select_of(
        &modal_with(
            &modal_words("leave_type_placeholder", &"p".repeat(150)),
            one_type(),
        ),
        "leave_type",
    );
    assert_eq!(at["placeholder"]["text"], "p".repeat(150));
    let past = select_of(
        &modal_with(
            &modal_words("leave_type_placeholder", &"p".repeat(151)),
            one_type(),
        ),
        "leave_type",
    );
    assert_eq!(len(&past["placeholder"]["text"]), 150);
    let label = |n: usize| -> Value {
        let view = modal_with(&modal_words("leave_type", &"l".repeat(n)), one_type());
        view["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| {
                b["element"]["action_id"]
                    .as_str()
                    .is_some_and(|a| a.contains("leave_type"))
            })
            .unwrap()["label"]["text"]
            .clone()
    };
    assert_eq!(label(2000), "l".repeat(2000));
    assert_eq!(len(&label(2001)), 2000);
}

#[test]
fn private_metadata_is_3000_characters_at_most_and_never_cut() {
    let words = common::en();
    let at = leave_modal(one_type(), &"m".repeat(3000));
    let view = view_to_value(&leave_request_modal(&at, &words.modal).unwrap()).unwrap();
    assert_eq!(view["private_metadata"], "m".repeat(3000));
    let past = leave_modal(one_type(), &"m".repeat(3001));
    assert!(matches!(
        leave_request_modal(&past, &words.modal),
        Err(BuildError::PrivateMetadataTooLong { len: 3001, .. })
    ));
}

#[test]
fn a_button_value_is_2000_at_most() {
    let w = &common::en().leave_messages;
    let mut d = long_details();
    d.leave_application = "v".repeat(2000);
    let m = approver_message(&d, w).unwrap().to_value().unwrap();
    assert!(serde_json::to_string(&m)
        .unwrap()
        .contains(&format!("\"value\":\"{}\"", "v".repeat(2000))));
    d.leave_application = "v".repeat(2001);
    assert!(matches!(
        approver_message(&d, w),
        Err(BuildError::ButtonValueTooLong { len: 2001, .. })
    ));
}

/// The notice words, one of them replaced.
fn notice_words(key: &str, text: &str) -> Catalogue {
    let mut words: Value = serde_json::from_str(include_str!("fixtures/words_en.json")).unwrap();
    words["notices"][key] = json!(text);
    Catalogue::from_value(words).unwrap()
}

#[test]
fn a_section_holds_3000_characters() {
    // "🔗 " + the word: the notice's one section.
    let section = |n: usize| -> Value {
        let words = notice_words("slack_not_linked", &"s".repeat(n));
        notice_message(&Notice::SlackNotLinked, &words.notices)
            .to_value()
            .unwrap()["blocks"][0]["text"]["text"]
            .clone()
    };
    let at = section(2998);
    assert_eq!(len(&at), 3000);
    assert!(
        at.as_str().unwrap().ends_with('s'),
        "3000 characters are kept whole"
    );
    let past = section(2999);
    assert_eq!(len(&past), 3000);
    assert!(past.as_str().unwrap().ends_with('…'));
}

#[test]
fn a_button_label_is_75_characters_at_most() {
    let button_text = |n: usize| -> Value {
        let mut words: Value =
            serde_json::from_str(include_str!("fixtures/words_en.json")).unwrap();
        words["leave_messages"]["approve"] = json!("a".repeat(n));
        let words = Catalogue::from_value(words).unwrap();
        let m = approver_message(&long_details(), &words.leave_messages)
            .unwrap()
            .to_value()
            .unwrap();
        let actions = m["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["type"] == "actions")
            .unwrap()
            .clone();
        actions["elements"][0]["text"]["text"].clone()
    };
    assert_eq!(button_text(75), "a".repeat(75));
    assert_eq!(len(&button_text(76)), 75);
}

#[test]
fn a_summary_of_many_fills_messages_of_50_blocks() {
    let rows = parse_rows(&absence_rows(10_000)).unwrap();
    let messages = attendance_messages(
        &summarise(&rows, date("2026-12-04")),
        "",
        &common::en().summary,
    );
    assert!(messages.len() > 1);
    for m in &messages {
        assert!(m.blocks.len() <= slack::BLOCKS_PER_MESSAGE);
    }
    assert_eq!(
        messages[0].blocks.len(),
        50,
        "a full message uses all 50 blocks"
    );
}
