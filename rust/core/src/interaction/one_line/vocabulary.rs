//! The words a one-line request is read with, English and German.

use chrono::Weekday;

pub(super) const TODAY: &[&str] = &["today", "heute"];
pub(super) const TOMORROW: &[&str] = &["tomorrow", "morgen"];
pub(super) const DAY_AFTER_TOMORROW: &[&str] = &["übermorgen", "uebermorgen"];
pub(super) const NEXT_WEEK: &[&str] = &[
    "next",
    "nächsten",
    "nächster",
    "nächste",
    "nächstem",
    "naechsten",
    "naechster",
    "naechste",
];
pub(super) const THIS: &[&str] = &["this", "diesen", "diesem", "kommenden"];
/// Words that may stand before a date (`on friday`, `vom 24.`): taken with it.
pub(super) const BEFORE_DATE: &[&str] = &["on", "from", "am", "vom", "von", "ab"];
/// Words between the two ends of a range.
pub(super) const RANGE_JOINERS: &[&str] = &["-", "–", "—", "to", "until", "till", "through", "bis"];
pub(super) const MORNING: &[&str] = &["morning", "vormittags", "vormittag", "morgens"];
pub(super) const AFTERNOON: &[&str] = &["afternoon", "nachmittags", "nachmittag"];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("montag", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("dienstag", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("mittwoch", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("donnerstag", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("freitag", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("samstag", Weekday::Sat),
    ("sonnabend", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("sonntag", Weekday::Sun),
];

/// Month names and abbreviations, English and German (a trailing `.` is dropped before lookup).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
];

pub(super) fn month_of(norm: &str) -> Option<u32> {
    let word = norm.strip_suffix('.').unwrap_or(norm);
    MONTHS.iter().find(|(n, _)| *n == word).map(|(_, m)| *m)
}

pub(super) fn weekday_of(norm: &str) -> Option<Weekday> {
    let word = norm.strip_suffix('.').unwrap_or(norm);
    WEEKDAYS.iter().find(|(n, _)| *n == word).map(|(_, d)| *d)
}
