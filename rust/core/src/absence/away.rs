//! "While you are away": when a person's approved leave makes them away, in their own time zone,
//! and whether a status write may touch what Slack shows now.
//!
//! Rules (issue 26), made precise:
//! - A leave runs from its first day's local midnight to the local midnight after its last day.
//!   A half day on the first day taken as the Second Half starts at 12:00 local; a half day on the
//!   last day taken as the First Half ends at 12:00 local. A half day whose period is unknown, or
//!   one in the middle of a leave, counts as the whole day (the person is out for part of it:
//!   showing it is the safer mistake).
//! - Leaves merge into one absence when they overlap or touch, or when only non-working days
//!   (weekly offs, holidays: the caller's list) lie between them.
//! - The person is away when `start <= now < end` of one merged absence; its `last_day` is the
//!   `to_date` of its last leave (what the status says: "On leave until {date}").
//! - Local times become instants in the person's IANA time zone: an ambiguous local time (the
//!   autumn change) takes the earlier instant, a skipped one (the spring change at midnight, as in
//!   America/Santiago) the first instant after the gap.

use chrono::{Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::Value;

use crate::half_period::HalfPeriod;

/// One approved Leave Application as the ERP adapter hands it over (extra keys ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AwayLeave {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default, deserialize_with = "flag")]
    pub half_day: bool,
    #[serde(default, deserialize_with = "optional_date")]
    pub half_day_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "optional_period")]
    pub half_period: Option<HalfPeriod>,
}

/// What the computation needs: the leaves, the days off between them, the zone and the moment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwayInput {
    pub leaves: Vec<AwayLeave>,
    /// Days that are not working days for the person (weekly offs and holidays) around the leaves.
    #[serde(default)]
    pub non_working: Vec<NaiveDate>,
    /// IANA name (Slack's `tz`, else the site's).
    pub tz: String,
    /// Unix seconds.
    pub now: i64,
}

/// The absence the person is in now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Away {
    /// Unix seconds.
    pub start: i64,
    /// Unix seconds: the status expires and the snooze ends here.
    pub end: i64,
    pub last_day: NaiveDate,
}

impl Away {
    /// Minutes of Do Not Disturb from `now` to the end (at least one).
    pub fn snooze_minutes(&self, now: i64) -> i64 {
        let seconds = (self.end - now).max(60);
        (seconds + 59) / 60
    }
}

/// Bad input: an unknown time zone or a leave that ends before it starts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwayError {
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
    #[error("a leave from {from} to {to} ends before it starts")]
    Backwards { from: NaiveDate, to: NaiveDate },
}

impl AwayError {
    /// Stable reason code (Python: `InputError.reason`).
    pub fn reason(&self) -> &'static str {
        match self {
            Self::UnknownTimeZone(_) => "unknown_time_zone",
            Self::Backwards { .. } => "bad_dates",
        }
    }
}

/// The time zone named `name` (IANA).
pub fn time_zone(name: &str) -> Result<Tz, AwayError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| AwayError::UnknownTimeZone(name.chars().take(64).collect()))
}

const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The instant of local `moment` in `tz` (see the module rules for the changes of the clock).
fn instant(tz: Tz, moment: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&moment) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(earlier, _) => earlier.timestamp(),
        LocalResult::None => {
            // In a gap: the first minute that exists after it (gaps last at most a few hours).
            let mut probe = moment;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.timestamp();
                }
            }
            moment.and_utc().timestamp()
        }
    }
}

/// The half day of `leave` falls on `day` with `period`.
fn half_on(leave: &AwayLeave, day: NaiveDate, period: HalfPeriod) -> bool {
    if !leave.half_day || leave.half_period != Some(period) {
        return false;
    }
    match leave.half_day_date {
        Some(d) => d == day,
        None => leave.from_date == leave.to_date && leave.from_date == day,
    }
}

/// A leave as local (start, end) and its last day.
struct Span {
    start: NaiveDateTime,
    end: NaiveDateTime,
    last_day: NaiveDate,
}

fn span(leave: &AwayLeave) -> Result<Span, AwayError> {
    if leave.to_date < leave.from_date {
        return Err(AwayError::Backwards {
            from: leave.from_date,
            to: leave.to_date,
        });
    }
    let start = if half_on(leave, leave.from_date, HalfPeriod::SecondHalf) {
        leave.from_date.and_time(NOON)
    } else {
        leave.from_date.and_time(NaiveTime::MIN)
    };
    let end = if half_on(leave, leave.to_date, HalfPeriod::FirstHalf) {
        leave.to_date.and_time(NOON)
    } else {
        next_day(leave.to_date).and_time(NaiveTime::MIN)
    };
    Ok(Span {
        start,
        end,
        last_day: leave.to_date,
    })
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

/// Only whole non-working days lie between `end` and `start` (both at local midnight).
fn bridged(end: NaiveDateTime, start: NaiveDateTime, non_working: &[NaiveDate]) -> bool {
    if end.time() != NaiveTime::MIN || start.time() != NaiveTime::MIN {
        return false;
    }
    let mut day = end.date();
    while day < start.date() {
        if !non_working.contains(&day) {
            return false;
        }
        day = next_day(day);
    }
    true
}

/// Every leave merged into absences (local times), earliest first.
fn merged(leaves: &[AwayLeave], non_working: &[NaiveDate]) -> Result<Vec<Span>, AwayError> {
    let mut spans = leaves.iter().map(span).collect::<Result<Vec<_>, _>>()?;
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end || bridged(last.end, s.start, non_working) => {
                if s.end > last.end {
                    last.end = s.end;
                    last.last_day = s.last_day;
                }
            }
            _ => out.push(s),
        }
    }
    Ok(out)
}

/// The absence the person is in at `input.now`, or None.
pub fn away_now(input: &AwayInput) -> Result<Option<Away>, AwayError> {
    let tz = time_zone(&input.tz)?;
    for s in merged(&input.leaves, &input.non_working)? {
        let (start, end) = (instant(tz, s.start), instant(tz, s.end));
        if start <= input.now && input.now < end {
            return Ok(Some(Away {
                start,
                end,
                last_day: s.last_day,
            }));
        }
    }
    Ok(None)
}

// ------------------------------------------------------------------------------------ the guard

/// A status as Slack shows it (users.profile.get's `profile`) or as the app sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Status {
    #[serde(default)]
    pub status_text: String,
    #[serde(default)]
    pub status_emoji: String,
    #[serde(default)]
    pub status_expiration: i64,
}

impl Status {
    pub fn is_empty(&self) -> bool {
        self.status_text.is_empty() && self.status_emoji.is_empty()
    }

    /// The same words and emoji (the expiration may differ: the leave got longer).
    fn same_as(&self, other: &Status) -> bool {
        self.status_text == other.status_text && self.status_emoji == other.status_emoji
    }
}

/// Whether a status write goes out, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    Send,
    /// Nothing to do: the status is already what the write would leave.
    AlreadyDone,
    /// The person set a status of their own since: theirs stays.
    PersonsOwn,
}

impl Guard {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Send => "send",
            Self::AlreadyDone => "already_done",
            Self::PersonsOwn => "persons_own",
        }
    }
}

/// May the app set `wanted`, Slack showing `current`? Yes when nothing is shown or what is shown
/// is the app's (`ours`: the status it last set, or `wanted` itself).
pub fn guard_set(current: &Status, ours: Option<&Status>, wanted: &Status) -> Guard {
    if current.is_empty() || current.same_as(wanted) || ours.is_some_and(|o| current.same_as(o)) {
        Guard::Send
    } else {
        Guard::PersonsOwn
    }
}

/// May the app clear the status, Slack showing `current`? Only when it is still `ours`.
pub fn guard_clear(current: &Status, ours: Option<&Status>) -> Guard {
    if current.is_empty() {
        Guard::AlreadyDone
    } else if ours.is_some_and(|o| current.same_as(o)) {
        Guard::Send
    } else {
        Guard::PersonsOwn
    }
}

/// The status inside a `users.profile.get` answer or a `{"profile": …}` body.
pub fn status_of(value: &Value) -> Status {
    let profile = value.get("profile").unwrap_or(value);
    serde_json::from_value(profile.clone()).unwrap_or_default()
}

// ------------------------------------------------------------------------ lenient field readers

fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !matches!(s.trim(), "" | "0" | "false"),
        _ => false,
    })
}

fn optional_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => crate::dates::parse_iso_date(s.trim())
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}"))),
    }
}

fn optional_period<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<HalfPeriod>, D::Error> {
    Ok(match Option::<String>::deserialize(d)? {
        Some(s) => HalfPeriod::from_label(&s).or_else(|| HalfPeriod::from_code(&s)),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_iso_date(s).unwrap_or_default()
    }

    fn leave(from: &str, to: &str) -> AwayLeave {
        AwayLeave {
            from_date: d(from),
            to_date: d(to),
            half_day: false,
            half_day_date: None,
            half_period: None,
        }
    }

    fn half(from: &str, to: &str, on: &str, period: HalfPeriod) -> AwayLeave {
        AwayLeave {
            half_day: true,
            half_day_date: Some(d(on)),
            half_period: Some(period),
            ..leave(from, to)
        }
    }

    fn at(tz: &str, local: &str) -> i64 {
        let zone = time_zone(tz).unwrap_or(Tz::UTC);
        let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap_or_default();
        instant(zone, naive)
    }

    fn away(leaves: Vec<AwayLeave>, non_working: &[&str], tz: &str, now: &str) -> Option<Away> {
        away_now(&AwayInput {
            leaves,
            non_working: non_working.iter().map(|s| d(s)).collect(),
            tz: tz.into(),
            now: at(tz, now),
        })
        .unwrap_or(None)
    }

    const BERLIN: &str = "Europe/Berlin";

    #[test]
    fn a_full_day_leave_runs_from_local_midnight_to_the_midnight_after_its_last_day() {
        let l = vec![leave("2026-12-08", "2026-12-11")];
        assert_eq!(away(l.clone(), &[], BERLIN, "2026-12-07 23:59"), None);
        let a = away(l.clone(), &[], BERLIN, "2026-12-08 00:00");
        assert_eq!(
            a,
            Some(Away {
                start: at(BERLIN, "2026-12-08 00:00"),
                end: at(BERLIN, "2026-12-12 00:00"),
                last_day: d("2026-12-11"),
            })
        );
        assert_eq!(away(l, &[], BERLIN, "2026-12-12 00:00"), None);
    }

    #[test]
    fn the_persons_zone_decides_when_their_day_starts() {
        let l = vec![leave("2026-12-08", "2026-12-08")];
        let tokyo = away(l.clone(), &[], "Asia/Tokyo", "2026-12-08 00:30");
        assert!(tokyo.is_some());
        // 00:30 in Tokyo is still the 7th in New York: not away there yet.
        let now = at("Asia/Tokyo", "2026-12-08 00:30");
        let ny = away_now(&AwayInput {
            leaves: l,
            non_working: vec![],
            tz: "America/New_York".into(),
            now,
        });
        assert_eq!(ny, Ok(None));
    }

    #[test]
    fn a_last_day_first_half_ends_at_noon_and_a_first_day_second_half_starts_at_noon() {
        let l = vec![half(
            "2026-12-08",
            "2026-12-10",
            "2026-12-10",
            HalfPeriod::FirstHalf,
        )];
        let a = away(l, &[], BERLIN, "2026-12-10 11:59");
        assert_eq!(a.map(|a| a.end), Some(at(BERLIN, "2026-12-10 12:00")));
        let l = vec![half(
            "2026-12-08",
            "2026-12-10",
            "2026-12-08",
            HalfPeriod::SecondHalf,
        )];
        assert_eq!(away(l.clone(), &[], BERLIN, "2026-12-08 11:59"), None);
        let a = away(l, &[], BERLIN, "2026-12-08 12:00");
        assert_eq!(a.map(|a| a.start), Some(at(BERLIN, "2026-12-08 12:00")));
    }

    #[test]
    fn a_one_day_half_day_without_a_date_is_that_day_and_one_without_a_period_the_whole_day() {
        let mut l = leave("2026-12-08", "2026-12-08");
        l.half_day = true;
        l.half_period = Some(HalfPeriod::FirstHalf);
        let a = away(vec![l.clone()], &[], BERLIN, "2026-12-08 09:00");
        assert_eq!(a.map(|a| a.end), Some(at(BERLIN, "2026-12-08 12:00")));
        l.half_period = None;
        let a = away(vec![l], &[], BERLIN, "2026-12-08 09:00");
        assert_eq!(a.map(|a| a.end), Some(at(BERLIN, "2026-12-09 00:00")));
    }

    #[test]
    fn back_to_back_leaves_and_leaves_with_only_days_off_between_merge() {
        // Mon–Fri, then the next Mon–Tue, the weekend between: one absence until Tuesday.
        let l = vec![
            leave("2026-12-14", "2026-12-15"),
            leave("2026-12-07", "2026-12-11"),
        ];
        let a = away(
            l.clone(),
            &["2026-12-12", "2026-12-13"],
            BERLIN,
            "2026-12-09 10:00",
        );
        assert_eq!(a.map(|a| a.last_day), Some(d("2026-12-15")));
        assert_eq!(a.map(|a| a.end), Some(at(BERLIN, "2026-12-16 00:00")));
        // The weekend itself is inside the absence.
        assert!(away(
            l.clone(),
            &["2026-12-12", "2026-12-13"],
            BERLIN,
            "2026-12-13 10:00"
        )
        .is_some());
        // Without the days off, a working day between keeps them apart.
        let a = away(l, &["2026-12-12"], BERLIN, "2026-12-09 10:00");
        assert_eq!(a.map(|a| a.last_day), Some(d("2026-12-11")));
        // Touching: Mon–Wed then Thu–Fri.
        let l = vec![
            leave("2026-12-07", "2026-12-09"),
            leave("2026-12-10", "2026-12-11"),
        ];
        let a = away(l, &[], BERLIN, "2026-12-07 10:00");
        assert_eq!(a.map(|a| a.last_day), Some(d("2026-12-11")));
    }

    #[test]
    fn a_leave_inside_another_does_not_shorten_it() {
        let l = vec![
            leave("2026-12-07", "2026-12-18"),
            leave("2026-12-09", "2026-12-10"),
        ];
        let a = away(l, &[], BERLIN, "2026-12-08 10:00");
        assert_eq!(a.map(|a| a.last_day), Some(d("2026-12-18")));
    }

    #[test]
    fn a_leave_over_the_spring_change_ends_at_the_real_midnight() {
        // Berlin moves from +01 to +02 on 2027-03-28 at 02:00: that day has 23 hours.
        let l = vec![leave("2027-03-27", "2027-03-28")];
        let a = away(l, &[], BERLIN, "2027-03-28 12:00");
        let a = a.unwrap_or(Away {
            start: 0,
            end: 0,
            last_day: NaiveDate::MIN,
        });
        assert_eq!(a.end - a.start, (24 + 23) * 3600);
        // 2027-03-29 00:00 +02:00 = 2027-03-28 22:00 UTC.
        assert_eq!(a.end, 1_806_271_200);
    }

    #[test]
    fn a_leave_over_the_autumn_change_lasts_its_25_hours() {
        // Berlin goes back from +02 to +01 on 2026-10-25 at 03:00.
        let a = away(
            vec![leave("2026-10-25", "2026-10-25")],
            &[],
            BERLIN,
            "2026-10-25 12:00",
        );
        assert_eq!(
            a.map(|a| (a.start, a.end)),
            Some((1_792_879_200, 1_792_969_200))
        );
    }

    #[test]
    fn an_ambiguous_midnight_takes_the_earlier_instant() {
        // Cuba goes back from 01:00 to 00:00 on 2026-11-01: that midnight happens twice.
        let now = 1_793_505_600 + 3 * 3600;
        let a = away_now(&AwayInput {
            leaves: vec![leave("2026-11-01", "2026-11-01")],
            non_working: vec![],
            tz: "America/Havana".into(),
            now,
        });
        assert_eq!(
            a.ok().flatten().map(|a| (a.start, a.end)),
            Some((1_793_505_600, 1_793_595_600))
        );
    }

    #[test]
    fn a_midnight_that_does_not_exist_starts_the_leave_at_the_first_minute_after_it() {
        // Chile skips 2026-09-06 00:00 → 01:00 (America/Santiago changes at midnight).
        let l = vec![leave("2026-09-06", "2026-09-06")];
        let tz = time_zone("America/Santiago").unwrap_or(Tz::UTC);
        let a = away_now(&AwayInput {
            leaves: l,
            non_working: vec![],
            tz: "America/Santiago".into(),
            now: instant(
                tz,
                d("2026-09-06").and_hms_opt(10, 0, 0).unwrap_or_default(),
            ),
        });
        let a = a.ok().flatten();
        assert!(a.is_some());
        let start = a.map(|a| a.start).unwrap_or_default();
        let local = chrono::DateTime::<chrono::Utc>::from_timestamp(start, 0)
            .unwrap_or_default()
            .with_timezone(&tz);
        assert_eq!(local.date_naive(), d("2026-09-06"));
        assert_eq!(
            local.time(),
            NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default()
        );
        // The day is 23 hours long.
        assert_eq!(a.map(|a| a.end - a.start), Some(23 * 3600));
    }

    #[test]
    fn snooze_minutes_round_up_and_never_reach_zero() {
        let a = Away {
            start: 0,
            end: 3600,
            last_day: NaiveDate::MIN,
        };
        assert_eq!(a.snooze_minutes(0), 60);
        assert_eq!(a.snooze_minutes(1), 60);
        assert_eq!(a.snooze_minutes(3599), 1);
        assert_eq!(a.snooze_minutes(4000), 1);
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let input = AwayInput {
            leaves: vec![leave("2026-12-08", "2026-12-07")],
            non_working: vec![],
            tz: BERLIN.into(),
            now: 0,
        };
        assert_eq!(away_now(&input).map_err(|e| e.reason()), Err("bad_dates"));
        let input = AwayInput {
            leaves: vec![],
            non_working: vec![],
            tz: "Mars/Olympus".into(),
            now: 0,
        };
        assert_eq!(
            away_now(&input).map_err(|e| e.reason()),
            Err("unknown_time_zone")
        );
    }

    fn st(text: &str, emoji: &str) -> Status {
        Status {
            status_text: text.into(),
            status_emoji: emoji.into(),
            status_expiration: 0,
        }
    }

    #[test]
    fn a_set_goes_out_over_nothing_or_our_own_status_only() {
        let wanted = st("On leave until Fri", ":palm_tree:");
        let ours = st("On leave until Thu", ":palm_tree:");
        assert_eq!(guard_set(&Status::default(), None, &wanted), Guard::Send);
        assert_eq!(guard_set(&ours, Some(&ours), &wanted), Guard::Send);
        assert_eq!(guard_set(&wanted, None, &wanted), Guard::Send);
        let theirs = st("In Lisbon", ":airplane:");
        assert_eq!(guard_set(&theirs, Some(&ours), &wanted), Guard::PersonsOwn);
    }

    #[test]
    fn a_clear_goes_out_only_while_the_status_is_still_ours() {
        let ours = st("On leave until Fri", ":palm_tree:");
        assert_eq!(guard_clear(&ours, Some(&ours)), Guard::Send);
        assert_eq!(
            guard_clear(&Status::default(), Some(&ours)),
            Guard::AlreadyDone
        );
        assert_eq!(
            guard_clear(&st("Back!", ":wave:"), Some(&ours)),
            Guard::PersonsOwn
        );
        assert_eq!(guard_clear(&ours, None), Guard::PersonsOwn);
    }

    #[test]
    fn a_status_is_read_from_an_answer_or_a_body() {
        let v = serde_json::json!({"ok": true, "profile": {"status_text": "x", "status_emoji": ":y:", "status_expiration": 5, "real_name": "Z"}});
        assert_eq!(
            status_of(&v),
            Status {
                status_text: "x".into(),
                status_emoji: ":y:".into(),
                status_expiration: 5
            }
        );
        assert_eq!(status_of(&serde_json::json!({})), Status::default());
    }
}
