//! Property tests of `/apply-leave <text>` (`interaction::one_line`): every date written in each
//! form the reader supports comes back as itself relative to any today, ranges come out ordered
//! (or are said to be unclear), and no input makes it panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use proptest::prelude::*;
use slack_connector_core::interaction::one_line::{read_leave_line, LeaveLine, Unclear};

const TYPES: &[&str] = &["Casual Leave", "Sick Leave", "Leave Without Pay"];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const EN_DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const DE_DAYS: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];

fn any_today() -> impl Strategy<Value = NaiveDate> {
    // 2000-01-01 .. 2200-12-31
    (0i64..73_400).prop_map(|n| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(n))
}

fn month(d: NaiveDate) -> usize {
    d.month0() as usize
}

/// Forms without a year: they mean the first such day that is not over.
fn without_year(d: NaiveDate) -> Vec<String> {
    vec![
        format!("{} {}", d.day(), EN_MONTHS[month(d)]),
        format!("{} {}", EN_MONTHS[month(d)], d.day()),
        format!("{}. {}", d.day(), DE_MONTHS[month(d)]),
        format!("{}.{}.", d.day(), d.month()),
        format!("{:02}.{:02}.", d.day(), d.month()),
    ]
}

/// Forms with a year: the day as written.
fn with_year(d: NaiveDate) -> Vec<String> {
    vec![
        d.format("%Y-%m-%d").to_string(),
        format!("{} {} {}", d.day(), EN_MONTHS[month(d)], d.year()),
        format!("{}. {} {}", d.day(), DE_MONTHS[month(d)], d.year()),
        format!("{}.{}.{}", d.day(), d.month(), d.year()),
    ]
}

fn single_day(line: &LeaveLine) -> Option<NaiveDate> {
    (line.start_date == line.end_date && line.unclear.is_empty())
        .then_some(line.start_date)
        .flatten()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_written_day_reads_back(today in any_today(), ahead in 0i64..365, far in 0i64..3000) {
        let day = today + Duration::days(ahead);
        for form in without_year(day) {
            let read = read_leave_line(&form, today, TYPES);
            prop_assert_eq!(single_day(&read), Some(day), "{} on {}", form, today);
            prop_assert_eq!(read.reason, None, "{}", form);
        }
        let day = today + Duration::days(far);
        for form in with_year(day) {
            let read = read_leave_line(&form, today, TYPES);
            prop_assert_eq!(single_day(&read), Some(day), "{} on {}", form, today);
        }
    }

    #[test]
    fn weekdays_and_relative_days_read_back(today in any_today(), ahead in 1i64..=7) {
        let day = today + Duration::days(ahead);
        let i = day.weekday().num_days_from_monday() as usize;
        for form in [EN_DAYS[i].to_owned(), DE_DAYS[i].to_owned(), format!("on {}", EN_DAYS[i])] {
            prop_assert_eq!(single_day(&read_leave_line(&form, today, TYPES)), Some(day), "{}", form);
        }
        // "next <day>": that day of the week after this one (weeks start on Monday).
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let next = monday + Duration::days(7 + i as i64);
        prop_assert_eq!(next.weekday(), day.weekday());
        for form in [format!("next {}", EN_DAYS[i]), format!("nächsten {}", DE_DAYS[i])] {
            prop_assert_eq!(single_day(&read_leave_line(&form, today, TYPES)), Some(next), "{}", form);
        }
        for (form, days) in [("today", 0), ("heute", 0), ("tomorrow", 1), ("morgen", 1), ("übermorgen", 2)] {
            let want = today + Duration::days(days);
            prop_assert_eq!(single_day(&read_leave_line(form, today, TYPES)), Some(want), "{}", form);
        }
    }

    #[test]
    fn written_ranges_read_back_ordered(today in any_today(), ahead in 0i64..300, len in 0i64..28) {
        let start = today + Duration::days(ahead);
        let end = start + Duration::days(len);
        let (s, e) = (start.day(), end.day());
        let mut forms = vec![
            format!("{} {} - {} {}", s, EN_MONTHS[month(start)], e, EN_MONTHS[month(end)]),
            format!("{}.{}. bis {}.{}.", s, start.month(), e, end.month()),
            format!("{} to {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
            format!("vom {}.{}.{} bis {}.{}.{}", s, start.month(), start.year(), e, end.month(), end.year()),
        ];
        if start.month() == end.month() {
            forms.push(format!("{}-{} {}", s, e, EN_MONTHS[month(start)]));
            forms.push(format!("{}.-{}.{}.", s, e, start.month()));
            forms.push(format!("{}. bis {}. {}", s, e, DE_MONTHS[month(start)]));
        }
        for form in forms {
            let read = read_leave_line(&form, today, TYPES);
            prop_assert!(read.unclear.is_empty(), "{} on {}: {:?}", form, today, read.unclear);
            prop_assert_eq!((read.start_date, read.end_date), (Some(start), Some(end)), "{} on {}", form, today);
        }
    }

    #[test]
    fn any_two_days_give_an_ordered_range_or_a_note(
        today in any_today(),
        a in -400i64..400,
        b in -400i64..400,
    ) {
        let (x, y) = (today + Duration::days(a), today + Duration::days(b));
        for form in [
            format!("{} - {}", x.format("%Y-%m-%d"), y.format("%Y-%m-%d")),
            format!("{} {} - {} {}", x.day(), EN_MONTHS[month(x)], y.day(), EN_MONTHS[month(y)]),
            format!("{}.{}.-{}.{}.", x.day(), x.month(), y.day(), y.month()),
        ] {
            let read = read_leave_line(&form, today, TYPES);
            match (read.start_date, read.end_date) {
                (Some(s), Some(e)) => {
                    prop_assert!(s <= e, "{}: {} > {}", form, s, e);
                    prop_assert!(e >= today, "{}: over on {}", form, today);
                }
                (None, None) => prop_assert!(
                    read.unclear.iter().any(|u| matches!(
                        u,
                        Unclear::Past { .. } | Unclear::EndBeforeStart { .. } | Unclear::NotADate { .. }
                    )),
                    "{}: no dates and no note",
                    form
                ),
                other => prop_assert!(false, "{}: half a range {:?}", form, other),
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", today in any_today()) {
        let read = read_leave_line(&text, today, TYPES);
        if let (Some(s), Some(e)) = (read.start_date, read.end_date) {
            prop_assert!(s <= e);
        }
        prop_assert!(read.reason.is_none_or(|r| !r.is_empty() && r.chars().count() <= 1000));
    }

    #[test]
    fn words_of_the_grammar_in_any_order_never_panic(
        words in prop::collection::vec(prop::sample::select(vec![
            "24", "24.", "-", "–", "to", "bis", "vom", "on", "next", "nächsten", "friday", "Freitag",
            "Dec", "Dez.", "12.", "24.12.", "24.-26.12.", "2026-02-29", "2026-13-01", "29", "Feb",
            "31", "morning", "nachmittags", "sick", "leave", "casual", "without", "9999", "0",
            "00.00.", "1.5", "12/24", "day", "after", "tomorrow", "heute", "übermorgen", "ab",
        ]), 0..12),
        today in any_today(),
    ) {
        let line = words.join(" ");
        let read = read_leave_line(&line, today, TYPES);
        if let (Some(s), Some(e)) = (read.start_date, read.end_date) {
            prop_assert!(s <= e, "{}", line);
        }
        if read.half_period.is_some() {
            prop_assert_eq!(read.start_date, read.end_date, "{}", line);
            prop_assert!(read.start_date.is_some(), "{}", line);
        }
    }
}

#[test]
fn the_edges_of_the_calendar_do_not_panic() {
    for today in [
        NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        NaiveDate::MAX - Duration::days(20),
        NaiveDate::MIN + Duration::days(20),
    ] {
        for line in [
            "tomorrow",
            "next sunday",
            "24 Dec - 2 Jan",
            "29 Feb",
            "31.12.9999",
            "friday",
        ] {
            let _ = read_leave_line(line, today, TYPES);
        }
    }
    assert_eq!(Weekday::Mon.num_days_from_monday(), 0);
}
