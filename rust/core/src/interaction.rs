//! Routing of Slack interaction payloads (the `payload=` JSON of block_actions, view_submission and
//! view_closed) to the handler that deals with them.
//!
//! One declarative table ([`RULES`]) decides which handler gets a payload; everything else here
//! extracts and types the fields that handler needs. The boundary between errors is deliberate:
//!
//! - a payload Slack would never send (not JSON, too deep, no `view`, wrong JSON types, a date that
//!   is not `YYYY-MM-DD`) is a [`PayloadError`] → HTTP 400 + Error Log;
//! - a form the user can fix (end before start, blank reason, …) is a list of [`FieldError`]s that
//!   travels inside [`Route::LeaveSubmission`] and is shown inline in the modal.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::mrkdwn;

/// Slack's views are ≤ 250 kB; a payload carries the view plus its state, so 2 MiB is far above
/// anything legitimate while keeping a hostile body cheap to refuse.
pub const MAX_PAYLOAD_BYTES: usize = 2 * 1024 * 1024;
/// Real payloads nest about 10 levels; refusing deeper ones before serde runs keeps recursion
/// (and work) bounded whatever the input.
pub const MAX_NESTING: usize = 64;
/// Longest serde message kept in a [`PayloadError`] (it may quote attacker-sized values).
pub const MAX_ERROR_DETAIL_CHARS: usize = 300;
/// Longest leave reason we accept; the modal's input enforces the same `max_length`.
pub const MAX_REASON_CHARS: usize = 1000;

/// block_id / action_id / callback_id values. Sites have messages and modals in flight with these,
/// so they must never change.
pub mod ids {
    pub const LEAVE_ACTIONS_BLOCK: &str = "leave_actions_block";
    pub const LEAVE_APPROVE: &str = "leave_approve";
    pub const LEAVE_REJECT: &str = "leave_reject";
    pub const APPLY_LEAVE_CALLBACK: &str = "apply_leave_application";
    pub const START_DATE_BLOCK: &str = "start_date";
    pub const START_DATE_ACTION: &str = "start_date_picker";
    pub const END_DATE_BLOCK: &str = "end_date";
    pub const END_DATE_ACTION: &str = "end_date_picker";
    pub const LEAVE_TYPE_BLOCK: &str = "leave_type";
    pub const LEAVE_TYPE_ACTION: &str = "leave_type_select";
    pub const REASON_BLOCK: &str = "reason";
    pub const REASON_ACTION: &str = "reason_input";
    pub const HALF_DAY_BLOCK: &str = "half_day_checkbox";
    pub const HALF_DAY_ACTION: &str = "half_day_checkbox";
    pub const HALF_DAY_DATE_BLOCK: &str = "half_day_date";
    pub const HALF_DAY_DATE_ACTION: &str = "half_day_date_picker";
    pub const HALF_PERIOD_BLOCK: &str = "half_day_period";
    pub const HALF_PERIOD_ACTION: &str = "half_day_period_select";
    /// action_ids starting with this are acknowledged and otherwise ignored (links, info buttons).
    pub const IGNORE_PREFIX: &str = "ignore";

    /// Leave Application fieldname → the modal input block that shows an error about it. A
    /// refusal about no input in particular (or a field the modal has no input for) is shown on
    /// the reason block, the one input every leave modal has.
    pub const LEAVE_FIELD_BLOCKS: &[(&str, &str)] = &[
        ("from_date", START_DATE_BLOCK),
        ("to_date", END_DATE_BLOCK),
        ("leave_type", LEAVE_TYPE_BLOCK),
        ("half_day_date", HALF_DAY_DATE_BLOCK),
        ("description", REASON_BLOCK),
    ];

    /// The modal block for an error about Leave Application field `field` (see
    /// [`LEAVE_FIELD_BLOCKS`]).
    pub fn block_for_leave_field(field: &str) -> &'static str {
        LEAVE_FIELD_BLOCKS
            .iter()
            .find(|(name, _)| *name == field)
            .map_or(REASON_BLOCK, |(_, block)| block)
    }
}

/// Why a payload cannot be routed. `reason()` is a stable code for logs and the Python API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("payload is {size} bytes; the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("payload is not a JSON object: {0}")]
    MalformedJson(String),
    #[error("payload nests deeper than {0} levels")]
    TooDeep(usize),
    #[error("unknown interaction type {0:?}")]
    UnknownType(String),
    #[error("no handler for action_id {action_id:?} in block {block_id:?}")]
    UnknownAction { action_id: String, block_id: String },
    #[error("no handler for callback_id {0:?}")]
    UnknownCallback(String),
    #[error("payload lacks the field {0}")]
    MissingField(&'static str),
    #[error("payload field {field} is invalid: {detail}")]
    InvalidField { field: String, detail: String },
}

impl PayloadError {
    /// Stable machine-readable reason code.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "too_large",
            // Too deep is "not JSON we will read"; callers need no separate branch for it.
            Self::MalformedJson(_) | Self::TooDeep(_) => "malformed_json",
            Self::UnknownType(_) => "unknown_type",
            Self::UnknownAction { .. } => "unknown_action",
            Self::UnknownCallback(_) => "unknown_callback",
            Self::MissingField(_) => "missing_field",
            Self::InvalidField { .. } => "invalid_field",
        }
    }

    fn invalid(field: &str, detail: impl Into<String>) -> Self {
        Self::InvalidField {
            field: field.to_owned(),
            detail: detail.into(),
        }
    }
}

/// Ids echoed into error messages are attacker-controlled; keep log lines bounded.
fn short(s: &str) -> String {
    mrkdwn::truncate(s, crate::limits::ACTION_ID).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Payload shapes (REFERENCE.md A2). Every field is optional at the serde level so that a missing
// field becomes a precise `missing_field` naming it, and unknown fields are ignored.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: Option<String>,
    user: Option<User>,
    trigger_id: Option<String>,
    response_url: Option<String>,
    channel: Option<IdOnly>,
    container: Option<Container>,
    message: Option<MessageRef>,
    view: Option<View>,
    actions: Option<Vec<Action>>,
}

#[derive(Debug, Default, Deserialize)]
struct User {
    id: Option<String>,
    username: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct IdOnly {
    id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Container {
    message_ts: Option<String>,
    channel_id: Option<String>,
    view_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct MessageRef {
    ts: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct View {
    id: Option<String>,
    hash: Option<String>,
    callback_id: Option<String>,
    private_metadata: Option<String>,
    state: Option<ViewState>,
    blocks: Option<Vec<BlockRef>>,
}

#[derive(Debug, Default, Deserialize)]
struct BlockRef {
    block_id: Option<String>,
}

/// `block_id → action_id → value`.
type StateValues = HashMap<String, HashMap<String, StateValue>>;

#[derive(Debug, Default, Deserialize)]
struct ViewState {
    values: Option<StateValues>,
}

#[derive(Debug, Default, Deserialize)]
struct StateValue {
    value: Option<String>,
    selected_date: Option<String>,
    selected_option: Option<SelectedOption>,
    selected_options: Option<Vec<SelectedOption>>,
}

#[derive(Debug, Default, Deserialize)]
struct SelectedOption {
    value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Action {
    action_id: Option<String>,
    block_id: Option<String>,
    value: Option<String>,
    selected_options: Option<Vec<SelectedOption>>,
}

// ---------------------------------------------------------------------------------------------
// Typed results
// ---------------------------------------------------------------------------------------------

/// What an approver clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    #[serde(alias = "Approved", alias = "approved")]
    Approve,
    #[serde(alias = "Rejected", alias = "rejected")]
    Reject,
}

impl Decision {
    /// Code used in the Python dicts.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }

    /// The Leave Application `status` this decision sets.
    pub fn status(self) -> &'static str {
        match self {
            Self::Approve => "Approved",
            Self::Reject => "Rejected",
        }
    }
}

/// Which half of the half day. Option values in the modal are the snake_case codes; the hrms
/// custom field `custom_first_halfsecond_half` stores the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HalfPeriod {
    #[serde(alias = "First Half")]
    FirstHalf,
    #[serde(alias = "Second Half")]
    SecondHalf,
}

impl HalfPeriod {
    pub fn code(self) -> &'static str {
        match self {
            Self::FirstHalf => "first_half",
            Self::SecondHalf => "second_half",
        }
    }

    /// The value Frappe stores (`First Half` / `Second Half`).
    pub fn label(self) -> &'static str {
        match self {
            Self::FirstHalf => "First Half",
            Self::SecondHalf => "Second Half",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "first_half" => Some(Self::FirstHalf),
            "second_half" => Some(Self::SecondHalf),
            _ => None,
        }
    }
}

/// The leave modal's current values, as the user left them; anything may be missing. Used to
/// rebuild the modal on the half-day toggle and as the input of [`validate_leave_form`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub leave_type: Option<String>,
    pub reason: Option<String>,
    pub half_day: bool,
    pub half_day_date: Option<NaiveDate>,
    pub half_period: Option<HalfPeriod>,
}

/// Which optional inputs the submitted modal actually showed; errors may only name blocks that
/// exist in the view, or Slack rejects the whole response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormLayout {
    pub has_half_day_date: bool,
    pub has_half_period: bool,
}

/// A validated leave request, ready for the ERP adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveForm {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub leave_type: String,
    /// Control characters other than tab and newline removed, trimmed, non-empty, at most
    /// [`MAX_REASON_CHARS`] characters.
    pub reason: String,
    pub half_day: bool,
    /// Set exactly when `half_day` is; inside `start_date..=end_date`.
    pub half_day_date: Option<NaiveDate>,
    /// Set when `half_day` and the modal asked for the period.
    pub half_period: Option<HalfPeriod>,
}

/// One inline error for the modal: the input block it belongs to and a plain-text message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub block_id: &'static str,
    pub message: String,
}

pub type FieldErrors = Vec<FieldError>;

/// Why a payload is acknowledged without further work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckReason {
    IgnoredAction,
    ViewClosed,
}

impl AckReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IgnoredAction => "ignored_action",
            Self::ViewClosed => "view_closed",
        }
    }
}

/// A routed interaction: which handler runs and the typed fields it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    LeaveDecision {
        decision: Decision,
        /// Leave Application name (the button's value).
        leave_application: String,
        user_id: String,
        user_name: Option<String>,
        channel_id: Option<String>,
        message_ts: Option<String>,
        response_url: Option<String>,
        trigger_id: Option<String>,
    },
    HalfDayToggle {
        user_id: String,
        view_id: String,
        view_hash: String,
        checked: bool,
        values: FormState,
        private_metadata: String,
    },
    LeaveSubmission {
        user_id: String,
        view_id: String,
        private_metadata: String,
        form: Result<LeaveForm, FieldErrors>,
    },
    Ack {
        reason: AckReason,
    },
}

// ---------------------------------------------------------------------------------------------
// The routing table
// ---------------------------------------------------------------------------------------------

/// Interaction payload types we route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BlockActions,
    ViewSubmission,
    ViewClosed,
}

impl Kind {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "block_actions" => Some(Self::BlockActions),
            "view_submission" => Some(Self::ViewSubmission),
            "view_closed" => Some(Self::ViewClosed),
            _ => None,
        }
    }
}

/// How a rule matches an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Exact(&'static str),
    Prefix(&'static str),
    Any,
}

impl Pattern {
    fn matches(self, value: &str) -> bool {
        match self {
            Self::Exact(s) => value == s,
            Self::Prefix(p) => value.starts_with(p),
            Self::Any => true,
        }
    }
}

/// What a matched rule hands the payload to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    LeaveDecision(Decision),
    HalfDayToggle,
    LeaveSubmission,
    Ack(AckReason),
}

/// One row of the routing table. `id` matches the action_id for block_actions and the view's
/// callback_id for view payloads; `block_id` matches the action's block (`Any` for views).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: Kind,
    pub id: Pattern,
    pub block_id: Pattern,
    pub handler: Handler,
}

/// The routing table; the first matching row wins.
///
/// Approval buttons match on action_id alone: the value carries the document, and the block_id is
/// not needed to tell them apart.
pub static RULES: &[Rule] = &[
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_APPROVE),
        block_id: Pattern::Any,
        handler: Handler::LeaveDecision(Decision::Approve),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::LEAVE_REJECT),
        block_id: Pattern::Any,
        handler: Handler::LeaveDecision(Decision::Reject),
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Exact(ids::HALF_DAY_ACTION),
        block_id: Pattern::Exact(ids::HALF_DAY_BLOCK),
        handler: Handler::HalfDayToggle,
    },
    Rule {
        kind: Kind::BlockActions,
        id: Pattern::Prefix(ids::IGNORE_PREFIX),
        block_id: Pattern::Any,
        handler: Handler::Ack(AckReason::IgnoredAction),
    },
    Rule {
        kind: Kind::ViewSubmission,
        id: Pattern::Exact(ids::APPLY_LEAVE_CALLBACK),
        block_id: Pattern::Any,
        handler: Handler::LeaveSubmission,
    },
    Rule {
        kind: Kind::ViewClosed,
        id: Pattern::Any,
        block_id: Pattern::Any,
        handler: Handler::Ack(AckReason::ViewClosed),
    },
];

/// Looks `(kind, id, block_id)` up in [`RULES`].
pub fn lookup(kind: Kind, id: &str, block_id: &str) -> Option<Handler> {
    RULES
        .iter()
        .find(|r| r.kind == kind && r.id.matches(id) && r.block_id.matches(block_id))
        .map(|r| r.handler)
}

// ---------------------------------------------------------------------------------------------
// Parsing and routing
// ---------------------------------------------------------------------------------------------

/// Refuses nesting deeper than `max` with one linear scan, so serde never recurses on hostile
/// input. Brackets inside strings do not count; invalid JSON is left for serde to report.
fn check_nesting(bytes: &[u8], max: usize) -> Result<(), PayloadError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Err(PayloadError::TooDeep(max));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn parse_envelope(payload: &[u8]) -> Result<Envelope, PayloadError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(PayloadError::TooLarge {
            size: payload.len(),
            limit: MAX_PAYLOAD_BYTES,
        });
    }
    // An interaction payload is always an object; an array or scalar is "not our JSON".
    match payload.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        _ => return Err(PayloadError::MalformedJson("expected a JSON object".into())),
    }
    check_nesting(payload, MAX_NESTING)?;
    // serde's type errors quote the offending value in full (`invalid type: string "…"`): cut the
    // message so a signed payload cannot turn one Error Log into megabytes.
    serde_json::from_slice(payload).map_err(|e| {
        let detail = mrkdwn::truncate(&e.to_string(), MAX_ERROR_DETAIL_CHARS).into_owned();
        match e.classify() {
            serde_json::error::Category::Data => PayloadError::invalid("payload", detail),
            _ => PayloadError::MalformedJson(detail),
        }
    })
}

/// Parses an interaction payload (the JSON in the `payload` form field) and routes it.
pub fn route(payload: &[u8]) -> Result<Route, PayloadError> {
    let env = parse_envelope(payload)?;
    let kind_str = env
        .kind
        .as_deref()
        .ok_or(PayloadError::MissingField("type"))?;
    let kind = Kind::parse(kind_str).ok_or_else(|| PayloadError::UnknownType(short(kind_str)))?;
    match kind {
        Kind::BlockActions => {
            let action = env
                .actions
                .as_deref()
                .and_then(<[Action]>::first)
                .ok_or(PayloadError::MissingField("actions"))?;
            let action_id = action
                .action_id
                .as_deref()
                .ok_or(PayloadError::MissingField("actions[0].action_id"))?;
            let block_id = action.block_id.as_deref().unwrap_or("");
            let handler =
                lookup(kind, action_id, block_id).ok_or_else(|| PayloadError::UnknownAction {
                    action_id: short(action_id),
                    block_id: short(block_id),
                })?;
            dispatch(handler, &env, Some(action))
        }
        Kind::ViewSubmission | Kind::ViewClosed => {
            let view = required_view(&env)?;
            let callback_id = view.callback_id.as_deref().unwrap_or("");
            let handler = lookup(kind, callback_id, "")
                .ok_or_else(|| PayloadError::UnknownCallback(short(callback_id)))?;
            dispatch(handler, &env, None)
        }
    }
}

fn dispatch(
    handler: Handler,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    match handler {
        Handler::Ack(reason) => Ok(Route::Ack { reason }),
        Handler::LeaveDecision(decision) => leave_decision(decision, env, action),
        Handler::HalfDayToggle => half_day_toggle(env, action),
        Handler::LeaveSubmission => leave_submission(env),
    }
}

fn user_id(env: &Envelope) -> Result<String, PayloadError> {
    env.user
        .as_ref()
        .and_then(|u| u.id.clone())
        .filter(|id| !id.is_empty())
        .ok_or(PayloadError::MissingField("user.id"))
}

fn leave_decision(
    decision: Decision,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let value = action
        .and_then(|a| a.value.as_deref())
        .ok_or(PayloadError::MissingField("actions[0].value"))?;
    let leave_application = value.trim();
    if leave_application.is_empty() {
        return Err(PayloadError::invalid(
            "actions[0].value",
            "the Leave Application name is blank",
        ));
    }
    let container = env.container.as_ref();
    Ok(Route::LeaveDecision {
        decision,
        leave_application: leave_application.to_owned(),
        user_id: user_id(env)?,
        user_name: env
            .user
            .as_ref()
            .and_then(|u| u.name.clone().or_else(|| u.username.clone())),
        channel_id: env
            .channel
            .as_ref()
            .and_then(|c| c.id.clone())
            .or_else(|| container.and_then(|c| c.channel_id.clone())),
        message_ts: container
            .and_then(|c| c.message_ts.clone())
            .or_else(|| env.message.as_ref().and_then(|m| m.ts.clone())),
        response_url: env.response_url.clone(),
        trigger_id: env.trigger_id.clone(),
    })
}

/// The payload's `view`, which view payloads and modal actions cannot do without.
fn required_view(env: &Envelope) -> Result<&View, PayloadError> {
    env.view.as_ref().ok_or(PayloadError::MissingField("view"))
}

fn state_values(view: &View) -> Result<&StateValues, PayloadError> {
    view.state
        .as_ref()
        .and_then(|s| s.values.as_ref())
        .ok_or(PayloadError::MissingField("view.state.values"))
}

fn half_day_toggle(env: &Envelope, action: Option<&Action>) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let view_id = view
        .id
        .clone()
        .or_else(|| env.container.as_ref().and_then(|c| c.view_id.clone()))
        .ok_or(PayloadError::MissingField("view.id"))?;
    let view_hash = view
        .hash
        .clone()
        .ok_or(PayloadError::MissingField("view.hash"))?;
    // The action carries the new state of the checkbox; view.state may lag behind it.
    let checked = action
        .and_then(|a| a.selected_options.as_ref())
        .is_some_and(|opts| !opts.is_empty());
    let mut values = match view.state.as_ref().and_then(|s| s.values.as_ref()) {
        Some(v) => form_state(v)?,
        None => FormState::default(),
    };
    values.half_day = checked;
    Ok(Route::HalfDayToggle {
        user_id: user_id(env)?,
        view_id,
        view_hash,
        checked,
        values,
        private_metadata: view.private_metadata.clone().unwrap_or_default(),
    })
}

fn leave_submission(env: &Envelope) -> Result<Route, PayloadError> {
    let view = required_view(env)?;
    let view_id = view
        .id
        .clone()
        .ok_or(PayloadError::MissingField("view.id"))?;
    let values = state_values(view)?;
    let state = form_state(values)?;
    let layout = form_layout(view, values);
    Ok(Route::LeaveSubmission {
        user_id: user_id(env)?,
        view_id,
        private_metadata: view.private_metadata.clone().unwrap_or_default(),
        form: validate_leave_form(&state, layout),
    })
}

fn form_layout(view: &View, values: &StateValues) -> FormLayout {
    let has = |block: &str| {
        values.contains_key(block)
            || view
                .blocks
                .as_deref()
                .is_some_and(|blocks| blocks.iter().any(|b| b.block_id.as_deref() == Some(block)))
    };
    FormLayout {
        has_half_day_date: has(ids::HALF_DAY_DATE_BLOCK),
        has_half_period: has(ids::HALF_PERIOD_BLOCK),
    }
}

fn state_value<'a>(values: &'a StateValues, block: &str, action: &str) -> Option<&'a StateValue> {
    values.get(block).and_then(|b| b.get(action))
}

fn date_field(
    values: &StateValues,
    block: &'static str,
    action: &'static str,
) -> Result<Option<NaiveDate>, PayloadError> {
    match state_value(values, block, action).and_then(|v| v.selected_date.as_deref()) {
        None | Some("") => Ok(None),
        // Slack's datepicker always sends YYYY-MM-DD; anything else is not a user mistake.
        Some(s) => parse_iso_date(s).map(Some).ok_or_else(|| {
            PayloadError::invalid(
                &format!("view.state.values.{block}.{action}.selected_date"),
                format!("{:?} is not a YYYY-MM-DD date", short(s)),
            )
        }),
    }
}

/// Exactly `YYYY-MM-DD` with a year from 0001 to 9999 (what Slack's datepicker sends and what
/// Python's `datetime.date` can hold). chrono's `%Y-%m-%d` alone is lenient: it takes signed and
/// five-digit years (`+10000-01-01`, `-0001-01-01`), one-digit months and days and leading spaces,
/// all of which would reach the ERP or a rebuilt modal as dates nobody can use.
fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    crate::attendance::parse_date(s).filter(|d| d.year() >= 1)
}

/// The reason as stored: control characters (NUL, escape sequences, DEL, C1) removed except tab
/// and newline — they carry no meaning, NUL cannot be stored by PostgreSQL, and a reason of only
/// control characters must count as blank — then trimmed.
fn clean_reason(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Extracts the leave modal's values from `view.state.values`.
fn form_state(values: &StateValues) -> Result<FormState, PayloadError> {
    let text = |block: &str, action: &str| {
        state_value(values, block, action)
            .and_then(|v| v.value.clone())
            .filter(|s| !s.is_empty())
    };
    let selected = |block: &str, action: &str| {
        state_value(values, block, action)
            .and_then(|v| v.selected_option.as_ref())
            .and_then(|o| o.value.clone())
            .filter(|s| !s.is_empty())
    };
    let half_period = match selected(ids::HALF_PERIOD_BLOCK, ids::HALF_PERIOD_ACTION) {
        None => None,
        Some(code) => Some(HalfPeriod::from_code(&code).ok_or_else(|| {
            PayloadError::invalid(
                "view.state.values.half_day_period.half_day_period_select.selected_option",
                format!("{:?} is neither first_half nor second_half", short(&code)),
            )
        })?),
    };
    Ok(FormState {
        start_date: date_field(values, ids::START_DATE_BLOCK, ids::START_DATE_ACTION)?,
        end_date: date_field(values, ids::END_DATE_BLOCK, ids::END_DATE_ACTION)?,
        leave_type: selected(ids::LEAVE_TYPE_BLOCK, ids::LEAVE_TYPE_ACTION),
        reason: text(ids::REASON_BLOCK, ids::REASON_ACTION),
        half_day: state_value(values, ids::HALF_DAY_BLOCK, ids::HALF_DAY_ACTION)
            .and_then(|v| v.selected_options.as_ref())
            .is_some_and(|opts| !opts.is_empty()),
        half_day_date: date_field(values, ids::HALF_DAY_DATE_BLOCK, ids::HALF_DAY_DATE_ACTION)?,
        half_period,
    })
}

/// `Dec 04, 2026 (Fri)`: the date format of every leave message and error.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%b %d, %Y (%a)").to_string()
}

/// Checks a submitted leave form; errors name the input block they belong to.
///
/// Rules: start, end, leave type and reason are required; end ≥ start; the reason is at most
/// [`MAX_REASON_CHARS`] after trimming. With half day checked: a one-day leave takes its only day
/// as the half day; a longer one needs a half-day date inside the range; the period is required
/// when the modal asked for it.
pub fn validate_leave_form(
    state: &FormState,
    layout: FormLayout,
) -> Result<LeaveForm, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut fail = |block_id: &'static str, message: String| {
        errors.push(FieldError { block_id, message });
    };

    if state.start_date.is_none() {
        fail(
            ids::START_DATE_BLOCK,
            "Pick the first day of your leave.".into(),
        );
    }
    if state.end_date.is_none() {
        fail(
            ids::END_DATE_BLOCK,
            "Pick the last day of your leave.".into(),
        );
    }
    let leave_type = state.leave_type.as_deref().filter(|t| !t.trim().is_empty());
    if leave_type.is_none() {
        fail(ids::LEAVE_TYPE_BLOCK, "Choose a leave type.".into());
    }
    let reason = clean_reason(state.reason.as_deref().unwrap_or(""));
    let reason_len = reason.chars().count();
    if reason.is_empty() {
        fail(
            ids::REASON_BLOCK,
            "Tell your approver the reason for your leave.".into(),
        );
    } else if reason_len > MAX_REASON_CHARS {
        fail(
            ids::REASON_BLOCK,
            format!("Keep the reason within {MAX_REASON_CHARS} characters (it has {reason_len})."),
        );
    }

    let mut half_day_date = None;
    let mut half_period = None;
    if let (Some(start), Some(end)) = (state.start_date, state.end_date) {
        if end < start {
            fail(
                ids::END_DATE_BLOCK,
                "The end date cannot be before the start date.".into(),
            );
        } else if state.half_day {
            let in_range = |d: NaiveDate| start <= d && d <= end;
            let outside = || {
                format!(
                    "Pick a day between {} and {}.",
                    format_date(start),
                    format_date(end)
                )
            };
            match (state.half_day_date, layout.has_half_day_date) {
                (Some(d), _) if in_range(d) => half_day_date = Some(d),
                // A stale picker value outside a one-day range is shown to the user: say so.
                (Some(_), true) => fail(ids::HALF_DAY_DATE_BLOCK, outside()),
                _ if start == end => half_day_date = Some(start),
                (None, true) => fail(ids::HALF_DAY_DATE_BLOCK, "Pick the half day.".into()),
                // The dates were widened after the modal was built, so it has no date picker to
                // attach the error to; the checkbox block does exist.
                (_, false) => fail(
                    ids::HALF_DAY_BLOCK,
                    "Your leave now spans several days: uncheck and check Half Day again to \
                     choose which day is the half day."
                        .into(),
                ),
            }
            if layout.has_half_period {
                half_period = state.half_period;
                if half_period.is_none() {
                    fail(
                        ids::HALF_PERIOD_BLOCK,
                        "Choose the first or the second half.".into(),
                    );
                }
            }
        }
    }

    match (state.start_date, state.end_date, leave_type) {
        (Some(start_date), Some(end_date), Some(leave_type)) if errors.is_empty() => {
            Ok(LeaveForm {
                start_date,
                end_date,
                leave_type: leave_type.to_owned(),
                reason,
                half_day: state.half_day,
                half_day_date,
                half_period,
            })
        }
        _ => Err(errors),
    }
}

// ---------------------------------------------------------------------------------------------
// The Python-facing shape of a route (plain JSON; the glue converts it to dicts)
// ---------------------------------------------------------------------------------------------

fn date_value(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn period_values(p: Option<HalfPeriod>) -> (Value, Value) {
    match p {
        Some(p) => (json!(p.code()), json!(p.label())),
        None => (Value::Null, Value::Null),
    }
}

impl FormState {
    pub fn to_value(&self) -> Value {
        let (code, label) = period_values(self.half_period);
        json!({
            "start_date": date_value(self.start_date),
            "end_date": date_value(self.end_date),
            "leave_type": self.leave_type,
            "reason": self.reason,
            "half_day": self.half_day,
            "half_day_date": date_value(self.half_day_date),
            "half_period": code,
            "half_period_label": label,
        })
    }
}

impl LeaveForm {
    pub fn to_value(&self) -> Value {
        let (code, label) = period_values(self.half_period);
        json!({
            "start_date": self.start_date.to_string(),
            "end_date": self.end_date.to_string(),
            "leave_type": self.leave_type,
            "reason": self.reason,
            "half_day": self.half_day,
            "half_day_date": date_value(self.half_day_date),
            "half_period": code,
            "half_period_label": label,
        })
    }
}

/// `{block_id: message}`; a later error for the same block is dropped (Slack shows one per block).
pub fn errors_to_value(errors: &[FieldError]) -> Value {
    let mut map = Map::new();
    for e in errors {
        map.entry(e.block_id)
            .or_insert_with(|| Value::String(e.message.clone()));
    }
    Value::Object(map)
}

impl Route {
    /// Handler name as seen by Python.
    pub fn handler(&self) -> &'static str {
        match self {
            Self::LeaveDecision { .. } => "leave_decision",
            Self::HalfDayToggle { .. } => "half_day_toggle",
            Self::LeaveSubmission { .. } => "leave_submission",
            Self::Ack { .. } => "ack",
        }
    }

    /// The dict `route_interaction` returns: `{"handler": …, …typed fields}`, dates as ISO strings.
    pub fn to_value(&self) -> Value {
        let handler = self.handler();
        match self {
            Self::LeaveDecision {
                decision,
                leave_application,
                user_id,
                user_name,
                channel_id,
                message_ts,
                response_url,
                trigger_id,
            } => json!({
                "handler": handler,
                "decision": decision.as_str(),
                "status": decision.status(),
                "leave_application": leave_application,
                "user_id": user_id,
                "user_name": user_name,
                "channel_id": channel_id,
                "message_ts": message_ts,
                "response_url": response_url,
                "trigger_id": trigger_id,
            }),
            Self::HalfDayToggle {
                user_id,
                view_id,
                view_hash,
                checked,
                values,
                private_metadata,
            } => json!({
                "handler": handler,
                "user_id": user_id,
                "view_id": view_id,
                "view_hash": view_hash,
                "checked": checked,
                "values": values.to_value(),
                "private_metadata": private_metadata,
            }),
            Self::LeaveSubmission {
                user_id,
                view_id,
                private_metadata,
                form,
            } => {
                let (form, errors) = match form {
                    Ok(f) => (f.to_value(), Value::Null),
                    Err(e) => (Value::Null, errors_to_value(e)),
                };
                json!({
                    "handler": handler,
                    "user_id": user_id,
                    "view_id": view_id,
                    "private_metadata": private_metadata,
                    "form": form,
                    "errors": errors,
                })
            }
            Self::Ack { reason } => json!({"handler": handler, "reason": reason.as_str()}),
        }
    }
}
