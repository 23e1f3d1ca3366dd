//! The words of the Log Time modal, its inline errors, the confirmation, the reminder and the
//! timesheet notices.

use serde::Deserialize;

use super::dates::DateWords;
use super::template::{Template, Text};
use super::Surface;

/// The Log Time modal, its inline errors, the confirmation, the reminder and the timesheet
/// notices (plain text in the modal; mrkdwn in messages).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimesheetWords {
    /// At most 24 characters (Slack's modal title limit).
    pub title: Text,
    pub submit: Text,
    pub close: Text,
    pub date: Text,
    pub project: Text,
    pub project_placeholder: Text,
    pub task: Text,
    pub task_placeholder: Text,
    /// Under the project while none is chosen: the tasks follow the project.
    pub choose_project_first: Text,
    pub no_tasks: Text,
    pub activity_type: Text,
    pub activity_type_placeholder: Text,
    pub hours: Text,
    /// `{0}` fewest, `{1}` most hours.
    pub hours_hint: Template<2>,
    pub description: Text,
    pub description_placeholder: Text,
    /// An option group: `{0}` first and `{1}` last number in the group.
    pub option_group: Template<2>,
    /// Hint when a list was cut: `{0}` shown of `{1}`.
    pub options_cut: Template<2>,
    /// `{0}` a number of hours.
    pub hours_value: Template<1>,
    pub date_missing: Text,
    /// `{0}` the day the form was opened.
    pub date_in_future: Template<1>,
    pub project_missing: Text,
    pub activity_type_missing: Text,
    pub hours_missing: Text,
    pub hours_not_a_number: Text,
    /// `{0}` fewest, `{1}` most hours.
    pub hours_out_of_range: Template<2>,
    pub description_missing: Text,
    /// `{0}` the limit, `{1}` the description's length.
    pub description_too_long: Template<2>,
    pub logged_header: Text,
    /// `{0}` the hours (bold), `{1}` the project (bold), `{2}` the date.
    pub logged: Template<3>,
    /// `{0}` the date, `{1}` the hours (bold).
    pub day_total: Template<2>,
    /// `{0}` the Timesheet (bold), `{1}` its status (bold).
    pub in_timesheet: Template<2>,
    pub reminder_header: Text,
    /// `{0}` who (mention or bold name), `{1}` hours logged, `{2}` hours expected (both bold),
    /// `{3}` the date.
    pub reminder: Template<4>,
    pub reminder_half_day: Text,
    pub log_time: Text,
    pub slack_not_linked: Text,
    pub no_employee: Text,
    pub no_projects: Text,
    pub no_activity_types: Text,
    /// `{0}` what was typed after the command.
    pub bad_date: Template<1>,
    /// `{0}` Slack's error code.
    pub form_not_opened: Template<1>,
    pub dates: DateWords,
}

impl Surface for TimesheetWords {
    const NAME: &'static str = "timesheet";
}
