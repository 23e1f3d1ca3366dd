//! Dates in and out: the one strict `YYYY-MM-DD` parser, the site-local date-time and time-of-day
//! parsers of the summary gate, and the display of every date a person reads, in their language's
//! [`DateWords`] (`Dec 04, 2026 (Fri)`, `Fr., 04. Dez. 2026`).
//!
//! The date parser and the display format are written by hand: chrono's `%Y-%m-%d` is lenient
//! (signed and five-digit years, one-digit fields, leading spaces) and its strftime interpreter
//! was the top item of a 10,000-row attendance profile.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::words::{DateField, DateWords};

/// The English display format, as chrono's strftime spells it; [`push_display_date`] with the
/// English words writes the same (checked in the tests).
#[cfg(test)]
const DISPLAY_FORMAT: &str = "%b %d, %Y (%a)";

/// Exactly `YYYY-MM-DD` with a year from 0001 to 9999: what Slack's datepicker sends, what
/// Frappe stores and what Python's `datetime.date` can hold. Anything else (`+10000-01-01`,
/// `0000-01-01`, `2026-1-05`, ` 2026-01-05`) would reach the ERP or a rebuilt modal as a date
/// nobody can use.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok().filter(|&y| y >= 1)?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Site-local ISO date-time: `T` or space separator, seconds and fraction optional, no offset
/// (the site's wall clock is what the summary's send time means).
pub fn parse_local_datetime(s: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.ffffff`; one-digit hours too (`str(timedelta)` gives `9:30:00`).
pub fn parse_time_of_day(s: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

/// A date as a reader reads it, in the words of their language (`Dec 04, 2026 (Fri)` in
/// English): the date format of every message and inline error.
pub fn display_date(date: NaiveDate, words: &DateWords) -> String {
    let mut out = String::with_capacity(24);
    push_display_date(&mut out, date, words);
    out
}

/// [`display_date`], appended to `out` without `format!` (a summary writes thousands of them).
/// The pattern's fields are written by hand: month and weekday from `words`, the day in two
/// digits (`%d`), the year in four (`%Y`). Years outside 0000–9999 (which no strict parse
/// produces, but serde's chrono dates can) take chrono's `%Y` (with its sign), so English words
/// give exactly what chrono's `%b %d, %Y (%a)` gives for every date.
pub fn push_display_date(out: &mut String, date: NaiveDate, words: &DateWords) {
    for piece in words.pattern.pieces() {
        match piece {
            Ok(text) => out.push_str(text),
            Err(DateField::Month) => {
                out.push_str(words.months.get(date.month0() as usize).map_or("", |m| m))
            }
            Err(DateField::Weekday) => out.push_str(
                words
                    .weekdays
                    .get(date.weekday().num_days_from_monday() as usize)
                    .map_or("", |d| d),
            ),
            Err(DateField::Day) => push_padded(out, date.day(), 2),
            Err(DateField::Year) => match u32::try_from(date.year()) {
                Ok(year) if year <= 9999 => push_padded(out, year, 4),
                _ => out.push_str(&date.format("%Y").to_string()),
            },
        }
    }
}

/// `n` in at least `width` digits, zero-padded (what strftime's `%d` and `%Y` do).
fn push_padded(out: &mut String, n: u32, width: usize) {
    let digits = n.checked_ilog10().map_or(1, |log| log as usize + 1);
    out.extend(std::iter::repeat_n('0', width.saturating_sub(digits)));
    push_uint(out, n);
}

/// Decimal digits of `n`, appended without going through `core::fmt`.
pub fn push_uint(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in digits.iter().take(len).rev() {
        out.push(char::from(*d));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    fn en() -> &'static DateWords {
        static EN: std::sync::OnceLock<DateWords> = std::sync::OnceLock::new();
        EN.get_or_init(|| crate::words::fixtures::english().unwrap().summary.dates)
    }

    fn display(date: NaiveDate) -> String {
        display_date(date, en())
    }

    #[test]
    fn german_dates() {
        let de = crate::words::fixtures::german().unwrap().summary.dates;
        assert_eq!(display_date(d("2026-12-04"), &de), "Fr., 04. Dez. 2026");
        assert_eq!(display_date(d("2027-03-01"), &de), "Mo., 01. März 2027");
        assert_eq!(display_date(d("2026-05-10"), &de), "So., 10. Mai 2026");
        // Every view carries the same date words.
        let all = crate::words::fixtures::german().unwrap();
        assert_eq!(all.view_errors.dates, de);
        assert_eq!(all.leave_messages.dates, de);
        assert_eq!(all.late_leave_note.dates, de);
    }

    #[test]
    fn display_date_format() {
        assert_eq!(display(d("2026-12-04")), "Dec 04, 2026 (Fri)");
        assert_eq!(display(d("2027-01-10")), "Jan 10, 2027 (Sun)");
        // Same as chrono's strftime on every day of a few years.
        let mut day = d("2024-01-01");
        while day < d("2028-12-31") {
            assert_eq!(display(day), day.format(DISPLAY_FORMAT).to_string());
            assert_eq!(
                parse_iso_date(&day.format("%Y-%m-%d").to_string()),
                Some(day)
            );
            day = day.succ_opt().unwrap();
        }
        for bad in [
            "2026-1-05",
            "+026-01-05",
            "2026-02-30",
            "2026/01/05",
            "20260105xx",
            "2026-01-0a",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn display_matches_chrono_for_every_year_a_date_can_have() {
        // Short years are zero-padded like `%Y`; years chrono writes with a sign take its path.
        let years = [
            -262_000, -10_000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2026, 9999, 10_000, 262_000,
        ];
        for year in years {
            for (month, day) in [(1, 1), (2, 28), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
                assert_eq!(
                    display(date),
                    date.format(DISPLAY_FORMAT).to_string(),
                    "{date:?}"
                );
            }
        }
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(display(date), date.format(DISPLAY_FORMAT).to_string());
        }
    }

    #[test]
    fn iso_dates_are_years_0001_to_9999_only() {
        for bad in [
            "0000-01-01",
            "+10000-01-01",
            "-0001-01-01",
            " 2026-12-04",
            "2026-12-4",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        for good in ["0001-01-01", "9999-12-31", "2024-02-29"] {
            assert_eq!(
                parse_iso_date(good).map(|d| d.to_string()).as_deref(),
                Some(good)
            );
        }
    }
}
