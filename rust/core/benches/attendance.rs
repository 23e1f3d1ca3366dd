//! Criterion bench of the daily summary: JSON rows → parsed → summarised → Slack messages as JSON,
//! i.e. everything `build_attendance_summary` does between the two Python conversions.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use slack_connector_core::absence::{parse_rows, summarise};
use slack_connector_core::blocks::channel::attendance_messages;
use slack_connector_core::blocks::Message;
use slack_connector_core::dates::parse_iso_date;
use slack_connector_core::words::{fixtures, SummaryWords};
use std::hint::black_box;

const TODAY: &str = "2026-12-04";

/// A realistic mix: a third without Slack id, a tenth not covering today, a few duplicates,
/// every kind of half day.
fn rows(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let kind = i % 5;
            let (from, to) = if i % 10 == 9 {
                ("2026-12-05".to_owned(), "2026-12-09".to_owned())
            } else {
                ("2026-12-01".to_owned(), format!("2026-12-{:02}", 4 + i % 20))
            };
            json!({
                "employee": format!("HR-EMP-{:06}", if i % 50 == 49 { i - 1 } else { i }),
                "employee_name": format!("Employee Number {i} Surname"),
                "slack_user_id": if i % 3 == 0 { Value::Null } else { json!(format!("U{i:09}")) },
                "from_date": from,
                "to_date": to,
                "half_day": u8::from(kind >= 2),
                "half_day_date": if kind >= 2 { json!(TODAY) } else { Value::Null },
                "half_period": match kind { 3 => json!("First Half"), 4 => json!("Second Half"), _ => Value::Null },
                "leave_type": "Casual Leave",
            })
        })
        .collect()
}

fn pipeline(values: &[Value], words: &SummaryWords) -> Vec<Value> {
    let (Some(today), Ok(rows)) = (parse_iso_date(TODAY), parse_rows(values)) else {
        return Vec::new();
    };
    attendance_messages(&summarise(&rows, today), "Employees on Leave", words)
        .iter()
        .map(Message::to_value)
        .collect::<Result<_, _>>()
        .unwrap_or_default()
}

fn bench_attendance(c: &mut Criterion) {
    // The English words, as the Python catalogue gives them.
    let Ok(words) = fixtures::english().map(|w| w.summary) else {
        return;
    };
    let mut group = c.benchmark_group("attendance");
    for n in [100usize, 1_000, 10_000] {
        let values = rows(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("rows_to_messages", n), &values, |b, v| {
            b.iter(|| pipeline(black_box(v), &words));
        });
        group.bench_with_input(BenchmarkId::new("parse_rows", n), &values, |b, v| {
            b.iter(|| parse_rows(black_box(v)));
        });
        let parsed = parse_rows(&values).unwrap_or_default();
        if let Some(today) = parse_iso_date(TODAY) {
            group.bench_with_input(BenchmarkId::new("summarise", n), &parsed, |b, r| {
                b.iter(|| summarise(black_box(r), today));
            });
            let summary = summarise(&parsed, today);
            group.bench_with_input(BenchmarkId::new("messages_to_json", n), &summary, |b, s| {
                b.iter(|| {
                    attendance_messages(black_box(s), "Employees on Leave", &words)
                        .iter()
                        .map(Message::to_value)
                        .collect::<Result<Vec<_>, _>>()
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_attendance);
criterion_main!(benches);
