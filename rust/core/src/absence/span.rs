//! The days `/whoisout` asks about, from what was typed after the command.
//!
//! - blank, `today` / `heute`: today;
//! - `tomorrow` / `morgen`: the day after today;
//! - `week` / `woche`: the rest of this week, today to Sunday; on a Saturday or Sunday the week
//!   ahead, Monday to Sunday (the working days among them are the caller's business: the ERP's
//!   holiday lists decide, weekly offs included);
//! - a date as the app's one strict parser reads it ([`crate::dates::parse_iso_date`]).
//!
//! Words are matched without regard to case or surrounding spaces; anything else is `None`
//! (the handler answers with the usage hint).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::dates::parse_iso_date;

/// The first and last day asked about (`from <= to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DaySpan {
    fn day(day: NaiveDate) -> Self {
        Self { from: day, to: day }
    }

    /// Every day of the span, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }
}

/// The days `/whoisout <text>` asks about on `today`, or `None` when `text` is not understood.
pub fn parse_span(text: &str, today: NaiveDate) -> Option<DaySpan> {
    let text = text.trim();
    match text.to_lowercase().as_str() {
        "" | "today" | "heute" => Some(DaySpan::day(today)),
        "tomorrow" | "morgen" => today.checked_add_days(Days::new(1)).map(DaySpan::day),
        "week" | "woche" => rest_of_week(today),
        _ => parse_iso_date(text).map(DaySpan::day),
    }
}

/// Today to Sunday; from a Saturday or Sunday, the next Monday to Sunday.
fn rest_of_week(today: NaiveDate) -> Option<DaySpan> {
    let from = match today.weekday() {
        Weekday::Sat => today.checked_add_days(Days::new(2))?,
        Weekday::Sun => today.checked_add_days(Days::new(1))?,
        _ => today,
    };
    let to = from.checked_add_days(Days::new(u64::from(
        6 - from.weekday().num_days_from_monday(),
    )))?;
    Some(DaySpan { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap_or_default()
    }

    fn span(from: &str, to: &str) -> Option<DaySpan> {
        Some(DaySpan {
            from: day(from),
            to: day(to),
        })
    }

    // 2026-12-08 is a Tuesday.
    const TUESDAY: &str = "2026-12-08";

    #[test]
    fn blank_and_today_are_today_in_both_languages() {
        for text in ["", "   ", "today", "TODAY", " Heute "] {
            assert_eq!(
                parse_span(text, day(TUESDAY)),
                span(TUESDAY, TUESDAY),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tomorrow_is_the_next_day() {
        for text in ["tomorrow", "Morgen"] {
            assert_eq!(
                parse_span(text, day(TUESDAY)),
                span("2026-12-09", "2026-12-09")
            );
        }
        assert_eq!(
            parse_span("tomorrow", day("2026-12-31")),
            span("2027-01-01", "2027-01-01")
        );
    }

    #[test]
    fn week_is_the_rest_of_this_week_to_sunday() {
        for text in ["week", "Woche"] {
            assert_eq!(parse_span(text, day(TUESDAY)), span(TUESDAY, "2026-12-13"));
        }
        assert_eq!(
            parse_span("week", day("2026-12-07")),
            span("2026-12-07", "2026-12-13")
        );
        assert_eq!(
            parse_span("week", day("2026-12-11")),
            span("2026-12-11", "2026-12-13")
        );
    }

    #[test]
    fn week_on_a_weekend_is_the_week_ahead() {
        for weekend_day in ["2026-12-12", "2026-12-13"] {
            assert_eq!(
                parse_span("week", day(weekend_day)),
                span("2026-12-14", "2026-12-20")
            );
        }
    }

    #[test]
    fn a_date_is_that_day_past_or_future() {
        assert_eq!(
            parse_span(" 2026-12-24 ", day(TUESDAY)),
            span("2026-12-24", "2026-12-24")
        );
        assert_eq!(
            parse_span("2026-01-02", day(TUESDAY)),
            span("2026-01-02", "2026-01-02")
        );
    }

    #[test]
    fn anything_else_is_not_understood() {
        for text in [
            "yesterday",
            "next week",
            "2026-13-01",
            "2026-1-5",
            "24.12.2026",
            "<!channel>",
            "week week",
        ] {
            assert_eq!(parse_span(text, day(TUESDAY)), None, "{text:?}");
        }
    }

    #[test]
    fn days_lists_every_day_of_the_span() {
        let week = parse_span("week", day("2026-12-10")).unwrap_or(DaySpan::day(day(TUESDAY)));
        let days: Vec<String> = week.days().map(|d| d.to_string()).collect();
        assert_eq!(
            days,
            ["2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"]
        );
    }
}
