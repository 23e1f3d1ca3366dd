//! The Workflow Builder step registry ([`STEPS`]): Slack "functions" a workflow can run
//! (<https://docs.slack.dev/reference/events/function_executed/>). The manifest declares each row
//! (`functions`, with `settings.function_runtime: remote`), [`route_event`](super::event::route_event)
//! routes a `function_executed` event by its `callback_id` through it and reads its inputs here —
//! typed and checked — and Python runs the step by its `handler` and completes it
//! (`functions.completeSuccess` / `functions.completeError`).

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::MAX_REASON_CHARS;
use crate::dates::parse_iso_date;
use crate::slack_id::SlackUserId;

/// Longest leave type or department name read from a step: Frappe names are at most 140.
pub const MAX_NAME_CHARS: usize = 140;

/// The Slack type of a step parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `slack#/types/user_id`: a Slack user id.
    User,
    /// `slack#/types/date`: `YYYY-MM-DD`.
    Date,
    /// `string`.
    Text,
}

impl ParamType {
    /// The manifest's `type` of the parameter.
    #[must_use]
    pub fn manifest_type(self) -> &'static str {
        match self {
            Self::User => "slack#/types/user_id",
            Self::Date => "slack#/types/date",
            Self::Text => "string",
        }
    }
}

/// One input or output of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamType,
    pub title: &'static str,
    pub description: &'static str,
    pub required: bool,
}

/// Which step a row is: how its inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    RequestLeave,
    WhoIsOut,
}

/// One step of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepSpec {
    pub kind: StepKind,
    /// The function's `callback_id` (its key in the manifest's `functions`).
    pub callback_id: &'static str,
    /// The key of the Python step that runs it.
    pub handler: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub inputs: &'static [ParamSpec],
    pub outputs: &'static [ParamSpec],
}

const fn param(
    name: &'static str,
    kind: ParamType,
    title: &'static str,
    description: &'static str,
    required: bool,
) -> ParamSpec {
    ParamSpec {
        name,
        kind,
        title,
        description,
        required,
    }
}

/// Every step of the app, in manifest order.
pub const STEPS: &[StepSpec] = &[
    StepSpec {
        kind: StepKind::RequestLeave,
        callback_id: "request_leave",
        handler: "request_leave",
        title: "Request leave",
        description: "File a leave application for a person; it goes to their leave approver",
        inputs: &[
            param(
                "user",
                ParamType::User,
                "Person",
                "Who the leave is for",
                true,
            ),
            param(
                "from_date",
                ParamType::Date,
                "From",
                "First day of leave",
                true,
            ),
            param("to_date", ParamType::Date, "To", "Last day of leave", true),
            param(
                "leave_type",
                ParamType::Text,
                "Leave type",
                "As named in Frappe HR",
                true,
            ),
            param(
                "reason",
                ParamType::Text,
                "Reason",
                "Why the leave is requested",
                false,
            ),
        ],
        outputs: &[
            param(
                "application",
                ParamType::Text,
                "Leave application",
                "Its name in Frappe HR",
                true,
            ),
            param(
                "status",
                ParamType::Text,
                "Status",
                "Its state (Open until decided)",
                true,
            ),
        ],
    },
    StepSpec {
        kind: StepKind::WhoIsOut,
        callback_id: "who_is_out",
        handler: "who_is_out",
        title: "Who is out",
        description: "List who is on leave on a date, as /whoisout shows it",
        inputs: &[
            param("date", ParamType::Date, "Date", "The day to look at", true),
            param(
                "department",
                ParamType::Text,
                "Department",
                "Only this department (its name in Frappe HR)",
                false,
            ),
        ],
        outputs: &[param(
            "text",
            ParamType::Text,
            "Who is out",
            "The list as text",
            true,
        )],
    },
];

/// The step whose callback_id is `callback_id`.
#[must_use]
pub fn lookup_step(callback_id: &str) -> Option<&'static StepSpec> {
    STEPS.iter().find(|s| s.callback_id == callback_id)
}

/// A step's inputs, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepInputs {
    RequestLeave {
        user_id: SlackUserId,
        from_date: NaiveDate,
        to_date: NaiveDate,
        leave_type: String,
        reason: String,
    },
    WhoIsOut {
        date: NaiveDate,
        department: Option<String>,
    },
}

impl StepInputs {
    /// The dict Python gets (dates as `YYYY-MM-DD`).
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Self::RequestLeave {
                user_id,
                from_date,
                to_date,
                leave_type,
                reason,
            } => json!({
                "user_id": user_id.as_str(),
                "from_date": from_date.to_string(),
                "to_date": to_date.to_string(),
                "leave_type": leave_type,
                "reason": reason,
            }),
            Self::WhoIsOut { date, department } => json!({
                "date": date.to_string(),
                "department": department,
            }),
        }
    }
}

/// Why a step's inputs cannot be used: the step completes with an error saying so (the workflow
/// is told, not left hanging).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepInputError {
    /// The input at fault.
    pub field: &'static str,
    /// `missing`, `not_a_user`, `not_a_date`, `not_text`, `too_long` or `dates_reversed`.
    pub reason: &'static str,
}

impl StepInputError {
    #[must_use]
    pub fn to_value(self) -> Value {
        json!({"field": self.field, "reason": self.reason})
    }
}

fn fail(field: &'static str, reason: &'static str) -> StepInputError {
    StepInputError { field, reason }
}

struct Inputs<'a>(&'a Map<String, Value>);

impl Inputs<'_> {
    /// The input as text: absent, null or blank → None; not a string → `not_text`.
    fn text(&self, field: &'static str, max: usize) -> Result<Option<String>, StepInputError> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => {
                let s = s.trim();
                if s.is_empty() {
                    Ok(None)
                } else if s.chars().count() > max {
                    Err(fail(field, "too_long"))
                } else {
                    Ok(Some(s.to_owned()))
                }
            }
            Some(_) => Err(fail(field, "not_text")),
        }
    }

    fn required(&self, field: &'static str, max: usize) -> Result<String, StepInputError> {
        self.text(field, max)?.ok_or(fail(field, "missing"))
    }

    fn date(&self, field: &'static str) -> Result<NaiveDate, StepInputError> {
        let raw = self.required(field, 10).map_err(|e| match e.reason {
            "too_long" => fail(field, "not_a_date"),
            _ => e,
        })?;
        parse_iso_date(&raw).ok_or(fail(field, "not_a_date"))
    }

    fn user(&self, field: &'static str) -> Result<SlackUserId, StepInputError> {
        let raw = self
            .required(field, MAX_NAME_CHARS)
            .map_err(|e| match e.reason {
                "too_long" => fail(field, "not_a_user"),
                _ => e,
            })?;
        SlackUserId::parse(&raw).map_err(|_| fail(field, "not_a_user"))
    }
}

/// Reads the `inputs` of a `function_executed` event for `step` (None: Slack sent no inputs).
pub fn read_inputs(step: &StepSpec, inputs: Option<&Value>) -> Result<StepInputs, StepInputError> {
    let empty = Map::new();
    let map = match inputs {
        Some(Value::Object(map)) => map,
        None | Some(Value::Null) => &empty,
        Some(_) => return Err(fail("inputs", "not_text")),
    };
    let inputs = Inputs(map);
    match step.kind {
        StepKind::RequestLeave => {
            let user_id = inputs.user("user")?;
            let from_date = inputs.date("from_date")?;
            let to_date = inputs.date("to_date")?;
            if to_date < from_date {
                return Err(fail("to_date", "dates_reversed"));
            }
            Ok(StepInputs::RequestLeave {
                user_id,
                from_date,
                to_date,
                leave_type: inputs.required("leave_type", MAX_NAME_CHARS)?,
                reason: inputs.text("reason", MAX_REASON_CHARS)?.unwrap_or_default(),
            })
        }
        StepKind::WhoIsOut => Ok(StepInputs::WhoIsOut {
            date: inputs.date("date")?,
            department: inputs.text("department", MAX_NAME_CHARS)?,
        }),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn leave_step() -> &'static StepSpec {
        lookup_step("request_leave").unwrap()
    }

    fn who_step() -> &'static StepSpec {
        lookup_step("who_is_out").unwrap()
    }

    fn leave_inputs() -> Value {
        json!({"user": "U0JANE0001", "from_date": "2026-12-24", "to_date": "2026-12-26",
               "leave_type": " Casual Leave ", "reason": "Family"})
    }

    #[test]
    fn request_leave_inputs_are_typed() {
        let read = read_inputs(leave_step(), Some(&leave_inputs())).unwrap();
        assert_eq!(
            read.to_value(),
            json!({"user_id": "U0JANE0001", "from_date": "2026-12-24", "to_date": "2026-12-26",
                   "leave_type": "Casual Leave", "reason": "Family"})
        );
    }

    #[test]
    fn the_reason_is_optional() {
        let mut v = leave_inputs();
        v.as_object_mut().unwrap().remove("reason");
        let read = read_inputs(leave_step(), Some(&v)).unwrap();
        assert_eq!(read.to_value()["reason"], "");
    }

    fn refused(step: &StepSpec, patch: (&str, Value)) -> StepInputError {
        let mut v = if step.kind == StepKind::RequestLeave {
            leave_inputs()
        } else {
            json!({"date": "2026-12-24"})
        };
        v.as_object_mut().unwrap().insert(patch.0.into(), patch.1);
        read_inputs(step, Some(&v)).unwrap_err()
    }

    #[test]
    fn bad_inputs_name_the_field_and_why() {
        let s = leave_step();
        assert_eq!(
            refused(s, ("user", json!("jane doe"))),
            fail("user", "not_a_user")
        );
        assert_eq!(refused(s, ("user", Value::Null)), fail("user", "missing"));
        assert_eq!(
            refused(s, ("from_date", json!("24.12.2026"))),
            fail("from_date", "not_a_date")
        );
        assert_eq!(
            refused(s, ("from_date", json!("2026-02-30"))),
            fail("from_date", "not_a_date")
        );
        assert_eq!(
            refused(s, ("to_date", json!(20261226))),
            fail("to_date", "not_text")
        );
        assert_eq!(
            refused(s, ("to_date", json!("2026-12-23"))),
            fail("to_date", "dates_reversed")
        );
        assert_eq!(
            refused(s, ("leave_type", json!("  "))),
            fail("leave_type", "missing")
        );
        assert_eq!(
            refused(s, ("leave_type", json!("x".repeat(MAX_NAME_CHARS + 1)))),
            fail("leave_type", "too_long")
        );
        assert_eq!(
            refused(s, ("reason", json!("x".repeat(MAX_REASON_CHARS + 1)))),
            fail("reason", "too_long")
        );
        assert_eq!(read_inputs(s, None).unwrap_err(), fail("user", "missing"));
        assert_eq!(
            read_inputs(s, Some(&json!([1]))).unwrap_err(),
            fail("inputs", "not_text")
        );
    }

    #[test]
    fn who_is_out_inputs() {
        let read = read_inputs(who_step(), Some(&json!({"date": "2026-12-24"}))).unwrap();
        assert_eq!(
            read.to_value(),
            json!({"date": "2026-12-24", "department": null})
        );
        let read = read_inputs(
            who_step(),
            Some(&json!({"date": "2026-12-24", "department": "Sales - AC"})),
        )
        .unwrap();
        assert_eq!(read.to_value()["department"], "Sales - AC");
        assert_eq!(
            refused(who_step(), ("date", json!("tomorrow"))),
            fail("date", "not_a_date")
        );
    }

    #[test]
    fn every_step_is_found_by_its_callback_id_and_names_its_outputs() {
        for step in STEPS {
            assert_eq!(lookup_step(step.callback_id), Some(step));
            assert!(!step.outputs.is_empty());
        }
        assert_eq!(lookup_step("nope"), None);
    }
}
