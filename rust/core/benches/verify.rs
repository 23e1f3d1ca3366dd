//! Criterion bench of the request verifier at Slack-typical and large body sizes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use slack_connector_core::signature::Verifier;
use std::hint::black_box;

const TS: &str = "1531420618";
const NOW: i64 = 1_531_420_618;

fn bench_verify(c: &mut Criterion) {
    let Ok(verifier) = Verifier::new("8f742231b10e8888abcd99yyyzzz85a5", 300) else {
        return;
    };
    let mut group = c.benchmark_group("verify");
    for size in [1usize << 10, 4 << 10, 1 << 20] {
        let body: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        let sig = verifier.sign(TS, &body);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &body, |b, body| {
            b.iter(|| verifier.verify(Some(TS), Some(black_box(&sig)), black_box(body), NOW));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_verify);
criterion_main!(benches);
