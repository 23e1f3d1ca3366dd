//! The timesheet routes and the builders the timesheet handlers call with them.

use chrono::NaiveDate;
use serde_json::Value;
use slack_connector_core::blocks::leave::{view_to_value, BuildError};
use slack_connector_core::blocks::timesheet::{
    timesheet_confirmation, timesheet_modal, timesheet_reminder, timesheet_view_errors, LoggedTime,
    NamedOption, ReminderRow, TimesheetModalInput, TimesheetViewError,
};
use slack_connector_core::interaction::ids;
use slack_connector_core::interaction::timesheet::{
    TimesheetRoute, MAX_CENTIHOURS, MAX_DESCRIPTION_CHARS, MIN_CENTIHOURS,
};
use slack_connector_core::limits;

use crate::{check_message, en};

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
pub(crate) fn check_timesheet(t: &TimesheetRoute) {
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
                assert!((1..=MAX_DESCRIPTION_CHARS).contains(&n));
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
