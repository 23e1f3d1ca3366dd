//! The words of the app's Home tab.

use serde::Deserialize;

use super::away::AwayWords;
use super::dates::DateWords;
use super::leave::StatusWords;
use super::template::{Template, Text};
use super::Surface;

/// The app's Home tab.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeWords {
    pub title: Text,
    pub apply_leave: Text,
    pub balances_header: Text,
    /// `{0}` the number of days.
    pub days_left: Template<1>,
    /// `{0}` the number of days (exactly one).
    pub day_left: Template<1>,
    /// A Leave Without Pay type: nothing to count.
    pub no_balance: Text,
    pub no_balances: Text,
    pub my_leave_header: Text,
    pub nothing_upcoming: Text,
    pub recent_header: Text,
    pub out_header: Text,
    pub out_intro: Text,
    pub nobody_out: Text,
    pub waiting_header: Text,
    pub nothing_waiting: Text,
    /// `{0}` how many more (plain: it is a link label).
    pub more_in_desk: Template<1>,
    /// `{0}` the leave approver (bold).
    pub with_approver: Template<1>,
    /// `{0}` the number of days.
    pub total_days: Template<1>,
    /// `{0}` the number of days (exactly one).
    pub total_day: Template<1>,
    pub half_day: Text,
    pub withdraw: Text,
    pub ask_to_cancel: Text,
    pub approve: Text,
    pub reject: Text,
    pub not_linked: Text,
    pub no_employee: Text,
    pub statuses: StatusWords,
    pub dates: DateWords,
    /// The "While you are away" section.
    pub away: AwayWords,
    /// The birthdays and work anniversaries choice: announced (never the year of birth)…
    pub celebrations_announced: Text,
    /// …or kept out of Slack.
    pub celebrations_kept_out: Text,
    /// The buttons that change it.
    pub celebrations_keep_out: Text,
    pub celebrations_announce: Text,
}

impl Surface for HomeWords {
    const NAME: &'static str = "home";
}
