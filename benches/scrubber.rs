//! Scrubber throughput on chat-sized texts, measured side by side in one run:
//! the whole labelled corpus, its lines without personal data, and its lines with
//! it. Run with `cargo bench --bench scrubber`; criterion reports the median time
//! and the throughput per group.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use meepraten::anon::Scrubber;
use meepraten::domain::Lang;

fn corpus() -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pii_corpus.jsonl"
    ))
    .expect("corpus present");
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line is JSON");
            let has_pii = v["spans"].as_array().is_some_and(|s| !s.is_empty());
            (v["text"].as_str().unwrap_or_default().to_owned(), has_pii)
        })
        .collect()
}

fn scrub_all(c: &mut Criterion) {
    let lines = corpus();
    let scrubber = Scrubber::get();
    let sets: [(&str, Vec<&str>); 3] = [
        (
            "all corpus lines",
            lines.iter().map(|(t, _)| t.as_str()).collect(),
        ),
        (
            "lines without personal data",
            lines
                .iter()
                .filter(|(_, p)| !p)
                .map(|(t, _)| t.as_str())
                .collect(),
        ),
        (
            "lines with personal data",
            lines
                .iter()
                .filter(|(_, p)| *p)
                .map(|(t, _)| t.as_str())
                .collect(),
        ),
    ];
    let mut group = c.benchmark_group("scrub");
    for (name, texts) in &sets {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for t in texts {
                    std::hint::black_box(scrubber.scrub(std::hint::black_box(t), Lang::Nl));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, scrub_all);
criterion_main!(benches);
