//! Unit tests of the absence rules, the row parser and the gate.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use crate::dates::parse_iso_date;
use crate::half_period::HalfPeriod;
use crate::slack_id::SlackUserId;
use chrono::NaiveTime;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap()
}

fn row(emp: &str, name: &str, from: &str, to: &str) -> AbsenceRow {
    AbsenceRow {
        employee: emp.into(),
        employee_name: name.into(),
        slack_user_id: None,
        from_date: d(from),
        to_date: d(to),
        half_day: false,
        half_day_date: None,
        half_period: None,
    }
}

fn half(mut r: AbsenceRow, date: Option<&str>, period: Option<HalfPeriod>) -> AbsenceRow {
    r.half_day = true;
    r.half_day_date = date.map(d);
    r.half_period = period;
    r
}

/// (kind, [(name, to_date)]) per group, for compact assertions.
fn shape(s: &Summary) -> Vec<(AbsenceKind, Vec<(String, NaiveDate)>)> {
    s.groups
        .iter()
        .map(|g| {
            (
                g.kind,
                g.entries
                    .iter()
                    .map(|e| (e.employee_name.clone(), e.to_date))
                    .collect(),
            )
        })
        .collect()
}

const TODAY: &str = "2026-12-04";

#[test]
fn only_rows_covering_today_count() {
    let rows = [
        row("E1", "Past", "2026-12-01", "2026-12-03"),
        row("E2", "Future", "2026-12-05", "2026-12-09"),
        row("E3", "Starts", "2026-12-04", "2026-12-04"),
        row("E4", "Ends", "2026-11-30", "2026-12-04"),
        row("E5", "Spans", "2026-11-30", "2026-12-10"),
    ];
    let s = summarise(&rows, d(TODAY));
    assert_eq!(s.total(), 3);
    let names: Vec<_> = s.groups[0]
        .entries
        .iter()
        .map(|e| e.employee_name.as_str())
        .collect();
    assert_eq!(names, ["Ends", "Starts", "Spans"]);
}

#[test]
fn half_day_only_on_its_date() {
    let r = half(
        row("E1", "A", "2026-12-03", "2026-12-05"),
        Some("2026-12-04"),
        Some(HalfPeriod::FirstHalf),
    );
    assert_eq!(r.kind_on(d("2026-12-03")), Some(AbsenceKind::FullDay));
    assert_eq!(r.kind_on(d("2026-12-04")), Some(AbsenceKind::FirstHalf));
    assert_eq!(r.kind_on(d("2026-12-05")), Some(AbsenceKind::FullDay));
    assert_eq!(r.kind_on(d("2026-12-06")), None);
}

#[test]
fn one_day_half_day_without_date_is_half() {
    let r = half(row("E1", "A", TODAY, TODAY), None, None);
    assert_eq!(r.kind_on(d(TODAY)), Some(AbsenceKind::HalfDay));
    let r = half(
        row("E1", "A", TODAY, TODAY),
        None,
        Some(HalfPeriod::SecondHalf),
    );
    assert_eq!(r.kind_on(d(TODAY)), Some(AbsenceKind::SecondHalf));
    // Multi-day without a date: the rule gives no half-day date, so every day is full.
    let r = half(
        row("E1", "A", "2026-12-03", TODAY),
        None,
        Some(HalfPeriod::FirstHalf),
    );
    assert_eq!(r.kind_on(d(TODAY)), Some(AbsenceKind::FullDay));
    // A half_day_date outside the range never applies.
    let r = half(row("E1", "A", TODAY, TODAY), Some("2026-12-01"), None);
    assert_eq!(r.kind_on(d(TODAY)), Some(AbsenceKind::FullDay));
}

#[test]
fn groups_in_fixed_order_empty_ones_left_out() {
    let rows = [
        half(
            row("E1", "Second", TODAY, TODAY),
            None,
            Some(HalfPeriod::SecondHalf),
        ),
        half(
            row("E2", "First", TODAY, TODAY),
            Some(TODAY),
            Some(HalfPeriod::FirstHalf),
        ),
        row("E3", "Full", TODAY, TODAY),
    ];
    let s = summarise(&rows, d(TODAY));
    let kinds: Vec<_> = s.groups.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        [
            AbsenceKind::FullDay,
            AbsenceKind::FirstHalf,
            AbsenceKind::SecondHalf
        ]
    );
    let rows = [half(row("E1", "Unknown", TODAY, TODAY), None, None)];
    let kinds: Vec<_> = summarise(&rows, d(TODAY))
        .groups
        .iter()
        .map(|g| g.kind)
        .collect();
    assert_eq!(kinds, [AbsenceKind::HalfDay]);
}

#[test]
fn ordering_end_date_then_name_then_id_independent_of_input() {
    let mut rows = vec![
        row("E9", "bob", TODAY, "2026-12-09"),
        row("E2", "Carol", TODAY, TODAY),
        row("E3", "alice", TODAY, "2026-12-09"),
        row("E1", "Bob", TODAY, TODAY),
        row("E0", "Bob", TODAY, TODAY),
        row("E4", "Dave", TODAY, "2026-12-05"),
    ];
    let expected = vec![(
        AbsenceKind::FullDay,
        vec![
            ("Bob".to_string(), d(TODAY)),
            ("Bob".to_string(), d(TODAY)),
            ("Carol".to_string(), d(TODAY)),
            ("Dave".to_string(), d("2026-12-05")),
            ("alice".to_string(), d("2026-12-09")),
            ("bob".to_string(), d("2026-12-09")),
        ],
    )];
    let s = summarise(&rows, d(TODAY));
    assert_eq!(shape(&s), expected);
    let ids: Vec<_> = s.groups[0]
        .entries
        .iter()
        .take(2)
        .map(|e| e.employee.as_str())
        .collect();
    assert_eq!(ids, ["E0", "E1"]);
    rows.reverse();
    assert_eq!(summarise(&rows, d(TODAY)), s);
}

#[test]
fn overlap_latest_end_wins_and_full_beats_half() {
    let rows = [
        row("E1", "Ann", "2026-12-01", TODAY),
        row("E1", "Ann", "2026-12-03", "2026-12-08"),
        row("E1", "Ann", "2026-12-04", "2026-12-06"),
    ];
    let s = summarise(&rows, d(TODAY));
    assert_eq!(
        shape(&s),
        [(AbsenceKind::FullDay, vec![("Ann".into(), d("2026-12-08"))])]
    );
    assert_eq!(
        s.groups[0].entries[0].until(d(TODAY)),
        Some(d("2026-12-08"))
    );

    // Full day today beats a half day today, even if the half-day row ends later.
    let rows = [
        half(
            row("E1", "Ann", TODAY, "2026-12-07"),
            Some(TODAY),
            Some(HalfPeriod::FirstHalf),
        ),
        row("E1", "Ann", TODAY, TODAY),
    ];
    let s = summarise(&rows, d(TODAY));
    assert_eq!(
        shape(&s),
        [(AbsenceKind::FullDay, vec![("Ann".into(), d("2026-12-07"))])]
    );

    // First half + second half of the same day = out the full day.
    let rows = [
        half(
            row("E1", "Ann", TODAY, TODAY),
            None,
            Some(HalfPeriod::FirstHalf),
        ),
        half(
            row("E1", "Ann", TODAY, TODAY),
            None,
            Some(HalfPeriod::SecondHalf),
        ),
    ];
    assert_eq!(
        summarise(&rows, d(TODAY)).groups[0].kind,
        AbsenceKind::FullDay
    );

    // A period-less half day adds nothing to a known period.
    let rows = [
        half(row("E1", "Ann", TODAY, TODAY), None, None),
        half(
            row("E1", "Ann", TODAY, TODAY),
            None,
            Some(HalfPeriod::SecondHalf),
        ),
    ];
    assert_eq!(
        summarise(&rows, d(TODAY)).groups[0].kind,
        AbsenceKind::SecondHalf
    );

    // Rows not covering today do not merge in (their end date is not today's absence).
    let rows = [
        row("E1", "Ann", TODAY, TODAY),
        row("E1", "Ann", "2026-12-06", "2026-12-20"),
    ];
    assert_eq!(
        summarise(&rows, d(TODAY)).groups[0].entries[0].until(d(TODAY)),
        None
    );
}

#[test]
fn merge_is_commutative() {
    for a in AbsenceKind::ALL {
        for b in AbsenceKind::ALL {
            assert_eq!(a.merge(b), b.merge(a), "{a:?} {b:?}");
        }
    }
}

#[test]
fn slack_id_taken_from_any_row_of_the_person() {
    let mut with_id = row("E1", "Ann", TODAY, TODAY);
    with_id.slack_user_id = Some(SlackUserId::parse("U1").unwrap());
    let s = summarise(&[row("E1", "Ann", TODAY, TODAY), with_id], d(TODAY));
    assert_eq!(s.groups[0].entries[0].slack_user_id.as_deref(), Some("U1"));
}

#[test]
fn empty_day() {
    let s = summarise(&[row("E1", "A", "2026-12-01", "2026-12-02")], d(TODAY));
    assert!(s.is_empty());
    assert_eq!(s.total(), 0);
    assert!(summarise(&[], d(TODAY)).is_empty());
}

#[test]
fn parses_python_dicts() {
    let v = json!({
        "employee": "HR-EMP-0001", "employee_name": "Ann", "slack_user_id": "U123",
        "from_date": "2026-12-04", "to_date": "2026-12-05", "half_day": 1,
        "half_day_date": "2026-12-05", "half_period": "Second Half", "leave_type": "Casual"
    });
    let r: AbsenceRow = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(r, AbsenceRow::from_value(&v).unwrap());
    assert!(r.half_day);
    assert_eq!(r.half_period, Some(HalfPeriod::SecondHalf));
    let minimal = json!({"employee": "E1", "from_date": "2026-12-04", "to_date": "2026-12-04",
        "half_day": false, "slack_user_id": "", "half_day_date": null, "half_period": null});
    let r = AbsenceRow::from_value(&minimal).unwrap();
    assert_eq!(r.employee_name, "E1");
    assert_eq!(r.slack_user_id, None);
    assert!(!r.half_day);
}

#[test]
fn bad_rows_are_typed_errors_naming_index_and_field() {
    let good = json!({"employee": "E1", "employee_name": "A", "from_date": "2026-12-04", "to_date": "2026-12-04"});
    let cases = [
        (
            json!({"employee_name": "A", "from_date": "2026-12-04", "to_date": "2026-12-04"}),
            "employee",
        ),
        (
            json!({"employee": 5, "from_date": "2026-12-04", "to_date": "2026-12-04"}),
            "employee",
        ),
        (
            json!({"employee": "E", "from_date": "2026/12/04", "to_date": "2026-12-04"}),
            "from_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-4", "to_date": "2026-12-04"}),
            "from_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-13-01"}),
            "to_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-03"}),
            "to_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04"}),
            "to_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day": "yes"}),
            "half_day",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day": 2}),
            "half_day",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day_date": "x"}),
            "half_day_date",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "half_period": "Morning"}),
            "half_period",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "slack_user_id": "U1>"}),
            "slack_user_id",
        ),
        (
            json!({"employee": "E", "from_date": "2026-12-04", "to_date": "2026-12-04", "employee_name": ["x"]}),
            "employee_name",
        ),
        (json!("not a row"), "<row>"),
    ];
    for (bad, field) in cases {
        let err = parse_rows(&[good.clone(), good.clone(), bad.clone()]).unwrap_err();
        assert_eq!(err.row(), Some(2), "{bad}");
        assert_eq!(err.field(), field, "{bad}: {err}");
        assert_eq!(err.reason(), "bad_row");
        assert!(err.to_string().starts_with("row 2: field"), "{err}");
        // serde path reports the same field.
        if bad.is_object() {
            let e = serde_json::from_value::<AbsenceRow>(bad)
                .unwrap_err()
                .to_string();
            assert!(e.contains(field), "{e}");
        }
    }
    // A huge bad value does not end up whole in the message.
    let huge = json!({"employee": "E", "from_date": "x".repeat(100_000), "to_date": "2026-12-04"});
    assert!(parse_rows(&[huge]).unwrap_err().to_string().len() < 400);
}

#[test]
fn argument_parsers() {
    assert_eq!(parse_date_arg("today", "2026-12-04").unwrap(), d(TODAY));
    let e = parse_date_arg("today", "04.12.2026").unwrap_err();
    assert_eq!(
        (e.reason(), e.field(), e.row()),
        ("bad_date", "today", None)
    );
    for ok in [
        "2026-12-04T09:30:00",
        "2026-12-04 09:30:00.123456",
        "2026-12-04T09:30",
        "2026-12-04 09:30",
    ] {
        assert_eq!(
            parse_datetime_arg("now", ok).unwrap().date(),
            d(TODAY),
            "{ok}"
        );
    }
    for bad in ["2026-12-04", "2026-12-04T09:30:00+05:30", "", "now"] {
        assert_eq!(
            parse_datetime_arg("now", bad).unwrap_err().reason(),
            "bad_datetime",
            "{bad}"
        );
    }
    let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
    assert_eq!(parse_time_arg("send_time", "09:30").unwrap(), t(9, 30, 0));
    assert_eq!(parse_time_arg("send_time", "9:30:00").unwrap(), t(9, 30, 0));
    assert_eq!(
        parse_time_arg("send_time", "09:30:15.000000").unwrap(),
        t(9, 30, 15)
    );
    for bad in ["25:00", "9", "", "09:30pm"] {
        assert_eq!(
            parse_time_arg("send_time", bad).unwrap_err().reason(),
            "bad_time",
            "{bad}"
        );
    }
}

#[test]
fn gate_matrix() {
    let at = |s: &str| parse_datetime_arg("now", s).unwrap();
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let on = GateSettings {
        enabled: true,
        send_time: nine,
    };
    let off = GateSettings {
        enabled: false,
        send_time: nine,
    };
    let yesterday = Some(d("2026-12-03"));
    let today = Some(d(TODAY));
    let tomorrow = Some(d("2026-12-05"));
    use SkipReason::*;
    let cases: &[(&str, GateSettings, bool, Option<NaiveDate>, SendVerdict)] = &[
        ("2026-12-04 09:00", on, false, None, SendVerdict::Send),
        ("2026-12-04 09:00", on, false, yesterday, SendVerdict::Send),
        (
            "2026-12-04 23:59:59",
            on,
            false,
            yesterday,
            SendVerdict::Send,
        ),
        (
            "2026-12-04 08:59:59.999",
            on,
            false,
            yesterday,
            SendVerdict::Skip(BeforeTime),
        ),
        (
            "2026-12-04 00:00",
            on,
            false,
            None,
            SendVerdict::Skip(BeforeTime),
        ),
        (
            "2026-12-04 10:00",
            on,
            false,
            today,
            SendVerdict::Skip(AlreadySent),
        ),
        (
            "2026-12-04 08:00",
            on,
            false,
            today,
            SendVerdict::Skip(AlreadySent),
        ),
        (
            "2026-12-04 10:00",
            on,
            false,
            tomorrow,
            SendVerdict::Skip(AlreadySent),
        ),
        (
            "2026-12-04 10:00",
            on,
            true,
            yesterday,
            SendVerdict::Skip(Holiday),
        ),
        (
            "2026-12-04 10:00",
            on,
            true,
            today,
            SendVerdict::Skip(Holiday),
        ),
        (
            "2026-12-04 08:00",
            on,
            true,
            None,
            SendVerdict::Skip(Holiday),
        ),
        (
            "2026-12-04 10:00",
            off,
            false,
            None,
            SendVerdict::Skip(Disabled),
        ),
        (
            "2026-12-04 10:00",
            off,
            true,
            today,
            SendVerdict::Skip(Disabled),
        ),
        (
            "2026-12-04 08:00",
            off,
            false,
            None,
            SendVerdict::Skip(Disabled),
        ),
    ];
    for &(now, settings, holiday, last, expected) in cases {
        assert_eq!(
            should_send(at(now), settings, holiday, last),
            expected,
            "{now} {settings:?} {holiday} {last:?}"
        );
    }
    assert_eq!(SendVerdict::Send.reason(), "ok");
    assert_eq!(SendVerdict::Skip(BeforeTime).reason(), "before_time");
    assert_eq!(SendVerdict::Skip(AlreadySent).reason(), "already_sent");
    assert!(!SendVerdict::Skip(Holiday).is_send());
}
