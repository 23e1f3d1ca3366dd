//! The Log Time modal, its inline errors, the confirmation, the missed-hours reminder and the
//! notices: golden JSON in English and German (regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test timesheet_blocks`), option groups past 100, escaping and
//! Slack's limits.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::blocks::leave::{view_to_value, BuildError};
use slack_connector_core::blocks::timesheet::{
    timesheet_confirmation, timesheet_modal, timesheet_notice, timesheet_reminder,
    timesheet_view_errors, LoggedTime, ReminderRow, TimesheetModalInput, TimesheetNotice,
    TimesheetViewError, MAX_OPTIONS,
};
use slack_connector_core::interaction::timesheet::{CentiHours, TimesheetError};
use slack_connector_core::limits;
use slack_connector_core::words::Catalogue;

fn options(prefix: &str, n: usize) -> Value {
    (1..=n)
        .map(|i| json!({"name": format!("{prefix}-{i:04}"), "label": format!("{prefix} {i}")}))
        .collect()
}

fn modal_input(v: Value) -> TimesheetModalInput {
    serde_json::from_value(v).unwrap()
}

fn typical(project: Option<&str>, tasks: Value) -> TimesheetModalInput {
    modal_input(json!({
        "today": "2026-12-02",
        "projects": [
            {"name": "PROJ-0001", "label": "Apollo"},
            {"name": "PROJ-0002", "label": "Borealis <b> & co"},
        ],
        "tasks": tasks,
        "activity_types": [{"name": "Development"}, {"name": "Planning"}],
        "current": {
            "date": "2026-12-01",
            "project": project,
            "hours": "1.5",
            "description": "Kick-off",
        },
    }))
}

fn modal(i: &TimesheetModalInput, w: &Catalogue) -> Value {
    view_to_value(&timesheet_modal(i, &w.timesheet).unwrap()).unwrap()
}

fn block<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == id)
        .unwrap_or_else(|| panic!("no block {id}"))
}

fn has_block(view: &Value, id: &str) -> bool {
    view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["block_id"] == id)
}

fn assert_modal_limits(view: &Value) {
    assert!(view["title"]["text"].as_str().unwrap().chars().count() <= limits::MODAL_TITLE);
    assert!(view["blocks"].as_array().unwrap().len() <= limits::BLOCKS_PER_MODAL);
    assert!(view["private_metadata"].as_str().unwrap().len() <= limits::PRIVATE_METADATA);
    for b in view["blocks"].as_array().unwrap() {
        let element = &b["element"];
        if let Some(opts) = element["options"].as_array() {
            assert!(opts.len() <= limits::SELECT_OPTIONS);
        }
        if let Some(groups) = element["option_groups"].as_array() {
            assert!(groups.len() <= limits::OPTION_GROUPS);
            for g in groups {
                assert!(g["options"].as_array().unwrap().len() <= limits::SELECT_OPTIONS);
            }
        }
    }
}

#[test]
fn golden_modal_without_a_project() {
    let i = typical(None, json!([]));
    for (name, w) in [("timesheet_modal", en()), ("de_timesheet_modal", de())] {
        let v = modal(&i, w);
        assert_modal_limits(&v);
        assert!(!has_block(&v, "ts_task"));
        golden(name, &v);
    }
}

#[test]
fn golden_modal_with_tasks() {
    let tasks =
        json!([{"name": "TASK-2026-00001", "label": "Design"}, {"name": "TASK-2026-00002"}]);
    let i = typical(Some("PROJ-0001"), tasks);
    for (name, w) in [
        ("timesheet_modal_tasks", en()),
        ("de_timesheet_modal_tasks", de()),
    ] {
        let v = modal(&i, w);
        assert_modal_limits(&v);
        assert_eq!(
            block(&v, "ts_project")["element"]["initial_option"]["value"],
            "PROJ-0001"
        );
        assert_eq!(block(&v, "ts_task")["optional"], true);
        golden(name, &v);
    }
}

#[test]
fn golden_modal_of_a_project_without_tasks() {
    let v = modal(&typical(Some("PROJ-0002"), json!([])), en());
    assert!(!has_block(&v, "ts_task"));
    golden("timesheet_modal_no_tasks", &v);
}

#[test]
fn a_chosen_project_the_user_may_not_log_on_shows_no_tasks() {
    let tasks = json!([{"name": "TASK-2026-00001"}]);
    let v = modal(&typical(Some("PROJ-9999"), tasks), en());
    assert!(!has_block(&v, "ts_task"));
    assert!(block(&v, "ts_project")["element"]
        .get("initial_option")
        .is_none());
}

#[test]
fn past_100_options_come_in_groups_and_past_500_are_cut_with_a_hint() {
    let i = modal_input(json!({
        "today": "2026-12-02",
        "projects": options("PROJ", 250),
        "tasks": options("TASK", 730),
        "activity_types": options("ACT", 100),
        "current": {"project": "PROJ-0250"},
    }));
    let v = modal(&i, en());
    assert_modal_limits(&v);
    let project = block(&v, "ts_project");
    let groups = project["element"]["option_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0]["label"]["text"], "Options 1–100");
    assert_eq!(groups[2]["label"]["text"], "Options 201–250");
    assert_eq!(groups[2]["options"].as_array().unwrap().len(), 50);
    assert!(project.get("hint").is_none());
    assert_eq!(project["element"]["initial_option"]["value"], "PROJ-0250");
    let task = block(&v, "ts_task");
    let groups = task["element"]["option_groups"].as_array().unwrap();
    let shown: usize = groups
        .iter()
        .map(|g| g["options"].as_array().unwrap().len())
        .sum();
    assert_eq!(shown, MAX_OPTIONS);
    assert!(task["hint"]["text"]
        .as_str()
        .unwrap()
        .contains(&format!("{MAX_OPTIONS} of 730")));
    // Exactly 100: still flat.
    let activity = block(&v, "ts_activity_type");
    assert_eq!(
        activity["element"]["options"].as_array().unwrap().len(),
        100
    );
    golden("timesheet_modal_option_groups", &v);
}

#[test]
fn no_projects_or_no_activity_types_cannot_be_built() {
    let mut i = typical(None, json!([]));
    i.projects.clear();
    assert!(matches!(
        timesheet_modal(&i, &en().timesheet),
        Err(BuildError::NoOptions(_))
    ));
    let mut i = typical(None, json!([]));
    i.activity_types.clear();
    assert!(matches!(
        timesheet_modal(&i, &en().timesheet),
        Err(BuildError::NoOptions(_))
    ));
}

#[test]
fn golden_view_errors() {
    let errors = || {
        vec![
            (
                "ts_hours",
                TimesheetViewError::Form(TimesheetError::HoursOutOfRange {
                    min: CentiHours(25),
                    max: CentiHours(2400),
                }),
            ),
            (
                "ts_date",
                TimesheetViewError::Form(TimesheetError::DateMissing),
            ),
            (
                "ts_project",
                TimesheetViewError::Text("Project PROJ-0001 is closed.".into()),
            ),
        ]
    };
    golden(
        "timesheet_view_errors",
        &timesheet_view_errors(errors(), &en().timesheet).unwrap(),
    );
    golden(
        "de_timesheet_view_errors",
        &timesheet_view_errors(errors(), &de().timesheet).unwrap(),
    );
    let none: Vec<(&str, TimesheetViewError)> = vec![];
    assert!(timesheet_view_errors(none, &en().timesheet).is_err());
}

fn logged(v: Value) -> LoggedTime {
    serde_json::from_value(v).unwrap()
}

fn typical_log() -> LoggedTime {
    logged(json!({
        "date": "2026-12-01",
        "hours": 1.5,
        "project": "PROJ-0001",
        "project_name": "Apollo *launch*",
        "task": "TASK-2026-00001",
        "task_subject": "Design <@U123>",
        "activity_type": "Development",
        "description": "Wrote the <!channel> plan",
        "day_total": 6.25,
        "timesheet": "TS-2026-00001",
        "timesheet_status": "Draft",
    }))
}

#[test]
fn golden_confirmation() {
    for (name, w) in [
        ("timesheet_confirmation", en()),
        ("de_timesheet_confirmation", de()),
    ] {
        let m = timesheet_confirmation(&typical_log(), &w.timesheet)
            .unwrap()
            .to_value()
            .unwrap();
        let text = m.to_string();
        assert!(!text.contains("<!channel>") && text.contains("&lt;!channel&gt;"));
        assert!(!text.contains("<@U123>"));
        golden(name, &m);
    }
}

#[test]
fn confirmation_without_a_task_and_bad_numbers() {
    let mut l = typical_log();
    l.task = None;
    l.task_subject = None;
    let m = timesheet_confirmation(&l, &en().timesheet)
        .unwrap()
        .to_value()
        .unwrap();
    assert!(!m.to_string().contains("Task"));
    l.day_total = f64::NAN;
    assert!(matches!(
        timesheet_confirmation(&l, &en().timesheet),
        Err(BuildError::BadNumber("day_total"))
    ));
    l.day_total = 1.0;
    l.hours = -1.0;
    assert!(matches!(
        timesheet_confirmation(&l, &en().timesheet),
        Err(BuildError::BadNumber("hours"))
    ));
}

fn row(half_day: bool) -> ReminderRow {
    serde_json::from_value(json!({
        "employee_name": "Ben *Test*",
        "slack_user_id": "U0BEN00001",
        "date": "2026-12-01",
        "logged": 3.0,
        "expected": if half_day { 4.0 } else { 8.0 },
        "half_day": half_day,
    }))
    .unwrap()
}

#[test]
fn golden_reminder() {
    for (name, w) in [
        ("timesheet_reminder", en()),
        ("de_timesheet_reminder", de()),
    ] {
        let m = timesheet_reminder(&row(false), &w.timesheet, true)
            .unwrap()
            .to_value()
            .unwrap();
        assert_eq!(m["blocks"][2]["elements"][0]["value"], "2026-12-01");
        assert_eq!(m["blocks"][2]["elements"][0]["action_id"], "ts_log_time");
        golden(name, &m);
    }
    let half = timesheet_reminder(&row(true), &en().timesheet, false)
        .unwrap()
        .to_value()
        .unwrap();
    let text = half.to_string();
    // Mentions off: the name, never the mention.
    assert!(!text.contains("<@U0BEN00001>") && text.contains("Ben"));
    golden("timesheet_reminder_half_day_no_mention", &half);
}

#[test]
fn golden_notices() {
    let notices = [
        json!({"kind": "slack_not_linked"}),
        json!({"kind": "no_employee"}),
        json!({"kind": "no_projects"}),
        json!({"kind": "no_activity_types"}),
        json!({"kind": "bad_date", "text": "`tomorrow` <!here>"}),
        json!({"kind": "form_not_opened", "error": "expired_trigger_id"}),
    ];
    for (name, w) in [("timesheet_notices", en()), ("de_timesheet_notices", de())] {
        let all: Vec<Value> = notices
            .iter()
            .map(|n| {
                let n: TimesheetNotice = serde_json::from_value(n.clone()).unwrap();
                timesheet_notice(&n, &w.timesheet).to_value().unwrap()
            })
            .collect();
        let text = Value::Array(all.clone()).to_string();
        assert!(!text.contains("<!here>"));
        golden(name, &Value::Array(all));
    }
}
