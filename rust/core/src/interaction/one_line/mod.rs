//! "Say it in one line": `/apply-leave <text>` read into the leave modal's initial values.
//!
//! The line is read relative to the person's `today` and the leave types they may choose; it
//! never files anything. What it understands fills the modal; what it does not ends up in
//! [`LeaveLine::unclear`] (shown above the form), and the words it did not use become the reason.
//! English and German are read whatever the person's language (people mix them).
//!
//! What is understood, and how it is pinned down:
//!
//! - `today` / `heute`, `tomorrow` / `morgen`, `übermorgen` (and `day after tomorrow`);
//! - a weekday (`friday`, `fri`, `Freitag`, also after `this` / `diesen` / `kommenden`): the
//!   first such day strictly after today (on a Friday, `friday` is a week later);
//!   `next friday` / `nächsten Freitag`: the Friday of the next calendar week (weeks start on
//!   Monday), so on a Wednesday `friday` is in two days and `next friday` in nine;
//! - `24 Dec`, `Dec 24`, `24. Dezember`, `24.12.`, with an optional year (`24 Dec 2027`,
//!   `24.12.2027`), and ISO `2027-12-24`;
//! - ranges: `24-26 Dec`, `24.-26.12.`, `24. bis 26.12.`, `24 Dec - 2 Jan`, `tomorrow to friday`,
//!   `vom 24.12. bis 2.1.`;
//! - `morning` / `vormittags` → the first half, `afternoon` / `nachmittags` → the second half of
//!   a single day (today when no date is given);
//! - a leave type: a word that starts one of the words of exactly one offered type's name
//!   (case-insensitive, at least 3 letters: `sick` → "Sick Leave"); words every offered type
//!   shares (`leave`) tell nothing apart and are skipped.
//!
//! A date without a year is the first one that is not over: the first year (from this one) in
//! which the day exists and the range's end is today or later; a range's end falls in the year
//! after its start only when its month is earlier (`24 Dec - 2 Jan`). So `24 Dec` typed on
//! 30 Dec means next year's, and `24-26 Dec` typed on 25 Dec the range already running. A date
//! with a year (or ISO) is taken as written and refused when the range ends before today.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::form::FormState;
use super::MAX_REASON_CHARS;
use crate::half_period::HalfPeriod;
use crate::mrkdwn;

mod dates;
mod vocabulary;

use dates::{date_phrase, looks_like_date, norm_at, tokens, DateFault};
use vocabulary::{AFTERNOON, MORNING};

/// Longest line read; Slack caps a command's text far below this, it only bounds the work.
pub const MAX_LINE_CHARS: usize = 4000;
/// Longest piece of the line quoted back in a note.
pub const MAX_QUOTE_CHARS: usize = 80;

/// Something in the line that was not understood, with the words it was in (as typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum Unclear {
    /// Looks like a date, but is none that can be read: no such day (`31.02.`, `2027-13-01`,
    /// `32 Dec`) or a form not read (`12/24`: month or day first?).
    NotADate { text: String },
    /// The dates are over (the range ends before today).
    Past { text: String },
    /// The range ends before it starts (`26-24 Dec`).
    EndBeforeStart { text: String },
    /// A second date after the first: only the first is used.
    TwoDates { text: String },
    /// Words that name more than one leave type.
    LeaveTypes { text: String, types: Vec<String> },
    /// A half day asked for over several days.
    HalfDayRange { text: String },
    /// Both the morning and the afternoon.
    TwoHalves { text: String },
}

/// What a line said: each field only when understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeaveLine {
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// A half day on `start_date` (then `start_date == end_date`).
    pub half_period: Option<HalfPeriod>,
    pub leave_type: Option<String>,
    pub reason: Option<String>,
    pub unclear: Vec<Unclear>,
}

impl LeaveLine {
    /// The modal's initial values.
    #[must_use]
    pub fn form_state(&self) -> FormState {
        FormState {
            start_date: self.start_date,
            end_date: self.end_date,
            leave_type: self.leave_type.clone(),
            reason: self.reason.clone(),
            half_day: self.half_period.is_some(),
            half_day_date: self.half_period.and(self.start_date),
            half_period: self.half_period,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Leave types
// ---------------------------------------------------------------------------------------------

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The offered types a word may mean: it starts a word of their name that not every type has.
fn types_meant<'a>(
    word: &str,
    names: &'a [(&'a str, Vec<String>)],
    shared: &[String],
) -> Vec<&'a str> {
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    names
        .iter()
        .filter(|(_, words)| {
            words
                .iter()
                .any(|w| !shared.contains(w) && w.starts_with(word))
        })
        .map(|(name, _)| *name)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The line
// ---------------------------------------------------------------------------------------------

/// The words of `words[first..=last]` as typed, cut for a note.
fn quote(words: &[&str], first: usize, last: usize) -> String {
    let text = words
        .get(first..=last)
        .map(|w| w.join(" "))
        .unwrap_or_default();
    mrkdwn::plain(&text, MAX_QUOTE_CHARS)
}

/// Reads `line` relative to `today`, matching leave types against `leave_types` (the names the
/// modal offers). Never fails: what is not understood is in [`LeaveLine::unclear`].
#[must_use]
pub fn read_leave_line(line: &str, today: NaiveDate, leave_types: &[&str]) -> LeaveLine {
    let line = mrkdwn::truncate(line, MAX_LINE_CHARS);
    let words: Vec<&str> = line.split_whitespace().collect();
    let toks = tokens(&words);
    let mut used = vec![false; toks.len()];
    let mut out = LeaveLine::default();
    let span_text = |from: usize, to: usize| {
        let first = toks.get(from).map_or(0, |t| t.word);
        let last = toks.get(to).map_or(first, |t| t.word);
        quote(&words, first, last)
    };

    let mut dates: Option<(NaiveDate, NaiveDate)> = None;
    let mut saw_date = false;
    let mut halves: Vec<(HalfPeriod, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((found, n)) = date_phrase(&toks, i, today) {
            let n = n.max(1);
            used.iter_mut().skip(i).take(n).for_each(|u| *u = true);
            let text = span_text(i, i + n - 1);
            if saw_date {
                out.unclear.push(Unclear::TwoDates { text });
            } else {
                saw_date = true;
                match found {
                    Ok(range) => dates = Some(range),
                    Err(DateFault::NotADate) => out.unclear.push(Unclear::NotADate { text }),
                    Err(DateFault::Past) => out.unclear.push(Unclear::Past { text }),
                    Err(DateFault::EndBeforeStart) => {
                        out.unclear.push(Unclear::EndBeforeStart { text });
                    }
                }
            }
            i += n;
            continue;
        }
        let word = norm_at(&toks, i);
        let half = if MORNING.contains(&word) {
            Some(HalfPeriod::FirstHalf)
        } else if AFTERNOON.contains(&word) {
            Some(HalfPeriod::SecondHalf)
        } else {
            None
        };
        if let Some(half) = half {
            halves.push((half, i));
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        } else if looks_like_date(word) {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            out.unclear.push(Unclear::NotADate {
                text: span_text(i, i),
            });
        }
        i += 1;
    }

    let half = match halves.as_slice() {
        [] => None,
        [(first, at), rest @ ..] => {
            if rest.iter().all(|(h, _)| h == first) {
                Some((*first, *at))
            } else {
                let last = rest.last().map_or(*at, |(_, k)| *k);
                out.unclear.push(Unclear::TwoHalves {
                    text: span_text(*at, last),
                });
                None
            }
        }
    };
    if let Some((half, at)) = half {
        match dates {
            Some((s, e)) if s != e => out.unclear.push(Unclear::HalfDayRange {
                text: span_text(at, at),
            }),
            Some(_) => out.half_period = Some(half),
            // No date at all: a half day today. A date that was not understood: no day to halve.
            None if !saw_date => {
                dates = Some((today, today));
                out.half_period = Some(half);
            }
            None => {}
        }
    }
    if let Some((s, e)) = dates {
        out.start_date = Some(s);
        out.end_date = Some(e);
    }

    // Leave types, among the words nothing else took.
    let names: Vec<(&str, Vec<String>)> = leave_types
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| (*n, name_words(n)))
        .collect();
    let shared: Vec<String> = match names.split_first() {
        Some((first, rest)) if !rest.is_empty() => first
            .1
            .iter()
            .filter(|w| rest.iter().all(|(_, ws)| ws.contains(w)))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let mut meant: Vec<&str> = Vec::new();
    let mut type_tokens: Vec<usize> = Vec::new();
    for (k, tok) in toks.iter().enumerate() {
        if used.get(k).copied().unwrap_or(true) {
            continue;
        }
        let types = types_meant(&tok.norm, &names, &shared);
        if types.is_empty() {
            continue;
        }
        type_tokens.push(k);
        for t in types {
            if !meant.contains(&t) {
                meant.push(t);
            }
        }
    }
    // "sick leave": the shared word next to a type's word belongs to the type's name.
    for &k in &type_tokens {
        if let Some(u) = used.get_mut(k) {
            *u = true;
        }
        for near in [k.wrapping_sub(1), k + 1] {
            if toks.get(near).is_some_and(|t| shared.contains(&t.norm)) {
                if let Some(u) = used.get_mut(near) {
                    *u = true;
                }
            }
        }
    }
    match meant.as_slice() {
        [] => {}
        [one] => out.leave_type = Some((*one).to_owned()),
        _ => {
            let text = type_tokens
                .iter()
                .filter_map(|&k| toks.get(k).and_then(|t| words.get(t.word)))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let mut types: Vec<String> = names
                .iter()
                .filter(|(n, _)| meant.contains(n))
                .map(|(n, _)| (*n).to_owned())
                .collect();
            types.dedup();
            out.unclear.push(Unclear::LeaveTypes {
                text: mrkdwn::plain(&text, MAX_QUOTE_CHARS),
                types,
            });
        }
    }

    // The reason: every word none of whose pieces was taken, as typed.
    let reason = words
        .iter()
        .enumerate()
        .filter(|(w, _)| !toks.iter().zip(&used).any(|(t, &u)| u && t.word == *w))
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join(" ");
    out.reason = Some(mrkdwn::plain(reason.trim(), MAX_REASON_CHARS)).filter(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::dates::parse_iso_date;

    const TYPES: &[&str] = &[
        "Casual Leave",
        "Sick Leave",
        "Privilege Leave",
        "Leave Without Pay",
    ];

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    /// Wednesday, 9 Dec 2026.
    fn read(line: &str) -> LeaveLine {
        read_leave_line(line, d("2026-12-09"), TYPES)
    }

    fn dates(line: &LeaveLine) -> (Option<String>, Option<String>) {
        (
            line.start_date.map(|x| x.to_string()),
            line.end_date.map(|x| x.to_string()),
        )
    }

    fn range(a: &str, b: &str) -> (Option<String>, Option<String>) {
        (Some(a.to_owned()), Some(b.to_owned()))
    }

    #[test]
    fn relative_days_in_english_and_german() {
        for (line, day) in [
            ("today", "2026-12-09"),
            ("heute", "2026-12-09"),
            ("tomorrow", "2026-12-10"),
            ("Morgen", "2026-12-10"),
            ("übermorgen", "2026-12-11"),
            ("day after tomorrow", "2026-12-11"),
            ("friday", "2026-12-11"),
            ("Freitag", "2026-12-11"),
            ("this friday", "2026-12-11"),
            ("on fri", "2026-12-11"),
            ("am Freitag", "2026-12-11"),
            ("wednesday", "2026-12-16"),
            ("next friday", "2026-12-18"),
            ("nächsten Freitag", "2026-12-18"),
            ("next monday", "2026-12-14"),
        ] {
            let got = read(line);
            assert_eq!(dates(&got), range(day, day), "{line}");
            assert!(got.unclear.is_empty(), "{line}: {:?}", got.unclear);
            assert_eq!(got.reason, None, "{line}");
        }
    }

    #[test]
    fn days_and_ranges_in_every_written_form() {
        for (line, from, to) in [
            ("24 Dec", "2026-12-24", "2026-12-24"),
            ("Dec 24", "2026-12-24", "2026-12-24"),
            ("24. Dezember", "2026-12-24", "2026-12-24"),
            ("24.12.", "2026-12-24", "2026-12-24"),
            ("24.12.2027", "2027-12-24", "2027-12-24"),
            ("2027-01-05", "2027-01-05", "2027-01-05"),
            ("24-26 Dec", "2026-12-24", "2026-12-26"),
            ("24.-26.12.", "2026-12-24", "2026-12-26"),
            ("vom 24. bis 26.12.", "2026-12-24", "2026-12-26"),
            ("24 Dec - 2 Jan", "2026-12-24", "2027-01-02"),
            ("30.12.-2.1.", "2026-12-30", "2027-01-02"),
            ("tomorrow to friday", "2026-12-10", "2026-12-11"),
            ("from 2027-01-04 to 2027-01-08", "2027-01-04", "2027-01-08"),
            // Already over this year: next year's.
            ("1 Dec", "2027-12-01", "2027-12-01"),
            ("5 Jan", "2027-01-05", "2027-01-05"),
            ("29 Feb", "2028-02-29", "2028-02-29"),
        ] {
            let got = read(line);
            assert_eq!(dates(&got), range(from, to), "{line}");
            assert!(got.unclear.is_empty(), "{line}: {:?}", got.unclear);
        }
    }

    #[test]
    fn a_range_still_running_keeps_its_year() {
        let got = read_leave_line("24-26 Dec", d("2026-12-25"), TYPES);
        assert_eq!(dates(&got), range("2026-12-24", "2026-12-26"));
        let got = read_leave_line("30 Dec - 2 Jan", d("2027-01-01"), TYPES);
        assert_eq!(dates(&got), range("2026-12-30", "2027-01-02"));
        // Over: next year's.
        let got = read_leave_line("24 Dec", d("2026-12-30"), TYPES);
        assert_eq!(dates(&got), range("2027-12-24", "2027-12-24"));
    }

    #[test]
    fn half_days_type_and_reason() {
        let got = read("next friday afternoon dentist");
        assert_eq!(dates(&got), range("2026-12-18", "2026-12-18"));
        assert_eq!(got.half_period, Some(HalfPeriod::SecondHalf));
        assert_eq!(got.reason.as_deref(), Some("dentist"));
        let state = got.form_state();
        assert!(state.half_day);
        assert_eq!(state.half_day_date, Some(d("2026-12-18")));

        let got = read("morgen vormittags Arzttermin");
        assert_eq!(dates(&got), range("2026-12-10", "2026-12-10"));
        assert_eq!(got.half_period, Some(HalfPeriod::FirstHalf));
        assert_eq!(got.reason.as_deref(), Some("Arzttermin"));

        let got = read("afternoon");
        assert_eq!(dates(&got), range("2026-12-09", "2026-12-09"));
        assert_eq!(got.half_period, Some(HalfPeriod::SecondHalf));

        let got = read("24-26 Dec sick");
        assert_eq!(dates(&got), range("2026-12-24", "2026-12-26"));
        assert_eq!(got.leave_type.as_deref(), Some("Sick Leave"));
        assert_eq!(got.reason, None);

        let got = read("tomorrow Sick leave: flu, sorry");
        assert_eq!(got.leave_type.as_deref(), Some("Sick Leave"));
        assert_eq!(got.reason.as_deref(), Some("flu, sorry"));

        let got = read("friday unpaid without pay, moving house");
        assert_eq!(got.leave_type.as_deref(), Some("Leave Without Pay"));
        assert_eq!(got.reason.as_deref(), Some("unpaid moving house"));
        assert!(got.unclear.is_empty());
    }

    #[test]
    fn what_is_unclear_is_said_and_left_out() {
        let cases: &[(&str, Unclear)] = &[
            (
                "31.02. party",
                Unclear::NotADate {
                    text: "31.02.".into(),
                },
            ),
            (
                "32 Dec",
                Unclear::NotADate {
                    text: "32 Dec".into(),
                },
            ),
            (
                "2026-13-01",
                Unclear::NotADate {
                    text: "2026-13-01".into(),
                },
            ),
            (
                "12/24",
                Unclear::NotADate {
                    text: "12/24".into(),
                },
            ),
            (
                "2026-12-01",
                Unclear::Past {
                    text: "2026-12-01".into(),
                },
            ),
            (
                "26-24 Dec",
                Unclear::EndBeforeStart {
                    text: "26-24 Dec".into(),
                },
            ),
            (
                "2027-01-08 to 2027-01-04",
                Unclear::EndBeforeStart {
                    text: "2027-01-08 to 2027-01-04".into(),
                },
            ),
            (
                "casual privilege",
                Unclear::LeaveTypes {
                    text: "casual privilege".into(),
                    types: vec!["Casual Leave".into(), "Privilege Leave".into()],
                },
            ),
            (
                "24-26 Dec morning",
                Unclear::HalfDayRange {
                    text: "morning".into(),
                },
            ),
            (
                "friday morning afternoon",
                Unclear::TwoHalves {
                    text: "morning afternoon".into(),
                },
            ),
        ];
        for (line, note) in cases {
            let got = read(line);
            assert_eq!(got.unclear, vec![note.clone()], "{line}");
            assert_eq!(got.leave_type, None, "{line}");
        }
        let got = read("tomorrow friday");
        assert_eq!(dates(&got), range("2026-12-10", "2026-12-10"));
        assert_eq!(
            got.unclear,
            vec![Unclear::TwoDates {
                text: "friday".into()
            }]
        );
        // What was understood stays: the reason and the date.
        let got = read("31.02. party");
        assert_eq!(got.reason.as_deref(), Some("party"));
        let got = read("24-26 Dec morning");
        assert_eq!(dates(&got), range("2026-12-24", "2026-12-26"));
        assert_eq!(got.half_period, None);
    }

    #[test]
    fn one_token_meaning_two_types_is_ambiguous() {
        let types = ["Sick Leave", "Sick Leave (Child)", "Casual Leave"];
        let got = read_leave_line("tomorrow sick", d("2026-12-09"), &types);
        assert_eq!(
            got.unclear,
            vec![Unclear::LeaveTypes {
                text: "sick".into(),
                types: vec!["Sick Leave".into(), "Sick Leave (Child)".into()],
            }]
        );
        // Words like "leave" that every type has pick nothing; a lone type takes any of its words.
        assert_eq!(read("leave tomorrow").leave_type, None);
        let got = read_leave_line("krank morgen", d("2026-12-09"), &["Krankheit"]);
        assert_eq!(got.leave_type.as_deref(), Some("Krankheit"));
    }

    #[test]
    fn plain_words_and_numbers_stay_the_reason() {
        let got = read("1.5 days for 2 kids");
        assert_eq!(got.reason.as_deref(), Some("1.5 days for 2 kids"));
        assert_eq!(got.start_date, None);
        assert!(got.unclear.is_empty());
        assert_eq!(read("").reason, None);
        assert_eq!(read("   ").reason, None);
    }
}
