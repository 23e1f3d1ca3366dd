//! The dates of a one-line request: the line cut into tokens, date phrases read from them, and
//! their years filled in (the rules are in the parent module's documentation).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::vocabulary::{
    month_of, weekday_of, BEFORE_DATE, DAY_AFTER_TOMORROW, NEXT_WEEK, RANGE_JOINERS, THIS, TODAY,
    TOMORROW,
};
use crate::dates::parse_iso_date;

/// Years searched for a day without a year (covers 29 Feb: leap years are at most 8 apart).
const YEARS_AHEAD: i32 = 8;

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/// A piece of the line: `word` is the index of the whitespace-separated word it came from (a
/// word like `24-26` or `24.-26.12.` is split at its dashes), `norm` the piece lowercased,
/// without the punctuation around it.
#[derive(Debug)]
pub(super) struct Token {
    pub(super) word: usize,
    pub(super) norm: String,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// `YYYY-…`: written like an ISO date (right or wrong), so one piece, never split at its dashes.
fn iso_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 5 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-')
}

pub(super) fn tokens(words: &[&str]) -> Vec<Token> {
    let mut out = Vec::new();
    for (word, text) in words.iter().enumerate() {
        let text = text
            .trim_start_matches(['(', '"', '\''])
            .trim_end_matches([',', ';', ':', '!', '?', ')', '"', '\'']);
        let mut push = |piece: &str| {
            if !piece.is_empty() {
                out.push(Token {
                    word,
                    norm: piece.to_lowercase(),
                });
            }
        };
        let split = text.chars().any(|c| c.is_ascii_digit())
            && text.chars().any(is_dash)
            && !iso_shaped(text);
        if !split {
            push(text);
            continue;
        }
        let mut rest = text;
        while let Some((pos, dash)) = rest.char_indices().find(|(_, c)| is_dash(*c)) {
            push(rest.get(..pos).unwrap_or(""));
            push("-");
            rest = rest.get(pos + dash.len_utf8()..).unwrap_or("");
        }
        push(rest);
    }
    out
}

/// `n` digits only (1..=max of them), as a number.
fn number(s: &str, max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A day of the month as written before a month: `24`, `24.`, `24th`, `1st`, `2nd`, `3rd`.
pub(super) fn day_number(norm: &str) -> Option<u32> {
    let digits = norm
        .strip_suffix('.')
        .or_else(|| {
            ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|s| norm.strip_suffix(s))
        })
        .unwrap_or(norm);
    number(digits, 2)
}

fn year_number(norm: &str) -> Option<i32> {
    number(norm, 4)
        .filter(|_| norm.len() == 4)
        .and_then(|y| i32::try_from(y).ok())
}

/// `24.12.` or `24.12.2027` (a trailing dot or a year: `1.5` stays a number).
fn dotted(norm: &str) -> Option<Spec> {
    let mut parts = norm.split('.');
    let day = number(parts.next()?, 2)?;
    let month = number(parts.next()?, 2)?;
    let year = match parts.next()? {
        "" => None,
        y => Some(year_number(y)?),
    };
    match parts.next() {
        None | Some("") if parts.next().is_none() => Some(Spec::DayMonth { day, month, year }),
        _ => None,
    }
}

/// Written like a date but in no form read here (`2027-1-5`, `12/24`): worth a note.
pub(super) fn looks_like_date(norm: &str) -> bool {
    let groups = norm
        .split(['.', '-', '/'])
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>();
    groups.len() >= 2
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (norm.contains('/') || iso_shaped(norm) || groups.len() == 3)
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// One end of a date phrase: a known day, or a day and month with or without a year.
#[derive(Debug, Clone, Copy)]
enum Spec {
    Fixed(NaiveDate),
    DayMonth {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
}

/// A date phrase's first and last day, or why it has none.
pub(super) type Dates = Result<(NaiveDate, NaiveDate), DateFault>;

/// Why a date phrase gives no dates (its note is made with the phrase's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateFault {
    NotADate,
    Past,
    EndBeforeStart,
}

/// `today` moved by `days` (None past the end of the calendar).
fn shifted(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    today.checked_add_signed(Duration::days(days))
}

/// The first `weekday` strictly after `today`.
fn weekday_after(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + i64::from(weekday.num_days_from_monday())
        - i64::from(today.weekday().num_days_from_monday()))
        % 7;
    shifted(today, if ahead == 0 { 7 } else { ahead })
}

/// `weekday` of the calendar week after today's (weeks start on Monday).
fn weekday_next_week(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = i64::from(today.weekday().num_days_from_monday());
    shifted(today, 7 + i64::from(weekday.num_days_from_monday()) - back)
}

pub(super) fn norm_at(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.norm.as_str())
}

/// One date at `i`: the spec and how many tokens it took.
fn single(toks: &[Token], i: usize, today: NaiveDate) -> Option<(Spec, usize)> {
    let word = norm_at(toks, i);
    if word.is_empty() {
        return None;
    }
    if TODAY.contains(&word) {
        return Some((Spec::Fixed(today), 1));
    }
    if TOMORROW.contains(&word) {
        return Some((Spec::Fixed(shifted(today, 1)?), 1));
    }
    if DAY_AFTER_TOMORROW.contains(&word) {
        return Some((Spec::Fixed(shifted(today, 2)?), 1));
    }
    if word == "day" && norm_at(toks, i + 1) == "after" && norm_at(toks, i + 2) == "tomorrow" {
        return Some((Spec::Fixed(shifted(today, 2)?), 3));
    }
    if NEXT_WEEK.contains(&word) {
        let day = weekday_of(norm_at(toks, i + 1))?;
        return Some((Spec::Fixed(weekday_next_week(today, day)?), 2));
    }
    if THIS.contains(&word) {
        let day = weekday_of(norm_at(toks, i + 1))?;
        return Some((Spec::Fixed(weekday_after(today, day)?), 2));
    }
    if let Some(day) = weekday_of(word) {
        return Some((Spec::Fixed(weekday_after(today, day)?), 1));
    }
    if let Some(date) = parse_iso_date(word) {
        return Some((Spec::Fixed(date), 1));
    }
    if let Some(spec) = dotted(word) {
        return Some((spec, 1));
    }
    let with_year = |spec: Spec, taken: usize| match (spec, year_number(norm_at(toks, i + taken))) {
        (Spec::DayMonth { day, month, .. }, Some(year)) => (
            Spec::DayMonth {
                day,
                month,
                year: Some(year),
            },
            taken + 1,
        ),
        _ => (spec, taken),
    };
    if let (Some(day), Some(month)) = (day_number(word), month_of(norm_at(toks, i + 1))) {
        return Some(with_year(
            Spec::DayMonth {
                day,
                month,
                year: None,
            },
            2,
        ));
    }
    if let (Some(month), Some(day)) = (month_of(word), day_number(norm_at(toks, i + 1))) {
        return Some(with_year(
            Spec::DayMonth {
                day,
                month,
                year: None,
            },
            2,
        ));
    }
    None
}

/// A date or a range at `i` (with a word like `on` / `vom` before it): its dates or why there
/// are none, and how many tokens it took.
pub(super) fn date_phrase(toks: &[Token], i: usize, today: NaiveDate) -> Option<(Dates, usize)> {
    let lead = usize::from(BEFORE_DATE.contains(&norm_at(toks, i)));
    let j = i + lead;
    if let Some((start, n)) = single(toks, j, today) {
        let joiner = j + n;
        if RANGE_JOINERS.contains(&norm_at(toks, joiner)) {
            if let Some((end, m)) = single(toks, joiner + 1, today) {
                return Some((resolve(start, end, today), lead + n + 1 + m));
            }
        }
        return Some((resolve(start, start, today), lead + n));
    }
    // `24-26 Dec`, `24.-26.12.`, `24. bis 26.12.`: the first day takes the second's month.
    let first = day_number(norm_at(toks, j))?;
    if !RANGE_JOINERS.contains(&norm_at(toks, j + 1)) {
        return None;
    }
    let (end, m) = single(toks, j + 2, today)?;
    let start = match end {
        Spec::DayMonth { month, year, .. } => Spec::DayMonth {
            day: first,
            month,
            year,
        },
        Spec::Fixed(date) => Spec::DayMonth {
            day: first,
            month: date.month(),
            year: Some(date.year()),
        },
    };
    Some((resolve(start, end, today), lead + 2 + m))
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The dates of a phrase, years filled in as the module documents.
fn resolve(start: Spec, end: Spec, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), DateFault> {
    use DateFault::{EndBeforeStart, NotADate, Past};
    for spec in [start, end] {
        if let Spec::DayMonth { day, month, .. } = spec {
            if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
                return Err(NotADate);
            }
        }
    }
    let fixed = |spec: Spec| match spec {
        Spec::Fixed(d) => Some(Ok(d)),
        Spec::DayMonth {
            day,
            month,
            year: Some(y),
        } => Some(ymd(y, month, day).ok_or(NotADate)),
        Spec::DayMonth { year: None, .. } => None,
    };
    let floating = |spec: Spec| match spec {
        Spec::DayMonth { day, month, .. } => (day, month),
        Spec::Fixed(d) => (d.day(), d.month()),
    };
    // A floating end after a known start: same year, or the next when its month is earlier.
    let (first, last) = match (fixed(start), fixed(end)) {
        (Some(s), Some(e)) => (s?, e?),
        (Some(s), None) => {
            let s = s?;
            let (day, month) = floating(end);
            if month == s.month() && day < s.day() {
                return Err(EndBeforeStart);
            }
            let year = s.year() + i32::from(month < s.month());
            let e = (0..=YEARS_AHEAD)
                .find_map(|k| ymd(year + k, month, day))
                .ok_or(NotADate)?;
            (s, e)
        }
        (None, Some(e)) => {
            let e = e?;
            let (day, month) = floating(start);
            if month == e.month() && day > e.day() {
                return Err(EndBeforeStart);
            }
            let year = e.year() - i32::from(month > e.month());
            let s = (0..=YEARS_AHEAD)
                .find_map(|k| ymd(year - k, month, day))
                .ok_or(NotADate)?;
            (s, e)
        }
        (None, None) => {
            let (start_day, start_month) = floating(start);
            let (end_day, end_month) = floating(end);
            if start_month == end_month && start_day > end_day {
                return Err(EndBeforeStart);
            }
            let wrap = i32::from(end_month < start_month);
            // From last year: a range that started last year may still be running.
            (-1..=YEARS_AHEAD)
                .find_map(|k| {
                    let year = today.year() + k;
                    let s = ymd(year, start_month, start_day)?;
                    let e = ymd(year + wrap, end_month, end_day)?;
                    (e >= today).then_some((s, e))
                })
                .ok_or(NotADate)?
        }
    };
    if last < first {
        return Err(EndBeforeStart);
    }
    if last < today {
        return Err(Past);
    }
    Ok((first, last))
}
