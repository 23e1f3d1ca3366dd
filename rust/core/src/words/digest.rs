//! The words of a digest rule's post (issue 27): the look-ahead horizons' titles, day and
//! person lines, and the holiday and celebration sections. The `today` horizon is the daily
//! summary itself, so its words are the summary's ([`SummaryWords`], one source).

use serde::Deserialize;

use super::channel::{KindWords, SummaryWords};
use super::dates::DateWords;
use super::template::{Template, Text};
use super::Surface;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestWords {
    /// The `today` horizon: exactly the daily summary's words.
    pub summary: SummaryWords,
    /// The header of a `tomorrow` digest without a title of its own: `{0}` the day.
    pub title_tomorrow: Template<1>,
    /// The header of a `this_week` digest without a title: `{0}` the first, `{1}` the last day.
    pub title_this_week: Template<2>,
    /// The header of a `next_week` digest without a title: `{0}` the first, `{1}` the last day.
    pub title_next_week: Template<2>,
    /// The header with the rule's own title: `{0}` the title, `{1}` the period (a day or a span).
    pub titled: Template<2>,
    /// A span of days: `{0}` the first, `{1}` the last.
    pub span: Template<2>,
    /// Nobody in the rule's scope is out in the period.
    pub nobody: Text,
    /// The period has no working day (all holidays or weekly offs).
    pub no_working_day: Text,
    /// The heading above the people out for several working days in a row.
    pub several_days: Text,
    /// How someone is out on a day.
    pub kinds: KindWords,
    /// A half day inside a run of several days: `{0}` which half, `{1}` the day.
    pub half_on: Template<2>,
    /// A leave not approved yet.
    pub open: Text,
    /// `{0}` a heading (bold), when its list goes on in a new section or thread reply.
    pub continued: Template<1>,
    /// `{0}` how many more are out than the post lists.
    pub more: Template<1>,
    /// The link to the full report in the desk.
    pub report: Text,
    pub holidays: Text,
    pub birthdays: Text,
    pub anniversaries: Text,
    /// A work anniversary of one year.
    pub one_year: Text,
    /// A work anniversary: `{0}` how many years.
    pub years: Template<1>,
    pub dates: DateWords,
}

impl Surface for DigestWords {
    const NAME: &'static str = "digest";
}
