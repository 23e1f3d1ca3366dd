//! Unit tests of the digest rules: horizons across weekends and holidays, look-ahead grouping,
//! celebrations (29 February, years, catch-up) and holidays to announce.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::json;

use super::*;
use crate::dates::parse_iso_date;

fn day(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap()
}

fn days(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|s| day(s)).collect()
}

fn iso(list: &[NaiveDate]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

/// Weekends of December 2026 plus Christmas (Fri 25) and Boxing Day (Sat 26), New Year (Fri 1).
fn december_off() -> Vec<NaiveDate> {
    let mut off = days(&[
        "2026-12-05",
        "2026-12-06",
        "2026-12-12",
        "2026-12-13",
        "2026-12-19",
        "2026-12-20",
        "2026-12-25",
        "2026-12-26",
        "2026-12-27",
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
    ]);
    off.sort();
    off
}

fn row(employee: &str, name: &str, from: &str, to: &str, status: &str) -> OutRow {
    serde_json::from_value(json!({
        "employee": employee, "employee_name": name, "from_date": from, "to_date": to,
        "leave_type": "Casual Leave", "status": status,
    }))
    .unwrap()
}

const EVERYONE: Selection<'static> = Selection {
    in_scope: None,
    include_open: true,
};

#[test]
fn horizons_parse_by_code_and_nothing_else() {
    for h in Horizon::ALL {
        assert_eq!(Horizon::parse(h.code()), Ok(h));
    }
    for bad in ["", "Today", "week", "next week", "tomorrow "] {
        let err = Horizon::parse(bad).unwrap_err();
        assert_eq!(err.reason(), "bad_horizon");
        assert_eq!(err.field(), "horizon");
    }
    assert!(Horizon::Today.includes_today() && Horizon::ThisWeek.includes_today());
    assert!(!Horizon::Tomorrow.includes_today() && !Horizon::NextWeek.includes_today());
}

#[test]
fn today_is_today_only_on_a_working_day() {
    let off = december_off();
    assert_eq!(
        iso(&digest_days(Horizon::Today, day("2026-12-08"), &off)),
        ["2026-12-08"]
    );
    assert!(digest_days(Horizon::Today, day("2026-12-05"), &off).is_empty());
    assert!(digest_days(Horizon::Today, day("2026-12-25"), &off).is_empty());
}

#[test]
fn tomorrow_skips_weekends_and_holidays() {
    let off = december_off();
    let tomorrow = |d| iso(&digest_days(Horizon::Tomorrow, day(d), &off));
    assert_eq!(tomorrow("2026-12-08"), ["2026-12-09"]);
    // Friday → Monday.
    assert_eq!(tomorrow("2026-12-04"), ["2026-12-07"]);
    // Thursday before Christmas → Monday 28 (Fri 25, Sat, Sun off).
    assert_eq!(tomorrow("2026-12-24"), ["2026-12-28"]);
    // Over the year's end: Thu 31 → Mon 4 January.
    assert_eq!(tomorrow("2026-12-31"), ["2027-01-04"]);
    // A weekend day asks for the next working day too.
    assert_eq!(tomorrow("2026-12-05"), ["2026-12-07"]);
    // No working day in the days known: nothing, never a day off.
    let all_off: Vec<NaiveDate> = day("2026-12-08")
        .iter_days()
        .take(DAYS_OFF_KNOWN as usize + 2)
        .collect();
    assert!(digest_days(Horizon::Tomorrow, day("2026-12-08"), &all_off).is_empty());
    // Without days off, every day works (no weekend is assumed).
    assert_eq!(
        iso(&digest_days(Horizon::Tomorrow, day("2026-12-04"), &[])),
        ["2026-12-05"]
    );
}

#[test]
fn this_week_runs_from_today_to_sunday() {
    let off = december_off();
    let week = |d| iso(&digest_days(Horizon::ThisWeek, day(d), &off));
    assert_eq!(
        week("2026-12-07"),
        [
            "2026-12-07",
            "2026-12-08",
            "2026-12-09",
            "2026-12-10",
            "2026-12-11"
        ]
    );
    assert_eq!(week("2026-12-10"), ["2026-12-10", "2026-12-11"]);
    // Christmas week: Friday is a holiday.
    assert_eq!(
        week("2026-12-21"),
        ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24"]
    );
    // On a Sunday this week is that Sunday alone, a day off.
    assert!(week("2026-12-13").is_empty());
}

#[test]
fn next_week_is_the_next_calendar_week() {
    let off = december_off();
    let next = |d| iso(&digest_days(Horizon::NextWeek, day(d), &off));
    let expected = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"];
    // From any day of the week before, including its Sunday.
    for d in ["2026-12-21", "2026-12-24", "2026-12-27"] {
        assert_eq!(next(d), expected, "{d}");
    }
    assert_eq!(
        Horizon::NextWeek.week(day("2026-12-27")),
        Some((day("2026-12-28"), day("2027-01-03")))
    );
}

#[test]
fn one_day_absences_go_by_day_and_runs_by_person() {
    let week = days(&[
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ]);
    let rows = vec![
        row("E1", "Jane", "2026-12-07", "2026-12-09", "Approved"),
        row("E2", "omar", "2026-12-09", "2026-12-09", "Approved"),
        row("E3", "Ann", "2026-12-09", "2026-12-09", "Open"),
        // Out Monday, back Tuesday, out again Thursday and Friday (and beyond the week).
        row("E4", "Bo", "2026-12-07", "2026-12-07", "Approved"),
        row("E4", "Bo", "2026-12-10", "2026-12-16", "Approved"),
        // Outside the week.
        row("E5", "Cy", "2026-12-01", "2026-12-04", "Approved"),
    ];
    let look = look_ahead(&rows, EVERYONE, &week);
    let names = |d: usize| -> Vec<&str> {
        look.days[d]
            .people
            .iter()
            .map(|e| e.employee_name())
            .collect()
    };
    assert_eq!(look.days.len(), 5);
    assert_eq!(names(0), ["Bo"]);
    assert_eq!(names(2), ["Ann", "omar"]);
    assert!(look.days[2].people[0].open);
    let runs: Vec<(&str, String, String)> = look
        .runs
        .iter()
        .map(|r| (r.employee(), r.from.to_string(), r.to.to_string()))
        .collect();
    assert_eq!(
        runs,
        [
            ("E1", "2026-12-07".into(), "2026-12-09".into()),
            ("E4", "2026-12-10".into(), "2026-12-11".into()),
        ]
    );
    assert_eq!(look.len(), 5);
}

#[test]
fn a_run_skips_the_days_off_between_working_days() {
    // Friday and the Monday after are consecutive working days.
    let window = days(&["2026-12-11", "2026-12-14", "2026-12-15"]);
    let rows = vec![row("E1", "Jane", "2026-12-11", "2026-12-14", "Approved")];
    let look = look_ahead(&rows, EVERYONE, &window);
    assert_eq!(look.runs.len(), 1);
    assert_eq!(look.runs[0].from, day("2026-12-11"));
    assert_eq!(look.runs[0].to, day("2026-12-14"));
    assert!(look.days.iter().all(|d| d.people.is_empty()));
}

#[test]
fn a_run_keeps_its_half_days_types_and_state() {
    let window = days(&["2026-12-07", "2026-12-08", "2026-12-09"]);
    let mut rows = vec![serde_json::from_value::<OutRow>(json!({
        "employee": "E1", "employee_name": "Jane", "from_date": "2026-12-07",
        "to_date": "2026-12-09", "half_day": 1, "half_day_date": "2026-12-09",
        "half_period": "First Half", "leave_type": "Casual Leave", "status": "Open",
    }))
    .unwrap()];
    rows.push(row("E1", "Jane", "2026-12-08", "2026-12-08", "Approved"));
    rows[1].leave_type = "Sick Leave".into();
    let look = look_ahead(&rows, EVERYONE, &window);
    let run = &look.runs[0];
    assert_eq!(run.halves, [(day("2026-12-09"), AbsenceKind::FirstHalf)]);
    assert_eq!(
        run.leave_types.iter().collect::<Vec<_>>(),
        ["Casual Leave", "Sick Leave"]
    );
    assert!(!run.open, "one approved day makes the run approved");
}

#[test]
fn the_selection_reads_the_scope_and_the_state() {
    let window = days(&["2026-12-08"]);
    let rows = vec![
        row("E1", "Jane", "2026-12-08", "2026-12-08", "Approved"),
        row("E2", "Omar", "2026-12-08", "2026-12-08", "Open"),
        row("E3", "Ann", "2026-12-08", "2026-12-08", "Approved"),
    ];
    let index = RowIndex::new(&rows);
    let scope = index.mask(["E1", "E2", "E404"]);
    let names = |sel: Selection<'_>| -> Vec<String> {
        look_ahead(&rows, sel, &window).days[0]
            .people
            .iter()
            .map(|e| e.employee().to_owned())
            .collect()
    };
    assert_eq!(names(EVERYONE), ["E3", "E1", "E2"]);
    let team = Selection {
        in_scope: Some(&scope),
        include_open: true,
    };
    assert_eq!(names(team), ["E1", "E2"]);
    let approved = Selection {
        in_scope: Some(&scope),
        include_open: false,
    };
    assert_eq!(names(approved), ["E1"]);
    let nobody = index.empty_mask();
    let empty = Selection {
        in_scope: Some(&nobody),
        include_open: true,
    };
    assert!(look_ahead(&rows, empty, &window).is_empty());
}

#[test]
fn no_days_no_look_ahead() {
    let rows = vec![row("E1", "Jane", "2026-12-08", "2026-12-08", "Approved")];
    let look = look_ahead(&rows, EVERYONE, &[]);
    assert!(look.is_empty() && look.days.is_empty());
}

fn person(employee: &str, born: Option<&str>, joined: Option<&str>) -> Person {
    Person {
        employee: employee.into(),
        employee_name: format!("Name {employee}"),
        slack_user_id: None,
        date_of_birth: born.map(day),
        date_of_joining: joined.map(day),
    }
}

fn due(
    people: &[Person],
    from: &str,
    to: &str,
) -> Vec<(String, &'static str, String, Option<u32>)> {
    celebrations_due(people, day(from), day(to))
        .into_iter()
        .map(|c| (c.employee, c.kind.code(), c.date.to_string(), c.years))
        .collect()
}

#[test]
fn birthdays_and_anniversaries_on_the_day() {
    let people = [
        person("E1", Some("1990-12-08"), Some("2020-12-08")),
        person("E2", Some("1985-12-09"), None),
        person("E3", None, Some("2026-12-08")),
    ];
    assert_eq!(
        due(&people, "2026-12-08", "2026-12-08"),
        [
            ("E1".into(), "birthday", "2026-12-08".into(), None),
            ("E1".into(), "anniversary", "2026-12-08".into(), Some(6)),
        ],
        "the joining day itself (E3) is no anniversary; E2 is tomorrow"
    );
    assert_eq!(due(&people, "2027-12-08", "2027-12-08")[2].3, Some(1));
}

#[test]
fn the_29th_of_february_is_the_28th_in_other_years() {
    let people = [person("E1", Some("2000-02-29"), Some("2024-02-29"))];
    assert_eq!(
        due(&people, "2027-02-28", "2027-02-28"),
        [
            ("E1".into(), "birthday", "2027-02-28".into(), None),
            ("E1".into(), "anniversary", "2027-02-28".into(), Some(3)),
        ]
    );
    assert!(due(&people, "2027-03-01", "2027-03-01").is_empty());
    // In a leap year, on the 29th and only then.
    assert!(due(&people, "2028-02-28", "2028-02-28").is_empty());
    assert_eq!(due(&people, "2028-02-29", "2028-02-29").len(), 2);
    assert_eq!(due(&people, "2028-02-29", "2028-02-29")[1].3, Some(4));
}

#[test]
fn a_catch_up_range_announces_each_missed_day_once() {
    let people = [
        person("E1", Some("1990-12-05"), None),
        person("E2", Some("1990-12-06"), Some("2016-12-07")),
        person("E3", Some("1990-12-09"), None),
    ];
    // Friday's digest went out; the weekend's birthdays come on Monday with Monday's.
    assert_eq!(
        due(&people, "2026-12-05", "2026-12-07"),
        [
            ("E1".into(), "birthday", "2026-12-05".into(), None),
            ("E2".into(), "birthday", "2026-12-06".into(), None),
            ("E2".into(), "anniversary", "2026-12-07".into(), Some(10)),
        ]
    );
    assert!(due(&people, "2026-12-08", "2026-12-07").is_empty());
    // Over the year's end.
    let new_year = [person("E4", Some("1970-01-01"), Some("2025-12-31"))];
    assert_eq!(
        due(&new_year, "2026-12-31", "2027-01-01"),
        [
            ("E4".into(), "anniversary", "2026-12-31".into(), Some(1)),
            ("E4".into(), "birthday", "2027-01-01".into(), None),
        ]
    );
    // A range longer than a year reads its last 366 days only (2026-01-01 on): two birthdays
    // and one anniversary, not ten years of them.
    assert_eq!(due(&new_year[..], "2017-01-01", "2027-01-01").len(), 3);
}

#[test]
fn celebrations_never_carry_a_year_of_birth() {
    let people = [person("E1", Some("1990-12-08"), None)];
    let c = &celebrations_due(&people, day("2026-12-08"), day("2026-12-08"))[0];
    assert_eq!(c.years, None);
    assert_eq!(c.date, day("2026-12-08"));
}

#[test]
fn people_with_nothing_to_celebrate_are_checked_but_not_kept() {
    let range = Range::new(day("2026-12-08"), day("2026-12-08")).unwrap();
    let read = |value: serde_json::Value| {
        let map = value.as_object().cloned().unwrap();
        Person::from_source_due(&map, range)
    };
    let due = read(json!({"employee": "E1", "date_of_birth": "1990-12-08"})).unwrap();
    assert_eq!(due.map(|p| p.employee_name), Some("E1".to_owned()));
    assert_eq!(
        read(json!({"employee": "E2", "date_of_birth": "1990-12-09"})).unwrap(),
        None
    );
    // Not due, and still refused when a field is bad, as `from_source` would.
    let bad =
        read(json!({"employee": "E3", "slack_user_id": "<!here>", "date_of_birth": "1990-12-09"}));
    assert_eq!(bad.unwrap_err().field, "slack_user_id");
    assert_eq!(
        read(json!({"employee": " "})).unwrap_err().field,
        "employee"
    );
    assert!(Range::new(day("2026-12-09"), day("2026-12-08")).is_none());
}

fn holiday(date: &str, description: &str, weekly_off: bool) -> Holiday {
    Holiday {
        date: day(date),
        description: description.into(),
        weekly_off,
    }
}

fn list() -> Vec<Holiday> {
    vec![
        holiday("2026-12-19", "Saturday", true),
        holiday("2026-12-20", "Sunday", true),
        holiday("2026-12-24", "Christmas Eve", false),
        holiday("2026-12-25", "Christmas Day", false),
        holiday("2026-12-26", "Saturday", true),
        holiday("2026-12-27", "Sunday", true),
        holiday("2026-12-28", "Bank holiday", false),
    ]
}

fn announced(horizon: Horizon, today: &str) -> Vec<String> {
    holidays_to_announce(horizon, day(today), &list())
        .into_iter()
        .map(|h| format!("{} {}", h.date, h.description))
        .collect()
}

#[test]
fn holidays_are_announced_the_day_before_up_to_the_next_working_day() {
    assert_eq!(
        announced(Horizon::Tomorrow, "2026-12-23"),
        [
            "2026-12-24 Christmas Eve",
            "2026-12-25 Christmas Day",
            "2026-12-28 Bank holiday"
        ]
    );
    assert_eq!(
        announced(Horizon::Today, "2026-12-23"),
        announced(Horizon::Tomorrow, "2026-12-23")
    );
    assert!(announced(Horizon::Tomorrow, "2026-12-22").is_empty());
    // Weekly offs are never announced.
    assert!(announced(Horizon::Tomorrow, "2026-12-18").is_empty());
}

#[test]
fn week_rules_announce_the_week_s_holidays() {
    assert_eq!(
        announced(Horizon::NextWeek, "2026-12-18"),
        ["2026-12-24 Christmas Eve", "2026-12-25 Christmas Day"]
    );
    assert_eq!(
        announced(Horizon::ThisWeek, "2026-12-25"),
        ["2026-12-25 Christmas Day"]
    );
    assert_eq!(
        announced(Horizon::ThisWeek, "2026-12-28"),
        ["2026-12-28 Bank holiday"]
    );
}

#[test]
fn holiday_descriptions_are_plain_text() {
    assert_eq!(
        holidays::plain_description("<div><p>Christmas&nbsp;Day &amp; more</p></div>\n"),
        "Christmas Day & more"
    );
    assert_eq!(holidays::plain_description(""), "");
    let long = holidays::plain_description(&"x".repeat(500));
    assert_eq!(long.chars().count(), holidays::DESCRIPTION_CHARS);
    let parsed: Holiday = serde_json::from_value(json!({
        "date": "2026-12-25", "description": "<b>Christmas</b>", "weekly_off": 0
    }))
    .unwrap();
    assert_eq!(parsed.description, "Christmas");
    // What was announced is plain text already: read as it is.
    let mut map = serde_json::Map::new();
    map.insert("date".into(), json!("2026-12-25"));
    map.insert("description".into(), json!("a <b> & c"));
    assert_eq!(
        Holiday::announced_from_source(&map).unwrap().description,
        "a <b> & c"
    );
    assert!(serde_json::from_value::<Holiday>(json!({"date": "25.12.2026"})).is_err());
    assert!(
        serde_json::from_value::<Holiday>(json!({"date": "2026-12-25", "weekly_off": 2})).is_err()
    );
}
