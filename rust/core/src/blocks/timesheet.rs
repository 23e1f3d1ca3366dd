//! Block Kit for timesheets: the "Log Time" modal (`/timesheet`, the reminder's button), the
//! confirmation after a time log was added, the missed-hours reminder, and short notices.
//!
//! Inputs derive `Deserialize` so the Python glue hands over plain dicts; dates are ISO
//! `YYYY-MM-DD`, hours numbers. User and ERP text is escaped (mrkdwn) or length-limited
//! (plain_text), like everywhere else.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use slack_morphism::prelude::*;

use super::leave::{choice, datepicker, header, input, md_section, person, plain, BuildError};
use super::leave::{PlainChoice, NAME_CHARS};
use super::Message;
use crate::dates::display_date;
use crate::interaction::ids;
use crate::interaction::timesheet::{
    CentiHours, TimesheetError, TimesheetMetadata, TimesheetState, MAX_CENTIHOURS,
    MAX_DESCRIPTION_CHARS, MIN_CENTIHOURS,
};
use crate::words::TimesheetWords;
use crate::{limits, mrkdwn};

/// Most options one select offers: five groups of Slack's 100. A modal is at most 250 kB; two
/// selects of 500 options stay far below that. Past it the list is cut and the hint says so.
pub const MAX_OPTIONS: usize = 5 * limits::SELECT_OPTIONS;

/// One choice in a select: `name` is the document name (the value submitted back), `label` what
/// the reader sees (defaults to the name).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedOption {
    pub name: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// Everything the Log Time modal shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimesheetModalInput {
    /// The site's today: bounds the date (the submission refuses a later one).
    pub today: NaiveDate,
    /// The projects the employee may log on, in order of relevance; duplicates are dropped.
    pub projects: Vec<NamedOption>,
    /// The open tasks of `current.project` (empty: none, or no project chosen yet).
    #[serde(default)]
    pub tasks: Vec<NamedOption>,
    pub activity_types: Vec<NamedOption>,
    /// Values to show: the date to log for (default today) and, when the modal is rebuilt, what
    /// was typed.
    #[serde(default)]
    pub current: TimesheetState,
}

fn unique(options: &[NamedOption]) -> Vec<&NamedOption> {
    let mut seen = HashSet::new();
    options
        .iter()
        .filter(|o| !o.name.trim().is_empty() && seen.insert(o.name.as_str()))
        .collect()
}

/// A static select of `options`: flat up to 100, else option groups of 100, cut at
/// [`MAX_OPTIONS`]. Returns the select and a hint when the list was cut.
fn select(
    action_id: &str,
    what: &'static str,
    options: &[NamedOption],
    current: Option<&str>,
    placeholder: &str,
    w: &TimesheetWords,
) -> Result<(SlackBlockStaticSelectElement, Option<String>), BuildError> {
    let unique = unique(options);
    if unique.is_empty() {
        return Err(BuildError::NoOptions(what));
    }
    let total = unique.len();
    let items: Vec<PlainChoice> = unique
        .iter()
        .take(MAX_OPTIONS)
        .map(|o| choice(o.label.as_deref().unwrap_or(&o.name), &o.name))
        .collect();
    let initial = current.and_then(|name| {
        let value = mrkdwn::plain(name, limits::OPTION_VALUE);
        items.iter().find(|c| c.value == value).cloned()
    });
    let element = SlackBlockStaticSelectElement::new()
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_placeholder(plain(placeholder, limits::PLACEHOLDER))
        .opt_initial_option(initial);
    let hint = (total > MAX_OPTIONS).then(|| {
        w.options_cut
            .plain([&MAX_OPTIONS.to_string(), &total.to_string()])
    });
    if items.len() <= limits::SELECT_OPTIONS {
        return Ok((element.with_options(items), hint));
    }
    let groups = items
        .chunks(limits::SELECT_OPTIONS)
        .enumerate()
        .map(|(i, chunk)| {
            let first = i * limits::SELECT_OPTIONS + 1;
            let last = first + chunk.len() - 1;
            SlackBlockOptionGroup::new(
                plain(
                    &w.option_group
                        .plain([&first.to_string(), &last.to_string()]),
                    limits::OPTION_GROUP_LABEL,
                ),
                chunk.to_vec(),
            )
        })
        .collect();
    Ok((element.with_option_groups(groups), hint))
}

fn hours_text(h: CentiHours, w: &TimesheetWords) -> String {
    w.hours_value.plain([&h.display(".")])
}

fn context(text: String) -> SlackBlock {
    SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
        SlackBlockMarkDownText::new(mrkdwn::truncate(&text, limits::CONTEXT_TEXT).into_owned()),
    )])
    .into()
}

/// The private_metadata every Log Time modal carries: the day it was built.
fn metadata(today: NaiveDate) -> Result<String, BuildError> {
    Ok(crate::blocks::to_json("the timesheet metadata", &TimesheetMetadata { today })?.to_string())
}

/// The "Log Time" modal (also rebuilt for `views.update` when the project changes).
pub fn timesheet_modal(
    input_: &TimesheetModalInput,
    w: &TimesheetWords,
) -> Result<SlackView, BuildError> {
    let cur = &input_.current;
    let date = cur.date.unwrap_or(input_.today);
    let (projects, projects_hint) = select(
        ids::TS_PROJECT_ACTION,
        "projects",
        &input_.projects,
        cur.project.as_deref(),
        &w.project_placeholder.as_plain(),
        w,
    )?;
    let mut project = input(ids::TS_PROJECT_BLOCK, &w.project.as_plain(), projects)
        // Choosing a project must reach us so the task list can follow it.
        .with_dispatch_action(true);
    if let Some(h) = projects_hint {
        project = project.with_hint(plain(&h, limits::INPUT_HINT));
    }
    let mut blocks: Vec<SlackBlock> = vec![
        input(
            ids::TS_DATE_BLOCK,
            &w.date.as_plain(),
            datepicker(ids::TS_DATE_ACTION, date),
        )
        .into(),
        project.into(),
    ];
    let chosen = cur
        .project
        .as_deref()
        .filter(|p| input_.projects.iter().any(|o| o.name == *p));
    match chosen {
        None => blocks.push(context(w.choose_project_first.as_md())),
        Some(_) if unique(&input_.tasks).is_empty() => blocks.push(context(w.no_tasks.as_md())),
        Some(_) => {
            let (tasks, hint) = select(
                ids::TS_TASK_ACTION,
                "tasks",
                &input_.tasks,
                cur.task.as_deref(),
                &w.task_placeholder.as_plain(),
                w,
            )?;
            let mut task = input(ids::TS_TASK_BLOCK, &w.task.as_plain(), tasks).with_optional(true);
            if let Some(h) = hint {
                task = task.with_hint(plain(&h, limits::INPUT_HINT));
            }
            blocks.push(task.into());
        }
    }
    let (activities, activities_hint) = select(
        ids::TS_ACTIVITY_ACTION,
        "activity types",
        &input_.activity_types,
        cur.activity_type.as_deref(),
        &w.activity_type_placeholder.as_plain(),
        w,
    )?;
    let mut activity = input(
        ids::TS_ACTIVITY_BLOCK,
        &w.activity_type.as_plain(),
        activities,
    );
    if let Some(h) = activities_hint {
        activity = activity.with_hint(plain(&h, limits::INPUT_HINT));
    }
    blocks.push(activity.into());

    let min = CentiHours(MIN_CENTIHOURS);
    let max = CentiHours(MAX_CENTIHOURS);
    // Hours are written with a `.` in every language: Slack's number input takes and shows them so.
    let hours = SlackBlockNumberInputElement::new(true)
        .with_action_id(SlackActionId(ids::TS_HOURS_ACTION.to_owned()))
        .with_min_value(min.display("."))
        .with_max_value(max.display("."))
        .opt_initial_value(
            cur.hours
                .as_deref()
                .map(|h| mrkdwn::plain(h, limits::PLACEHOLDER)),
        );
    blocks.push(
        input(ids::TS_HOURS_BLOCK, &w.hours.as_plain(), hours)
            .with_hint(plain(
                &w.hours_hint.plain([&min.display("."), &max.display(".")]),
                limits::INPUT_HINT,
            ))
            .into(),
    );
    let description = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(ids::TS_DESCRIPTION_ACTION.to_owned()))
        .with_multiline(true)
        .with_max_length(MAX_DESCRIPTION_CHARS as u64)
        .with_placeholder(plain(
            &w.description_placeholder.as_plain(),
            limits::PLACEHOLDER,
        ))
        .opt_initial_value(
            cur.description
                .as_deref()
                .map(|d| mrkdwn::plain(d, MAX_DESCRIPTION_CHARS)),
        );
    blocks.push(
        input(
            ids::TS_DESCRIPTION_BLOCK,
            &w.description.as_plain(),
            description,
        )
        .into(),
    );

    let view = SlackModalView::new(plain(&w.title.as_plain(), limits::MODAL_TITLE), blocks)
        .with_callback_id(SlackCallbackId(ids::TIMESHEET_CALLBACK.to_owned()))
        .with_submit(plain(&w.submit.as_plain(), limits::MODAL_BUTTON_TEXT))
        .with_close(plain(&w.close.as_plain(), limits::MODAL_BUTTON_TEXT))
        .with_private_metadata(metadata(input_.today)?);
    Ok(SlackView::Modal(view))
}

/// One inline error of the Log Time modal: a route's error code, or a message already in the
/// reader's words (ERPNext's refusal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimesheetViewError {
    Text(String),
    Form(TimesheetError),
}

impl<'de> Deserialize<'de> for TimesheetViewError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(s) => Ok(Self::Text(s)),
            other => {
                let error: TimesheetError =
                    serde_json::from_value(other.clone()).map_err(serde::de::Error::custom)?;
                // Internally tagged enums ignore unknown fields of unit variants: be exact.
                if error.to_value() != other {
                    return Err(serde::de::Error::custom(format!(
                        "unexpected fields for the timesheet error `{}`",
                        error.code()
                    )));
                }
                Ok(Self::Form(error))
            }
        }
    }
}

/// A route's error code in the reader's words (plain text: shown verbatim under the input).
pub fn timesheet_error_message(e: &TimesheetError, w: &TimesheetWords) -> String {
    match e {
        TimesheetError::DateMissing => w.date_missing.as_plain(),
        TimesheetError::DateInFuture { today } => {
            w.date_in_future.plain([&display_date(*today, &w.dates)])
        }
        TimesheetError::ProjectMissing => w.project_missing.as_plain(),
        TimesheetError::ActivityTypeMissing => w.activity_type_missing.as_plain(),
        TimesheetError::HoursMissing => w.hours_missing.as_plain(),
        TimesheetError::HoursNotANumber => w.hours_not_a_number.as_plain(),
        TimesheetError::HoursOutOfRange { min, max } => w
            .hours_out_of_range
            .plain([&min.display("."), &max.display(".")]),
        TimesheetError::DescriptionMissing => w.description_missing.as_plain(),
        TimesheetError::DescriptionTooLong { max, length } => w
            .description_too_long
            .plain([&max.to_string(), &length.to_string()]),
    }
}

/// `{"response_action": "errors", "errors": {block_id: message}}` for the Log Time modal; the
/// first message per block wins. No errors, or a blank block id, is refused: that answer would
/// close the modal (or name no input).
pub fn timesheet_view_errors<I, K>(errors: I, w: &TimesheetWords) -> Result<Value, BuildError>
where
    I: IntoIterator<Item = (K, TimesheetViewError)>,
    K: AsRef<str>,
{
    let mut map = HashMap::new();
    for (block_id, error) in errors {
        let block_id = mrkdwn::plain(block_id.as_ref(), limits::BLOCK_ID);
        if block_id.trim().is_empty() {
            return Err(BuildError::BlankBlockId);
        }
        map.entry(block_id).or_insert_with(|| {
            let text = match &error {
                TimesheetViewError::Text(s) => s.clone(),
                TimesheetViewError::Form(f) => timesheet_error_message(f, w),
            };
            mrkdwn::plain(&text, limits::VIEW_ERROR_TEXT)
        });
    }
    if map.is_empty() {
        return Err(BuildError::NoViewErrors);
    }
    let response = SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(map));
    Ok(crate::blocks::to_json(
        "the view_submission errors response",
        &response,
    )?)
}

/// What the confirmation DM says about the time log just added.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedTime {
    pub date: NaiveDate,
    pub hours: f64,
    pub project: String,
    #[serde(default)]
    pub project_name: Option<String>,
    #[serde(default)]
    pub task: Option<String>,
    #[serde(default)]
    pub task_subject: Option<String>,
    pub activity_type: String,
    pub description: String,
    /// Every hour the employee has logged on `date` (this log included).
    pub day_total: f64,
    pub timesheet: String,
    pub timesheet_status: String,
}

fn centi(what: &'static str, hours: f64) -> Result<CentiHours, BuildError> {
    CentiHours::from_hours(hours).ok_or(BuildError::BadNumber(what))
}

/// The confirmation DM: what was logged where, and the day's total.
pub fn timesheet_confirmation(l: &LoggedTime, w: &TimesheetWords) -> Result<Message, BuildError> {
    let bold = |s: &str| format!("*{}*", mrkdwn::escape_truncate(s, NAME_CHARS));
    let hours = bold(&hours_text(centi("hours", l.hours)?, w));
    let total = bold(&hours_text(centi("day_total", l.day_total)?, w));
    let date = mrkdwn::escape(&display_date(l.date, &w.dates)).into_owned();
    let project = bold(l.project_name.as_deref().unwrap_or(&l.project));
    let mut lines = vec![w.logged.md([&hours, &project, &date])];
    let mut facts = vec![format!(
        "*{}:* {}",
        w.activity_type.as_md(),
        mrkdwn::escape_truncate(&l.activity_type, NAME_CHARS)
    )];
    if let Some(task) = l.task.as_deref() {
        facts.push(format!(
            "*{}:* {}",
            w.task.as_md(),
            mrkdwn::escape_truncate(l.task_subject.as_deref().unwrap_or(task), NAME_CHARS)
        ));
    }
    facts.push(format!(
        "*{}:* {}",
        w.description.as_md(),
        mrkdwn::escape_truncate(&l.description, MAX_DESCRIPTION_CHARS)
    ));
    lines.push(facts.join("\n"));
    lines.push(w.day_total.md([&date, &total]));
    Ok(Message::from_blocks(vec![
        header(&w.logged_header.as_plain()),
        md_section(lines.join("\n\n")),
        context(
            w.in_timesheet
                .md([&bold(&l.timesheet), &bold(&l.timesheet_status)]),
        ),
    ]))
}

/// One person's missed-hours reminder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderRow {
    pub employee_name: String,
    #[serde(default)]
    pub slack_user_id: Option<String>,
    /// The day they did not log enough on.
    pub date: NaiveDate,
    pub logged: f64,
    pub expected: f64,
    /// Half a norm: they were on leave for half of that day.
    #[serde(default)]
    pub half_day: bool,
}

/// The reminder DM: hours logged vs expected on `date`, and a "Log time" button that opens the
/// modal for that date. `mention` names the reader as a Slack mention, else by name.
pub fn timesheet_reminder(
    r: &ReminderRow,
    w: &TimesheetWords,
    mention: bool,
) -> Result<Message, BuildError> {
    let who = if mention {
        person(r.slack_user_id.as_deref(), &r.employee_name)
    } else {
        person(None, &r.employee_name)
    };
    let bold = |h: CentiHours| format!("*{}*", mrkdwn::escape(&hours_text(h, w)));
    let date = mrkdwn::escape(&display_date(r.date, &w.dates)).into_owned();
    let mut text = w.reminder.md([
        &who,
        &bold(centi("logged", r.logged)?),
        &bold(centi("expected", r.expected)?),
        &date,
    ]);
    if r.half_day {
        text.push('\n');
        text.push_str(&w.reminder_half_day.as_md());
    }
    let button = SlackBlockButtonElement::new(plain(&w.log_time.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::TS_LOG_TIME.to_owned()))
        .with_value(r.date.to_string())
        .with_style(SlackBlockButtonStyle::Primary);
    Ok(Message::from_blocks(vec![
        header(&w.reminder_header.as_plain()),
        md_section(text),
        SlackActionsBlock::new(vec![button.into()])
            .with_block_id(SlackBlockId(ids::TS_REMINDER_ACTIONS_BLOCK.to_owned()))
            .into(),
    ]))
}

/// Short (ephemeral) messages about `/timesheet`: what is missing and whom to ask.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TimesheetNotice {
    SlackNotLinked,
    NoEmployee,
    NoProjects,
    NoActivityTypes,
    /// The command's text is not a date.
    BadDate {
        text: String,
    },
    FormNotOpened {
        error: String,
    },
}

/// A one-section message for a [`TimesheetNotice`].
pub fn timesheet_notice(n: &TimesheetNotice, w: &TimesheetWords) -> Message {
    let text = match n {
        TimesheetNotice::SlackNotLinked => format!("🔗 {}", w.slack_not_linked.as_md()),
        TimesheetNotice::NoEmployee => format!("🔗 {}", w.no_employee.as_md()),
        TimesheetNotice::NoProjects => format!("📭 {}", w.no_projects.as_md()),
        TimesheetNotice::NoActivityTypes => format!("📭 {}", w.no_activity_types.as_md()),
        TimesheetNotice::BadDate { text } => format!(
            "⚠️ {}",
            w.bad_date.md([&format!(
                "`{}`",
                mrkdwn::escape_truncate(&text.replace('`', "'"), NAME_CHARS)
            )])
        ),
        TimesheetNotice::FormNotOpened { error } => format!(
            "⚠️ {}",
            w.form_not_opened
                .md([&mrkdwn::escape_truncate(error, NAME_CHARS)])
        ),
    };
    Message::from_blocks(vec![md_section(text)])
}
