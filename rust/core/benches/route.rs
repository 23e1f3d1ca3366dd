//! Criterion bench of `interaction::route` on a ~10 KiB view_submission payload: the leave modal
//! as Slack echoes it on submit (90 leave type options, every input, `state.values`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use slack_connector_core::interaction::route;
use std::hint::black_box;

fn input(block_id: &str, element: Value) -> Value {
    json!({"type": "input", "block_id": block_id, "label": {"type": "plain_text", "text": block_id},
           "element": element})
}

fn payload(start: &str, end: &str) -> Vec<u8> {
    let options: Vec<Value> = (0..90)
        .map(|i| {
            json!({"text": {"type": "plain_text", "text": format!("Leave Type {i:02} ({i} left)"), "emoji": true},
                   "value": format!("Leave Type {i:02}")})
        })
        .collect();
    let blocks = json!([
        input(
            "start_date",
            json!({"type": "datepicker", "action_id": "start_date_picker", "initial_date": "2026-12-01"})
        ),
        input(
            "end_date",
            json!({"type": "datepicker", "action_id": "end_date_picker", "initial_date": "2026-12-01"})
        ),
        input(
            "leave_type",
            json!({"type": "static_select", "action_id": "leave_type_select", "options": options})
        ),
        input(
            "reason",
            json!({"type": "plain_text_input", "action_id": "reason_input", "multiline": true})
        ),
        input(
            "half_day_checkbox",
            json!({"type": "checkboxes", "action_id": "half_day_checkbox",
            "options": [{"text": {"type": "plain_text", "text": "Half Day"}, "value": "half_day"}]})
        ),
    ]);
    let p = json!({
        "type": "view_submission",
        "team": {"id": "T0TEST0001", "domain": "test-workspace"},
        "user": {"id": "U0USER0001", "username": "jane", "name": "jane", "team_id": "T0TEST0001"},
        "api_app_id": "A0APP00001", "token": "deprecated-verification-token",
        "trigger_id": "1234567890.1234567890.abcdef0123456789abcdef0123456789",
        "view": {
            "id": "V0VIEW0001", "team_id": "T0TEST0001", "type": "modal", "blocks": blocks,
            "private_metadata": "{\"employee\": \"HR-EMP-00001\"}",
            "callback_id": "apply_leave_application",
            "state": {"values": {
                "start_date": {"start_date_picker": {"type": "datepicker", "selected_date": start}},
                "end_date": {"end_date_picker": {"type": "datepicker", "selected_date": end}},
                "leave_type": {"leave_type_select": {"type": "static_select", "selected_option":
                    {"text": {"type": "plain_text", "text": "Leave Type 07 (7 left)"}, "value": "Leave Type 07"}}},
                "half_day_checkbox": {"half_day_checkbox": {"type": "checkboxes", "selected_options": []}},
                "reason": {"reason_input": {"type": "plain_text_input", "value": "Family trip to see my grandparents"}},
            }},
            "hash": "1700000000.000001abcd",
            "title": {"type": "plain_text", "text": "Apply for leave"},
            "clear_on_close": false, "notify_on_close": false,
            "close": {"type": "plain_text", "text": "Cancel"}, "submit": {"type": "plain_text", "text": "Submit"},
            "previous_view_id": null, "root_view_id": "V0VIEW0001", "app_id": "A0APP00001",
            "external_id": "", "app_installed_team_id": "T0TEST0001", "bot_id": "B0BOT00001",
        },
        "response_urls": [], "enterprise": null, "is_enterprise_install": false,
    });
    serde_json::to_vec(&p).unwrap_or_default()
}

fn bench_route(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    for (name, start, end) in [
        ("view_submission_errors", "2026-12-03", "2026-12-02"),
        ("view_submission_valid", "2026-12-02", "2026-12-03"),
    ] {
        let body = payload(start, end);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("{name}/{}B", body.len()), |b| {
            b.iter(|| route(black_box(&body)).map(|r| r.to_value()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_route);
criterion_main!(benches);
