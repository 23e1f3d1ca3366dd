//! The words of what goes to the attendance channel: the daily summary, the late-leave note and
//! the test message.

use serde::Deserialize;

use super::dates::DateWords;
use super::template::{Template, Text};
use super::Surface;

/// How someone is out today: the summary's group labels and the late-leave note's kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    pub full_day: Text,
    pub half_day: Text,
    pub first_half: Text,
    pub second_half: Text,
}

/// The daily summary.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryWords {
    /// The title when Slack Settings has none.
    pub default_title: Text,
    pub groups: KindWords,
    /// `{0}` the last day of the leave.
    pub until: Template<1>,
    /// `{0}` the group heading (bold), when a group goes on in a thread reply.
    pub continued: Template<1>,
    /// The header when nobody is out: `{0}` the title.
    pub nobody: Template<1>,
    pub dates: DateWords,
}

impl Surface for SummaryWords {
    const NAME: &'static str = "summary";
}

/// The threaded note for a leave created after the summary went out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LateLeaveWords {
    /// `{0}` who (mention or name), `{1}` how they are out ([`Self::kinds`]).
    pub also_on_leave: Template<2>,
    pub kinds: KindWords,
    /// `{0}` the last day of the leave.
    pub until: Template<1>,
    pub dates: DateWords,
}

impl Surface for LateLeaveWords {
    const NAME: &'static str = "late leave note";
}

/// The "Test channel" message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestMessageWords {
    /// `{0}` the app's name (bold).
    pub can_post: Template<1>,
    /// `{0}` the app's name, `{1}` the site (both bold).
    pub can_post_from: Template<2>,
    pub sent_by: Text,
}

impl Surface for TestMessageWords {
    const NAME: &'static str = "test message";
}
