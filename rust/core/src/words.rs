//! The words of every surface, handed in by the caller (the Python catalogue
//! `frappe_slack_connector/slack/words.py`, translated with Frappe's `_()`), and the template
//! filler that puts values into them.
//!
//! One serde struct per surface; every field is required and unknown fields are refused, so a
//! catalogue that drifts from the builders is a typed error ([`WordsError`]), never a silent
//! English default. Words are plain text: a builder escapes them for mrkdwn like any user text
//! ([`Template::push_md`]) or only length-limits them in plain_text ([`Template::push_plain`]),
//! and adds Slack syntax (bold, mentions, links, emoji codes) itself.
//!
//! Templates use Frappe's positional placeholders `{0}`, `{1}` … (`{{` / `}}` for literal braces).
//! A [`Template<N>`] takes exactly `N` values: a template lacking one of `{0}`…`{N-1}` or naming
//! any other placeholder does not parse ([`TemplateError`]). [`Text`] is a template without
//! placeholders. Dates have their own named pattern ([`DateWords`]).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use crate::mrkdwn;

/// A template that does not parse, or does not take the placeholders its word needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the placeholder {{{0}}} is missing")]
    MissingPlaceholder(String),
    #[error("unknown placeholder {{{0}}}")]
    UnknownPlaceholder(String),
    #[error(
        "an unmatched `{{` or `}}` at character {0} (write `{{{{` / `}}}}` for a literal brace)"
    )]
    UnmatchedBrace(usize),
}

/// A words dict that does not fit its surface: a missing or unknown key, a value of the wrong
/// type, or a template error (the message names the key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid words for {surface}: {detail}")]
pub struct WordsError {
    pub surface: &'static str,
    pub detail: String,
}

impl WordsError {
    /// Stable reason code (Python: `InputError.reason`).
    pub fn reason(&self) -> &'static str {
        "bad_words"
    }
}

/// A words struct for one surface.
pub trait Surface: for<'de> Deserialize<'de> {
    /// The surface's name in errors (`"modal"`, `"summary"` …).
    const NAME: &'static str;

    /// The words of this surface from their JSON form.
    fn from_value(value: Value) -> Result<Self, WordsError> {
        serde_json::from_value(value).map_err(|e| WordsError {
            surface: Self::NAME,
            detail: e.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part<A> {
    Text(String),
    Arg(A),
}

fn parts_need_escaping<A>(parts: &[Part<A>]) -> bool {
    parts
        .iter()
        .any(|p| matches!(p, Part::Text(t) if t.contains(['&', '<', '>'])))
}

fn escape_parts<A: Copy>(parts: &[Part<A>]) -> Vec<Part<A>> {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => Part::Text(mrkdwn::escape(t).into_owned()),
            Part::Arg(a) => Part::Arg(*a),
        })
        .collect()
}

/// Splits `s` at `{name}` placeholders, each resolved by `arg` (`None`: unknown placeholder).
/// Braces are ASCII, so the text between them is copied as whole slices (the words are parsed on
/// every builder call).
fn parse_parts<A>(
    s: &str,
    mut arg: impl FnMut(&str) -> Option<A>,
) -> Result<Vec<Part<A>>, TemplateError> {
    // Position (1-based, in characters) of byte offset `at`, for the error message only.
    let position = |at: usize| s.get(..at).map_or(0, |head| head.chars().count()) + 1;
    if !s.contains(['{', '}']) {
        return Ok(vec![Part::Text(s.to_owned())]);
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let mut offset = 0;
    while let Some(i) = rest.find(['{', '}']) {
        let (head, tail) = rest.split_at(i);
        text.push_str(head);
        let brace_at = offset + i;
        let doubled = |c: &str| tail.get(1..2) == Some(c);
        let consumed = if tail.starts_with('{') && doubled("{") {
            text.push('{');
            2
        } else if tail.starts_with('}') && doubled("}") {
            text.push('}');
            2
        } else if tail.starts_with('}') {
            return Err(TemplateError::UnmatchedBrace(position(brace_at)));
        } else {
            let inner = tail.get(1..).unwrap_or_default();
            let close = inner
                .find(['{', '}'])
                .filter(|&j| inner.get(j..j + 1) == Some("}"))
                .ok_or_else(|| TemplateError::UnmatchedBrace(position(brace_at)))?;
            let name = inner.get(..close).unwrap_or_default();
            let resolved =
                arg(name).ok_or_else(|| TemplateError::UnknownPlaceholder(name.to_owned()))?;
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Arg(resolved));
            close + 2
        };
        rest = tail.get(consumed..).unwrap_or_default();
        offset = brace_at + consumed;
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

/// A word with `N` positional placeholders `{0}` … `{N-1}`, each used at least once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<const N: usize> {
    parts: Vec<Part<usize>>,
}

/// A word without placeholders.
pub type Text = Template<0>;

impl<const N: usize> Template<N> {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let mut used = [false; N];
        let parts = parse_parts(s, |name| {
            // Exactly Python's `str.format` spelling: decimal digits, no sign or padding.
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let i: usize = name.parse().ok()?;
            let slot = used.get_mut(i)?;
            *slot = true;
            Some(i)
        })?;
        if let Some(missing) = used.iter().position(|u| !u) {
            return Err(TemplateError::MissingPlaceholder(missing.to_string()));
        }
        Ok(Self { parts })
    }

    /// The text parts as written, each placeholder by `arg(index, out)`: for values that are
    /// cheaper to write in place than to format first (a date in a summary line).
    pub fn write(&self, out: &mut String, mut arg: impl FnMut(usize, &mut String)) {
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Arg(i) => arg(*i, out),
            }
        }
    }

    /// The same template with its text escaped for mrkdwn once, so that [`Self::write`] /
    /// [`Self::push_plain`] on it write what [`Self::push_md`] writes (for a word used many
    /// times in one message). Borrowed when there is nothing to escape (the usual case).
    pub fn escaped_md(&self) -> Cow<'_, Self> {
        if !parts_need_escaping(&self.parts) {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Self {
            parts: escape_parts(&self.parts),
        })
    }

    fn push_with(&self, out: &mut String, args: [&str; N], escape: bool) {
        for part in &self.parts {
            match part {
                Part::Text(t) if escape => out.push_str(&mrkdwn::escape(t)),
                Part::Text(t) => out.push_str(t),
                Part::Arg(i) => out.push_str(args.get(*i).copied().unwrap_or_default()),
            }
        }
    }

    /// For mrkdwn: the word's own text escaped (`&`, `<`, `>`), the values inserted as given —
    /// they are mrkdwn already (escaped user text, mentions, bold).
    pub fn push_md(&self, out: &mut String, args: [&str; N]) {
        self.push_with(out, args, true);
    }

    /// [`Self::push_md`] into a new string.
    pub fn md(&self, args: [&str; N]) -> String {
        let mut out = String::new();
        self.push_md(&mut out, args);
        out
    }

    /// For plain_text (shown verbatim): nothing escaped.
    pub fn push_plain(&self, out: &mut String, args: [&str; N]) {
        self.push_with(out, args, false);
    }

    /// [`Self::push_plain`] into a new string.
    pub fn plain(&self, args: [&str; N]) -> String {
        let mut out = String::new();
        self.push_plain(&mut out, args);
        out
    }
}

impl Text {
    /// The word as plain text.
    pub fn as_plain(&self) -> String {
        self.plain([])
    }

    /// The word escaped for mrkdwn.
    pub fn as_md(&self) -> String {
        self.md([])
    }
}

impl<'de, const N: usize> Deserialize<'de> for Template<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<const N: usize>;
        impl<const N: usize> de::Visitor<'_> for Visitor<N> {
            type Value = Template<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match N {
                    0 => f.write_str("a word without placeholders"),
                    1 => f.write_str("a template with the placeholder {0}"),
                    n => write!(f, "a template with the placeholders {{0}} to {{{}}}", n - 1),
                }
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Template::parse(s).map_err(|e| E::custom(format!("{e} in {s:?}")))
            }
        }
        deserializer.deserialize_str(Visitor::<N>)
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// A field of [`DatePattern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// The month abbreviation of [`DateWords::months`].
    Month,
    /// Day of the month, two digits (`04`).
    Day,
    /// The year, four digits (`2026`).
    Year,
    /// The weekday abbreviation of [`DateWords::weekdays`].
    Weekday,
}

/// How a date reads: `{month}`, `{day}`, `{year}` (all required) and `{weekday}` (optional) in
/// any order, e.g. `{month} {day}, {year} ({weekday})` → `Dec 04, 2026 (Fri)`, or
/// `{weekday}, {day}. {month} {year}` → `Fr., 04. Dez. 2026`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePattern {
    parts: Vec<Part<DateField>>,
}

impl DatePattern {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let (mut month, mut day, mut year) = (false, false, false);
        let parts = parse_parts(s, |name| {
            Some(match name {
                "month" => {
                    month = true;
                    DateField::Month
                }
                "day" => {
                    day = true;
                    DateField::Day
                }
                "year" => {
                    year = true;
                    DateField::Year
                }
                "weekday" => DateField::Weekday,
                _ => return None,
            })
        })?;
        for (present, name) in [(month, "month"), (day, "day"), (year, "year")] {
            if !present {
                return Err(TemplateError::MissingPlaceholder(name.into()));
            }
        }
        Ok(Self { parts })
    }

    /// The pattern's pieces: literal text (as written) or a field.
    pub fn pieces(&self) -> impl Iterator<Item = Result<&str, DateField>> {
        self.parts.iter().map(|p| match p {
            Part::Text(t) => Ok(t.as_str()),
            Part::Arg(f) => Err(*f),
        })
    }

    fn needs_escaping(&self) -> bool {
        parts_need_escaping(&self.parts)
    }
}

impl<'de> Deserialize<'de> for DatePattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DatePattern;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date pattern with {month}, {day} and {year}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                DatePattern::parse(s).map_err(|e| E::custom(format!("{e} in {s:?}")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// The words of a displayed date: 12 month and 7 weekday abbreviations (Monday first) and the
/// [`DatePattern`]. Used by [`crate::dates::push_display_date`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    pub months: [String; 12],
    pub weekdays: [String; 7],
    pub pattern: DatePattern,
}

impl Surface for DateWords {
    const NAME: &'static str = "dates";
}

impl DateWords {
    /// The same words escaped for mrkdwn once: a date displayed with them is mrkdwn-safe (for
    /// the summary, which writes thousands). Borrowed when there is nothing to escape.
    pub fn escaped_md(&self) -> Cow<'_, Self> {
        let special = |w: &String| w.contains(['&', '<', '>']);
        if !self.pattern.needs_escaping()
            && !self.months.iter().any(special)
            && !self.weekdays.iter().any(special)
        {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Self {
            months: self.months.clone().map(|m| mrkdwn::escape(&m).into_owned()),
            weekdays: self
                .weekdays
                .clone()
                .map(|d| mrkdwn::escape(&d).into_owned()),
            pattern: DatePattern {
                parts: escape_parts(&self.pattern.parts),
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/// The two halves of a half day, as the modal's options and the leave messages name them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodWords {
    pub first_half: Text,
    pub second_half: Text,
}

/// How someone is out today: the summary's group labels and the late-leave note's kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    pub full_day: Text,
    pub half_day: Text,
    pub first_half: Text,
    pub second_half: Text,
}

/// Leave Application statuses as a reader sees them; the stored value is data, these are its
/// words. A status without words here is shown as stored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub open: Text,
    pub approved: Text,
    pub rejected: Text,
    pub cancelled: Text,
}

impl StatusWords {
    /// The words of a stored status (`Open`, `Approved`, `Rejected`, `Cancelled`), if known.
    pub fn of(&self, status: &str) -> Option<&Text> {
        match status {
            "Open" => Some(&self.open),
            "Approved" => Some(&self.approved),
            "Rejected" => Some(&self.rejected),
            "Cancelled" => Some(&self.cancelled),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Surfaces
// ---------------------------------------------------------------------------------------------

/// The "Apply for Leave" modal (all plain_text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalWords {
    /// At most 24 characters (Slack's modal title limit; longer is cut).
    pub title: Text,
    pub submit: Text,
    pub close: Text,
    pub start_date: Text,
    pub end_date: Text,
    pub leave_type: Text,
    pub leave_type_placeholder: Text,
    pub half_day: Text,
    pub half_day_option: Text,
    pub half_day_date: Text,
    pub half_period: Text,
    pub half_period_placeholder: Text,
    pub reason: Text,
    pub reason_placeholder: Text,
    pub periods: PeriodWords,
    /// An option group of leave types: `{0}` first and `{1}` last number in the group.
    pub leave_type_group: Template<2>,
    /// Hint when the list was cut: `{0}` shown of `{1}` leave types.
    pub leave_types_cut: Template<2>,
    /// Hint when the list is grouped: `{0}` leave types in groups of `{1}`.
    pub leave_types_grouped: Template<2>,
}

impl Surface for ModalWords {
    const NAME: &'static str = "modal";
}

/// The inline errors of a submitted modal (plain text): one word per
/// [`crate::interaction::FormError`] code, and the dates they quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewErrorWords {
    pub start_date_missing: Text,
    pub end_date_missing: Text,
    pub leave_type_missing: Text,
    pub reason_missing: Text,
    /// `{0}` the limit, `{1}` the reason's length.
    pub reason_too_long: Template<2>,
    pub end_before_start: Text,
    /// `{0}` first and `{1}` last day of the leave.
    pub half_day_outside: Template<2>,
    pub half_day_date_missing: Text,
    pub half_day_needs_date: Text,
    pub half_period_missing: Text,
    pub dates: DateWords,
}

impl Surface for ViewErrorWords {
    const NAME: &'static str = "view errors";
}

/// The messages about one Leave Application: the approver's (open and decided) and the
/// requester's confirmation and decision (mrkdwn; headers and buttons plain_text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveWords {
    /// Header of the approver's message.
    pub request_header: Text,
    /// `{0}` the requester (mention or bold name).
    pub requested: Template<1>,
    pub leave_id: Text,
    pub leave_type: Text,
    pub from_date: Text,
    pub to_date: Text,
    pub total_days: Text,
    pub half_day: Text,
    pub submitted_on: Text,
    pub reason: Text,
    /// The requester's balance of the leave type (label).
    pub balance: Text,
    /// `{0}` the balance before this request, `{1}` after it (numbers of days).
    pub balance_change: Template<2>,
    pub periods: PeriodWords,
    pub approve: Text,
    pub reject: Text,
    /// `{0}` who decided (bold).
    pub approved_by: Template<1>,
    pub rejected_by: Template<1>,
    /// `{0}` who cancelled the approved leave (bold).
    pub cancelled_by: Template<1>,
    /// `{0}` who deleted the request (bold).
    pub deleted_by: Template<1>,
    /// `{0}` the requester who withdrew it (bold).
    pub withdrawn_by: Template<1>,
    /// `{0}` the new leave approver, `{1}` who changed it (both bold).
    pub reassigned_to_by: Template<2>,
    /// `{0}` the workflow state (bold): an Open request on a site with a workflow.
    pub workflow_state: Template<1>,
    /// `{0}` the new workflow state, `{1}` who moved it there (both bold).
    pub moved_to_by: Template<2>,
    /// The label of the decider's reason, under the outcome.
    pub outcome_reason: Text,
    pub submitted_header: Text,
    pub submitted: Text,
    /// `{0}` the approver (bold).
    pub submitted_to: Template<1>,
    pub approved_header: Text,
    pub rejected_header: Text,
    pub cancelled_header: Text,
    pub deleted_header: Text,
    pub withdrawn_header: Text,
    pub reassigned_header: Text,
    /// `{0}` the outcome word ([`Self::approved`], [`Self::rejected`], [`Self::cancelled`],
    /// [`Self::deleted`], bold), `{1}` who did it (bold).
    pub request_decided: Template<2>,
    pub approved: Text,
    pub rejected: Text,
    pub cancelled: Text,
    pub deleted: Text,
    /// The requester's own withdrawal (no "by": they did it).
    pub request_withdrawn: Text,
    /// The requester's button on their confirmation while the application is Open.
    pub withdraw: Text,
    /// `{0}` the new leave approver, `{1}` who changed it (both bold).
    pub request_reassigned: Template<2>,
    /// The requester's button on their confirmation once approved, until the leave starts.
    pub ask_to_cancel: Text,
    /// Header of the approver's DM when the requester asks to cancel an approved leave.
    pub cancellation_header: Text,
    /// `{0}` the requester (mention or bold name).
    pub cancellation_requested: Template<1>,
    pub cancel_leave: Text,
    pub keep_leave: Text,
    /// `{0}` the approver who kept the leave (bold).
    pub kept_by: Template<1>,
    pub kept_header: Text,
    /// `{0}` the approver who kept the leave (bold).
    pub request_kept: Template<1>,
    pub dates: DateWords,
}

impl Surface for LeaveWords {
    const NAME: &'static str = "leave messages";
}

/// The reject-with-reason modal (plain text, but the intro: mrkdwn).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectWords {
    /// At most 24 characters (Slack's modal title limit).
    pub title: Text,
    pub submit: Text,
    pub close: Text,
    /// `{0}` the Leave Application, `{1}` the requester (both bold).
    pub intro: Template<2>,
    pub reason: Text,
    pub reason_placeholder: Text,
    pub reason_hint: Text,
}

impl Surface for RejectWords {
    const NAME: &'static str = "reject modal";
}

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
}

impl Surface for HomeWords {
    const NAME: &'static str = "home";
}

/// Short notices for one user (mrkdwn).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeWords {
    /// `{0}` the Leave Application (bold).
    pub not_allowed: Template<1>,
    /// `{0}` the Leave Application (bold).
    pub not_yours: Template<1>,
    /// `{0}` the Leave Application, `{1}` its status (both bold).
    pub already_decided: Template<2>,
    /// … `{2}` who decided (bold).
    pub already_decided_by: Template<3>,
    pub slack_not_linked: Text,
    pub no_employee: Text,
    pub no_leave_types: Text,
    /// `{0}` the Leave Application (bold), `{1}` Frappe's message.
    pub action_failed: Template<2>,
    /// The line after [`Self::action_failed`].
    pub not_changed: Text,
    /// `{0}` the Leave Application (bold).
    pub not_cancellable: Template<1>,
    /// `{0}` the Leave Application, `{1}` the approver (both bold).
    pub cancellation_sent: Template<2>,
    /// `{0}` the Leave Application, `{1}` the approver (both bold).
    pub cancellation_pending: Template<2>,
    pub statuses: StatusWords,
}

impl Surface for NoticeWords {
    const NAME: &'static str = "notices";
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

/// The daily reminder to a leave approver: their Open requests, oldest first (mrkdwn; the header
/// and buttons plain_text). The facts and outcomes use the [`LeaveWords`] of the same language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderWords {
    pub header: Text,
    /// `{0}` how many are still open.
    pub intro: Template<1>,
    /// Once every listed request is decided.
    pub none_left: Text,
    /// `{0}` the Leave Application (a link), `{1}` the requester (mention or bold name).
    pub item: Template<2>,
    /// `{0}` how many more are not listed (over the message's cap).
    pub more: Template<1>,
    /// The label of the link to the desk's list of the approver's Open requests.
    pub open_in_desk: Text,
}

impl Surface for ReminderWords {
    const NAME: &'static str = "approver reminder";
}

/// Every surface's words of one language, as the catalogue returns them (`words.catalogue(lang)`
/// in Python); the Rust tests read the English and German ones from `tests/fixtures`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub modal: ModalWords,
    pub reject_modal: RejectWords,
    pub view_errors: ViewErrorWords,
    pub leave_messages: LeaveWords,
    pub notices: NoticeWords,
    pub summary: SummaryWords,
    pub late_leave_note: LateLeaveWords,
    pub test_message: TestMessageWords,
    pub home: HomeWords,
    pub timesheet: TimesheetWords,
    pub reminder: ReminderWords,
}

impl Surface for Catalogue {
    const NAME: &'static str = "catalogue";
}

/// The catalogues of `tests/fixtures` (written from the Python catalogue; a pytest checks they
/// still match it), for tests, benches and the fuzz crate.
#[cfg(any(test, feature = "testing"))]
pub mod fixtures {
    use super::{Catalogue, Surface, WordsError};

    fn load(json: &str) -> Result<Catalogue, WordsError> {
        let value = serde_json::from_str(json).map_err(|e| WordsError {
            surface: Catalogue::NAME,
            detail: e.to_string(),
        })?;
        Catalogue::from_value(value)
    }

    /// English, as `words.catalogue("en")` returns it.
    pub fn english() -> Result<Catalogue, WordsError> {
        load(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/words_en.json"
        )))
    }

    /// German, as `words.catalogue("de")` returns it with `translations/de.csv`.
    pub fn german() -> Result<Catalogue, WordsError> {
        load(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/words_de.json"
        )))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use serde_json::json;

    use super::*;

    #[test]
    fn templates_fill_positional_placeholders() {
        let t = Template::<2>::parse("{1} before {0}, {0} again").unwrap();
        assert_eq!(t.plain(["a", "b"]), "b before a, a again");
        let t = Text::parse("no {{braces}} here").unwrap();
        assert_eq!(t.as_plain(), "no {braces} here");
        assert_eq!(Template::<1>::parse("{0}").unwrap().plain(["x"]), "x");
        assert_eq!(Text::parse("").unwrap().as_plain(), "");
    }

    #[test]
    fn a_missing_or_unknown_placeholder_is_an_error() {
        assert_eq!(
            Template::<2>::parse("only {0}"),
            Err(TemplateError::MissingPlaceholder("1".into()))
        );
        assert_eq!(
            Template::<1>::parse("{0} and {1}"),
            Err(TemplateError::UnknownPlaceholder("1".into()))
        );
        assert_eq!(
            Text::parse("stray {0}"),
            Err(TemplateError::UnknownPlaceholder("0".into()))
        );
        for bad in ["{name}", "{}", "{ 0}", "{+0}", "{0:>3}"] {
            assert!(
                matches!(
                    Template::<1>::parse(bad),
                    Err(TemplateError::UnknownPlaceholder(_))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            Template::<1>::parse("{0"),
            Err(TemplateError::UnmatchedBrace(1))
        );
        assert_eq!(
            Template::<1>::parse("{0} }"),
            Err(TemplateError::UnmatchedBrace(5))
        );
        assert_eq!(
            Template::<1>::parse("a {{0}"),
            Err(TemplateError::UnmatchedBrace(6))
        );
    }

    #[test]
    fn mrkdwn_escapes_the_words_not_the_values() {
        let t = Template::<1>::parse("<b>Tom & {0}</b>").unwrap();
        assert_eq!(t.md(["*<@U1>*"]), "&lt;b&gt;Tom &amp; *<@U1>*&lt;/b&gt;");
        // plain_text is shown verbatim: nothing to escape.
        assert_eq!(t.plain(["*x*"]), "<b>Tom & *x*</b>");
        // A word cannot ping anyone.
        assert_eq!(
            Text::parse("<!channel>").unwrap().as_md(),
            "&lt;!channel&gt;"
        );
    }

    #[test]
    fn escaped_templates_write_what_push_md_writes() {
        let t = Template::<1>::parse("a <b> & {0} {{c}}").unwrap();
        let mut written = String::new();
        t.escaped_md()
            .write(&mut written, |i, out| out.push_str(&i.to_string()));
        assert_eq!(written, t.md(["0"]));
        assert_eq!(written, "a &lt;b&gt; &amp; 0 {c}");
    }

    #[test]
    fn date_words_are_escaped_only_when_needed() {
        let en = fixtures::english().unwrap().summary.dates;
        assert!(matches!(en.escaped_md(), Cow::Borrowed(_)));
        let mut odd = en.clone();
        odd.months[11] = "D<e>c".into();
        odd.pattern = DatePattern::parse("{month} & {day} {year}").unwrap();
        let escaped = odd.escaped_md();
        assert_eq!(escaped.months[11], "D&lt;e&gt;c");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            crate::dates::display_date(day, &escaped),
            "D&lt;e&gt;c &amp; 04 2026"
        );
    }

    #[test]
    fn date_patterns_need_month_day_and_year() {
        let p = DatePattern::parse("{weekday}, {day}. {month} {year}").unwrap();
        let pieces: Vec<_> = p.pieces().collect();
        assert_eq!(
            pieces,
            [
                Err(DateField::Weekday),
                Ok(", "),
                Err(DateField::Day),
                Ok(". "),
                Err(DateField::Month),
                Ok(" "),
                Err(DateField::Year)
            ]
        );
        assert!(DatePattern::parse("{day}.{month}.{year}").is_ok());
        assert_eq!(
            DatePattern::parse("{day} {month}"),
            Err(TemplateError::MissingPlaceholder("year".into()))
        );
        assert_eq!(
            DatePattern::parse("{day} {month} {year} {0}"),
            Err(TemplateError::UnknownPlaceholder("0".into()))
        );
    }

    #[test]
    fn a_missing_or_unknown_key_is_a_words_error() {
        let mut value = serde_json::to_value(json!({
            "can_post": "{0} can post.",
            "can_post_from": "{0} can post from {1}.",
            "sent_by": "Sent."
        }))
        .unwrap();
        assert!(TestMessageWords::from_value(value.clone()).is_ok());

        value.as_object_mut().unwrap().remove("sent_by");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert_eq!(err.surface, "test message");
        assert!(err.detail.contains("missing field `sent_by`"), "{err}");
        assert_eq!(err.reason(), "bad_words");

        value["sent_by"] = json!("Sent.");
        value["extra"] = json!("?");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert!(err.detail.contains("unknown field `extra`"), "{err}");

        value.as_object_mut().unwrap().remove("extra");
        value["can_post_from"] = json!("{0} can post.");
        let err = TestMessageWords::from_value(value.clone()).unwrap_err();
        assert!(
            err.detail.contains("the placeholder {1} is missing"),
            "{err}"
        );

        value["can_post_from"] = json!(3);
        let err = TestMessageWords::from_value(value).unwrap_err();
        assert!(
            err.detail
                .contains("a template with the placeholders {0} to {1}"),
            "{err}"
        );
    }

    #[test]
    fn dates_take_exactly_12_months_and_7_weekdays() {
        let months: Vec<String> = (1..=12).map(|m| format!("M{m}")).collect();
        let days: Vec<String> = (1..=7).map(|d| format!("D{d}")).collect();
        let ok = json!({"months": months, "weekdays": days, "pattern": "{day} {month} {year}"});
        assert!(DateWords::from_value(ok).is_ok());
        let short =
            json!({"months": &months[..11], "weekdays": days, "pattern": "{day} {month} {year}"});
        assert!(DateWords::from_value(short).is_err());
    }

    #[test]
    fn the_fixtures_are_complete_catalogues() {
        let en = fixtures::english().unwrap();
        assert_eq!(en.modal.title.as_plain(), "Apply for Leave");
        let de = fixtures::german().unwrap();
        assert_ne!(de.modal.title, en.modal.title);
    }
}
