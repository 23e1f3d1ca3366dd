//! Attendance messages end to end: rows as the Python side sends them → Slack messages.
//! Golden files live in tests/golden/; regenerate with `UPDATE_GOLDEN=1 cargo test`.

// This whole crate is test code: helpers outside #[test] fns may panic on a broken expectation too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};
use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{json, Value};
use slack_connector_core::absence::{parse_rows, summarise, AbsenceKind};
use slack_connector_core::blocks::channel::{
    attendance_messages, attendance_messages_with, late_leave_note, late_leave_note_for_row,
    late_leave_note_for_row_with, test_message, Naming,
};
use slack_connector_core::blocks::Message;
use slack_connector_core::dates::parse_iso_date;
use slack_connector_core::limits;
use slack_morphism::prelude::*;

const TODAY: &str = "2026-12-04";

fn today() -> NaiveDate {
    parse_iso_date(TODAY).unwrap()
}

fn messages_value(messages: &[Message]) -> Value {
    Value::Array(messages.iter().map(|m| m.to_value().unwrap()).collect())
}

fn typical_rows() -> Vec<Value> {
    json!([
        {"employee": "HR-EMP-0001", "employee_name": "Ann Lee", "slack_user_id": "U01ANN",
         "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day": 0, "half_day_date": null, "half_period": null},
        {"employee": "HR-EMP-0002", "employee_name": "Bob <!channel> & Co", "slack_user_id": null,
         "from_date": "2026-12-01", "to_date": "2026-12-08", "half_day": 0, "half_day_date": null, "half_period": null},
        {"employee": "HR-EMP-0003", "employee_name": "Chen Wu", "slack_user_id": "U03CHEN",
         "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day": 1, "half_day_date": null, "half_period": null},
        {"employee": "HR-EMP-0004", "employee_name": "Dee Moss", "slack_user_id": "U04DEE",
         "from_date": "2026-12-04", "to_date": "2026-12-07", "half_day": 1, "half_day_date": "2026-12-04", "half_period": "First Half"},
        {"employee": "HR-EMP-0005", "employee_name": "Eve Park", "slack_user_id": null,
         "from_date": "2026-12-04", "to_date": "2026-12-04", "half_day": true, "half_day_date": "2026-12-04", "half_period": "Second Half"},
        {"employee": "HR-EMP-0006", "employee_name": "Finn Ode", "slack_user_id": "U06FINN",
         "from_date": "2026-12-03", "to_date": "2026-12-05", "half_day": 1, "half_day_date": "2026-12-05", "half_period": "First Half"},
        {"employee": "HR-EMP-0007", "employee_name": "Gone Yesterday", "slack_user_id": "U07",
         "from_date": "2026-12-02", "to_date": "2026-12-03", "half_day": 0, "half_day_date": null, "half_period": null}
    ])
    .as_array()
    .cloned()
    .unwrap()
}

#[test]
fn golden_typical_day() {
    let rows = parse_rows(&typical_rows()).unwrap();
    let messages = attendance_messages(
        &summarise(&rows, today()),
        "Employees on Leave",
        &en().summary,
    );
    assert_eq!(messages.len(), 1);
    let text = &messages[0].text;
    assert!(text.contains("6 Employees on Leave"), "{text}");
    assert!(text.contains("&lt;!channel&gt;"), "{text}");
    assert!(!text.contains("<!channel>"), "{text}");
    golden("attendance_typical", &messages_value(&messages));
}

#[test]
fn golden_empty_day() {
    let messages = attendance_messages(
        &summarise(&[], today()),
        "Employees on Leave",
        &en().summary,
    );
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].text, ":sunny: No Employees on Leave");
    golden("attendance_empty", &messages_value(&messages));
    let blank = attendance_messages(&summarise(&[], today()), "   ", &en().summary);
    assert_eq!(blank[0].text, ":sunny: No Employees on Leave");
}

#[test]
fn golden_late_leave_note() {
    let note = late_leave_note(
        "Ann",
        Some("U01ANN"),
        AbsenceKind::FirstHalf,
        None,
        &en().late_leave_note,
    );
    assert_eq!(note.text, "<@U01ANN> is also on leave today (First Half)");
    golden("late_leave_note", &note.to_value().unwrap());
    let note = late_leave_note(
        "<!here> & x",
        None,
        AbsenceKind::FullDay,
        parse_iso_date("2026-12-08"),
        &en().late_leave_note,
    );
    assert_eq!(
        note.text,
        "&lt;!here&gt; &amp; x is also on leave today (Full Day) _until Dec 08, 2026 (Tue)_"
    );
    let rows = parse_rows(&typical_rows()).unwrap();
    let from_row = late_leave_note_for_row(&rows[3], today(), &en().late_leave_note).unwrap();
    assert_eq!(
        from_row.text,
        "<@U04DEE> is also on leave today (First Half) _until Dec 07, 2026 (Mon)_"
    );
    assert!(late_leave_note_for_row(&rows[6], today(), &en().late_leave_note).is_none());
}

#[test]
fn golden_test_message() {
    let m = test_message("hr.example.com", &en().test_message);
    assert!(
        m.text
            .contains("can post in this channel from *hr.example.com*"),
        "{}",
        m.text
    );
    golden("test_message", &m.to_value().unwrap());
    let text: serde_json::Value = serde_json::from_str(&m.to_json().unwrap()).unwrap();
    assert_eq!(text, m.to_value().unwrap());
    assert!(m.to_json().unwrap().starts_with(r#"{"text":"#));
    let m = test_message("<!channel>", &en().test_message);
    assert!(!m.text.contains("<!channel>"));
}

/// German words: groups, "until", the empty day, the late-leave note and the test message.
#[test]
fn golden_german_summary() {
    let rows = parse_rows(&typical_rows()).unwrap();
    // A blank title is the words' default title.
    let messages = attendance_messages(&summarise(&rows, today()), "", &de().summary);
    let text = &messages[0].text;
    assert!(
        text.starts_with(":palm_tree: 6 Mitarbeiter im Urlaub"),
        "{text}"
    );
    assert!(text.contains("*Ganzer Tag*"), "{text}");
    assert!(text.contains("_bis Di., 08. Dez. 2026_"), "{text}");
    golden("de_attendance_typical", &messages_value(&messages));
    let empty = attendance_messages(&summarise(&[], today()), " ", &de().summary);
    assert_eq!(empty[0].text, ":sunny: Keine Mitarbeiter im Urlaub");
    let note = late_leave_note_for_row(&rows[3], today(), &de().late_leave_note).unwrap();
    assert_eq!(
        note.text,
        "<@U04DEE> ist heute ebenfalls im Urlaub (Erste Hälfte) _bis Mo., 07. Dez. 2026_"
    );
    let m = test_message("hr.example.com", &de().test_message);
    assert!(
        m.text.contains(
            "*Frappe Slack Connector* kann von *hr.example.com* aus in diesem Kanal posten."
        ),
        "{}",
        m.text
    );
    // A group cut by a message boundary resumes as "(Fortsetzung)".
    let many = parse_rows(&many_rows(2500, 80)).unwrap();
    let messages = attendance_messages(&summarise(&many, today()), "", &de().summary);
    let second = messages[1].to_value().unwrap();
    let first_line = second["blocks"][0]["text"]["text"].as_str().unwrap();
    assert!(
        first_line.ends_with("* (Fortsetzung)") || first_line.contains("* (Fortsetzung)\n"),
        "{first_line}"
    );
}

/// Checks every Slack limit and returns the lines (without heading) of all messages, in order.
fn check_limits(messages: &[Message]) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        assert!(!m.text.is_empty(), "message {i} without fallback text");
        assert!(m.text.chars().count() <= limits::FALLBACK_TEXT);
        assert!(
            m.blocks.len() <= limits::BLOCKS_PER_MESSAGE,
            "message {i}: {} blocks",
            m.blocks.len()
        );
        for block in &m.blocks {
            match block {
                SlackBlock::Header(h) => {
                    assert_eq!(i, 0, "header only on the first message");
                    let v = serde_json::to_value(h).unwrap();
                    let t = v["text"]["text"].as_str().unwrap();
                    assert!(
                        t.chars().count() <= limits::HEADER_TEXT,
                        "header {}",
                        t.len()
                    );
                }
                SlackBlock::Section(s) => {
                    let Some(SlackBlockText::MarkDown(t)) = &s.text else {
                        panic!("section without mrkdwn text");
                    };
                    assert!(t.text.chars().count() <= limits::SECTION_TEXT);
                    for line in t.text.lines() {
                        if !line.starts_with('*') {
                            lines.push(line.to_owned());
                        }
                    }
                }
                other => panic!("unexpected block {other:?}"),
            }
        }
        // What Python gets must round-trip through the typed model (no Unknown blocks).
        let v = m.to_value().unwrap();
        slack_connector_core::render::parse_blocks(v["blocks"].clone()).unwrap();
    }
    lines
}

fn many_rows(n: usize, name_len: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let kind = i % 5;
            let name = format!("Person {i:06} {}", "n".repeat(name_len));
            json!({
                "employee": format!("HR-EMP-{i:06}"),
                "employee_name": name,
                "slack_user_id": if i % 3 == 0 { Value::Null } else { json!(format!("U{i:08}")) },
                "from_date": "2026-12-01",
                "to_date": format!("2026-12-{:02}", 4 + i % 20),
                "half_day": kind >= 2,
                "half_day_date": if kind >= 2 { json!(TODAY) } else { Value::Null },
                "half_period": match kind { 3 => json!("First Half"), 4 => json!("Second Half"), _ => Value::Null },
            })
        })
        .collect()
}

fn assert_everyone_once(n: usize, lines: &[String]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let who = line
            .split_once(". ")
            .map(|(_, rest)| rest.split(" _until").next().unwrap_or(rest))
            .unwrap();
        *seen.entry(who.to_owned()).or_default() += 1;
    }
    assert_eq!(lines.len(), n);
    assert_eq!(seen.len(), n, "every person exactly once");
    assert!(seen.values().all(|&c| c == 1));
}

#[test]
fn splits_2500_people_within_limits() {
    let rows = parse_rows(&many_rows(2500, 80)).unwrap();
    let summary = summarise(&rows, today());
    assert_eq!(summary.total(), 2500);
    let messages = attendance_messages(&summary, "Employees on Leave", &en().summary);
    let lines = check_limits(&messages);
    assert_everyone_once(2500, &lines);
    assert!(messages.len() >= 2, "{} messages", messages.len());
    assert!(messages[0]
        .text
        .starts_with(":palm_tree: 2500 Employees on Leave"));
}

#[test]
fn splits_10000_people_within_limits() {
    let rows = parse_rows(&many_rows(10_000, 10)).unwrap();
    let messages = attendance_messages(
        &summarise(&rows, today()),
        "Employees on Leave",
        &en().summary,
    );
    let lines = check_limits(&messages);
    assert_everyone_once(10_000, &lines);
    // Numbering restarts in each group and runs on across sections and messages.
    let firsts = lines.iter().filter(|l| l.starts_with("1. ")).count();
    assert_eq!(firsts, 4);
}

#[test]
fn pathological_names_and_title_stay_within_limits() {
    let rows: Vec<Value> = (0..40)
        .map(|i| {
            json!({"employee": format!("E{i}"), "employee_name": format!("{i}{}", "<&>".repeat(5000)),
                   "from_date": TODAY, "to_date": "2026-12-31", "half_day": false})
        })
        .collect();
    let rows = parse_rows(&rows).unwrap();
    let messages =
        attendance_messages(&summarise(&rows, today()), &"T".repeat(1000), &en().summary);
    let lines = check_limits(&messages);
    assert_eq!(lines.len(), 40);
    for line in &lines {
        assert!(
            !line.contains('<') && !line.contains('>'),
            "unescaped: {}",
            &line[..40]
        );
        assert!(line.ends_with("_until Dec 31, 2026 (Thu)_"));
    }
}

#[test]
fn sections_split_between_lines_never_inside() {
    let rows = parse_rows(&many_rows(300, 30)).unwrap();
    let messages = attendance_messages(&summarise(&rows, today()), "Out", &en().summary);
    let lines = check_limits(&messages);
    for line in &lines {
        let (n, _) = line.split_once(". ").unwrap();
        assert!(n.parse::<usize>().is_ok(), "line split: {line}");
    }
    let sections = messages[0].blocks.len() - 1;
    assert!(sections > 4, "expected several sections, got {sections}");
}

#[test]
fn markdown_rendering_for_dry_runs() {
    let rows = parse_rows(&typical_rows()).unwrap();
    let messages = attendance_messages(
        &summarise(&rows, today()),
        "Employees on Leave",
        &en().summary,
    );
    let md = slack_connector_core::blocks::markdown(&messages[0].blocks);
    assert!(md.contains("Employees on Leave"), "{md}");
    assert!(md.contains("First Half"), "{md}");
}

#[test]
fn golden_typical_day_without_mentions() {
    let rows = parse_rows(&typical_rows()).unwrap();
    let summary = summarise(&rows, today());
    let messages =
        attendance_messages_with(&summary, "Employees on Leave", &en().summary, Naming::Name);
    assert_eq!(messages.len(), 1);
    let value = messages_value(&messages);
    let all = value.to_string();
    assert!(!all.contains("<@"), "{all}");
    assert!(messages[0].text.contains("Ann Lee"), "{}", messages[0].text);
    assert!(
        messages[0].text.contains("&lt;!channel&gt;"),
        "{}",
        messages[0].text
    );
    assert!(
        messages[0].text.contains("6 Employees on Leave"),
        "{}",
        messages[0].text
    );
    golden("attendance_typical_no_mentions", &value);
    // Mention is what the existing builder does: byte-identical output.
    assert_eq!(
        messages_value(&attendance_messages_with(
            &summary,
            "Employees on Leave",
            &en().summary,
            Naming::Mention
        )),
        messages_value(&attendance_messages(
            &summary,
            "Employees on Leave",
            &en().summary
        ))
    );
    let german = attendance_messages_with(&summary, "", &de().summary, Naming::Name);
    let all = messages_value(&german).to_string();
    assert!(!all.contains("<@"), "{all}");
    golden(
        "de_attendance_typical_no_mentions",
        &messages_value(&german),
    );
}

#[test]
fn golden_late_leave_note_without_mention() {
    let rows = parse_rows(&typical_rows()).unwrap();
    let note = late_leave_note_for_row_with(&rows[3], today(), &en().late_leave_note, Naming::Name)
        .unwrap();
    assert_eq!(
        note.text,
        "Dee Moss is also on leave today (First Half) _until Dec 07, 2026 (Mon)_"
    );
    let value = note.to_value().unwrap();
    assert!(!value.to_string().contains("<@"), "{value}");
    golden("late_leave_note_no_mention", &value);
    let mention =
        late_leave_note_for_row_with(&rows[3], today(), &en().late_leave_note, Naming::Mention)
            .unwrap();
    assert_eq!(
        mention.to_value().unwrap(),
        late_leave_note_for_row(&rows[3], today(), &en().late_leave_note)
            .unwrap()
            .to_value()
            .unwrap()
    );
    assert!(
        late_leave_note_for_row_with(&rows[6], today(), &en().late_leave_note, Naming::Name)
            .is_none()
    );
}
