//! Who is out on given days, leave by leave: what `/whoisout` lists day by day ([`days_out`])
//! and what the approver's card lists for the days of a request ([`others_out`]).
//!
//! The rows are the daily summary's ([`AbsenceRow`]: Open or Approved Leave Applications of
//! current staff) with three more fields: the leave type, the state, and whether the reader may
//! read that leave (`readable`, decided by the ERP's permissions; default true). Rules:
//! - `/whoisout`: on each day asked about, everyone a row covers, once (their rows merged as the
//!   summary merges them: [`AbsenceKind`]); their leave types in order, without repeats; open
//!   only when none of their rows that day is approved.
//! - The approver's card: everyone but the applicant with a row overlapping the request's days,
//!   once, with the leaves the approver may read (an unreadable leave shows the name only).
//! - Both sorted by name (case-insensitive, then exact), then employee id.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::kind::AbsenceKind;
use super::rows::{AbsenceRow, FieldRef, RowFieldError, RowSource};
use crate::slack_id::SlackUserId;

/// Where a leave stands: a request not yet decided, or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum LeaveState {
    Open,
    Approved,
}

/// One Leave Application of someone who may be out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Map<String, Value>")]
pub struct OutRow {
    pub absence: AbsenceRow,
    pub leave_type: String,
    pub state: LeaveState,
    /// May the reader see the leave type, the dates and the state (else the name only)?
    pub readable: bool,
}

impl TryFrom<Map<String, Value>> for OutRow {
    type Error = RowFieldError;

    fn try_from(map: Map<String, Value>) -> Result<Self, RowFieldError> {
        Self::from_source(&map)
    }
}

impl OutRow {
    /// One row from any [`RowSource`] (a JSON object, or a Python dict read in place), naming
    /// the first bad field.
    pub fn from_source<S: RowSource>(map: &S) -> Result<Self, S::Error> {
        let absence = AbsenceRow::from_source(map)?;
        let leave_type = map.with_field("leave_type", |v| match v {
            FieldRef::Str(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            _ => Err(field_error("leave_type", "expected a leave type")),
        })?;
        let state = map.with_field("status", |v| match v {
            FieldRef::Str("Open") => Ok(LeaveState::Open),
            FieldRef::Str("Approved") => Ok(LeaveState::Approved),
            _ => Err(field_error("status", "expected \"Open\" or \"Approved\"")),
        })?;
        let readable = map.with_field("readable", |v| match v {
            FieldRef::Missing | FieldRef::Null => Ok(true),
            FieldRef::Bool(b) => Ok(b),
            _ => Err(field_error("readable", "expected a bool")),
        })?;
        Ok(Self {
            absence,
            leave_type,
            state,
            readable,
        })
    }
}

fn field_error(field: &'static str, problem: &str) -> RowFieldError {
    RowFieldError {
        field,
        problem: problem.to_owned(),
    }
}

/// Someone out on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEntry {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    pub kind: AbsenceKind,
    /// Their leave types that day, in row order, each once.
    pub leave_types: Vec<String>,
    /// None of their leaves that day is approved yet.
    pub open: bool,
}

/// One day asked about and who is out on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOut {
    pub day: NaiveDate,
    pub entries: Vec<DayEntry>,
}

/// Who is out on each of `days` (in the order given; the caller leaves out non-working days).
pub fn days_out(rows: &[OutRow], days: &[NaiveDate]) -> Vec<DayOut> {
    days.iter()
        .map(|&day| {
            let mut entries: Vec<DayEntry> = Vec::new();
            for row in rows {
                let Some(kind) = row.absence.kind_on(day) else {
                    continue;
                };
                let approved = row.state == LeaveState::Approved;
                match entries
                    .iter_mut()
                    .find(|e| e.employee == row.absence.employee)
                {
                    Some(entry) => {
                        entry.kind = entry.kind.merge(kind);
                        entry.open &= !approved;
                        if !entry.leave_types.contains(&row.leave_type) {
                            entry.leave_types.push(row.leave_type.clone());
                        }
                        if entry.slack_user_id.is_none() {
                            entry.slack_user_id = row.absence.slack_user_id.clone();
                        }
                    }
                    None => entries.push(DayEntry {
                        employee: row.absence.employee.clone(),
                        employee_name: row.absence.employee_name.clone(),
                        slack_user_id: row.absence.slack_user_id.clone(),
                        kind,
                        leave_types: vec![row.leave_type.clone()],
                        open: !approved,
                    }),
                }
            }
            entries.sort_by(|a, b| {
                by_name(&a.employee_name, &a.employee, &b.employee_name, &b.employee)
            });
            DayOut { day, entries }
        })
        .collect()
}

/// One leave of someone else, as the approver may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedLeave {
    pub leave_type: String,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    /// The half day, when the leave has one (its `half_day_date`, else its first day).
    pub half_day: Option<NaiveDate>,
    pub half_period: Option<crate::half_period::HalfPeriod>,
    pub state: LeaveState,
}

/// Someone else out during a request: their name, and the leaves the approver may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherOut {
    pub employee: String,
    pub employee_name: String,
    pub slack_user_id: Option<SlackUserId>,
    /// Empty when the approver may read none of their leaves: the name only.
    pub leaves: Vec<SharedLeave>,
}

/// Everyone but `applicant` out on a day of `from..=to`, once each (see the module docs).
pub fn others_out(
    rows: &[OutRow],
    applicant: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<OtherOut> {
    let mut people: Vec<OtherOut> = Vec::new();
    for row in rows {
        let a = &row.absence;
        if a.employee == applicant || a.to_date < from || a.from_date > to {
            continue;
        }
        let leave = row.readable.then(|| SharedLeave {
            leave_type: row.leave_type.clone(),
            from_date: a.from_date,
            to_date: a.to_date,
            half_day: a.half_day.then(|| a.half_day_date.unwrap_or(a.from_date)),
            half_period: a.half_day.then_some(a.half_period).flatten(),
            state: row.state,
        });
        let person = match people.iter_mut().position(|p| p.employee == a.employee) {
            Some(i) => people.get_mut(i),
            None => {
                people.push(OtherOut {
                    employee: a.employee.clone(),
                    employee_name: a.employee_name.clone(),
                    slack_user_id: a.slack_user_id.clone(),
                    leaves: Vec::new(),
                });
                people.last_mut()
            }
        };
        if let (Some(person), Some(leave)) = (person, leave) {
            if !person.leaves.contains(&leave) {
                person.leaves.push(leave);
            }
        }
    }
    for person in &mut people {
        person.leaves.sort_by_key(|x| (x.from_date, x.to_date));
    }
    people.sort_by(|a, b| by_name(&a.employee_name, &a.employee, &b.employee_name, &b.employee));
    people
}

fn by_name(a_name: &str, a_id: &str, b_name: &str, b_id: &str) -> std::cmp::Ordering {
    a_name
        .to_lowercase()
        .cmp(&b_name.to_lowercase())
        .then_with(|| a_name.cmp(b_name))
        .then_with(|| a_id.cmp(b_id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::dates::parse_iso_date;

    fn day(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap_or_default()
    }

    fn row(value: Value) -> OutRow {
        serde_json::from_value(value).unwrap_or_else(|e| panic!("bad test row: {e}"))
    }

    fn leave(employee: &str, name: &str, from: &str, to: &str, kind: &str, status: &str) -> OutRow {
        row(json!({
            "employee": employee, "employee_name": name, "from_date": from, "to_date": to,
            "leave_type": kind, "status": status,
        }))
    }

    #[test]
    fn a_row_needs_a_leave_type_and_an_open_or_approved_status() {
        let base = json!({"employee": "E1", "from_date": "2026-12-08", "to_date": "2026-12-08"});
        let mut bad_status = base.clone();
        bad_status["leave_type"] = json!("Sick Leave");
        bad_status["status"] = json!("Rejected");
        assert!(serde_json::from_value::<OutRow>(bad_status).is_err());
        let mut no_type = base.clone();
        no_type["status"] = json!("Open");
        assert!(serde_json::from_value::<OutRow>(no_type).is_err());
        let mut ok = base;
        ok["leave_type"] = json!("Sick Leave");
        ok["status"] = json!("Approved");
        let parsed = row(ok);
        assert!(parsed.readable);
        assert_eq!(parsed.state, LeaveState::Approved);
    }

    #[test]
    fn days_out_groups_by_day_and_merges_a_person() {
        let rows = vec![
            leave(
                "E2",
                "bo",
                "2026-12-08",
                "2026-12-09",
                "Casual Leave",
                "Open",
            ),
            leave(
                "E1",
                "Ann",
                "2026-12-09",
                "2026-12-09",
                "Sick Leave",
                "Approved",
            ),
            leave(
                "E2",
                "bo",
                "2026-12-09",
                "2026-12-09",
                "Sick Leave",
                "Approved",
            ),
            row(json!({
                "employee": "E3", "employee_name": "Cy", "from_date": "2026-12-09",
                "to_date": "2026-12-09", "half_day": 1, "half_period": "Second Half",
                "leave_type": "Casual Leave", "status": "Open",
            })),
        ];
        let out = days_out(
            &rows,
            &[day("2026-12-08"), day("2026-12-09"), day("2026-12-10")],
        );
        assert_eq!(out.len(), 3);
        let first: Vec<&str> = out[0].entries.iter().map(|e| e.employee.as_str()).collect();
        assert_eq!(first, ["E2"]);
        assert!(out[0].entries[0].open);
        let second = &out[1].entries;
        let names: Vec<&str> = second.iter().map(|e| e.employee_name.as_str()).collect();
        assert_eq!(names, ["Ann", "bo", "Cy"]);
        assert_eq!(second[1].leave_types, ["Casual Leave", "Sick Leave"]);
        assert!(!second[1].open, "one approved leave makes the day approved");
        assert_eq!(second[2].kind, AbsenceKind::SecondHalf);
        assert!(out[2].entries.is_empty());
    }

    #[test]
    fn others_out_leaves_out_the_applicant_and_rows_outside_the_request() {
        let mut hidden = leave(
            "E4",
            "Dee",
            "2026-12-10",
            "2026-12-12",
            "Sick Leave",
            "Approved",
        );
        hidden.readable = false;
        let rows = vec![
            leave(
                "E1",
                "Applicant",
                "2026-12-08",
                "2026-12-10",
                "Casual Leave",
                "Open",
            ),
            leave(
                "E2",
                "Bo",
                "2026-12-01",
                "2026-12-07",
                "Casual Leave",
                "Approved",
            ),
            leave(
                "E3",
                "Ann",
                "2026-12-07",
                "2026-12-08",
                "Casual Leave",
                "Open",
            ),
            leave(
                "E3",
                "Ann",
                "2026-12-10",
                "2026-12-10",
                "Sick Leave",
                "Approved",
            ),
            hidden,
        ];
        let out = others_out(&rows, "E1", day("2026-12-08"), day("2026-12-10"));
        let names: Vec<&str> = out.iter().map(|p| p.employee_name.as_str()).collect();
        assert_eq!(names, ["Ann", "Dee"]);
        assert_eq!(out[0].leaves.len(), 2);
        assert_eq!(out[0].leaves[0].state, LeaveState::Open);
        assert_eq!(out[0].leaves[1].leave_type, "Sick Leave");
        assert!(
            out[1].leaves.is_empty(),
            "an unreadable leave shows the name only"
        );
    }

    #[test]
    fn others_out_keeps_the_half_day() {
        let rows = vec![row(json!({
            "employee": "E2", "employee_name": "Bo", "from_date": "2026-12-08",
            "to_date": "2026-12-09", "half_day": true, "half_day_date": "2026-12-09",
            "half_period": "First Half", "leave_type": "Casual Leave", "status": "Approved",
        }))];
        let out = others_out(&rows, "E1", day("2026-12-09"), day("2026-12-09"));
        assert_eq!(out[0].leaves[0].half_day, Some(day("2026-12-09")));
        assert_eq!(
            out[0].leaves[0].half_period,
            Some(crate::half_period::HalfPeriod::FirstHalf)
        );
    }
}
