//! Throughput of the matching path, stage by stage, on real news text.
//!
//! `cargo bench --bench throughput` (about two minutes on two cores). The sample is the first
//! ~2 MB of article text of `../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz` when that
//! file is there (set `MENTIONMAP_BENCH_CORPUS` to use another JSONL(.gz) file), else a generated
//! Arabic/English text. Each group reports MB/s of original text (UTF-8 bytes); `startup` times
//! what the binary does before reading input (load the precompiled embedded default and the
//! blockers, build the automata) and the same from the TSV sources.

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::{build_finder, corpus_path, corpus_texts};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mentionmap::gazetteer::{Commonness, Gazetteer, blockers};
use mentionmap::matcher::TokenCache;
use mentionmap::resolve::ResolveOptions;
use mentionmap::text::{NormalizedText, Normalizer};
use mentionmap::{MentionFinder, Scratch};

/// How much article text to benchmark on (bytes of UTF-8).
const SAMPLE_BYTES: usize = 2_000_000;

/// A deterministic mix of Arabic and English news-like sentences, with place names, clitics,
/// diacritics and punctuation, cut into documents of about 3 KB.
fn generated_sample() -> Vec<String> {
    const ARABIC: &[&str] = &[
        "قال مسؤولون في",
        "وأعلنت وزارة الخارجية أن",
        "وصل الرئيس إلى",
        "وأفادت مصادر محلية من",
        "اندلعت اشتباكات عنيفة قرب",
        "وتقع المدينة شمال",
        "في حين شهدت",
        "بعد زيارته لـ",
        "الْمَمْلَكَةُ العربية السعودية",
        "الاجتماع الذي عقد اليوم (الاثنين)",
        "وبحسب الوكالة،",
    ];
    const PLACES: &[&str] = &[
        "الرياض",
        "بالرياض",
        "جدة",
        "وجدة",
        "مكة المكرمة",
        "دمشق",
        "حلب",
        "للرقة",
        "والرقة",
        "القاهرة",
        "بغداد",
        "طهران",
        "صنعاء",
        "عدن",
        "دبي",
        "الدوحة",
        "عمّان",
        "بيروت",
    ];
    const ENGLISH: &[&str] = &[
        "Officials in",
        "The minister travelled to",
        "Fighting was reported near",
        "Reuters reported from",
        "a conference held in",
        "Prices rose sharply across",
    ];
    const EN_PLACES: &[&str] = &[
        "Riyadh",
        "Jeddah",
        "Aleppo",
        "Deir ez-Zor",
        "London",
        "Cairo",
        "Ar-Raqqah",
        "Şanlıurfa",
        "New York",
        "Washington",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let mut docs = Vec::new();
    let mut total = 0;
    while total < SAMPLE_BYTES {
        let mut doc = String::new();
        while doc.len() < 3000 {
            if next(5) == 0 {
                doc.push_str(ENGLISH[next(ENGLISH.len())]);
                doc.push(' ');
                doc.push_str(EN_PLACES[next(EN_PLACES.len())]);
                doc.push_str(". ");
            } else {
                doc.push_str(ARABIC[next(ARABIC.len())]);
                doc.push(' ');
                doc.push_str(PLACES[next(PLACES.len())]);
                doc.push_str(if next(3) == 0 { "، " } else { " " });
            }
        }
        total += doc.len();
        docs.push(doc);
    }
    docs
}

fn sample() -> Vec<String> {
    match corpus_texts(Some(SAMPLE_BYTES)) {
        Some(d) => {
            eprintln!(
                "throughput: {} documents, {} bytes of text from {}",
                d.len(),
                d.iter().map(String::len).sum::<usize>(),
                corpus_path().display()
            );
            d
        }
        None => {
            let d = generated_sample();
            eprintln!(
                "throughput: corpus not found at {}; using {} bytes of generated text",
                corpus_path().display(),
                d.iter().map(String::len).sum::<usize>()
            );
            d
        }
    }
}

/// The same finder built from the embedded TSV sources, as with `--gazetteer` files: every name
/// normalised at start-up.
fn build_finder_from_sources() -> MentionFinder {
    let gazetteer = Gazetteer::embedded().expect("embedded gazetteer");
    let commonness = Commonness::embedded().expect("embedded commonness");
    let blockers = blockers::embedded().expect("embedded blockers");
    MentionFinder::new(gazetteer, commonness, &blockers, ResolveOptions::default())
        .expect("automaton")
}

fn throughput(c: &mut Criterion) {
    let docs = sample();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let finder = build_finder();

    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::BytesDecimal(bytes));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    let mut out = NormalizedText::default();
    group.bench_function("normalize_into", |b| {
        b.iter(|| {
            for d in &docs {
                Normalizer.normalize_into(black_box(d), &mut out).unwrap();
                black_box(out.as_bytes().len());
            }
        })
    });
    group.finish();

    let normalized: Vec<NormalizedText> = docs
        .iter()
        .map(|d| Normalizer.normalize(d).unwrap())
        .collect();
    let matcher = finder.matcher();
    let mut group = c.benchmark_group("match");
    // Bytes of the original text, so that the rate compares with the other groups.
    group.throughput(Throughput::BytesDecimal(bytes));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(6));
    let mut matches = Vec::new();
    group.bench_function("find_all", |b| {
        b.iter(|| {
            for n in &normalized {
                matches.clear();
                matcher.find_all(black_box(n), &mut matches);
                black_box(matches.len());
            }
        })
    });
    // What the finder does: one cache of token outcomes per thread, kept from document to document.
    let mut cache = TokenCache::default();
    group.bench_function("find_all_cached", |b| {
        b.iter(|| {
            for n in &normalized {
                matches.clear();
                matcher.find_all_cached(black_box(n), &mut cache, &mut matches);
                black_box(matches.len());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("finder");
    group.throughput(Throughput::BytesDecimal(bytes));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    let mut scratch = Scratch::default();
    let mut mentions = Vec::new();
    group.bench_function("find", |b| {
        b.iter(|| {
            for d in &docs {
                mentions.clear();
                finder
                    .find(black_box(d), &mut scratch, &mut mentions)
                    .unwrap();
                black_box(mentions.len());
            }
        })
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(12));
    group.bench_function("embedded_finder", |b| b.iter(|| black_box(build_finder())));
    group.bench_function("finder_from_sources", |b| {
        b.iter(|| black_box(build_finder_from_sources()))
    });
    group.finish();
}

criterion_group!(benches, throughput, startup);
criterion_main!(benches);
