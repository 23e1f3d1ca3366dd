//! The words of who is out, leave by leave: the approver's card's list of the others out during
//! a request, and the `/whoisout` answer.

use serde::Deserialize;

use super::channel::KindWords;
use super::dates::DateWords;
use super::leave::PeriodWords;
use super::template::{Template, Text};
use super::Surface;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoIsOutWords {
    /// The approver's card: the heading above the others out during the request.
    pub others_heading: Text,
    /// `{0}` how many more people are out than the list shows.
    pub more: Template<1>,
    /// A leave not decided yet.
    pub open: Text,
    pub approved: Text,
    /// `{0}` the day of a leave's half day.
    pub half_day_on: Template<1>,
    pub periods: PeriodWords,
    /// How someone is out on a day of `/whoisout` (a half day, which half).
    pub kinds: KindWords,
    /// `/whoisout` for one day: `{0}` the day.
    pub title_day: Template<1>,
    /// `/whoisout` for several days: `{0}` the first, `{1}` the last.
    pub title_span: Template<2>,
    /// A day on which nobody is out.
    pub nobody: Text,
    /// The days asked about are all holidays or weekly offs.
    pub no_working_day: Text,
    /// In place of the leave type where Slack Settings hides leave types in shared views.
    pub out: Text,
    /// The answer to an argument `/whoisout` does not understand: `{0}` what was typed.
    pub usage: Template<1>,
    pub dates: DateWords,
}

impl Surface for WhoIsOutWords {
    const NAME: &'static str = "who is out";
}
