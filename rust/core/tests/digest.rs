//! Digest posts end to end (issue 27): rows as the Python side sends them → a rule's messages,
//! for every horizon in English and German (golden files in tests/golden/digest_*; regenerate
//! with `UPDATE_GOLDEN=1 cargo test`), the `today` horizon equal to the daily summary, privacy
//! options, and Block Kit's limits on large teams.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};
use slack_connector_core::absence::digest::{
    celebrations_due, digest_days, holidays_to_announce, Celebration, Holiday, Horizon, Person,
    RowIndex, Selection,
};
use slack_connector_core::absence::{summarise, OutRow};
use slack_connector_core::blocks::channel::{attendance_messages_with, Naming};
use slack_connector_core::blocks::digest::{digest_messages, report_url, Layout, MAX_MESSAGES};
use slack_connector_core::blocks::Message;
use slack_connector_core::dates::parse_iso_date;
use slack_connector_core::limits;
use slack_connector_core::words::DigestWords;
use slack_morphism::prelude::*;

fn day(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap()
}

/// Tuesday 8 December 2026; the weekends and Christmas are off.
const TODAY: &str = "2026-12-08";

fn days_off() -> Vec<NaiveDate> {
    [
        "2026-12-12",
        "2026-12-13",
        "2026-12-19",
        "2026-12-20",
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
        "2026-12-27",
    ]
    .iter()
    .map(|d| day(d))
    .collect()
}

fn rows() -> Vec<OutRow> {
    serde_json::from_value(json!([
        {"employee": "E1", "employee_name": "Jane Roe", "slack_user_id": "U01JANE",
         "from_date": "2026-12-08", "to_date": "2026-12-10", "leave_type": "Casual Leave", "status": "Approved"},
        {"employee": "E2", "employee_name": "Omar <!here> & Co", "slack_user_id": null,
         "from_date": "2026-12-09", "to_date": "2026-12-09", "half_day": 1, "half_period": "First Half",
         "leave_type": "Sick Leave", "status": "Open"},
        {"employee": "E3", "employee_name": "Ann Lee", "slack_user_id": "U03ANN",
         "from_date": "2026-12-08", "to_date": "2026-12-08", "leave_type": "Casual Leave", "status": "Approved"},
        {"employee": "E4", "employee_name": "Bo Chen", "slack_user_id": "U04BO",
         "from_date": "2026-12-11", "to_date": "2026-12-15", "half_day": 1, "half_day_date": "2026-12-15",
         "half_period": "Second Half", "leave_type": "Privilege Leave", "status": "Approved"},
        {"employee": "E5", "employee_name": "Cy Out Of Scope", "slack_user_id": "U05CY",
         "from_date": "2026-12-08", "to_date": "2026-12-18", "leave_type": "Casual Leave", "status": "Approved"},
        {"employee": "E6", "employee_name": "Dee Moss", "slack_user_id": "U06DEE",
         "from_date": "2026-12-14", "to_date": "2026-12-14", "leave_type": "Sick Leave", "status": "Approved"},
        {"employee": "E7", "employee_name": "Eve Park", "slack_user_id": "U07EVE",
         "from_date": "2026-12-22", "to_date": "2026-12-29", "leave_type": "Casual Leave", "status": "Approved"}
    ]))
    .unwrap()
}

fn scope() -> Vec<&'static str> {
    vec!["E1", "E2", "E3", "E4", "E6", "E7"]
}

fn holidays() -> Vec<Holiday> {
    serde_json::from_value(json!([
        {"date": "2026-12-12", "description": "Saturday", "weekly_off": 1},
        {"date": "2026-12-13", "description": "Sunday", "weekly_off": 1},
        {"date": "2026-12-24", "description": "<p>Christmas Eve</p>", "weekly_off": 0},
        {"date": "2026-12-25", "description": "Christmas Day", "weekly_off": 0}
    ]))
    .unwrap()
}

fn people() -> Vec<Person> {
    serde_json::from_value(json!([
        {"employee": "E1", "employee_name": "Jane Roe", "slack_user_id": "U01JANE",
         "date_of_birth": "1990-12-09", "date_of_joining": "2019-12-10"},
        {"employee": "E3", "employee_name": "Ann Lee", "slack_user_id": "U03ANN",
         "date_of_birth": "1988-12-08", "date_of_joining": "2025-12-08"},
        {"employee": "E6", "employee_name": "Dee Moss", "slack_user_id": null,
         "date_of_birth": null, "date_of_joining": "2026-12-08"}
    ]))
    .unwrap()
}

struct Rule {
    horizon: Horizon,
    today: &'static str,
    naming: Naming,
    hide_types: bool,
    include_open: bool,
    title: &'static str,
    report_url: Option<&'static str>,
}

impl Rule {
    fn new(horizon: Horizon) -> Self {
        Self {
            horizon,
            today: TODAY,
            naming: Naming::Mention,
            hide_types: false,
            include_open: true,
            title: "",
            report_url: None,
        }
    }

    fn build(&self, rows: &[OutRow], scope: Option<&[&str]>, w: &DigestWords) -> Vec<Message> {
        let mask = scope.map(|s| RowIndex::new(rows).mask(s.iter().copied()));
        let today = day(self.today);
        let days = digest_days(self.horizon, today, &days_off());
        // The caller's range: the period's days (a real caller starts after the last announced).
        let (from, to) = self.horizon.week(today).unwrap_or((
            days.first().copied().unwrap_or(today),
            days.last().copied().unwrap_or(today),
        ));
        let celebrations: Vec<Celebration> = celebrations_due(&people(), from, to);
        let holidays = holidays_to_announce(self.horizon, today, &holidays());
        let layout = Layout {
            horizon: self.horizon,
            today,
            days: &days,
            naming: self.naming,
            hide_types: self.hide_types,
            title: self.title,
            report_url: self.report_url,
        };
        let selection = Selection {
            in_scope: mask.as_deref(),
            include_open: self.include_open,
        };
        digest_messages(rows, selection, &layout, &holidays, &celebrations, w)
    }
}

fn value(messages: &[Message]) -> Value {
    Value::Array(messages.iter().map(|m| m.to_value().unwrap()).collect())
}

fn texts(messages: &[Message]) -> String {
    messages
        .iter()
        .map(|m| m.text.as_str())
        .collect::<Vec<_>>()
        .join("\n---\n")
}

fn section_texts(message: &Message) -> Vec<&str> {
    message
        .blocks
        .iter()
        .filter_map(|b| match b {
            SlackBlock::Section(s) => match &s.text {
                Some(SlackBlockText::MarkDown(m)) => Some(m.text.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn header_text(message: &Message) -> String {
    match message.blocks.first() {
        Some(SlackBlock::Header(h)) => serde_json::to_value(h).unwrap()["text"]["text"]
            .as_str()
            .unwrap()
            .to_owned(),
        other => panic!("no header first: {other:?}"),
    }
}

#[test]
fn golden_every_horizon_in_english_and_german() {
    let scope = scope();
    for (lang, words) in [("en", &en().digest), ("de", &de().digest)] {
        for horizon in Horizon::ALL {
            let messages = Rule::new(horizon).build(&rows(), Some(&scope[..]), words);
            assert_eq!(messages.len(), 1, "{lang} {horizon:?}");
            let name = match lang {
                "en" => format!("digest_{}", horizon.code()),
                _ => format!("de_digest_{}", horizon.code()),
            };
            golden(&name, &value(&messages));
        }
    }
}

#[test]
fn tomorrow_lists_the_next_working_day_by_day() {
    let messages = Rule::new(Horizon::Tomorrow).build(&rows(), Some(&scope()[..]), &en().digest);
    let text = texts(&messages);
    assert!(
        text.starts_with(":calendar: Who is out on Dec 09, 2026 (Wed)"),
        "{text}"
    );
    assert!(
        text.contains("*Dec 09, 2026 (Wed)*\n<@U01JANE> (Full Day, Casual Leave), Omar &lt;!here&gt; &amp; Co (First Half, Sick Leave, awaiting approval)"),
        "{text}"
    );
    assert!(
        text.contains(":birthday: *Happy birthday*\n• <@U01JANE>"),
        "{text}"
    );
    assert!(!text.contains("Cy Out Of Scope"), "{text}");
}

#[test]
fn this_week_groups_runs_by_person_across_the_weekend() {
    let messages = Rule::new(Horizon::ThisWeek).build(&rows(), Some(&scope()[..]), &en().digest);
    let text = texts(&messages);
    assert!(
        text.starts_with(
            ":calendar: Who is out this week, Dec 08, 2026 (Tue) to Dec 13, 2026 (Sun)"
        ),
        "{text}"
    );
    assert!(
        text.contains("*Dec 08, 2026 (Tue)*\n<@U03ANN> (Full Day, Casual Leave)"),
        "{text}"
    );
    assert!(
        text.contains("*Out for several days*\n• <@U01JANE>: Dec 08, 2026 (Tue) to Dec 10, 2026 (Thu) (Casual Leave)"),
        "{text}"
    );
    // Bo's Friday is alone in this week (the week ends on Sunday).
    assert!(
        text.contains("*Dec 11, 2026 (Fri)*\n<@U04BO> (Full Day, Privilege Leave)"),
        "{text}"
    );
    let mut before_christmas = Rule::new(Horizon::NextWeek);
    before_christmas.today = "2026-12-18";
    let next = texts(&before_christmas.build(&rows(), Some(&scope()[..]), &en().digest));
    assert!(
        next.contains("• <@U07EVE>: Dec 22, 2026 (Tue) to Dec 23, 2026 (Wed) (Casual Leave)"),
        "Christmas Eve and Day are off: {next}"
    );
    assert!(next.contains(":beach_with_umbrella: *Public holidays ahead*\n• Dec 24, 2026 (Thu): Christmas Eve\n• Dec 25, 2026 (Fri): Christmas Day"), "{next}");
    // Over the weekend, Friday to Monday is one run.
    let mut rows = rows();
    rows.retain(|r| r.absence.employee == "E4");
    let days = vec![day("2026-12-11"), day("2026-12-14"), day("2026-12-15")];
    let layout = Layout {
        horizon: Horizon::NextWeek,
        today: day("2026-12-11"),
        days: &days,
        naming: Naming::Mention,
        hide_types: false,
        title: "",
        report_url: None,
    };
    let all = Selection {
        in_scope: None,
        include_open: true,
    };
    let text = texts(&digest_messages(
        &rows,
        all,
        &layout,
        &[],
        &[],
        &en().digest,
    ));
    assert!(
        text.contains("• <@U04BO>: Dec 11, 2026 (Fri) to Dec 15, 2026 (Tue) (Privilege Leave, Second Half on Dec 15, 2026 (Tue))"),
        "{text}"
    );
}

#[test]
fn today_is_exactly_the_daily_summary() {
    let scope = scope();
    let rows = rows();
    for naming in [Naming::Mention, Naming::Name] {
        for title in ["", "Out today"] {
            let today = day(TODAY);
            let layout = Layout {
                horizon: Horizon::Today,
                today,
                days: &[today],
                naming,
                hide_types: false,
                title,
                report_url: None,
            };
            let mask = RowIndex::new(&rows).mask(scope.iter().copied());
            let selection = Selection {
                in_scope: Some(&mask),
                include_open: true,
            };
            let digest = digest_messages(&rows, selection, &layout, &[], &[], &en().digest);
            let absence: Vec<_> = rows
                .iter()
                .filter(|r| scope.contains(&r.absence.employee.as_str()))
                .map(|r| r.absence.clone())
                .collect();
            let summary =
                attendance_messages_with(&summarise(&absence, today), title, &en().summary, naming);
            assert_eq!(value(&digest), value(&summary));
        }
    }
    // With celebrations, the summary comes first, unchanged, then the sections.
    let with = Rule::new(Horizon::Today).build(&rows, Some(&scope[..]), &en().digest);
    let text = texts(&with);
    assert!(
        text.starts_with(":palm_tree: 2 Employees on Leave"),
        "{text}"
    );
    assert!(
        text.ends_with(":tada: *Work anniversaries*\n• <@U03ANN>: 1 year"),
        "{text}"
    );
}

#[test]
fn privacy_options_name_without_pinging_and_hide_types_and_open_requests() {
    let mut rule = Rule::new(Horizon::ThisWeek);
    rule.naming = Naming::Name;
    rule.hide_types = true;
    rule.include_open = false;
    let messages = rule.build(&rows(), Some(&scope()[..]), &en().digest);
    let json = serde_json::to_string(&value(&messages)).unwrap();
    assert!(!json.contains("<@"), "{json}");
    assert!(json.contains("Jane Roe"), "{json}");
    for leave_type in ["Casual Leave", "Sick Leave", "Privilege Leave"] {
        assert!(!json.contains(leave_type), "{leave_type}: {json}");
    }
    assert!(
        !json.contains("Omar"),
        "an open request is left out: {json}"
    );
    assert!(!json.contains("awaiting approval"), "{json}");
}

#[test]
fn empty_periods_say_so() {
    let none: Vec<OutRow> = Vec::new();
    let text = texts(&Rule::new(Horizon::Tomorrow).build(&none, None, &en().digest));
    assert!(text.contains("Nobody is out."), "{text}");
    let mut sunday = Rule::new(Horizon::ThisWeek);
    sunday.today = "2026-12-13";
    let text = texts(&sunday.build(&none, None, &en().digest));
    assert!(
        text.contains("There is no working day in that period."),
        "{text}"
    );
}

#[test]
fn a_rule_title_names_the_period() {
    let mut rule = Rule::new(Horizon::NextWeek);
    rule.title = "Team Alpha";
    let messages = rule.build(&rows(), Some(&scope()[..]), &en().digest);
    assert_eq!(
        header_text(&messages[0]),
        ":calendar: Team Alpha for Dec 14, 2026 (Mon) to Dec 20, 2026 (Sun)"
    );
    let de_messages = rule.build(&rows(), Some(&scope()[..]), &de().digest);
    assert!(header_text(&de_messages[0]).starts_with(":calendar: Team Alpha für "));
}

/// `n` people, each out on one day or several days of next week.
fn crowd(n: usize, name_len: usize) -> Vec<OutRow> {
    (0..n)
        .map(|i| {
            let (from, to) = match i % 3 {
                0 => ("2026-12-14", "2026-12-14"),
                1 => ("2026-12-15", "2026-12-17"),
                _ => ("2026-12-16", "2026-12-16"),
            };
            serde_json::from_value(json!({
                "employee": format!("E{i:05}"),
                "employee_name": format!("Person {i:05} {}", "x".repeat(name_len)),
                "slack_user_id": if i % 2 == 0 { Value::Null } else { json!(format!("U{i:08}")) },
                "from_date": from, "to_date": to, "leave_type": "Casual Leave", "status": "Approved",
            }))
            .unwrap()
        })
        .collect()
}

fn assert_within_limits(messages: &[Message]) {
    assert!(
        messages.len() <= MAX_MESSAGES,
        "{} messages",
        messages.len()
    );
    for m in messages {
        assert!(
            m.blocks.len() <= limits::BLOCKS_PER_MESSAGE,
            "{} blocks",
            m.blocks.len()
        );
        for text in section_texts(m) {
            assert!(
                text.chars().count() <= limits::SECTION_TEXT,
                "{}",
                text.chars().count()
            );
        }
        if let Some(SlackBlock::Header(_)) = m.blocks.first() {
            assert!(header_text(m).chars().count() <= limits::HEADER_TEXT);
        }
        assert!(m.text.chars().count() <= limits::FALLBACK_TEXT);
    }
}

#[test]
fn a_large_team_splits_into_replies_and_then_stops_with_a_link() {
    let mut rule = Rule::new(Horizon::NextWeek);
    rule.report_url = Some("https://erp.example.com/app/query-report/Employee%20Leave");
    // Several sections, one message.
    let some = rule.build(&crowd(300, 10), None, &en().digest);
    assert_within_limits(&some);
    assert_eq!(some.len(), 1);
    let sections = section_texts(&some[0]);
    assert!(
        sections
            .iter()
            .any(|s| s.starts_with("*Dec 14, 2026 (Mon)* (continued)\n")),
        "{sections:?}"
    );
    // Many: replies, then "and N more" with the report. (Named, not mentioned, to count them.)
    rule.naming = Naming::Name;
    let many = rule.build(&crowd(20_000, 40), None, &en().digest);
    assert_within_limits(&many);
    assert_eq!(many.len(), MAX_MESSAGES);
    let last = section_texts(many.last().unwrap());
    let tail = last.iter().find(|s| s.starts_with("_and ")).unwrap();
    assert!(
        tail.ends_with("more_ <https://erp.example.com/app/query-report/Employee%20Leave|Open the full report>"),
        "{tail}"
    );
    let shown: usize = many
        .iter()
        .flat_map(section_texts)
        .map(|s| s.matches("Person ").count())
        .sum();
    let more: usize = tail
        .trim_start_matches("_and ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let sections: usize = many.iter().map(|m| section_texts(m).len()).sum();
    assert_eq!(
        shown + more,
        20_000,
        "every person is shown or counted: {shown} + {more}, {sections} sections"
    );
    // Without a report URL, the count alone.
    rule.report_url = None;
    let unlinked = rule.build(&crowd(20_000, 40), None, &en().digest);
    let last = section_texts(unlinked.last().unwrap());
    assert!(last
        .iter()
        .any(|s| s.starts_with("_and ") && s.ends_with(" more_")));
}

#[test]
fn report_urls_must_be_plain_http_links() {
    assert!(report_url("https://erp.example.com/app/x").is_ok());
    for bad in [
        "",
        "javascript:alert(1)",
        "https://a b",
        "https://x|<!channel>",
        "ftp://x",
        "https://",
    ] {
        let err = report_url(bad).unwrap_err();
        assert_eq!(err.reason(), "bad_url", "{bad}");
    }
}

#[test]
fn today_with_a_crowd_keeps_the_summary_s_packing() {
    let rows: Vec<OutRow> = crowd(3_000, 60)
        .into_iter()
        .map(|mut r| {
            r.absence.from_date = day(TODAY);
            r.absence.to_date = day(TODAY);
            r
        })
        .collect();
    let messages = Rule::new(Horizon::Today).build(&rows, None, &en().digest);
    assert!(messages.len() > 1);
    for m in &messages {
        assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE);
        for text in section_texts(m) {
            assert!(text.chars().count() <= limits::SECTION_TEXT);
        }
    }
}

fn arbitrary_row() -> impl Strategy<Value = Value> {
    (
        0u8..40,
        "[A-Za-z<>&@!| ]{0,30}",
        proptest::option::of("U[A-Z0-9]{1,10}"),
        0u32..20,
        0u32..6,
        any::<bool>(),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(|(e, name, slack, start, len, half, open, period)| {
            let from = day("2026-12-07") + chrono::Days::new(u64::from(start));
            let to = from + chrono::Days::new(u64::from(len));
            json!({
                "employee": format!("E{e}"), "employee_name": name, "slack_user_id": slack,
                "from_date": from.to_string(), "to_date": to.to_string(), "half_day": half,
                "half_period": match period { 0 => Value::Null, 1 => json!("First Half"), _ => json!("Second Half") },
                "leave_type": "Casual Leave", "status": if open { "Open" } else { "Approved" },
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any rows, any horizon and day, any options: a post within Block Kit's limits, never a
    /// panic, never a mention when mentions are off.
    #[test]
    fn digests_always_keep_the_limits(
        values in proptest::collection::vec(arbitrary_row(), 0..60),
        horizon in 0usize..4,
        start in 0u64..14,
        mention in any::<bool>(),
        hide_types in any::<bool>(),
        include_open in any::<bool>(),
        title in "[a-z <>&]{0,200}",
    ) {
        let rows: Vec<OutRow> = values
            .into_iter()
            .map(|v| serde_json::from_value(v).unwrap())
            .collect();
        let today = day("2026-12-05") + chrono::Days::new(start);
        let horizon = Horizon::ALL[horizon];
        let days = digest_days(horizon, today, &days_off());
        let layout = Layout {
            horizon,
            today,
            days: &days,
            naming: Naming::from_mention(mention),
            hide_types,
            title: &title,
            report_url: None,
        };
        let selection = Selection { in_scope: None, include_open };
        let messages = digest_messages(&rows, selection, &layout, &[], &[], &en().digest);
        prop_assert!(!messages.is_empty());
        for m in &messages {
            prop_assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE);
            for text in section_texts(m) {
                prop_assert!(text.chars().count() <= limits::SECTION_TEXT);
            }
            prop_assert!(header_text(&messages[0]).chars().count() <= limits::HEADER_TEXT);
            if !mention {
                prop_assert!(!m.text.contains("<@"));
            }
        }
    }

    /// Celebrations: every one inside the range, anniversaries at least one year, sorted.
    #[test]
    fn celebrations_stay_in_their_range(
        born in proptest::collection::vec((1950i32..2026, 1u32..13, 1u32..32), 0..30),
        from in 0u64..800,
        len in 0u64..40,
    ) {
        let people: Vec<Person> = born
            .iter()
            .enumerate()
            .filter_map(|(i, (y, m, d))| {
                let date = NaiveDate::from_ymd_opt(*y, *m, *d)?;
                Some(Person {
                    employee: format!("E{i}"),
                    employee_name: format!("P{i}"),
                    slack_user_id: None,
                    date_of_birth: Some(date),
                    date_of_joining: Some(date),
                })
            })
            .collect();
        let from = day("2026-01-01") + chrono::Days::new(from);
        let to = from + chrono::Days::new(len);
        let due = celebrations_due(&people, from, to);
        for c in &due {
            prop_assert!(from <= c.date && c.date <= to);
            prop_assert!(c.years.is_none_or(|y| y >= 1));
        }
        prop_assert!(due.windows(2).all(|w| w[0].date <= w[1].date));
    }
}
