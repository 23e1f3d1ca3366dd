//! A digest rule's post (issue 27; the rules are [`crate::absence::digest`]): the first message
//! is the post, the others its thread replies.
//!
//! - `today`: exactly the daily summary ([`channel::attendance_messages_with`]) of the rule's
//!   rows, so the first rule, migrated from the single summary, posts what the channel always
//!   read; then the holiday and celebration sections.
//! - Look-ahead horizons: a header naming the period, then each working day with the people out
//!   on it alone ("*Dec 09, 2026 (Wed)*" + "Jane (Full Day, Casual Leave), Omar (First Half)"),
//!   then the people out several working days in a row ("• Jane: Dec 08, 2026 (Tue) to Dec 10,
//!   2026 (Thu) (Casual Leave)"), then the holiday and celebration sections.
//!
//! Limits: a section holds at most 3,000 characters — a list that goes on starts a new section
//! under "*heading* (continued)"; a message at most 50 blocks — the rest go to thread replies;
//! a post at most [`MAX_MESSAGES`] messages — past that the list stops with "_and N more_",
//! linking the desk report when the rule gives its URL. (The `today` horizon keeps the daily
//! summary's own packing, which has no message cap.)

use std::borrow::Cow;

use chrono::{Days, NaiveDate};
use slack_morphism::prelude::*;

use super::channel::{self, header, kind_label, push_who, section, Naming};
use super::Message;
use crate::absence::digest::{
    look_ahead, Celebration, CelebrationKind, DayPerson, Holiday, Horizon, LeaveTypes, LookAhead,
    Run, Selection,
};
use crate::absence::{summarise_owned, AbsenceKind, AbsenceRow, InputError, OutRow};
use crate::dates::{display_date, push_display_date, push_uint};
use crate::slack_id::SlackUserId;
use crate::words::{DateWords, DigestWords, Template};
use crate::{limits, mrkdwn};

/// Messages a look-ahead post may take: the post and two thread replies.
pub const MAX_MESSAGES: usize = 3;
/// Longest leave type name shown.
const TYPE_CHARS: usize = 80;
/// Longest line: a name (≤ 1000 characters) with its dates and details fits easily; the cap
/// keeps any line, with a continued heading, inside one section.
const LINE_CHARS: usize = 2500;

/// How a rule's post reads, beside its rows and words.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    pub horizon: Horizon,
    pub today: NaiveDate,
    /// The working days of the period (`absence::digest::digest_days`); `today` ignores them.
    pub days: &'a [NaiveDate],
    pub naming: Naming,
    pub hide_types: bool,
    /// The rule's title; blank = the words' title for the horizon.
    pub title: &'a str,
    /// The desk report, linked when the list is cut (checked by [`report_url`]).
    pub report_url: Option<&'a str>,
}

/// `url` when it can go into a Slack link: http(s), no white space, `|`, `<` or `>`.
pub fn report_url(url: &str) -> Result<&str, InputError> {
    let url = url.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '|' | '<' | '>'));
    if ok {
        Ok(url)
    } else {
        Err(InputError::Url {
            field: "report_url",
            value: mrkdwn::excerpt(url, mrkdwn::ERROR_EXCERPT_CHARS),
        })
    }
}

/// The post of a rule reading `selection` of `rows`, laid out as `layout` says, with the
/// holidays and celebrations to announce (already chosen: `absence::digest`).
pub fn digest_messages(
    rows: &[OutRow],
    selection: Selection<'_>,
    layout: &Layout<'_>,
    holidays: &[Holiday],
    celebrations: &[Celebration],
    w: &DigestWords,
) -> Vec<Message> {
    match layout.horizon {
        Horizon::Today => {
            let today = layout.today;
            let rows = rows
                .iter()
                .enumerate()
                .filter(|(i, r)| r.absence.covers(today) && selection.admits(*i, r))
                .map(|(_, r)| r.absence.clone())
                .collect();
            today_messages(rows, layout, holidays, celebrations, w)
        }
        _ => {
            let look = look_ahead(rows, selection, layout.days);
            look_ahead_messages(&look, layout, holidays, celebrations, w)
        }
    }
}

/// The `today` post: the daily summary of `rows` (the rule's, already selected), then the
/// holiday and celebration sections.
pub fn today_messages(
    rows: Vec<AbsenceRow>,
    layout: &Layout<'_>,
    holidays: &[Holiday],
    celebrations: &[Celebration],
    w: &DigestWords,
) -> Vec<Message> {
    let summary = summarise_owned(rows, layout.today);
    let mut messages =
        channel::attendance_messages_with(&summary, layout.title, &w.summary, layout.naming);
    let extra = extra_groups(layout, holidays, celebrations, w);
    if extra.is_empty() {
        return messages;
    }
    let (sections, _) = pack(&extra, usize::MAX, &w.continued);
    let mut blocks: Vec<SlackBlock> = match messages.pop() {
        Some(last) => last.blocks,
        None => Vec::new(),
    };
    for text in sections {
        if blocks.len() >= limits::BLOCKS_PER_MESSAGE {
            messages.push(Message::from_blocks(std::mem::take(&mut blocks)));
        }
        blocks.push(section(text));
    }
    messages.push(Message::from_blocks(blocks));
    messages
}

/// A look-ahead post (`tomorrow`, `this_week`, `next_week`) of `look` (the rule's people over
/// the period), then the holiday and celebration sections.
pub fn look_ahead_messages(
    look: &LookAhead<'_>,
    layout: &Layout<'_>,
    holidays: &[Holiday],
    celebrations: &[Celebration],
    w: &DigestWords,
) -> Vec<Message> {
    let lines = Lines::new(layout, w);
    let mut body: Vec<Group> = Vec::new();
    if layout.days.is_empty() {
        body.push(Group::note(w.no_working_day.as_md()));
    } else if look.is_empty() {
        body.push(Group::note(w.nobody.as_md()));
    }
    for day in look.days.iter().filter(|d| !d.people.is_empty()) {
        let mut heading = String::from("*");
        push_display_date(&mut heading, day.day, &lines.dates);
        heading.push('*');
        body.push(Group {
            heading,
            separator: ", ",
            items: day.people.iter().map(|p| lines.day_item(p)).collect(),
        });
    }
    if !look.runs.is_empty() {
        body.push(Group {
            heading: format!("*{}*", w.several_days.as_md()),
            separator: "\n",
            items: look.runs.iter().map(|r| lines.run_item(r)).collect(),
        });
    }
    let extra = extra_groups(layout, holidays, celebrations, w);
    // Room for the header, the extra sections (however long) and the "and N more" line.
    let (extra_sections, _) = pack(&extra, usize::MAX, &w.continued);
    let room = (MAX_MESSAGES * limits::BLOCKS_PER_MESSAGE)
        .saturating_sub(2 + extra_sections.len())
        .max(1);
    let (sections, cut) = pack(&body, room, &w.continued);

    let mut blocks = vec![header(format!(":calendar: {}", title(layout, w)))];
    blocks.extend(sections.into_iter().map(section));
    if cut > 0 {
        let mut tail = format!("_{}_", w.more.md([&cut.to_string()]));
        if let Some(url) = layout.report_url {
            tail.push_str(&format!(" <{url}|{}>", w.report.as_md()));
        }
        blocks.push(section(tail));
    }
    blocks.extend(extra_sections.into_iter().map(section));
    let mut messages = Vec::new();
    let mut rest = blocks.into_iter().peekable();
    while rest.peek().is_some() {
        messages.push(Message::from_blocks(
            rest.by_ref().take(limits::BLOCKS_PER_MESSAGE).collect(),
        ));
    }
    messages
}

/// The header's text (plain text: no escaping; `header` cuts it to 150 characters).
fn title(layout: &Layout<'_>, w: &DigestWords) -> String {
    let date = |d: NaiveDate| display_date(d, &w.dates);
    let week = layout.horizon.week(layout.today);
    let (period, default) = match week {
        Some((from, to)) => {
            let template = match layout.horizon {
                Horizon::NextWeek => &w.title_next_week,
                _ => &w.title_this_week,
            };
            (
                w.span.plain([&date(from), &date(to)]),
                template.plain([&date(from), &date(to)]),
            )
        }
        None => {
            let day = match layout.horizon {
                Horizon::Today => Some(layout.today),
                _ => layout
                    .days
                    .iter()
                    .min()
                    .copied()
                    .or_else(|| layout.today.checked_add_days(Days::new(1))),
            }
            .unwrap_or(layout.today);
            (date(day), w.title_tomorrow.plain([&date(day)]))
        }
    };
    match layout.title.trim() {
        "" => default,
        own => w.titled.plain([own, &period]),
    }
}

/// A heading and its items, written as one or more sections.
struct Group {
    /// mrkdwn, bold; empty for a note without heading.
    heading: String,
    /// Between items: ", " for a day's people, a line break for lists.
    separator: &'static str,
    items: Vec<String>,
}

impl Group {
    /// A sentence on its own (nobody is out, no working day).
    fn note(text: String) -> Self {
        Self {
            heading: String::new(),
            separator: "\n",
            items: vec![text],
        }
    }
}

/// The groups as section texts of at most 3,000 characters, at most `max_sections` of them;
/// returns the sections and how many items did not fit.
fn pack(groups: &[Group], max_sections: usize, continued: &Template<1>) -> (Vec<String>, usize) {
    let mut sections: Vec<String> = Vec::new();
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let mut written = 0usize;
    for group in groups {
        // The section being written counts as one.
        if sections.len() >= max_sections {
            break;
        }
        let mut buf = group.heading.clone();
        let mut chars = buf.chars().count();
        let mut full = false;
        for (n, item) in group.items.iter().enumerate() {
            // No more bytes than the cap means no more characters: skip the scan.
            let item = if item.len() <= LINE_CHARS {
                Cow::Borrowed(item.as_str())
            } else {
                mrkdwn::truncate(item, LINE_CHARS)
            };
            let len = item.chars().count();
            let sep = match (buf.is_empty(), n) {
                (true, _) => "",
                (false, 0) => "\n",
                (false, _) => group.separator,
            };
            if chars + sep.len() + len > limits::SECTION_TEXT {
                if sections.len() + 2 > max_sections {
                    full = true;
                    break;
                }
                sections.push(std::mem::take(&mut buf));
                if !group.heading.is_empty() {
                    buf = continued.md([&group.heading]);
                    buf.push('\n');
                }
                chars = buf.chars().count();
            } else {
                buf.push_str(sep);
                chars += sep.len();
            }
            buf.push_str(&item);
            chars += len;
            written += 1;
        }
        if !buf.is_empty() {
            sections.push(buf);
        }
        if full {
            break;
        }
    }
    (sections, total - written)
}

fn who(employee_name: &str, slack_user_id: Option<&SlackUserId>, naming: Naming) -> String {
    let mut out = String::new();
    push_name(&mut out, employee_name, slack_user_id, naming);
    out
}

fn push_name(
    out: &mut String,
    employee_name: &str,
    slack_user_id: Option<&SlackUserId>,
    naming: Naming,
) {
    let id = match naming {
        Naming::Mention => slack_user_id,
        Naming::Name => None,
    };
    push_who(out, employee_name, id);
}

/// Writes ` (a, b, c)` item by item, or nothing when there is none.
struct Details<'o> {
    out: &'o mut String,
    any: bool,
}

impl<'o> Details<'o> {
    fn new(out: &'o mut String) -> Self {
        Self { out, any: false }
    }

    /// The buffer, after the separator of the next detail.
    fn next(&mut self) -> &mut String {
        self.out.push_str(if self.any { ", " } else { " (" });
        self.any = true;
        self.out
    }

    fn close(self) {
        if self.any {
            self.out.push(')');
        }
    }
}

/// What every line of a look-ahead post reads, escaped for mrkdwn once per post (a week of a
/// large scope writes hundreds of lines).
struct Lines<'w> {
    naming: Naming,
    hide_types: bool,
    kinds: [String; 4],
    open: String,
    span: Cow<'w, Template<2>>,
    half_on: Cow<'w, Template<2>>,
    dates: Cow<'w, DateWords>,
}

impl<'w> Lines<'w> {
    fn new(layout: &Layout<'_>, w: &'w DigestWords) -> Self {
        Self {
            naming: layout.naming,
            hide_types: layout.hide_types,
            kinds: AbsenceKind::ALL.map(|k| kind_label(k, &w.kinds)),
            open: w.open.as_md(),
            span: w.span.escaped_md(),
            half_on: w.half_on.escaped_md(),
            dates: w.dates.escaped_md(),
        }
    }

    fn kind(&self, kind: AbsenceKind) -> &str {
        let i = AbsenceKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.kinds.get(i).map_or("", String::as_str)
    }

    fn push_types(&self, details: &mut Details<'_>, types: &LeaveTypes<'_>) {
        if self.hide_types {
            return;
        }
        for t in types.iter() {
            let out = details.next();
            match mrkdwn::escape(t) {
                Cow::Borrowed(plain) if plain.len() <= TYPE_CHARS => out.push_str(plain),
                _ => out.push_str(&mrkdwn::escape_truncate(t, TYPE_CHARS)),
            }
        }
    }

    /// "Jane (First Half, Casual Leave, awaiting approval)"
    fn day_item(&self, p: &DayPerson<'_>) -> String {
        let mut out = String::with_capacity(96);
        push_name(&mut out, p.employee_name(), p.slack_user_id, self.naming);
        let mut details = Details::new(&mut out);
        details.next().push_str(self.kind(p.kind));
        self.push_types(&mut details, &p.leave_types);
        if p.open {
            details.next().push_str(&self.open);
        }
        details.close();
        out
    }

    /// "• Jane: Dec 08, 2026 (Tue) to Dec 10, 2026 (Thu) (Casual Leave, First Half on Dec 10,
    /// 2026 (Thu))"
    fn run_item(&self, run: &Run<'_>) -> String {
        let mut out = String::with_capacity(160);
        out.push_str("• ");
        push_name(
            &mut out,
            run.employee_name(),
            run.slack_user_id,
            self.naming,
        );
        out.push_str(": ");
        self.span.write(&mut out, |i, out| {
            push_display_date(out, if i == 0 { run.from } else { run.to }, &self.dates)
        });
        let mut details = Details::new(&mut out);
        self.push_types(&mut details, &run.leave_types);
        for (day, kind) in &run.halves {
            self.half_on.write(details.next(), |i, out| {
                if i == 0 {
                    out.push_str(self.kind(*kind));
                } else {
                    push_display_date(out, *day, &self.dates);
                }
            });
        }
        if run.open {
            details.next().push_str(&self.open);
        }
        details.close();
        out
    }
}

/// `text (a, b, c)`, or `text` alone when there are no details.
fn with_details(mut text: String, details: Vec<String>) -> String {
    if !details.is_empty() {
        text.push_str(" (");
        text.push_str(&details.join(", "));
        text.push(')');
    }
    text
}

/// The holiday, birthday and anniversary sections (each left out when empty).
fn extra_groups(
    layout: &Layout<'_>,
    holidays: &[Holiday],
    celebrations: &[Celebration],
    w: &DigestWords,
) -> Vec<Group> {
    let dates = w.dates.escaped_md();
    let mut groups = Vec::new();
    if !holidays.is_empty() {
        groups.push(Group {
            heading: format!(":beach_with_umbrella: *{}*", w.holidays.as_md()),
            separator: "\n",
            items: holidays
                .iter()
                .map(|h| {
                    let date = display_date(h.date, &dates);
                    if h.description.is_empty() {
                        format!("• {date}")
                    } else {
                        format!("• {date}: {}", mrkdwn::escape(&h.description))
                    }
                })
                .collect(),
        });
    }
    let when = |c: &Celebration| (c.date != layout.today).then(|| display_date(c.date, &dates));
    let birthdays: Vec<String> = celebrations
        .iter()
        .filter(|c| c.kind == CelebrationKind::Birthday)
        .map(|c| {
            let name = who(&c.employee_name, c.slack_user_id.as_ref(), layout.naming);
            with_details(format!("• {name}"), when(c).into_iter().collect())
        })
        .collect();
    if !birthdays.is_empty() {
        groups.push(Group {
            heading: format!(":birthday: *{}*", w.birthdays.as_md()),
            separator: "\n",
            items: birthdays,
        });
    }
    let anniversaries: Vec<String> = celebrations
        .iter()
        .filter(|c| c.kind == CelebrationKind::Anniversary)
        .map(|c| {
            let name = who(&c.employee_name, c.slack_user_id.as_ref(), layout.naming);
            let years = match c.years.unwrap_or(0) {
                1 => w.one_year.as_md(),
                n => {
                    let mut digits = String::new();
                    push_uint(&mut digits, n);
                    w.years.md([&digits])
                }
            };
            with_details(format!("• {name}: {years}"), when(c).into_iter().collect())
        })
        .collect();
    if !anniversaries.is_empty() {
        groups.push(Group {
            heading: format!(":tada: *{}*", w.anniversaries.as_md()),
            separator: "\n",
            items: anniversaries,
        });
    }
    groups
}
