//! What the connector posts to the attendance channel: the daily "who is out today" messages, the
//! threaded late-leave note and the channel test message. The rules behind the summary are
//! [`crate::absence`].

use std::borrow::Cow;

use chrono::NaiveDate;
use slack_morphism::prelude::*;

use super::Message;
use crate::absence::{AbsenceKind, AbsenceRow, Summary};
use crate::dates::{push_display_date, push_uint};
use crate::slack_id::SlackUserId;
use crate::words::{
    DateWords, KindWords, LateLeaveWords, SummaryWords, Template, TestMessageWords,
};
use crate::{limits, mrkdwn};

/// The app's name in the test message (a name, not a word).
const APP_NAME: &str = "Frappe Slack Connector";
/// Longest name shown (after escaping). Real names are far shorter; the cap keeps any one line well
/// inside a section's 3000 chars together with its number, "until" date and a group heading.
pub const NAME_MAX: usize = 1000;
/// Longest site name in the test message.
const SITE_MAX: usize = 200;

/// How the channel's messages name people: a Slack mention (which pings them, the default) or
/// their escaped name (Slack Settings "Mention people in the daily summary" off: someone on leave
/// is not pinged every morning).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Naming {
    /// `<@U…>` when the Slack id is known and well-formed, else the name.
    #[default]
    Mention,
    /// Always the escaped, capped name; never `<@…>`.
    Name,
}

impl Naming {
    /// `Mention` when `mention` is true, else `Name`.
    pub fn from_mention(mention: bool) -> Self {
        if mention {
            Self::Mention
        } else {
            Self::Name
        }
    }
}

/// `<@U…>` when the Slack id is known and well-formed ([`SlackUserId`]), else the escaped, capped
/// name.
pub fn who(name: &str, slack_user_id: Option<&str>) -> String {
    let mut out = String::new();
    let id = slack_user_id.and_then(|id| SlackUserId::parse(id).ok());
    push_who(&mut out, name, id.as_ref());
    out
}

/// [`who`] for an id already checked, appended to `out` (no allocation when the name needs no
/// escaping).
pub(crate) fn push_who(out: &mut String, name: &str, slack_user_id: Option<&SlackUserId>) {
    match slack_user_id {
        Some(id) => id.push_mention(out),
        None => {
            let escaped = mrkdwn::escape(name);
            // Bytes ≥ chars: short enough in bytes means short enough; else the exact cut.
            if escaped.len() <= NAME_MAX {
                out.push_str(&escaped);
            } else {
                out.push_str(&mrkdwn::escape_truncate(name, NAME_MAX));
            }
        }
    }
}

/// How someone is out, in words.
pub fn kind_label(kind: AbsenceKind, words: &KindWords) -> String {
    match kind {
        AbsenceKind::FullDay => &words.full_day,
        AbsenceKind::HalfDay => &words.half_day,
        AbsenceKind::FirstHalf => &words.first_half,
        AbsenceKind::SecondHalf => &words.second_half,
    }
    .as_md()
}

/// Writes ` _until <date>_`: the "until" word and the date words escaped for mrkdwn once, the
/// date written in place (a summary writes one per distinct end date and group).
struct Until<'w> {
    template: Cow<'w, Template<1>>,
    dates: Cow<'w, DateWords>,
}

impl<'w> Until<'w> {
    fn new(template: &'w Template<1>, dates: &'w DateWords) -> Self {
        Self {
            template: template.escaped_md(),
            dates: dates.escaped_md(),
        }
    }

    fn push(&self, out: &mut String, until: NaiveDate) {
        out.push_str(" _");
        self.template
            .write(out, |_, out| push_display_date(out, until, &self.dates));
        out.push('_');
    }
}

pub(crate) fn header(text: String) -> SlackBlock {
    // Header is plain_text: Slack shows it verbatim (no mentions), so only the length matters.
    SlackHeaderBlock::new(
        SlackBlockPlainText::new(mrkdwn::plain(&text, limits::HEADER_TEXT))
            .with_emoji(true)
            .into(),
    )
    .into()
}

pub(crate) fn section(text: String) -> SlackBlock {
    // Keep the String we already have unless it really has to be cut (no copy per section).
    // No more bytes than the limit means no more chars either: skip the char-by-char scan.
    let cut = if text.len() <= limits::SECTION_TEXT {
        None
    } else {
        match mrkdwn::truncate(&text, limits::SECTION_TEXT) {
            Cow::Owned(cut) => Some(cut),
            Cow::Borrowed(_) => None,
        }
    };
    SlackSectionBlock::new()
        .with_text(md!(cut.unwrap_or(text)))
        .into()
}

fn clean_title(title: &str, words: &SummaryWords) -> String {
    let t = title.trim();
    if t.is_empty() {
        words.default_title.as_plain()
    } else {
        t.to_owned()
    }
}

/// Initial capacity of a section's text: one allocation per section for ASCII names.
const SECTION_BUF: usize = limits::SECTION_TEXT + 64;

/// Packs lines into ≤ 3000-char sections and sections into ≤ 50-block messages.
struct Packer<'w> {
    messages: Vec<Vec<SlackBlock>>,
    blocks: Vec<SlackBlock>,
    buf: String,
    buf_chars: usize,
    continued: &'w Template<1>,
}

impl<'w> Packer<'w> {
    fn new(first_blocks: Vec<SlackBlock>, continued: &'w Template<1>) -> Self {
        Self {
            messages: Vec::new(),
            blocks: first_blocks,
            buf: String::new(),
            buf_chars: 0,
            continued,
        }
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let full = std::mem::replace(&mut self.buf, String::with_capacity(SECTION_BUF));
            self.blocks.push(section(full));
            self.buf_chars = 0;
        }
    }

    /// Starts a new section for group `label` (mrkdwn); the heading is written when the group
    /// begins, and again as "(continued)" when the group spills into a new message (a thread
    /// reply).
    fn open(&mut self, label: &str, group_start: bool) {
        self.flush();
        let new_message = self.blocks.len() >= limits::BLOCKS_PER_MESSAGE;
        if new_message {
            self.messages.push(std::mem::take(&mut self.blocks));
        }
        if group_start {
            self.append(&format!("*{label}*"));
        } else if new_message {
            self.append(&self.continued.md([&format!("*{label}*")]));
        }
    }

    fn append(&mut self, line: &str) {
        if !self.buf.is_empty() {
            self.buf.push('\n');
            self.buf_chars += 1;
        }
        self.buf.push_str(line);
        self.buf_chars += line.chars().count();
    }

    fn push_line(&mut self, label: &str, line: &str) {
        let len = line.chars().count();
        if self.buf_chars + 1 + len > limits::SECTION_TEXT {
            self.open(label, false);
        }
        self.append(line);
    }

    fn finish(mut self) -> Vec<Message> {
        self.flush();
        if !self.blocks.is_empty() {
            self.messages.push(self.blocks);
        }
        self.messages
            .into_iter()
            .map(Message::from_blocks)
            .collect()
    }
}

/// The day's summary as one or more messages, in `words`; the first carries the header, later
/// ones are meant as thread replies of the first. Nobody out → one `:sunny: No <title>` message.
/// A blank `title` is the words' default title.
pub fn attendance_messages(summary: &Summary, title: &str, words: &SummaryWords) -> Vec<Message> {
    attendance_messages_with(summary, title, words, Naming::Mention)
}

/// [`attendance_messages`] naming people as `naming` says.
pub fn attendance_messages_with(
    summary: &Summary,
    title: &str,
    words: &SummaryWords,
    naming: Naming,
) -> Vec<Message> {
    let title = clean_title(title, words);
    if summary.is_empty() {
        return vec![Message::from_blocks(vec![header(format!(
            ":sunny: {}",
            words.nobody.plain([&title])
        ))])];
    }
    let mut packer = Packer::new(
        vec![header(format!(":palm_tree: {} {title}", summary.total()))],
        &words.continued,
    );
    // One line buffer and one "until" text reused for every line: entries are sorted by end
    // date within a group, so consecutive lines mostly share it.
    let until_words = Until::new(&words.until, &words.dates);
    let mut line = String::with_capacity(128);
    let mut until: Option<(NaiveDate, String)> = None;
    for group in &summary.groups {
        let label = kind_label(group.kind, &words.groups);
        let label = label.as_str();
        packer.open(label, true);
        for (n, entry) in group.entries.iter().enumerate() {
            line.clear();
            push_uint(&mut line, u32::try_from(n + 1).unwrap_or(u32::MAX));
            line.push_str(". ");
            let slack_user_id = match naming {
                Naming::Mention => entry.slack_user_id.as_ref(),
                Naming::Name => None,
            };
            push_who(&mut line, &entry.employee_name, slack_user_id);
            if let Some(date) = entry.until(summary.today) {
                match &until {
                    Some((d, text)) if *d == date => line.push_str(text),
                    _ => {
                        let mut text = String::with_capacity(32);
                        until_words.push(&mut text, date);
                        line.push_str(&text);
                        until = Some((date, text));
                    }
                }
            }
            packer.push_line(label, &line);
        }
    }
    packer.finish()
}

/// Threaded reply on today's summary for a leave created after it went out:
/// `<@U1> is also on leave today (First Half)`, in `words`.
pub fn late_leave_note(
    name: &str,
    slack_user_id: Option<&str>,
    kind: AbsenceKind,
    until: Option<NaiveDate>,
    words: &LateLeaveWords,
) -> Message {
    let mut text = words
        .also_on_leave
        .md([&who(name, slack_user_id), &kind_label(kind, &words.kinds)]);
    if let Some(date) = until {
        Until::new(&words.until, &words.dates).push(&mut text, date);
    }
    Message::from_blocks(vec![section(text)])
}

/// The late-leave note for `row` on `today`, or `None` when the row does not cover `today`.
pub fn late_leave_note_for_row(
    row: &AbsenceRow,
    today: NaiveDate,
    words: &LateLeaveWords,
) -> Option<Message> {
    late_leave_note_for_row_with(row, today, words, Naming::Mention)
}

/// [`late_leave_note_for_row`] naming the person as `naming` says.
pub fn late_leave_note_for_row_with(
    row: &AbsenceRow,
    today: NaiveDate,
    words: &LateLeaveWords,
    naming: Naming,
) -> Option<Message> {
    let kind = row.kind_on(today)?;
    let slack_user_id = match naming {
        Naming::Mention => row.slack_user_id.as_deref(),
        Naming::Name => None,
    };
    Some(late_leave_note(
        &row.employee_name,
        slack_user_id,
        kind,
        (row.to_date > today).then_some(row.to_date),
        words,
    ))
}

/// What the "Test channel" button posts: proof that the connector can write here.
pub fn test_message(site: &str, words: &TestMessageWords) -> Message {
    let site = site.trim();
    let app = format!("*{APP_NAME}*");
    let sentence = if site.is_empty() {
        words.can_post.md([&app])
    } else {
        let site = format!("*{}*", mrkdwn::escape_truncate(site, SITE_MAX));
        words.can_post_from.md([&app, &site])
    };
    Message::from_blocks(vec![
        section(format!(":white_check_mark: {sentence}")),
        SlackContextBlock::new(vec![md!(mrkdwn::truncate(
            &words.sent_by.as_md(),
            limits::CONTEXT_TEXT
        )
        .into_owned())])
        .into(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::absence::{summarise, Entry, Group};
    use crate::dates::parse_iso_date;
    use crate::words::fixtures;

    fn text_of(block: &SlackBlock) -> &str {
        match block {
            SlackBlock::Section(s) => match &s.text {
                Some(SlackBlockText::MarkDown(m)) => &m.text,
                _ => "",
            },
            _ => "",
        }
    }

    #[test]
    fn who_escapes_names_and_rejects_odd_ids() {
        assert_eq!(who("<!channel>", None), "&lt;!channel&gt;");
        assert_eq!(who("A & B", Some("")), "A &amp; B");
        assert_eq!(who("x", Some("U1")), "<@U1>");
        assert_eq!(who("x", Some("U1>|<!here")), "x");
    }

    #[test]
    fn push_who_appends_capped_escaped_names() {
        let mut out = String::from("1. ");
        push_who(&mut out, "<!channel> & co", None);
        assert_eq!(out, "1. &lt;!channel&gt; &amp; co");

        // 400 `&` escape to 2000 chars: cut to NAME_MAX on an entity boundary, with an ellipsis.
        let mut out = String::new();
        push_who(&mut out, &"&".repeat(400), None);
        assert!(out.chars().count() <= NAME_MAX, "{}", out.chars().count());
        assert!(out.ends_with('…'));
        assert!(out.trim_end_matches('…').ends_with("&amp;"));

        // Multi-byte names: the cap counts characters, not bytes.
        let mut out = String::new();
        push_who(&mut out, &"é".repeat(999), None);
        assert_eq!(out, "é".repeat(999));

        let id = SlackUserId::parse("U1").unwrap();
        let mut out = String::from("1. ");
        push_who(&mut out, "ignored", Some(&id));
        assert_eq!(out, "1. <@U1>");
    }

    #[test]
    fn heading_repeats_as_continued_in_a_new_message() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default();
        let entries: Vec<Entry> = (0..3000)
            .map(|i| Entry {
                employee: format!("E{i:05}"),
                employee_name: format!("Person {i:05} {}", "x".repeat(60)),
                slack_user_id: None,
                to_date: today,
            })
            .collect();
        let summary = Summary {
            today,
            groups: vec![Group {
                kind: AbsenceKind::FullDay,
                entries,
            }],
        };
        let words = fixtures::english().unwrap().summary;
        let messages = attendance_messages(&summary, "Out", &words);
        assert!(messages.len() >= 2);
        assert_eq!(
            text_of(&messages[1].blocks[0]).lines().next(),
            Some("*Full Day* (continued)")
        );
        assert!(text_of(&messages[0].blocks[1]).starts_with("*Full Day*\n1. "));
    }

    #[test]
    fn naming_name_never_mentions() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default();
        let id = SlackUserId::parse("U0ANN").ok();
        let summary = Summary {
            today,
            groups: vec![Group {
                kind: AbsenceKind::FullDay,
                entries: vec![Entry {
                    employee: "E1".into(),
                    employee_name: "Ann <!here>".into(),
                    slack_user_id: id,
                    to_date: today,
                }],
            }],
        };
        let words = fixtures::english().unwrap().summary;
        let on = attendance_messages_with(&summary, "Out", &words, Naming::Mention);
        assert_eq!(text_of(&on[0].blocks[1]), "*Full Day*\n1. <@U0ANN>");
        assert_eq!(on, attendance_messages(&summary, "Out", &words));
        let off = attendance_messages_with(&summary, "Out", &words, Naming::Name);
        assert_eq!(
            text_of(&off[0].blocks[1]),
            "*Full Day*\n1. Ann &lt;!here&gt;"
        );
        assert!(!off[0].text.contains("<@"), "{}", off[0].text);
        assert_eq!(Naming::from_mention(true), Naming::Mention);
        assert_eq!(Naming::from_mention(false), Naming::Name);
        assert_eq!(Naming::default(), Naming::Mention);
    }

    #[test]
    fn late_leave_note_for_row_outside_today_is_none() {
        let d = |s| parse_iso_date(s).unwrap();
        let row = AbsenceRow {
            employee: "E1".into(),
            employee_name: "Ann".into(),
            slack_user_id: None,
            from_date: d("2026-12-01"),
            to_date: d("2026-12-02"),
            half_day: false,
            half_day_date: None,
            half_period: None,
        };
        let words = fixtures::english().unwrap().late_leave_note;
        assert!(late_leave_note_for_row(&row, d("2026-12-04"), &words).is_none());
        let note = late_leave_note_for_row(&row, d("2026-12-02"), &words).unwrap();
        assert_eq!(note.text, "Ann is also on leave today (Full Day)");
        let german = fixtures::german().unwrap().late_leave_note;
        let note = late_leave_note_for_row(&row, d("2026-12-01"), &german).unwrap();
        assert_eq!(
            note.text,
            "Ann ist heute ebenfalls im Urlaub (Ganzer Tag) _bis Mi., 02. Dez. 2026_"
        );
        let _ = summarise(&[row], d("2026-12-02"));
    }
}
