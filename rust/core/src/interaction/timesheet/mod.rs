//! The "Log Time" modal's interactions: the project chosen (the modal is rebuilt with that
//! project's tasks), the submission (validated here), and the reminder's "Log time" button.
//!
//! The routing rows are in the one table, [`RULES`](super::RULES); this module reads the payloads
//! they match. The modal's rules (hours, required fields, inline errors) are in [`form`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::payload::{
    date_field, modal_in_place, private_metadata, required_view, selected_value, state_values,
    text_value, user_id, Action, Envelope, StateValues,
};
use super::{id_excerpt, ids, PayloadError};
use crate::dates::parse_iso_date;
use crate::slack_id::SlackUserId;

pub mod form;

pub use form::{
    command_date, parse_hours, timesheet_errors_to_value, validate_timesheet_form, CentiHours,
    TimesheetError, TimesheetForm, TimesheetInlineError, TimesheetState, MAX_CENTIHOURS,
    MAX_DESCRIPTION_CHARS, MIN_CENTIHOURS,
};

/// Which timesheet interaction a routing row hands the payload to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimesheetHandler {
    /// A project was chosen: rebuild the modal with its tasks (`views.update`).
    ProjectChange,
    /// The modal was submitted.
    Submission,
    /// The reminder's "Log time" button: open the modal for the reminder's date.
    Open,
}

/// What the modal carries in its private_metadata (built by `blocks::timesheet`; echoed by
/// Slack, so read strictly): the day it was opened, which bounds the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimesheetMetadata {
    pub today: NaiveDate,
}

impl TimesheetMetadata {
    pub fn parse(raw: Option<&str>) -> Result<Self, PayloadError> {
        private_metadata(raw)
    }
}

/// The modal's values from `view.state.values`.
fn timesheet_state(values: &StateValues) -> Result<TimesheetState, PayloadError> {
    let owned = |v: Option<&str>| v.map(str::to_owned);
    Ok(TimesheetState {
        date: date_field(values, ids::TS_DATE_BLOCK, ids::TS_DATE_ACTION)?,
        project: owned(selected_value(
            values,
            ids::TS_PROJECT_BLOCK,
            ids::TS_PROJECT_ACTION,
        )),
        task: owned(selected_value(
            values,
            ids::TS_TASK_BLOCK,
            ids::TS_TASK_ACTION,
        )),
        activity_type: owned(selected_value(
            values,
            ids::TS_ACTIVITY_BLOCK,
            ids::TS_ACTIVITY_ACTION,
        )),
        hours: owned(text_value(
            values,
            ids::TS_HOURS_BLOCK,
            ids::TS_HOURS_ACTION,
        )),
        description: owned(text_value(
            values,
            ids::TS_DESCRIPTION_BLOCK,
            ids::TS_DESCRIPTION_ACTION,
        )),
    })
}

/// A routed timesheet interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimesheetRoute {
    ProjectChange {
        user_id: SlackUserId,
        view_id: String,
        view_hash: String,
        metadata: TimesheetMetadata,
        /// The values with the newly chosen project (the action's, which may be ahead of
        /// view.state); the task is cleared: it belonged to the previous project.
        values: TimesheetState,
    },
    Submission {
        user_id: SlackUserId,
        view_id: String,
        form: Result<TimesheetForm, Vec<TimesheetInlineError>>,
    },
    Open {
        user_id: SlackUserId,
        date: NaiveDate,
        trigger_id: Option<String>,
        channel_id: Option<String>,
    },
}

impl TimesheetRoute {
    pub fn handler(&self) -> &'static str {
        match self {
            Self::ProjectChange { .. } => "timesheet_project_change",
            Self::Submission { .. } => "timesheet_submission",
            Self::Open { .. } => "timesheet_open",
        }
    }

    pub fn to_value(&self) -> Value {
        let handler = self.handler();
        match self {
            Self::ProjectChange {
                user_id,
                view_id,
                view_hash,
                metadata,
                values,
            } => json!({
                "handler": handler,
                "user_id": user_id.as_str(),
                "view_id": view_id,
                "view_hash": view_hash,
                "today": metadata.today.to_string(),
                "values": values.to_value(),
            }),
            Self::Submission {
                user_id,
                view_id,
                form,
            } => {
                let (form, errors) = match form {
                    Ok(f) => (f.to_value(), Value::Null),
                    Err(e) => (Value::Null, timesheet_errors_to_value(e)),
                };
                json!({
                    "handler": handler,
                    "user_id": user_id.as_str(),
                    "view_id": view_id,
                    "form": form,
                    "errors": errors,
                })
            }
            Self::Open {
                user_id,
                date,
                trigger_id,
                channel_id,
            } => json!({
                "handler": handler,
                "user_id": user_id.as_str(),
                "date": date.to_string(),
                "trigger_id": trigger_id,
                "channel_id": channel_id,
            }),
        }
    }
}

/// Reads the payload a timesheet row of the routing table matched.
pub(super) fn dispatch(
    handler: TimesheetHandler,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<TimesheetRoute, PayloadError> {
    match handler {
        TimesheetHandler::ProjectChange => project_change(env, action),
        TimesheetHandler::Submission => submission(env),
        TimesheetHandler::Open => open(env, action),
    }
}

fn project_change(env: &Envelope, action: Option<&Action>) -> Result<TimesheetRoute, PayloadError> {
    let (view, view_id, view_hash) = modal_in_place(env)?;
    let metadata = TimesheetMetadata::parse(view.private_metadata.as_deref())?;
    let mut values = match view.state.as_ref().and_then(|s| s.values.as_ref()) {
        Some(v) => timesheet_state(v)?,
        None => TimesheetState::default(),
    };
    values.project = action
        .and_then(|a| a.selected_option.as_ref())
        .and_then(|o| o.value.clone())
        .filter(|p| !p.trim().is_empty());
    values.task = None;
    Ok(TimesheetRoute::ProjectChange {
        user_id: user_id(env)?,
        view_id,
        view_hash,
        metadata,
        values,
    })
}

fn submission(env: &Envelope) -> Result<TimesheetRoute, PayloadError> {
    let view = required_view(env)?;
    let view_id = view
        .id
        .clone()
        .ok_or(PayloadError::MissingField("view.id"))?;
    let metadata = TimesheetMetadata::parse(view.private_metadata.as_deref())?;
    let state = timesheet_state(state_values(view)?)?;
    Ok(TimesheetRoute::Submission {
        user_id: user_id(env)?,
        view_id,
        form: validate_timesheet_form(&state, metadata.today),
    })
}

fn open(env: &Envelope, action: Option<&Action>) -> Result<TimesheetRoute, PayloadError> {
    let value = action
        .and_then(|a| a.value.as_deref())
        .ok_or(PayloadError::MissingField("actions[0].value"))?;
    // The reminder puts the date there; anything else was not sent by this app.
    let date = parse_iso_date(value).ok_or_else(|| {
        PayloadError::invalid(
            "actions[0].value",
            format!("{:?} is not a YYYY-MM-DD date", id_excerpt(value)),
        )
    })?;
    Ok(TimesheetRoute::Open {
        user_id: user_id(env)?,
        date,
        trigger_id: env.trigger_id.clone(),
        channel_id: env
            .channel
            .as_ref()
            .and_then(|c| c.id.clone())
            .or_else(|| env.container.as_ref().and_then(|c| c.channel_id.clone())),
    })
}
