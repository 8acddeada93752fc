//! Every output format of `count` and `extract` parsed back; `--by` periods adding up to the
//! totals; `--edges` weights; `render` pictures; `--qgis-style` sidecars.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod shared;

use assert_cmd::Command;
use geojson::{Feature, FeatureCollection, GeometryValue, JsonValue};

const AR: &str = "قصفت الطائرات مواقع في الرقة وحلب. وفي العراق، دخلت القوات بغداد.\n";
const EN: &str = "Fighting in Raqqa and Aleppo. Later, talks in Baghdad!\n";
const AR2: &str = "عاد النازحون إلى الرقة.\nوفي بغداد اجتماع.\n";

fn mentionmap() -> Command {
    Command::cargo_bin("mentionmap").unwrap()
}

/// A folder with the three texts.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("ar.txt", AR), ("en.txt", EN), ("ar2.txt", AR2)] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A JSON Lines file of dated documents (one undated) in `dir`.
fn dated(dir: &Path) -> PathBuf {
    let docs = [
        ("a", Some("2019-01-03"), AR),
        ("b", Some("2019-01-06"), EN),
        ("c", Some("2019-01-07T10:00:00Z"), AR2),
        ("d", Some("2019-02-28"), AR),
        ("e", Some("2020-12-31"), EN),
        ("f", None, AR),
    ];
    let mut text = String::new();
    for (id, date, body) in docs {
        let mut o = serde_json::json!({ "id": id, "text": body });
        if let Some(d) = date {
            o["date"] = d.into();
        }
        text.push_str(&o.to_string());
        text.push('\n');
    }
    let path = dir.join("docs.jsonl");
    fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> Vec<u8> {
    let mut cmd = mentionmap();
    cmd.args(args);
    if args[0] != "render" {
        cmd.arg("-q");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn collection(bytes: &[u8]) -> FeatureCollection {
    std::str::from_utf8(bytes).unwrap().parse().unwrap()
}

fn prop<'a>(f: &'a Feature, key: &str) -> &'a JsonValue {
    f.properties
        .as_ref()
        .unwrap()
        .get(key)
        .unwrap_or(&JsonValue::Null)
}

fn mentions_by_place(features: &[Feature]) -> BTreeMap<String, (u64, u64)> {
    let mut m = BTreeMap::new();
    for f in features {
        let id = match prop(f, "place_id") {
            JsonValue::String(s) => s.clone(),
            _ => match &f.id {
                Some(geojson::feature::Id::String(s)) => s.clone(),
                other => panic!("id {other:?}"),
            },
        };
        let e: &mut (u64, u64) = m.entry(id).or_default();
        e.0 += prop(f, "mentions").as_u64().unwrap();
        e.1 += prop(f, "documents").as_u64().unwrap();
    }
    m
}

#[test]
fn geojson_geojsonseq_and_csv_hold_the_same_features() {
    let dir = corpus();
    let input = dir.path().to_str().unwrap();
    let fc = collection(&run(&["count", input]));
    assert!(fc.features.len() >= 4, "{}", fc.features.len());
    let run_info = &fc.foreign_members.as_ref().unwrap()["mentionmap"];
    assert_eq!(run_info["documents"], 3);

    let seq = run(&["count", input, "--output-format", "geojsonseq"]);
    let seq = String::from_utf8(seq).unwrap();
    let records: Vec<&str> = seq.split_inclusive('\n').collect();
    assert_eq!(records.len(), fc.features.len());
    for (r, f) in records.iter().zip(&fc.features) {
        let json = r
            .strip_prefix('\x1e')
            .expect("RS first")
            .strip_suffix('\n')
            .unwrap();
        let parsed: Feature = json.parse().unwrap();
        assert_eq!(&parsed, f);
    }

    let csv_path = dir.path().join("out").join("places.csv");
    fs::create_dir_all(csv_path.parent().unwrap()).unwrap();
    run(&[
        "count",
        input,
        "-F",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..3], ["id", "lon", "lat"]);
    let csvt = fs::read_to_string(csv_path.with_extension("csvt")).unwrap();
    let types: Vec<&str> = csvt.trim().split(',').collect();
    assert_eq!(types.len(), header.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(types[col("mentions")], "\"Integer\"");
    assert_eq!(types[col("lon")], "\"CoordX\"");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), fc.features.len());
    for (row, f) in rows.iter().zip(&fc.features) {
        assert_eq!(
            row[col("mentions")].parse::<u64>().unwrap(),
            prop(f, "mentions").as_u64().unwrap()
        );
        let Some(GeometryValue::Point { coordinates }) = f.geometry.as_ref().map(|g| &g.value)
        else {
            panic!("not a point")
        };
        assert_eq!(row[col("lon")].parse::<f64>().unwrap(), coordinates[0]);
        let forms: JsonValue = serde_json::from_str(&row[col("forms")]).unwrap();
        assert_eq!(&forms, prop(f, "forms"));
    }
}

#[test]
fn extract_writes_mentions_as_features_too() {
    let dir = corpus();
    let input = dir.path().to_str().unwrap();
    let lines = run(&["extract", input]);
    let n = lines
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert!(n >= 8);
    let fc = collection(&run(&["extract", input, "-F", "geojson"]));
    assert_eq!(fc.features.len(), n);
    assert!(prop(&fc.features[0], "context").is_string());
    let seq = run(&["extract", input, "-F", "geojsonseq"]);
    assert_eq!(seq.iter().filter(|&&b| b == 0x1e).count(), n);
    let csv = run(&["extract", input, "-F", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv[..]);
    assert_eq!(reader.records().count(), n);
    let out = mentionmap()
        .args(["count", input, "-F", "mentions"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn periods_add_up_to_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dated(dir.path());
    let docs = docs.to_str().unwrap();
    let totals = collection(&run(&["count", docs]));
    let expected = mentions_by_place(&totals.features);
    assert!(expected.len() >= 4);
    // Dates known: first_seen and last_seen.
    let raqqa = totals
        .features
        .iter()
        .find(|f| prop(f, "name") == "Ar Raqqah")
        .unwrap();
    assert_eq!(prop(raqqa, "first_seen"), "2019-01-03");
    assert_eq!(prop(raqqa, "last_seen"), "2020-12-31");
    for by in ["day", "week", "month", "year"] {
        let fc = collection(&run(&["count", docs, "--by", by]));
        assert_eq!(mentions_by_place(&fc.features), expected, "--by {by}");
        for f in &fc.features {
            match (prop(f, "period_start"), prop(f, "period_end")) {
                (JsonValue::String(s), JsonValue::String(e)) => assert!(s < e, "{s} {e}"),
                (JsonValue::Null, JsonValue::Null) => {
                    assert_eq!(prop(f, "period"), &JsonValue::Null)
                }
                other => panic!("{other:?}"),
            }
        }
        let info = &fc.foreign_members.as_ref().unwrap()["mentionmap"];
        assert_eq!(
            (info["by"].as_str(), info["undated_documents"].as_u64()),
            (Some(by), Some(1))
        );
    }
    // ISO weeks start on Monday: 2019-01-03 (Thu) and 2019-01-06 (Sun) share a week; the 7th
    // (Mon) starts the next, which ends (exclusive) on the 14th.
    let weeks = collection(&run(&["count", docs, "--by", "week"]));
    let starts: Vec<(&str, &str, &str)> = weeks
        .features
        .iter()
        .filter_map(|f| {
            Some((
                prop(f, "period").as_str()?,
                prop(f, "period_start").as_str()?,
                prop(f, "period_end").as_str()?,
            ))
        })
        .collect();
    assert!(starts.contains(&("2019-W01", "2018-12-31", "2019-01-07")));
    assert!(starts.contains(&("2019-W02", "2019-01-07", "2019-01-14")));
    assert!(starts.contains(&("2020-W53", "2020-12-28", "2021-01-04")));
    let months = collection(&run(&["count", docs, "--by", "month"]));
    assert!(
        months
            .features
            .iter()
            .any(|f| prop(f, "period_start") == "2019-02-01"
                && prop(f, "period_end") == "2019-03-01")
    );
}

/// The real corpus (SaudiNewsNet, July and August 2015): `--by month` splits every place's
/// mentions and documents between the months without losing or adding any. Two runs of about a
/// second each in a release build; `#[ignore]` in a debug build.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in a debug build; run with --release or --ignored"
)]
fn months_add_up_to_the_totals_on_saudinewsnet() {
    let Some(corpus) = shared::shared_path("corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz") else {
        return;
    };
    let corpus = corpus.to_str().unwrap();
    let totals = collection(&run(&["count", corpus]));
    let months = collection(&run(&["count", corpus, "--by", "month"]));
    let expected = mentions_by_place(&totals.features);
    assert!(expected.len() > 1000, "{} places", expected.len());
    assert_eq!(mentions_by_place(&months.features), expected);
    let mut periods: Vec<&str> = months
        .features
        .iter()
        .map(|f| prop(f, "period").as_str().unwrap())
        .collect();
    periods.sort_unstable();
    periods.dedup();
    assert_eq!(periods, ["2015-07", "2015-08"]);
}

fn edge_weights(fc: &FeatureCollection) -> BTreeMap<(String, String), u64> {
    fc.features
        .iter()
        .map(|f| {
            assert!(matches!(
                f.geometry.as_ref().unwrap().value,
                GeometryValue::LineString { .. }
            ));
            let name = |k: &str| prop(f, k).as_str().unwrap().to_string();
            let (a, b) = (name("source_name"), name("target_name"));
            (
                (a.clone().min(b.clone()), a.max(b)),
                prop(f, "weight").as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn edges_count_documents_per_pair() {
    let dir = corpus();
    let input = dir.path().to_str().unwrap();
    // Outside the input folder, or the next run would read it as a document.
    let out = tempfile::tempdir().unwrap();
    let edges = out.path().join("edges.geojson");
    let e = edges.to_str().unwrap();
    run(&["count", input, "--edges", e]);
    let w = edge_weights(&collection(&fs::read(&edges).unwrap()));
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Raqqa and Baghdad are in all three documents; Aleppo with Baghdad in two.
    assert_eq!(w[&pair("Ar Raqqah", "Baghdad")], 3);
    assert_eq!(w[&pair("Aleppo", "Baghdad")], 2);
    assert_eq!(w[&pair("Aleppo", "Ar Raqqah")], 2);
    assert!(w.values().all(|&x| x <= 3));
    run(&["count", input, "--edges", e, "--min-weight", "3"]);
    let w3 = edge_weights(&collection(&fs::read(&edges).unwrap()));
    assert_eq!(
        w3.keys().collect::<Vec<_>>(),
        [&pair("Ar Raqqah", "Baghdad")]
    );
    // Sentence by sentence, only Raqqa and Aleppo (twice) and Iraq and Baghdad (once) are
    // together.
    run(&["count", input, "--edges", e, "--edges-scope", "sentence"]);
    let fc = collection(&fs::read(&edges).unwrap());
    let ws = edge_weights(&fc);
    assert_eq!(
        ws.keys().collect::<Vec<_>>(),
        [&pair("Aleppo", "Ar Raqqah"), &pair("Baghdad", "Iraq")]
    );
    assert_eq!(ws[&pair("Aleppo", "Ar Raqqah")], 2);
    assert_eq!(ws[&pair("Baghdad", "Iraq")], 1);
    assert_eq!(prop(&fc.features[0], "sentences"), 2);
    let ids = (
        prop(&fc.features[0], "source").as_str().unwrap(),
        prop(&fc.features[0], "target").as_str().unwrap(),
    );
    assert!(ids.0 < ids.1);
}

#[test]
fn qgis_style_is_well_formed_with_labels() {
    let dir = corpus();
    let input = dir.path().to_str().unwrap();
    let layer = dir.path().join("places.geojson");
    run(&["count", input, "-o", layer.to_str().unwrap()]);
    let qml = fs::read_to_string(layer.with_extension("qml")).expect("automatic beside .geojson");
    let doc = roxmltree::Document::parse_with_options(
        &qml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "qgis");
    assert_eq!(root.attribute("labelsEnabled"), Some("1"));
    let temporal = root
        .children()
        .find(|n| n.has_tag_name("temporal"))
        .unwrap();
    assert_eq!(temporal.attribute("enabled"), Some("0"));
    assert!(qml.contains("sqrt(&quot;mentions&quot;)"));

    let docs = dated(dir.path());
    let csv = dir.path().join("months.csv");
    run(&[
        "count",
        docs.to_str().unwrap(),
        "--by",
        "month",
        "-F",
        "csv",
        "--qgis-style",
        "-o",
        csv.to_str().unwrap(),
    ]);
    let qml = fs::read_to_string(csv.with_extension("qml")).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        &qml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let temporal = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("temporal"))
        .unwrap();
    assert_eq!(temporal.attribute("startField"), Some("period_start"));
    assert_eq!(temporal.attribute("endField"), Some("period_end"));
    assert_eq!(temporal.attribute("enabled"), Some("1"));

    let out = mentionmap()
        .args(["count", input, "--qgis-style"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "--qgis-style needs -o");
}

#[test]
fn render_writes_svg_png_and_html() {
    let dir = corpus();
    let layer = dir.path().join("places.geojson");
    run(&[
        "count",
        dir.path().to_str().unwrap(),
        "-o",
        layer.to_str().unwrap(),
    ]);
    let n = collection(&fs::read(&layer).unwrap()).features.len();
    let l = layer.to_str().unwrap();

    let svg_path = dir.path().join("map.svg");
    run(&[
        "render",
        l,
        "-o",
        svg_path.to_str().unwrap(),
        "--title",
        "Test <map>",
    ]);
    let svg = fs::read_to_string(&svg_path).unwrap();
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    assert!(tree.size().width() >= 300.0);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("place"))
        .count();
    assert_eq!(circles, n);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("land"))
    );
    assert!(svg.contains("Test &lt;map&gt;"));
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("text") && n.attribute("direction") == Some("rtl"))
    );

    let png_path = dir.path().join("map.png");
    run(&["render", l, "-o", png_path.to_str().unwrap()]);
    let png = resvg::tiny_skia::Pixmap::load_png(&png_path).unwrap();
    assert_eq!(png.width(), 1000);
    let distinct: std::collections::BTreeSet<_> = png
        .pixels()
        .iter()
        .map(|p| (p.red(), p.green(), p.blue()))
        .collect();
    assert!(
        distinct.len() > 20,
        "blank picture: {} colours",
        distinct.len()
    );

    let html_path = dir.path().join("map.html");
    run(&["render", l, "-o", html_path.to_str().unwrap()]);
    let html = fs::read_to_string(&html_path).unwrap();
    assert_eq!(html.matches("<circle class=\"place\"").count(), n);
    assert_eq!(html.matches("<tr data-i=").count(), n);
    for remote in ["<link", " src=", "https://", "@import"] {
        assert!(!html.contains(remote), "not self-contained: {remote}");
    }

    let out = mentionmap()
        .args(["render", l, "-o", "map.gif"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn render_refuses_a_layer_of_lines_and_a_width_out_of_range() {
    let dir = corpus();
    let (places, edges) = (dir.path().join("p.geojson"), dir.path().join("e.geojson"));
    let input = dir.path().to_str().unwrap();
    let (p, e) = (places.to_str().unwrap(), edges.to_str().unwrap());
    run(&["count", input, "-o", p, "--edges", e]);
    let png = dir.path().join("map.png");
    let refused = |args: &[&str], code: i32, says: &str| {
        let out = mentionmap().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    };
    let to = png.to_str().unwrap();
    refused(
        &["render", e, "-o", to],
        1,
        "e.geojson: a layer of lines (count --edges)",
    );
    refused(
        &["render", p, "-o", to, "--width", "100000"],
        2,
        "not in 300..=8000",
    );
    refused(
        &["render", p, "-o", to, "--width", "0"],
        2,
        "not in 300..=8000",
    );
    assert!(!png.exists());
}

#[test]
fn a_csv_layer_has_the_same_columns_whatever_the_data() {
    let dir = corpus();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("nothing.txt"), "No place is named here.\n").unwrap();
    let header = |args: &[&str]| {
        let mut all = vec!["count"];
        all.extend_from_slice(args);
        all.extend(["-F", "csv"]);
        let out = String::from_utf8(run(&all)).unwrap();
        out.lines().next().unwrap_or_default().to_string()
    };
    let some = header(&[dir.path().join("ar.txt").to_str().unwrap()]);
    let none = header(&[empty.to_str().unwrap()]);
    let dated = dated(dir.path());
    let with_dates = header(&[dated.to_str().unwrap()]);
    assert_eq!(some, none);
    assert_eq!(
        some, with_dates,
        "first_seen and last_seen are there, empty, without dates"
    );
    // Every property the writers set is in the fixed list: none comes after its last column.
    assert!(some.ends_with(",first_seen,last_seen,forms"), "{some}");
    let periods = header(&[dated.to_str().unwrap(), "--by", "month"]);
    assert!(periods.starts_with(&some), "{periods}");
    assert!(periods.ends_with(",period_start,period_end"), "{periods}");
    let edges = |scope: &str, input: &Path| {
        let to = dir.path().join(format!("edges-{scope}.csv"));
        let t = to.to_str().unwrap();
        run(&[
            "count",
            input.to_str().unwrap(),
            "--edges",
            t,
            "--edges-scope",
            scope,
        ]);
        fs::read_to_string(&to)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    let by_document = edges("document", dir.path());
    assert_eq!(by_document, edges("sentence", dir.path()));
    assert_eq!(by_document, edges("document", &empty));
    assert!(by_document.ends_with(",weight,sentences"), "{by_document}");
}
