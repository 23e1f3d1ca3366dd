//! Who is out, leave by leave ([`crate::absence::who`]): the section of the approver's card
//! listing the others out during the request, and the `/whoisout` answer (one section per day).
//!
//! Lists are capped — at most [`MAX_OTHERS_SHOWN`] people on the card, [`MAX_PER_DAY`] a day in
//! `/whoisout`, and never more than a section's 3,000 characters — and say how many more there
//! are ("and 4 more"), so a long list never breaks the message and never hides that it was cut.

use chrono::NaiveDate;
use slack_morphism::prelude::*;

use super::leave::{header, md_section, person};
use super::Message;
use crate::absence::{AbsenceKind, DayEntry, DayOut, DaySpan, LeaveState, OtherOut, SharedLeave};
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::words::WhoIsOutWords;
use crate::{limits, mrkdwn};

/// People named on the approver's card before "and N more".
pub const MAX_OTHERS_SHOWN: usize = 10;
/// People named for one day of `/whoisout` before "and N more".
pub const MAX_PER_DAY: usize = 25;
/// Leave type names are short in Frappe; bounded so that a line stays a line.
const TYPE_CHARS: usize = 80;
/// Room kept at the end of a section for the "and N more" line.
const TAIL_CHARS: usize = 120;

/// `head`, then as many `lines` as `max` and the section's length allow, then "and N more".
fn fitted_list(head: String, lines: Vec<String>, max: usize, w: &WhoIsOutWords) -> String {
    let total = lines.len();
    let mut text = head;
    let mut used = text.chars().count();
    let mut shown = 0;
    for line in lines {
        let len = line.chars().count() + 1;
        if shown == max || used + len + TAIL_CHARS > limits::SECTION_TEXT {
            break;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
        used += len;
        shown += 1;
    }
    if shown < total {
        text.push_str("\n_");
        text.push_str(&w.more.md([&(total - shown).to_string()]));
        text.push('_');
    }
    text
}

fn state_word(state: LeaveState, w: &WhoIsOutWords) -> String {
    match state {
        LeaveState::Open => w.open.as_md(),
        LeaveState::Approved => w.approved.as_md(),
    }
}

fn period_word(period: HalfPeriod, w: &WhoIsOutWords) -> String {
    match period {
        HalfPeriod::FirstHalf => w.periods.first_half.as_md(),
        HalfPeriod::SecondHalf => w.periods.second_half.as_md(),
    }
}

fn leave_type(name: &str) -> String {
    mrkdwn::escape_truncate(name, TYPE_CHARS)
}

/// "Sick Leave, Dec 10, 2026 (Thu) – Dec 11, 2026 (Fri), half day on … (First Half) (approved)"
fn shared_leave(leave: &SharedLeave, w: &WhoIsOutWords) -> String {
    let date = |day: NaiveDate| mrkdwn::escape(&display_date(day, &w.dates)).into_owned();
    let mut text = format!(
        "{}, {}",
        leave_type(&leave.leave_type),
        date(leave.from_date)
    );
    if leave.to_date != leave.from_date {
        text.push_str(" – ");
        text.push_str(&date(leave.to_date));
    }
    if let Some(day) = leave.half_day {
        text.push_str(", ");
        text.push_str(&w.half_day_on.md([&date(day)]));
        if let Some(period) = leave.half_period {
            text.push_str(&format!(" ({})", period_word(period, w)));
        }
    }
    text.push_str(&format!(" ({})", state_word(leave.state, w)));
    text
}

fn other_line(other: &OtherOut, w: &WhoIsOutWords) -> String {
    let who = person(
        other.slack_user_id.as_ref().map(|id| id.as_str()),
        &other.employee_name,
    );
    if other.leaves.is_empty() {
        return format!("• {who}");
    }
    let leaves: Vec<String> = other.leaves.iter().map(|l| shared_leave(l, w)).collect();
    format!("• {who} — {}", leaves.join("; "))
}

/// The approver's card: the others out during the request, or None when nobody is.
pub fn others_out_section(others: &[OtherOut], w: &WhoIsOutWords) -> Option<SlackBlock> {
    if others.is_empty() {
        return None;
    }
    let lines = others.iter().map(|o| other_line(o, w)).collect();
    let head = format!("*{}*", w.others_heading.as_md());
    Some(md_section(fitted_list(head, lines, MAX_OTHERS_SHOWN, w)))
}

fn kind_word(kind: AbsenceKind, w: &WhoIsOutWords) -> Option<String> {
    match kind {
        AbsenceKind::FullDay => None,
        AbsenceKind::HalfDay => Some(w.kinds.half_day.as_md()),
        AbsenceKind::FirstHalf => Some(w.kinds.first_half.as_md()),
        AbsenceKind::SecondHalf => Some(w.kinds.second_half.as_md()),
    }
}

/// "• @ann — Sick Leave (First Half), awaiting approval"
fn day_line(entry: &DayEntry, hide_types: bool, w: &WhoIsOutWords) -> String {
    let who = person(
        entry.slack_user_id.as_ref().map(|id| id.as_str()),
        &entry.employee_name,
    );
    let what = if hide_types {
        w.out.as_md()
    } else {
        let types: Vec<String> = entry.leave_types.iter().map(|t| leave_type(t)).collect();
        types.join(", ")
    };
    let mut line = format!("• {who} — {what}");
    if let Some(kind) = kind_word(entry.kind, w) {
        line.push_str(&format!(" ({kind})"));
    }
    if entry.open {
        line.push_str(&format!(", {}", w.open.as_md()));
    }
    line
}

/// The `/whoisout` answer: a header naming the day or the span, then each working day with who
/// is out on it (`days`, non-working days already left out). With `hide_types` every leave reads
/// "Out" (Slack Settings: hide leave types in shared views).
pub fn who_is_out_message(
    days: &[DayOut],
    span: DaySpan,
    hide_types: bool,
    w: &WhoIsOutWords,
) -> Message {
    let date = |day: NaiveDate| display_date(day, &w.dates);
    let one_day = span.from == span.to;
    let title = if one_day {
        w.title_day.plain([&date(span.from)])
    } else {
        w.title_span.plain([&date(span.from), &date(span.to)])
    };
    let mut blocks = vec![header(&title)];
    if days.is_empty() {
        blocks.push(md_section(w.no_working_day.as_md()));
    }
    for day in days.iter().take(limits::BLOCKS_PER_MESSAGE - 1) {
        let head = if one_day {
            String::new()
        } else {
            format!("*{}*", mrkdwn::escape(&date(day.day)))
        };
        let text = if day.entries.is_empty() {
            let nobody = w.nobody.as_md();
            if head.is_empty() {
                nobody
            } else {
                format!("{head}\n{nobody}")
            }
        } else {
            let lines = day
                .entries
                .iter()
                .map(|e| day_line(e, hide_types, w))
                .collect();
            fitted_list(head, lines, MAX_PER_DAY, w)
        };
        blocks.push(md_section(text));
    }
    Message::from_blocks(blocks)
}

/// The answer to an argument `/whoisout` does not understand: what it does understand.
pub fn who_is_out_usage(text: &str, w: &WhoIsOutWords) -> Message {
    let typed = mrkdwn::escape_truncate(text.trim(), mrkdwn::ERROR_EXCERPT_CHARS);
    Message::from_blocks(vec![md_section(w.usage.md([&typed]))])
}
