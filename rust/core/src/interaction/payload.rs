//! Slack's interaction JSON: the serde shapes we read, the size and nesting guards that run before
//! serde, and the leave modal's values extracted from `view.state.values`.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::form::{FormLayout, FormState};
use super::{
    id_excerpt, ids, PayloadError, MAX_ERROR_DETAIL_CHARS, MAX_NESTING, MAX_PAYLOAD_BYTES,
};
use crate::dates::parse_iso_date;
use crate::half_period::HalfPeriod;
use crate::mrkdwn;
use crate::slack_id::SlackUserId;

// ---------------------------------------------------------------------------------------------
// Payload shapes (REFERENCE.md A2). Every field is optional at the serde level so that a missing
// field becomes a precise `missing_field` naming it, and unknown fields are ignored.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub(super) struct Envelope {
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    /// A shortcut's id (`shortcut` and `message_action` payloads carry it at the top level).
    pub(super) callback_id: Option<String>,
    pub(super) user: Option<User>,
    pub(super) trigger_id: Option<String>,
    pub(super) response_url: Option<String>,
    pub(super) channel: Option<IdOnly>,
    pub(super) container: Option<Container>,
    pub(super) message: Option<MessageRef>,
    pub(super) view: Option<View>,
    pub(super) actions: Option<Vec<Action>>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct User {
    pub(super) id: Option<String>,
    pub(super) username: Option<String>,
    pub(super) name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct IdOnly {
    pub(super) id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Container {
    pub(super) message_ts: Option<String>,
    /// A click on a card the app attached to someone's link (`chat.unfurl`): the message is
    /// theirs, not the app's, and is never rewritten.
    pub(super) is_app_unfurl: Option<bool>,
    pub(super) channel_id: Option<String>,
    pub(super) view_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct MessageRef {
    pub(super) ts: Option<String>,
    /// The message's text (a message shortcut's message), mrkdwn as Slack stores it.
    pub(super) text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct View {
    pub(super) id: Option<String>,
    pub(super) hash: Option<String>,
    pub(super) callback_id: Option<String>,
    pub(super) private_metadata: Option<String>,
    pub(super) state: Option<ViewState>,
    pub(super) blocks: Option<Vec<BlockRef>>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct BlockRef {
    pub(super) block_id: Option<String>,
}

/// `block_id → action_id → value`.
pub(super) type StateValues = HashMap<String, HashMap<String, StateValue>>;

#[derive(Debug, Default, Deserialize)]
pub(super) struct ViewState {
    pub(super) values: Option<StateValues>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct StateValue {
    pub(super) value: Option<String>,
    pub(super) selected_date: Option<String>,
    pub(super) selected_option: Option<SelectedOption>,
    pub(super) selected_options: Option<Vec<SelectedOption>>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct SelectedOption {
    pub(super) value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Action {
    pub(super) action_id: Option<String>,
    pub(super) block_id: Option<String>,
    pub(super) value: Option<String>,
    pub(super) selected_options: Option<Vec<SelectedOption>>,
    pub(super) selected_option: Option<SelectedOption>,
}

/// Refuses nesting deeper than `max` with one linear scan, so serde never recurses on hostile
/// input. Brackets inside strings do not count; invalid JSON is left for serde to report.
pub(crate) fn check_nesting(bytes: &[u8], max: usize) -> Result<(), PayloadError> {
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

pub(super) fn parse_envelope(payload: &[u8]) -> Result<Envelope, PayloadError> {
    parse_guarded(payload)
}

/// Any Slack JSON object we read: the size, shape and nesting guards, then serde, with its
/// message cut.
pub(super) fn parse_guarded<T: serde::de::DeserializeOwned>(
    payload: &[u8],
) -> Result<T, PayloadError> {
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
        let detail = mrkdwn::excerpt(&e.to_string(), MAX_ERROR_DETAIL_CHARS);
        match e.classify() {
            serde_json::error::Category::Data => PayloadError::invalid("payload", detail),
            _ => PayloadError::MalformedJson(detail),
        }
    })
}

/// The payload's `view`, which view payloads and modal actions cannot do without.
pub(super) fn required_view(env: &Envelope) -> Result<&View, PayloadError> {
    env.view.as_ref().ok_or(PayloadError::MissingField("view"))
}

/// The open modal a click changes in place (`views.update` takes its id and hash): the view, its
/// id (from the view, else the container) and its hash.
pub(super) fn modal_in_place(env: &Envelope) -> Result<(&View, String, String), PayloadError> {
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
    Ok((view, view_id, view_hash))
}

/// The click's trigger_id, which a view can only be opened with.
pub(super) fn trigger_id(env: &Envelope) -> Result<String, PayloadError> {
    env.trigger_id
        .clone()
        .filter(|t| !t.is_empty())
        .ok_or(PayloadError::MissingField("trigger_id"))
}

/// The acting user; it goes into mentions and lookups, so it must be a real Slack id.
pub(super) fn user_id(env: &Envelope) -> Result<SlackUserId, PayloadError> {
    let id = env
        .user
        .as_ref()
        .and_then(|u| u.id.as_deref())
        .filter(|id| !id.is_empty())
        .ok_or(PayloadError::MissingField("user.id"))?;
    SlackUserId::parse(id)
        .map_err(|e| PayloadError::invalid("user.id", format!("{:?}: {e}", id_excerpt(id))))
}

/// A modal's `private_metadata`, which we wrote and Slack echoes: read strictly into `T`.
pub(super) fn private_metadata<T: serde::de::DeserializeOwned>(
    raw: Option<&str>,
) -> Result<T, PayloadError> {
    let raw = raw.ok_or(PayloadError::MissingField("view.private_metadata"))?;
    serde_json::from_str(raw).map_err(|e| {
        PayloadError::invalid(
            "view.private_metadata",
            mrkdwn::excerpt(&e.to_string(), MAX_ERROR_DETAIL_CHARS),
        )
    })
}

pub(super) fn state_values(view: &View) -> Result<&StateValues, PayloadError> {
    view.state
        .as_ref()
        .and_then(|s| s.values.as_ref())
        .ok_or(PayloadError::MissingField("view.state.values"))
}

pub(super) fn form_layout(view: &View, values: &StateValues) -> FormLayout {
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

/// A plain-text input's value (`None` when absent or empty).
pub(super) fn text_value<'a>(
    values: &'a StateValues,
    block: &str,
    action: &str,
) -> Option<&'a str> {
    state_value(values, block, action)
        .and_then(|v| v.value.as_deref())
        .filter(|s| !s.is_empty())
}

pub(super) fn date_field(
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
                format!("{:?} is not a YYYY-MM-DD date", id_excerpt(s)),
            )
        }),
    }
}

/// Extracts the leave modal's values from `view.state.values`.
pub(super) fn form_state(values: &StateValues) -> Result<FormState, PayloadError> {
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
                format!(
                    "{:?} is neither first_half nor second_half",
                    id_excerpt(&code)
                ),
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

/// A select's chosen option value (`None` when absent or empty).
pub(super) fn selected_value<'a>(
    values: &'a StateValues,
    block: &str,
    action: &str,
) -> Option<&'a str> {
    state_value(values, block, action)
        .and_then(|v| v.selected_option.as_ref())
        .and_then(|o| o.value.as_deref())
        .filter(|s| !s.is_empty())
}
