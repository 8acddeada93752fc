//! Integration tests of the inputs: text folders, standard input, JSON Lines, CSV, gzip and
//! zstd, encodings, bad lines, `--from`/`--to`, `--glob` and thread-count determinism.
//!
//! Every text here is written for these tests (a few sentences naming الرقة, منبج, دمشق,
//! Raqqa, Mosul), and the places come from the small `tests/data/input/places.tsv` (the default
//! gazetteer takes seconds to load in a debug build). The one test that reads the shared
//! SaudiNewsNet corpus uses the default gazetteer, and skips, saying so, when `../shared` is
//! absent.

use std::io::Write;
use std::path::{Path, PathBuf};

mod shared;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    /// The GeoJSON layer on standard output.
    fn layer(&self) -> Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr:\n{}", self.stderr))
    }

    /// The JSON Lines records on standard output (of `extract`).
    fn records(&self) -> Vec<Value> {
        String::from_utf8(self.stdout.clone())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// Runs the binary with `args`, the test gazetteer instead of the default one, and every
/// mention kept whatever its confidence (these tests are about reading, not resolving).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let places = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/input/places.tsv");
    let mut all = vec![args[0], "--no-default-gazetteer", "--gazetteer", s(&places)];
    all.extend(["--min-confidence", "0"]);
    all.extend_from_slice(&args[1..]);
    run_with_default_gazetteer(&all, stdin)
}

fn run_with_default_gazetteer(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::cargo_bin("mentionmap").unwrap();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `count ARGS` that must succeed; its layer.
fn count_ok(args: &[&str]) -> (Value, String) {
    let mut all = vec!["count"];
    all.extend_from_slice(args);
    let r = run(&all, None);
    assert_eq!(r.code, 0, "count {args:?} failed:\n{}", r.stderr);
    (r.layer(), r.stderr)
}

fn documents(layer: &Value) -> u64 {
    layer["mentionmap"]["documents"].as_u64().unwrap()
}

fn undated(layer: &Value) -> Option<u64> {
    layer["mentionmap"]["undated_documents"].as_u64()
}

/// Mentions of the place named `name` (English name), 0 when absent.
fn mentions(layer: &Value, name: &str) -> u64 {
    layer["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == name)
        .map_or(0, |f| f["properties"]["mentions"].as_u64().unwrap())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const AR_RAQQA: &str = "قالت مصادر محلية إن الاشتباكات تجددت في الرقة صباح اليوم.";
const AR_MANBIJ: &str = "ووصلت قافلة مساعدات إلى منبج قادمة من دمشق.";
const EN_MOSUL: &str = "Fighting continued near Mosul, while Raqqa stayed quiet.";

/// Three dated news lines and one undated, as JSON Lines.
fn news_jsonl() -> String {
    [
        serde_json::json!({"id": "n1", "date": "2015-01-10", "title": "الرقة", "text": AR_MANBIJ}),
        serde_json::json!({"id": "n2", "date": "2015-02-14T09:30:00+03:00", "title": "", "text": AR_RAQQA}),
        serde_json::json!({"id": 3, "date": "2015-03-01", "title": "Mosul", "text": EN_MOSUL}),
        serde_json::json!({"title": "no date", "text": "منبج"}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect()
}

#[test]
fn a_folder_of_text_files_is_read_recursively_one_document_each() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", AR_RAQQA);
    write(dir.path(), "sub/b.txt", EN_MOSUL);
    write(dir.path(), ".hidden/c.txt", AR_MANBIJ);
    let (layer, _) = count_ok(&[s(dir.path())]);
    assert_eq!(documents(&layer), 2);
    assert_eq!(mentions(&layer, "Raqqa"), 2);
    assert_eq!(mentions(&layer, "Mosul"), 1);
    assert_eq!(mentions(&layer, "Manbij"), 0);
    // Text carries no dates, so none are reported missing.
    assert_eq!(undated(&layer), None);
}

#[test]
fn a_layer_written_into_the_folder_is_not_read_back_on_the_next_run() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", AR_RAQQA);
    write(dir.path(), "b.txt", EN_MOSUL);
    let out = dir.path().join("places.geojson");
    let count_into_folder = || {
        let r = run(&["count", s(dir.path()), "-o", s(&out)], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let layer: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        (layer, r.stderr)
    };
    let (first, _) = count_into_folder();
    assert!(
        dir.path().join("places.qml").exists(),
        "the style beside the layer"
    );
    let (second, warnings) = count_into_folder();
    assert_eq!(documents(&second), 2);
    assert_eq!(second["features"], first["features"]);
    assert!(
        warnings.contains("skipped 2 map layer, style or mention file(s)")
            && warnings.contains("places.geojson"),
        "{warnings}"
    );
    // Under any name: a layer as .json, a CSV layer, extract's mentions.
    for (out, format) in [
        ("p.json", "geojson"),
        ("p.csv", "csv"),
        ("m.jsonl", "mentions"),
    ] {
        let command = if format == "mentions" {
            "extract"
        } else {
            "count"
        };
        let to = dir.path().join(out);
        let r = run(&[command, s(dir.path()), "-F", format, "-o", s(&to)], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let (third, warnings) = count_into_folder();
    assert_eq!(third["features"], first["features"], "{warnings}");
    assert!(
        warnings.contains("skipped 7 map layer, style or mention file(s)"),
        "{warnings}"
    );
    // Chosen by --glob, or named, a layer is read as the user asks.
    let (globbed, _) = count_ok(&[s(dir.path()), "--glob", "*.geojson"]);
    assert_eq!(documents(&globbed), 1);
}

#[test]
fn a_layer_credits_the_gazetteer_it_was_made_with() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a.txt", AR_RAQQA);
    // `run` reads the test gazetteer alone: its file is credited, GeoNames is not.
    let (layer, _) = count_ok(&[s(&path)]);
    let credit = layer["mentionmap"]["attribution"].as_str().unwrap();
    assert!(
        credit.starts_with("Place data: ") && credit.contains("places.tsv"),
        "{credit}"
    );
    assert!(
        credit.contains("wordfreq") && !credit.contains("GeoNames"),
        "{credit}"
    );
    let r = run_with_default_gazetteer(&["count", s(&path)], None);
    let credit = r.layer()["mentionmap"]["attribution"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        credit.contains("GeoNames") && !credit.contains("places.tsv"),
        "{credit}"
    );
}

#[test]
fn standard_input_is_one_document_or_a_stream_of_lines() {
    let r = run(
        &["count"],
        Some(format!("{AR_RAQQA}\n{AR_MANBIJ}").as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let layer = r.layer();
    assert_eq!(documents(&layer), 1);
    assert_eq!(mentions(&layer, "Raqqa"), 1);
    assert_eq!(mentions(&layer, "Damascus"), 1);
    let r = run(
        &["count", "--format", "jsonl", "-"],
        Some(news_jsonl().as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(documents(&r.layer()), 4);
}

#[test]
fn a_long_text_is_read_in_parts_whose_offsets_are_the_files() {
    // Over 2 MiB of paragraphs: read in parts of about 1 MiB, cut at blank lines, each a
    // document; `extract` gives offsets into the file, and every mention is still counted.
    let paragraph = format!("{AR_RAQQA}\n{AR_MANBIJ}\n\n");
    let copies = 3 * (1 << 20) / paragraph.len();
    let text = paragraph.repeat(copies);
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "long.txt", &text);
    let (layer, _) = count_ok(&[s(&path)]);
    assert!(documents(&layer) >= 2, "{} documents", documents(&layer));
    assert_eq!(mentions(&layer, "Raqqa"), copies as u64);
    let r = run(&["extract", s(&path)], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = r.records();
    assert_eq!(
        records.len(),
        3 * copies,
        "Raqqa, Manbij and Damascus in every paragraph"
    );
    let bytes = text.as_bytes();
    for m in &records {
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        let slice = std::str::from_utf8(&bytes[start as usize..end as usize]).unwrap();
        assert_eq!(slice, m["text"].as_str().unwrap(), "{m}");
    }
    let last = records.last().unwrap()["start"].as_u64().unwrap() as usize;
    assert!(last > 2 << 20, "offsets run on past the first part: {last}");
    // An invalid byte in a later part is reported at its line in the file.
    let mut bytes = "Damascus\n".repeat(350_000).into_bytes();
    bytes.extend_from_slice(b"\xff\nRaqqa\n");
    let path = write(dir.path(), "bad.txt", &bytes);
    let (_, stderr) = count_ok(&[s(&path)]);
    assert!(stderr.contains("bad.txt:350001"), "{stderr}");
}

#[test]
fn json_lines_give_one_document_a_line_with_ids_and_dates() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "news.jsonl", news_jsonl());
    let (layer, _) = count_ok(&[s(&path)]);
    assert_eq!(documents(&layer), 4);
    assert_eq!(undated(&layer), Some(1));
    // Only `text` is read by default: the titles' places are not counted.
    assert_eq!(mentions(&layer, "Mosul"), 1);
    assert_eq!(mentions(&layer, "Raqqa"), 2);
    let raqqa = layer["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == "Raqqa")
        .unwrap();
    assert_eq!(raqqa["properties"]["first_seen"], "2015-02-14");
    assert_eq!(raqqa["properties"]["last_seen"], "2015-03-01");

    let r = run(&["extract", s(&path)], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs: Vec<String> = r
        .records()
        .iter()
        .map(|m| m["doc"].as_str().unwrap().to_string())
        .collect();
    let name = s(&path);
    for origin in [
        format!("{name}:n1"),
        format!("{name}:n2"),
        format!("{name}:3"),
        format!("{name}:4"),
    ] {
        assert!(docs.contains(&origin), "{origin} not in {docs:?}");
    }
}

#[test]
fn title_and_text_fields_are_joined() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "news.ndjson", news_jsonl());
    let (layer, _) = count_ok(&[s(&path), "--text-field", "title", "--text-field", "text"]);
    assert_eq!(documents(&layer), 4);
    assert_eq!(mentions(&layer, "Mosul"), 2);
    assert_eq!(mentions(&layer, "Raqqa"), 3);
    let r = run(
        &[
            "extract",
            s(&path),
            "--text-field",
            "title",
            "--text-field",
            "text",
        ],
        None,
    );
    let mosul = r
        .records()
        .into_iter()
        .find(|m| m["doc"].as_str().unwrap().ends_with(":3") && m["name"] == "Mosul")
        .unwrap();
    assert!(mosul["context"].as_str().unwrap().starts_with("Mosul"));
}

#[test]
fn of_several_text_fields_one_missing_or_null_is_empty() {
    let dir = TempDir::new().unwrap();
    let lines = [
        serde_json::json!({"title": "Raqqa", "text": EN_MOSUL}),
        serde_json::json!({"text": "Mosul today"}),
        serde_json::json!({"title": null, "text": "Mosul again"}),
        serde_json::json!({"title": "الرقة"}),
        serde_json::json!({"id": "none"}),
        serde_json::json!({"title": 7, "text": "Mosul"}),
        serde_json::json!({"title": null, "text": null}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let path = write(dir.path(), "partial.jsonl", lines);
    let name = s(&path);
    let both = ["--text-field", "title", "--text-field", "text"];
    let r = run(
        &[&["count", name, "--skip-bad-lines"][..], &both].concat(),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let layer = r.layer();
    assert_eq!(documents(&layer), 4);
    assert_eq!(
        (mentions(&layer, "Mosul"), mentions(&layer, "Raqqa")),
        (3, 3)
    );
    for expected in [
        format!("{name}:5: no field \"title\" or \"text\""),
        format!("{name}:6: field \"title\" is a number, not a string"),
        format!("{name}:7: fields \"title\" and \"text\" are null or missing, not strings"),
        "3 bad lines in 1 file skipped".to_string(),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "{expected:?} not in:\n{}",
            r.stderr
        );
    }
    // One text field must be there.
    let r = run(&["count", name, "--text-field", "title"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{name}:2: no field \"title\"")),
        "{}",
        r.stderr
    );
}

#[test]
fn gzip_and_zstd_are_undone_by_their_magic_bytes() {
    let dir = TempDir::new().unwrap();
    let plain = news_jsonl();
    let gz = write(dir.path(), "news.jsonl.gz", gzip(plain.as_bytes()));
    let zst = write(
        dir.path(),
        "news.jsonl.zst",
        zstd::stream::encode_all(plain.as_bytes(), 3).unwrap(),
    );
    // Compressed, though the name does not say so.
    let hidden = write(dir.path(), "renamed.jsonl", gzip(plain.as_bytes()));
    let text_gz = write(dir.path(), "article.txt.gz", gzip(AR_RAQQA.as_bytes()));
    for path in [&gz, &zst, &hidden] {
        let (layer, stderr) = count_ok(&[s(path)]);
        assert_eq!(documents(&layer), 4, "{}", path.display());
        assert_eq!(mentions(&layer, "Raqqa"), 2, "{}", path.display());
        assert!(stderr.is_empty(), "{stderr}");
    }
    let (layer, _) = count_ok(&[s(&text_gz)]);
    assert_eq!((documents(&layer), mentions(&layer, "Raqqa")), (1, 1));
    // A folder holding compressed files reads them too (they are not "binary").
    let (layer, _) = count_ok(&[s(dir.path()), "--glob", "news.*"]);
    assert_eq!(documents(&layer), 8);
}

#[test]
fn a_truncated_gzip_file_is_an_error() {
    let dir = TempDir::new().unwrap();
    let whole = gzip(news_jsonl().repeat(50).as_bytes());
    let path = write(dir.path(), "cut.jsonl.gz", &whole[..whole.len() / 2]);
    let r = run(&["count", s(&path)], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot decompress gzip"), "{}", r.stderr);
    // `extract` has written the mentions of the documents read before the error, the same ones
    // whatever the thread count.
    let one = run(&["extract", s(&path), "--threads", "1"], None);
    let two = run(&["extract", s(&path), "--threads", "2"], None);
    assert_eq!((one.code, two.code), (1, 1));
    assert!(
        !one.stdout.is_empty(),
        "nothing before the error was written"
    );
    assert!(
        one.stdout == two.stdout,
        "extract differs between 1 and 2 threads"
    );
}

#[test]
fn csv_and_tsv_take_field_names_from_the_header() {
    let dir = TempDir::new().unwrap();
    let csv = format!(
        "id,date,title,text\n\
         c1,2015-07-21,Mosul,\"{AR_RAQQA}\nسطر ثان عن منبج\"\n\
         ,2015-07-22 10:00:00,,\"He said \"\"Raqqa\"\", twice: Raqqa.\"\n"
    );
    let path = write(dir.path(), "news.csv", csv);
    let (layer, _) = count_ok(&[s(&path)]);
    assert_eq!(documents(&layer), 2);
    assert_eq!(undated(&layer), Some(0));
    assert_eq!(mentions(&layer, "Raqqa"), 3);
    assert_eq!(mentions(&layer, "Manbij"), 1);
    assert_eq!(mentions(&layer, "Mosul"), 0);
    let (layer, _) = count_ok(&[s(&path), "--text-field", "title", "--text-field", "text"]);
    assert_eq!(mentions(&layer, "Mosul"), 1);
    let r = run(&["extract", s(&path)], None);
    let docs: Vec<Value> = r.records().iter().map(|m| m["doc"].clone()).collect();
    assert!(docs.contains(&Value::from(format!("{}:c1", s(&path)))));
    assert!(
        docs.contains(&Value::from(format!("{}:4", s(&path)))),
        "{docs:?}"
    );

    let tsv = write(
        dir.path(),
        "news.tsv",
        format!("text\tdate\n{EN_MOSUL}\t2015-07-21\n\"Raqqa\" again\t\n"),
    );
    let (layer, _) = count_ok(&[s(&tsv)]);
    assert_eq!((documents(&layer), undated(&layer)), (2, Some(1)));
    assert_eq!(mentions(&layer, "Raqqa"), 2);
    let gz = write(
        dir.path(),
        "news.csv.gz",
        gzip(std::fs::read(&path).unwrap().as_slice()),
    );
    let (layer, _) = count_ok(&[s(&gz)]);
    assert_eq!(documents(&layer), 2);
}

#[test]
fn a_csv_without_the_text_column_is_an_error() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "x.csv", "body,id\nRaqqa,1\n");
    let r = run(&["count", s(&path)], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("x.csv:1: no column \"text\""),
        "{}",
        r.stderr
    );
}

#[test]
fn a_csv_without_a_date_or_id_column_named_on_the_command_line_is_an_error() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "d.csv", "id,date,text\nn1,2015-01-01,Raqqa\n");
    for (option, field) in [("--date-field", "published"), ("--id-field", "ID")] {
        let r = run(&["count", s(&path), option, field], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let told = format!("d.csv:1: no column {field:?} in the header (columns: id, date, text)");
        assert!(r.stderr.contains(&told), "{}", r.stderr);
    }
    // Left at their defaults, missing id and date columns are no error: documents are named
    // by their line and counted as undated.
    let path = write(dir.path(), "plain.csv", "text\nRaqqa\n");
    let (layer, _) = count_ok(&[s(&path)]);
    assert_eq!((documents(&layer), undated(&layer)), (1, Some(1)));
}

#[test]
fn csv_lines_are_numbered_alike_whatever_the_line_endings() {
    // A short row on line 3 and one on line 6, past a quoted field over two lines.
    let dir = TempDir::new().unwrap();
    let rows = [
        "id,date,text",
        "a,2015-01-01,x",
        "bad",
        "c,2015-01-02,\"two",
        "lines\"",
        "bad2",
    ];
    for (name, ending) in [
        ("unix.csv", "\n"),
        ("windows.csv", "\r\n"),
        ("mac.csv", "\r"),
    ] {
        let path = write(dir.path(), name, rows.join(ending) + ending);
        let r = run(&["extract", s(&path), "--skip-bad-lines"], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for line in [3, 6] {
            let told = format!("{}:{line}: 1 field(s) where the header has 3", s(&path));
            assert!(r.stderr.contains(&told), "{name}: {}", r.stderr);
        }
    }
    // Documents are named by their line too.
    let r = run(
        &["extract", "--format", "csv"],
        Some(format!("date,text\r\n2015-01-01,{AR_RAQQA}\r\n").as_bytes()),
    );
    let docs: Vec<_> = r.records().iter().map(|m| m["doc"].clone()).collect();
    assert_eq!(docs, ["-:2"], "{}", r.stderr);
}

#[test]
fn a_csv_quote_never_closed_is_a_bad_line_not_a_swallowed_file() {
    let dir = TempDir::new().unwrap();
    let csv = format!(
        "id,text\n\
         c1,\"{EN_MOSUL}\n\
         c2,Raqqa\n\
         c3,Mosul again\n"
    );
    let path = write(dir.path(), "open.csv", csv);
    let name = s(&path);
    let r = run(&["count", name], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{name}:2: a quote opened here is never closed (the rest of the file would be one \
             field)"
        )),
        "{}",
        r.stderr
    );
    let r = run(&["count", name, "--skip-bad-lines"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(documents(&r.layer()), 0);
    // Where the open field leaves the row short of fields, the quote is still what is told.
    let path = write(
        dir.path(),
        "short.csv",
        "id,text,date\nc1,ok,2015-07-21\nc2,\"Raqqa,2015-07-22\nc3,x,2015-07-23\n",
    );
    let r = run(&["count", s(&path), "--skip-bad-lines"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}:3: a quote opened here is never closed",
            s(&path)
        )),
        "{}",
        r.stderr
    );
    assert_eq!(documents(&r.layer()), 1);
}

#[test]
fn the_format_flag_overrides_the_extension() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "feed.txt", news_jsonl());
    let (layer, _) = count_ok(&[s(&path)]);
    assert_eq!(documents(&layer), 1);
    let (layer, _) = count_ok(&[s(&path), "--format", "jsonl"]);
    assert_eq!(documents(&layer), 4);
    let r = run(&["count", s(&path), "--format", "xml"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn windows_1256_is_decoded_when_named() {
    let dir = TempDir::new().unwrap();
    let text = format!("{AR_RAQQA}\n{AR_MANBIJ}");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    let path = write(dir.path(), "old.txt", &bytes);
    let (layer, stderr) = count_ok(&[s(&path), "--encoding", "windows-1256"]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(mentions(&layer, "Raqqa"), 1);
    assert_eq!(mentions(&layer, "Manbij"), 1);
    let (layer, _) = count_ok(&[s(&path), "--encoding", "cp1256"]);
    assert_eq!(mentions(&layer, "Damascus"), 1);
    // Read as UTF-8 it is mostly invalid: one warning, no crash, no places.
    let (layer, stderr) = count_ok(&[s(&path)]);
    assert_eq!(stderr.matches("not valid UTF-8").count(), 1, "{stderr}");
    assert_eq!(mentions(&layer, "Raqqa"), 0);
    // JSON Lines in windows-1256, gzipped.
    let news = news_jsonl();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&news);
    let gz = write(dir.path(), "old.jsonl.gz", gzip(&bytes));
    let (layer, _) = count_ok(&[s(&gz), "--encoding", "windows-1256"]);
    assert_eq!((documents(&layer), mentions(&layer, "Raqqa")), (4, 2));
    let r = run(&["count", s(&path), "--encoding", "klingon"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown encoding"), "{}", r.stderr);
}

#[test]
fn invalid_utf8_is_replaced_counted_and_warned_once_per_file() {
    let dir = TempDir::new().unwrap();
    let mut bytes = AR_RAQQA.as_bytes().to_vec();
    bytes.extend(b" \xFF\xFE junk \xC3 ");
    bytes.extend(EN_MOSUL.as_bytes());
    // The first invalid sequence is told by its line (or record): line 2 of the text file.
    bytes.splice(0..0, b"A first line.\n".iter().copied());
    let path = write(dir.path(), "broken.txt", &bytes);
    let mut lines = Vec::new();
    lines.extend(b"{\"text\": \"Raqqa \xFF\"}\n{\"text\": \"Mosul \xFE\"}\n");
    let jsonl = write(dir.path(), "broken.jsonl", &lines);
    let (layer, stderr) = count_ok(&[s(&path), s(&jsonl)]);
    assert_eq!(documents(&layer), 3);
    assert_eq!(mentions(&layer, "Raqqa"), 3);
    assert_eq!(mentions(&layer, "Mosul"), 2);
    assert!(
        stderr.contains(&format!(
            "{0}: not valid UTF-8: 3 invalid byte sequence(s) replaced with U+FFFD, the first \
             in {0}:2; if the file is in another encoding, name it with --encoding (e.g. \
             --encoding windows-1256)\n",
            s(&path)
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{0}: not valid UTF-8: 2 invalid byte sequence(s) replaced with U+FFFD, the first in \
             {0}:1;",
            s(&jsonl)
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    // In another encoding, named by a byte-order mark, there is no hint.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("Mosul ".encode_utf16().flat_map(u16::to_le_bytes));
    utf16.extend([0x00, 0xD8, b'.', 0x00]);
    let path = write(dir.path(), "broken16.txt", &utf16);
    let (layer, stderr) = count_ok(&[s(&path)]);
    assert_eq!(mentions(&layer, "Mosul"), 1);
    assert_eq!(
        stderr,
        format!(
            "mentionmap: warning: {0}: not valid UTF-16LE: 1 invalid byte sequence(s) replaced \
             with U+FFFD, the first in {0}:1\n",
            s(&path)
        )
    );
}

#[test]
fn bad_lines_are_reported_and_fail_the_run_unless_accepted() {
    let dir = TempDir::new().unwrap();
    let mut lines = news_jsonl();
    lines.push_str("{\"text\": 42}\n");
    lines.push_str("{\"text\": \"Raqqa\", \n");
    lines.push('\n');
    lines.push_str("{\"text\": \"Mosul\", \"date\": \"14/02/2015\"}\n");
    lines.push_str("{\"title\": \"no text\"}\n");
    let path = write(dir.path(), "bad.jsonl", lines);
    let out = dir.path().join("out.geojson");
    let r = run(&["count", s(&path), "-o", s(&out)], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let name = s(&path);
    for expected in [
        format!("{name}:5: field \"text\" is a number, not a string"),
        format!("{name}:6: bad JSON"),
        format!("{name}:8: field \"date\": \"14/02/2015\""),
        format!("{name}:9: no field \"text\""),
        format!(
            "{name}: 4 bad lines in 1 file (the first at {name}:5); use --skip-bad-lines to accept"
        ),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "{expected:?} not in:\n{}",
            r.stderr
        );
    }
    assert!(!out.exists(), "no output is written when the run fails");

    let r = run(
        &["count", s(&path), "-o", s(&out), "--skip-bad-lines"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{name}:6: bad JSON")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("4 bad lines in 1 file skipped"),
        "{}",
        r.stderr
    );
    let layer: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(documents(&layer), 4);

    let r = run(&["extract", s(&path)], None);
    assert_eq!(r.code, 1);
    // --quiet silences the warnings, not the error, which still points at a line.
    let r = run(&["count", s(&path), "-o", s(&out), "-q"], None);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "mentionmap: error: {name}: 4 bad lines in 1 file (the first at {name}:5); use \
             --skip-bad-lines to accept"
        )
    );
    let r = run(&["extract", s(&path), "--skip-bad-lines", "-q"], None);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn a_json_line_of_another_kind_than_an_object_says_so() {
    let dir = TempDir::new().unwrap();
    let lines = format!("{{\"text\": \"{EN_MOSUL}\"}}\n[1,2,3]\n42\n\"Raqqa\"\n");
    let path = write(dir.path(), "kinds.jsonl", lines);
    let name = s(&path);
    let r = run(&["count", name, "--skip-bad-lines"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in 2..=4 {
        let expected = format!("{name}:{line}: not a JSON object\n");
        assert!(
            r.stderr.contains(&expected),
            "{expected:?} not in:\n{}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("invalid type"), "{}", r.stderr);
    assert_eq!(documents(&r.layer()), 1);
}

#[test]
fn from_and_to_keep_dated_documents_in_range() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "news.jsonl", news_jsonl());
    let (layer, stderr) = count_ok(&[s(&path), "--from", "2015-02-01", "--to", "2015-02-28"]);
    assert_eq!(documents(&layer), 1);
    assert_eq!(mentions(&layer, "Raqqa"), 1);
    assert_eq!(undated(&layer), Some(0));
    assert!(
        stderr.contains("--from/--to: 1 document without a date left out"),
        "{stderr}"
    );
    let (layer, _) = count_ok(&[s(&path), "--from", "2015-02-14"]);
    assert_eq!(documents(&layer), 2);
    let (layer, _) = count_ok(&[s(&path), "--to", "2015-02-14"]);
    assert_eq!(documents(&layer), 2);
    let (layer, _) = count_ok(&[s(&path), "--to", "2014-12-31"]);
    assert_eq!(documents(&layer), 0);
    let r = run(
        &[
            "count",
            s(&path),
            "--from",
            "2015-03-01",
            "--to",
            "2015-02-01",
        ],
        None,
    );
    assert_eq!(r.code, 2, "a usage error");
    assert!(r.stderr.contains("comes after"), "{}", r.stderr);
    let r = run(&["count", s(&path), "--from", "1/2/2015"], None);
    assert_eq!(r.code, 2);
}

#[test]
fn glob_chooses_files_below_a_folder() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", AR_RAQQA);
    write(dir.path(), "notes.md", EN_MOSUL);
    write(dir.path(), "deep/er/b.txt", AR_MANBIJ);
    write(dir.path(), "deep/c.jsonl", news_jsonl());
    let (layer, _) = count_ok(&[s(dir.path()), "--glob", "*.txt"]);
    assert_eq!(documents(&layer), 2);
    assert_eq!(mentions(&layer, "Mosul"), 0);
    let (layer, _) = count_ok(&[s(dir.path()), "--glob", "*.md", "--glob", "deep/*.jsonl"]);
    assert_eq!(documents(&layer), 5);
    let (layer, _) = count_ok(&[s(dir.path())]);
    assert_eq!(documents(&layer), 7);
    let r = run(&["count", s(dir.path()), "--glob", "*.csv"], None);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("no file in this folder matches --glob *.csv"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_broken_link_or_unreadable_folder_inside_a_folder_is_told_plainly() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = TempDir::new().unwrap();
    let d = dir.path().join("d3");
    write(&d, "a.txt", AR_RAQQA);
    let dangling = d.join("dangling.txt");
    symlink(d.join("nowhere.txt"), &dangling).unwrap();
    let r = run(&["count", s(&d)], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "mentionmap: error: {}: no such file or directory (a broken link?)",
            s(&dangling)
        )
    );
    std::fs::remove_file(&dangling).unwrap();
    let up = d.join("sub/up");
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink(&d, &up).unwrap();
    let r = run(&["count", s(&d)], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}: a symbolic link back to {}, a folder that holds it",
            s(&up),
            s(&d)
        )),
        "{}",
        r.stderr
    );
    std::fs::remove_file(&up).unwrap();
    let sub = d.join("sub");
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads it anyway: then there is nothing to tell.
    if std::fs::read_dir(&sub).is_err() {
        let r = run(&["count", s(&d)], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("{}: permission denied\n", s(&sub))),
            "{}",
            r.stderr
        );
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_file_given_more_than_once_is_read_once() {
    let dir = TempDir::new().unwrap();
    let d = dir.path().join("d");
    let a = write(&d, "a.txt", AR_RAQQA);
    write(&d, "sub/b.txt", EN_MOSUL);
    let (layer, stderr) = count_ok(&[s(&d), s(&d)]);
    assert_eq!((documents(&layer), mentions(&layer, "Raqqa")), (2, 2));
    assert_eq!(
        stderr,
        format!(
            "mentionmap: warning: {}: 2 files in it given more than once; each read once\n",
            s(&d)
        )
    );
    let (layer, stderr) = count_ok(&[s(&a), s(&d), s(&a)]);
    assert_eq!(documents(&layer), 2);
    assert_eq!(
        stderr,
        format!(
            "mentionmap: warning: {}: given more than once; read once\n",
            s(&a)
        )
    );
    // Another name for the same file is the same file.
    let other = dir.path().join("d/sub/../a.txt");
    let (layer, stderr) = count_ok(&[s(&a), s(&other)]);
    assert_eq!(documents(&layer), 1);
    assert!(
        stderr.contains(&format!("{}: given more than once; read once", s(&other))),
        "{stderr}"
    );
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = TempDir::new().unwrap();
    let places = [
        "الرقة",
        "منبج",
        "دمشق",
        "Raqqa",
        "Mosul",
        "Aleppo",
        "حلب",
        "Damascus",
    ];
    // Enough documents for several batches on the pool at once, and one long document early on,
    // so that later batches finish before the first: output must still follow input order.
    let mut lines = String::new();
    for i in 0..3500 {
        let a = places[i % places.len()];
        let b = places[(i * 7 + 3) % places.len()];
        let filler = "كلام عادي بلا أماكن. ".repeat(if i == 10 { 60_000 } else { i % 13 });
        let v = serde_json::json!({
            "id": format!("g{i}"),
            "date": format!("2015-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            "text": format!("{filler}وصل الوفد إلى {a} ثم غادر. Reports from {b} said {a} was calm."),
        });
        lines.push_str(&format!("{v}\n"));
    }
    let path = write(dir.path(), "gen.jsonl", lines);
    let one = run(&["count", s(&path), "--threads", "1"], None);
    let two = run(&["count", s(&path), "--threads", "2"], None);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(documents(&one.layer()), 3500);
    assert!(
        one.stdout == two.stdout,
        "count differs between 1 and 2 threads"
    );
    let one = run(&["extract", s(&path), "--threads", "1"], None);
    let two = run(&["extract", s(&path), "--threads", "2"], None);
    assert!(!one.stdout.is_empty());
    assert!(
        one.stdout == two.stdout,
        "extract differs between 1 and 2 threads"
    );
}

/// The real corpus: 31,030 SaudiNewsNet articles, gzipped JSON Lines. About 6 s in a release
/// build; in a debug build it is slower, hence `#[ignore]` there.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in a debug build; run with --release or --ignored"
)]
fn saudinewsnet_2015_has_31030_documents() {
    let Some(corpus) = shared::shared_path("corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz") else {
        return;
    };
    let r = run_with_default_gazetteer(&["count", s(&corpus), "--threads", "2"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let layer = r.layer();
    assert_eq!(documents(&layer), 31030, "{}", r.stderr);
    assert_eq!(undated(&layer), Some(0));
    assert!(mentions(&layer, "Riyadh") > 1000);
}

#[test]
fn a_json_file_is_text_and_says_so() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "feed.json", news_jsonl());
    let (layer, stderr) = count_ok(&[s(&path)]);
    assert_eq!(documents(&layer), 1);
    assert!(
        stderr.contains(&format!(
            "{}: read as plain text, one document; for one JSON object a line give --format jsonl",
            s(&path)
        )),
        "{stderr}"
    );
    let (layer, stderr) = count_ok(&[s(&path), "--format", "jsonl"]);
    assert_eq!(documents(&layer), 4);
    assert!(!stderr.contains("plain text"), "{stderr}");
}
