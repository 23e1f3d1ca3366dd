//! Digests (issue 27): what one rule's channel learns — who in the rule's scope is out over its
//! horizon, the holidays ahead and the birthdays and work anniversaries. Pure computation; the
//! Block Kit is `blocks::digest`.
//!
//! Horizons ([`Horizon`]) and the working days each covers ([`digest_days`]):
//! - `today`: today, when it is a working day;
//! - `tomorrow`: the next working day after today (Friday → Monday; holidays skipped);
//! - `this_week`: today to Sunday, working days only;
//! - `next_week`: the next calendar week, Monday to Sunday, working days only.
//!
//! Which days are off is the caller's knowledge (the scope's Holiday List: holidays and weekly
//! offs), handed in as a list; nothing here assumes a weekend.
//!
//! Who is out over a look-ahead horizon ([`look_ahead`]), on the working days given:
//! - the rows of the rule's scope (`employees`; none = everyone), Open ones only when the rule
//!   includes open requests;
//! - each person's days merged as the daily summary merges them ([`AbsenceKind`]);
//! - a person out on several working days in a row (days off between them skipped: Friday and
//!   the Monday after are in a row) is one [`Run`], listed by person; a person out on one working
//!   day alone is listed under that day ([`DayOut`]). One person may have both (out Monday,
//!   back Tuesday, out again Thursday and Friday).
//! - days in date order; a day's people and the runs by name (case-insensitive, then exact),
//!   then employee id; runs by their first day first.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use super::kind::AbsenceKind;
use super::who::{DayEntry, DayOut, LeaveState, OutRow};
use super::InputError;
use crate::slack_id::SlackUserId;

pub mod celebrations;
pub mod holidays;
#[cfg(test)]
mod tests;

pub use celebrations::{celebrations_due, Celebration, CelebrationKind, Person};
pub use holidays::{holidays_to_announce, Holiday};

/// How far ahead the caller knows the days off (`digest_days`' `days_off`: today to today+21),
/// and so how far `tomorrow` looks for a working day.
pub const DAYS_OFF_KNOWN: u64 = 21;

/// The period a digest rule reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Horizon {
    Today,
    Tomorrow,
    ThisWeek,
    NextWeek,
}

impl Horizon {
    pub const ALL: [Self; 4] = [Self::Today, Self::Tomorrow, Self::ThisWeek, Self::NextWeek];

    /// The code Python passes (`today`, `tomorrow`, `this_week`, `next_week`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Today => "today",
            Self::Tomorrow => "tomorrow",
            Self::ThisWeek => "this_week",
            Self::NextWeek => "next_week",
        }
    }

    pub fn parse(code: &str) -> Result<Self, InputError> {
        Self::ALL
            .into_iter()
            .find(|h| h.code() == code)
            .ok_or_else(|| InputError::Horizon {
                value: crate::mrkdwn::excerpt(code, crate::mrkdwn::ERROR_EXCERPT_CHARS),
            })
    }

    /// Does the period include today (a late leave then threads under the rule's post)?
    pub fn includes_today(self) -> bool {
        matches!(self, Self::Today | Self::ThisWeek)
    }

    /// The calendar days of a week horizon: today to Sunday, or next Monday to Sunday; `None`
    /// for a one-day horizon.
    pub fn week(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let to_sunday = u64::from(6 - today.weekday().num_days_from_monday());
        let sunday = today.checked_add_days(Days::new(to_sunday))?;
        match self {
            Self::ThisWeek => Some((today, sunday)),
            Self::NextWeek => Some((
                sunday.checked_add_days(Days::new(1))?,
                sunday.checked_add_days(Days::new(7))?,
            )),
            Self::Today | Self::Tomorrow => None,
        }
    }
}

/// The working days (in order) that `horizon` covers on `today`, `days_off` being every day off
/// the caller knows of (holidays and weekly offs, today to today + [`DAYS_OFF_KNOWN`]).
/// `tomorrow` with no working day in the days known is empty.
pub fn digest_days(horizon: Horizon, today: NaiveDate, days_off: &[NaiveDate]) -> Vec<NaiveDate> {
    let off: HashSet<NaiveDate> = days_off.iter().copied().collect();
    let working = |d: &NaiveDate| !off.contains(d);
    match horizon {
        Horizon::Today => std::iter::once(today).filter(working).collect(),
        Horizon::Tomorrow => (1..=DAYS_OFF_KNOWN)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .find(working)
            .into_iter()
            .collect(),
        Horizon::ThisWeek | Horizon::NextWeek => match horizon.week(today) {
            Some((from, to)) => from
                .iter_days()
                .take_while(|d| *d <= to)
                .filter(working)
                .collect(),
            None => Vec::new(),
        },
    }
}

/// Which rows a rule reads: its scope and whether open requests count.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// The rule's employees; `None` = everyone.
    pub employees: Option<&'a HashSet<String>>,
    pub include_open: bool,
}

impl Selection<'_> {
    pub fn admits(&self, row: &OutRow) -> bool {
        (self.include_open || row.state == LeaveState::Approved)
            && self
                .employees
                .is_none_or(|scope| scope.contains(row.absence.employee.as_str()))
    }
}

/// Someone out on several working days in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    /// The first and the last working day of the run.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The days of the run on which the person is out half a day, and which half.
    pub halves: Vec<(NaiveDate, AbsenceKind)>,
    /// Their leave types over the run, in row order, each once.
    pub leave_types: Vec<String>,
    /// None of the run's days is covered by an approved leave.
    pub open: bool,
}

/// Who is out over a look-ahead horizon: one-day absences by day, runs by person.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LookAhead {
    /// Every working day of the period, in order, with the people out on it alone (not in a run).
    pub days: Vec<DayOut>,
    pub runs: Vec<Run>,
}

impl LookAhead {
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.days.iter().all(|d| d.entries.is_empty())
    }

    /// Lines the digest lists: one per run and one per person on a day.
    pub fn len(&self) -> usize {
        self.runs.len() + self.days.iter().map(|d| d.entries.len()).sum::<usize>()
    }
}

/// One day of one person while collecting.
#[derive(Debug, Clone)]
struct DayMark {
    kind: AbsenceKind,
    /// Indices into the person's `types`.
    types: Vec<usize>,
    open: bool,
}

/// A person while collecting: their first row's name, the first Slack id, a mark per day.
struct Collected<'r> {
    row: &'r OutRow,
    slack_user_id: Option<&'r SlackUserId>,
    types: Vec<&'r str>,
    marks: Vec<Option<DayMark>>,
}

/// Who in `selection` is out on each of `days` (working days, any order; sorted and deduplicated
/// here), split into one-day absences and runs (the rules in the module docs).
pub fn look_ahead(rows: &[OutRow], selection: Selection<'_>, days: &[NaiveDate]) -> LookAhead {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
        return LookAhead::default();
    };
    let mut people: Vec<Collected<'_>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        let a = &row.absence;
        if a.to_date < first || a.from_date > last || !selection.admits(row) {
            continue;
        }
        let i = *index.entry(a.employee.as_str()).or_insert_with(|| {
            people.push(Collected {
                row,
                slack_user_id: None,
                types: Vec::new(),
                marks: vec![None; days.len()],
            });
            people.len() - 1
        });
        let Some(person) = people.get_mut(i) else {
            continue;
        };
        let approved = row.state == LeaveState::Approved;
        let mut type_index = None;
        for (slot, day) in person.marks.iter_mut().zip(&days) {
            let Some(kind) = a.kind_on(*day) else {
                continue;
            };
            let t = *type_index.get_or_insert_with(|| {
                match person.types.iter().position(|t| *t == row.leave_type) {
                    Some(t) => t,
                    None => {
                        person.types.push(&row.leave_type);
                        person.types.len() - 1
                    }
                }
            });
            match slot {
                Some(mark) => {
                    mark.kind = mark.kind.merge(kind);
                    mark.open &= !approved;
                    if !mark.types.contains(&t) {
                        mark.types.push(t);
                    }
                }
                None => {
                    *slot = Some(DayMark {
                        kind,
                        types: vec![t],
                        open: !approved,
                    })
                }
            }
        }
        if person.slack_user_id.is_none() && type_index.is_some() {
            person.slack_user_id = a.slack_user_id.as_ref();
        }
    }

    let mut out = LookAhead {
        days: days
            .iter()
            .map(|&day| DayOut {
                day,
                entries: Vec::new(),
            })
            .collect(),
        runs: Vec::new(),
    };
    for person in &people {
        let mut i = 0;
        while i < person.marks.len() {
            if person.marks.get(i).is_none_or(Option::is_none) {
                i += 1;
                continue;
            }
            let start = i;
            while person.marks.get(i).is_some_and(Option::is_some) {
                i += 1;
            }
            let marks: Vec<(NaiveDate, &DayMark)> = (start..i)
                .filter_map(|j| Some((*days.get(j)?, person.marks.get(j)?.as_ref()?)))
                .collect();
            push_absence(&mut out, person, &marks, start);
        }
    }
    // Keys built once per entry (lower-casing inside a comparator allocates per comparison).
    for day in &mut out.days {
        day.entries
            .sort_by_cached_key(|e| name_key(&e.employee_name, &e.employee));
    }
    out.runs
        .sort_by_cached_key(|r| (r.from, name_key(&r.employee_name, &r.employee)));
    out
}

/// Records one stretch of consecutive marked days of `person` (starting at day `start`).
fn push_absence(
    out: &mut LookAhead,
    person: &Collected<'_>,
    marks: &[(NaiveDate, &DayMark)],
    start: usize,
) {
    let type_names = |indices: &mut dyn Iterator<Item = usize>| -> Vec<String> {
        let mut seen: Vec<usize> = Vec::new();
        for t in indices {
            if !seen.contains(&t) {
                seen.push(t);
            }
        }
        seen.sort_unstable();
        seen.iter()
            .filter_map(|&t| person.types.get(t).map(|s| (*s).to_owned()))
            .collect()
    };
    let employee = person.row.absence.employee.clone();
    let employee_name = person.row.absence.employee_name.clone();
    let slack_user_id = person.slack_user_id.cloned();
    match marks {
        [(_, mark)] => {
            if let Some(day) = out.days.get_mut(start) {
                day.entries.push(DayEntry {
                    employee,
                    employee_name,
                    slack_user_id,
                    kind: mark.kind,
                    leave_types: type_names(&mut mark.types.iter().copied()),
                    open: mark.open,
                });
            }
        }
        [(from, _), .., (to, _)] => out.runs.push(Run {
            employee,
            employee_name,
            slack_user_id,
            from: *from,
            to: *to,
            halves: marks
                .iter()
                .filter(|(_, m)| m.kind != AbsenceKind::FullDay)
                .map(|(d, m)| (*d, m.kind))
                .collect(),
            leave_types: type_names(&mut marks.iter().flat_map(|(_, m)| m.types.iter().copied())),
            open: marks.iter().all(|(_, m)| m.open),
        }),
        [] => {}
    }
}

/// The order of people by name: case-insensitive, then exact, then employee id (as `/whoisout`).
fn name_key(name: &str, employee: &str) -> (String, String, String) {
    (name.to_lowercase(), name.to_owned(), employee.to_owned())
}
