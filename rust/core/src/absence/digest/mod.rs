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
//! - each person's days merged as the daily summary merges them ([`AbsenceKind`]); their leave
//!   types in the order of their rows, each once, at most [`TYPES_KEPT`];
//! - a person out on several working days in a row (days off between them skipped: Friday and
//!   the Monday after are in a row) is one [`Run`], listed by person; a person out on one working
//!   day alone is listed under that day ([`Day`]). One person may have both (out Monday,
//!   back Tuesday, out again Thursday and Friday).
//! - days in date order; a day's people and the runs by name (case-insensitive, then exact),
//!   then employee id; runs by their first day first.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, Days, NaiveDate};

use super::kind::AbsenceKind;
use super::who::{LeaveState, OutRow};
use super::InputError;
use crate::slack_id::SlackUserId;

pub mod celebrations;
pub mod holidays;
#[cfg(test)]
mod tests;

pub use celebrations::{celebrations_due, Celebration, CelebrationKind, Person, Range};
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

/// FNV-1a: employee ids are short and not chosen by an attacker, and SipHash's cost was the
/// largest single item of a week's look-ahead (perf).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The hasher of [`RowIndex`] and the look-ahead's index.
pub type FastHash = BuildHasherDefault<Fnv>;

/// A tick's rows by employee, built once: each rule's scope (thousands of employee ids) becomes
/// the mask of its rows ([`Self::mask`]) without copying an id — copying them into a set was
/// most of a scoped rule's cost.
#[derive(Debug, Clone, Default)]
pub struct RowIndex {
    rows: usize,
    by_employee: HashMap<String, Vec<usize>, FastHash>,
}

impl RowIndex {
    pub fn new(rows: &[OutRow]) -> Self {
        let mut by_employee: HashMap<String, Vec<usize>, FastHash> = HashMap::default();
        for (i, row) in rows.iter().enumerate() {
            match by_employee.get_mut(row.absence.employee.as_str()) {
                Some(list) => list.push(i),
                None => {
                    by_employee.insert(row.absence.employee.clone(), vec![i]);
                }
            }
        }
        Self {
            rows: rows.len(),
            by_employee,
        }
    }

    /// Which rows (by position) are of one of `employees`.
    pub fn mask<'e>(&self, employees: impl IntoIterator<Item = &'e str>) -> Vec<bool> {
        let mut mask = vec![false; self.rows];
        for employee in employees {
            self.mark(&mut mask, employee);
        }
        mask
    }

    /// Marks the rows of `employee` in `mask` (as long as the index's rows).
    pub fn mark(&self, mask: &mut [bool], employee: &str) {
        for &i in self.by_employee.get(employee).into_iter().flatten() {
            if let Some(slot) = mask.get_mut(i) {
                *slot = true;
            }
        }
    }

    /// A mask of no rows, to [`Self::mark`].
    pub fn empty_mask(&self) -> Vec<bool> {
        vec![false; self.rows]
    }
}

/// Which rows a rule reads: its scope and whether open requests count.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// The rows of the rule's employees, by position ([`RowIndex::mask`]); `None` = everyone.
    pub in_scope: Option<&'a [bool]>,
    pub include_open: bool,
}

impl Selection<'_> {
    /// Does the rule read `row`, the `index`-th row?
    pub fn admits(&self, index: usize, row: &OutRow) -> bool {
        (self.include_open || row.state == LeaveState::Approved)
            && self
                .in_scope
                .is_none_or(|mask| mask.get(index).copied().unwrap_or(false))
    }
}

/// Leave types kept per person and line: the post names at most this many.
pub const TYPES_KEPT: usize = 5;

/// A person's leave types in the order of their rows, each once, at most [`TYPES_KEPT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeaveTypes<'r> {
    names: [&'r str; TYPES_KEPT],
    len: usize,
}

impl<'r> LeaveTypes<'r> {
    /// The slot of `name`, added if new; `None` when the list is full.
    fn slot(&mut self, name: &'r str) -> Option<usize> {
        if let Some(i) = self.iter().position(|t| t == name) {
            return Some(i);
        }
        let free = self.names.get_mut(self.len)?;
        *free = name;
        self.len += 1;
        Some(self.len - 1)
    }

    /// The types whose slots are set in `mask`, in slot order.
    fn select(&self, mask: u8) -> Self {
        let mut out = Self::default();
        for (i, name) in self.iter().enumerate() {
            if mask & (1 << i) != 0 {
                out.slot(name);
            }
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        self.names.iter().take(self.len).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Someone out on one working day alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPerson<'r> {
    /// Their first row (employee id and name).
    pub row: &'r OutRow,
    /// The first Slack id among their rows.
    pub slack_user_id: Option<&'r SlackUserId>,
    pub kind: AbsenceKind,
    pub leave_types: LeaveTypes<'r>,
    /// None of their leaves that day is approved.
    pub open: bool,
}

/// A working day and who is out on it alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day<'r> {
    pub day: NaiveDate,
    pub people: Vec<DayPerson<'r>>,
}

/// Someone out on several working days in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<'r> {
    pub row: &'r OutRow,
    pub slack_user_id: Option<&'r SlackUserId>,
    /// The first and the last working day of the run.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The days of the run on which the person is out half a day, and which half.
    pub halves: Vec<(NaiveDate, AbsenceKind)>,
    pub leave_types: LeaveTypes<'r>,
    /// None of the run's days is covered by an approved leave.
    pub open: bool,
}

impl DayPerson<'_> {
    pub fn employee(&self) -> &str {
        &self.row.absence.employee
    }

    pub fn employee_name(&self) -> &str {
        &self.row.absence.employee_name
    }
}

impl Run<'_> {
    pub fn employee(&self) -> &str {
        &self.row.absence.employee
    }

    pub fn employee_name(&self) -> &str {
        &self.row.absence.employee_name
    }
}

/// Who is out over a look-ahead horizon: one-day absences by day, runs by person; borrowed
/// from the rows (a post is written from it and dropped).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LookAhead<'r> {
    /// Every working day of the period, in order, with the people out on it alone.
    pub days: Vec<Day<'r>>,
    pub runs: Vec<Run<'r>>,
}

impl LookAhead<'_> {
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.days.iter().all(|d| d.people.is_empty())
    }

    /// Lines the digest lists: one per run and one per person on a day.
    pub fn len(&self) -> usize {
        self.runs.len() + self.days.iter().map(|d| d.people.len()).sum::<usize>()
    }
}

/// One day of one person while collecting (no allocation: the types are slots of the person's).
#[derive(Debug, Clone, Copy)]
struct DayMark {
    kind: AbsenceKind,
    types: u8,
    open: bool,
}

/// A person while collecting; their marks are `days.len()` entries of one flat vector.
struct Collected<'r> {
    row: &'r OutRow,
    slack_user_id: Option<&'r SlackUserId>,
    types: LeaveTypes<'r>,
    marks: usize,
}

/// Who in `selection` is out on each of `days` (working days, any order; sorted and deduplicated
/// here), split into one-day absences and runs (the rules in the module docs).
pub fn look_ahead<'r>(
    rows: &'r [OutRow],
    selection: Selection<'_>,
    days: &[NaiveDate],
) -> LookAhead<'r> {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
        return LookAhead::default();
    };
    let width = days.len();
    let mut people: Vec<Collected<'r>> = Vec::new();
    let mut marks: Vec<Option<DayMark>> = Vec::new();
    let mut index: HashMap<&'r str, usize, FastHash> = HashMap::default();
    for (r, row) in rows.iter().enumerate() {
        let a = &row.absence;
        if a.to_date < first || a.from_date > last || !selection.admits(r, row) {
            continue;
        }
        let i = *index.entry(a.employee.as_str()).or_insert_with(|| {
            people.push(Collected {
                row,
                slack_user_id: None,
                types: LeaveTypes::default(),
                marks: marks.len(),
            });
            marks.resize(marks.len() + width, None);
            people.len() - 1
        });
        let Some(person) = people.get_mut(i) else {
            continue;
        };
        let approved = row.state == LeaveState::Approved;
        let mut type_mask: Option<u8> = None;
        let own = marks
            .get_mut(person.marks..person.marks + width)
            .unwrap_or_default();
        for (slot, day) in own.iter_mut().zip(&days) {
            let Some(kind) = a.kind_on(*day) else {
                continue;
            };
            let mask = *type_mask
                .get_or_insert_with(|| person.types.slot(&row.leave_type).map_or(0, |t| 1u8 << t));
            *slot = Some(match *slot {
                Some(mark) => DayMark {
                    kind: mark.kind.merge(kind),
                    types: mark.types | mask,
                    open: mark.open && !approved,
                },
                None => DayMark {
                    kind,
                    types: mask,
                    open: !approved,
                },
            });
        }
        if person.slack_user_id.is_none() && type_mask.is_some() {
            person.slack_user_id = a.slack_user_id.as_ref();
        }
    }

    let mut out = LookAhead {
        days: days
            .iter()
            .map(|&day| Day {
                day,
                people: Vec::new(),
            })
            .collect(),
        runs: Vec::new(),
    };
    for person in &people {
        let own = marks
            .get(person.marks..person.marks + width)
            .unwrap_or_default();
        let mut i = 0;
        while i < own.len() {
            if own.get(i).is_none_or(Option::is_none) {
                i += 1;
                continue;
            }
            let start = i;
            while own.get(i).is_some_and(Option::is_some) {
                i += 1;
            }
            let stretch: Vec<(NaiveDate, DayMark)> = (start..i)
                .filter_map(|j| Some((*days.get(j)?, (*own.get(j)?)?)))
                .collect();
            push_absence(&mut out, person, &stretch, start);
        }
    }
    for day in &mut out.days {
        day.people.sort_by(|a, b| by_name(a.row, b.row));
    }
    out.runs
        .sort_by(|a, b| a.from.cmp(&b.from).then_with(|| by_name(a.row, b.row)));
    out
}

/// Records one stretch of consecutive marked days of `person` (starting at day `start`).
fn push_absence<'r>(
    out: &mut LookAhead<'r>,
    person: &Collected<'r>,
    stretch: &[(NaiveDate, DayMark)],
    start: usize,
) {
    match stretch {
        [(_, mark)] => {
            if let Some(day) = out.days.get_mut(start) {
                day.people.push(DayPerson {
                    row: person.row,
                    slack_user_id: person.slack_user_id,
                    kind: mark.kind,
                    leave_types: person.types.select(mark.types),
                    open: mark.open,
                });
            }
        }
        [(from, _), .., (to, _)] => out.runs.push(Run {
            row: person.row,
            slack_user_id: person.slack_user_id,
            from: *from,
            to: *to,
            halves: stretch
                .iter()
                .filter(|(_, m)| m.kind != AbsenceKind::FullDay)
                .map(|(d, m)| (*d, m.kind))
                .collect(),
            leave_types: person
                .types
                .select(stretch.iter().fold(0, |acc, (_, m)| acc | m.types)),
            open: stretch.iter().all(|(_, m)| m.open),
        }),
        [] => {}
    }
}

/// The order of people by name: case-insensitive, then exact, then employee id (as `/whoisout`);
/// ASCII names compare without lower-casing copies.
fn by_name(a: &OutRow, b: &OutRow) -> Ordering {
    let (x, y) = (&a.absence.employee_name, &b.absence.employee_name);
    let folded = if x.is_ascii() && y.is_ascii() {
        x.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(y.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        x.to_lowercase().cmp(&y.to_lowercase())
    };
    folded
        .then_with(|| x.cmp(y))
        .then_with(|| a.absence.employee.cmp(&b.absence.employee))
}
