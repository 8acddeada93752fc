//! Where `count` and `extract` write: standard output, files through links, devices and pipes,
//! read-only files, several files of one run, and the format a file's extension asks for.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TEXT: &str = "قصفت الطائرات مواقع في الرقة ومنبج. Later, talks in Baghdad.\n";

fn mentionmap() -> Command {
    Command::cargo_bin("mentionmap").unwrap()
}

/// A folder holding `news.txt`, and that file's path.
fn news() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.txt");
    fs::write(&path, TEXT).unwrap();
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn feature_count(bytes: &[u8]) -> usize {
    let v: Value = serde_json::from_slice(bytes).expect("a whole GeoJSON document");
    v["features"].as_array().unwrap().len()
}

#[test]
fn dash_is_standard_output() {
    let (dir, path) = news();
    let out = mentionmap()
        .args(["count", s(&path), "-o", "-"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(feature_count(&out.stdout), 3);
    assert_eq!(entries(dir.path()), ["news.txt"], "no file named -");
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_kept() {
    let (dir, path) = news();
    let target = dir.path().join("real.geojson");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.geojson");
    std::os::unix::fs::symlink("real.geojson", &link).unwrap();
    mentionmap()
        .args(["count", s(&path), "-o", s(&link)])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(feature_count(&fs::read(&target).unwrap()), 3);
    // A link to a file that does not exist yet makes it where the link points.
    let dangling = dir.path().join("new.geojson");
    std::os::unix::fs::symlink("made.geojson", &dangling).unwrap();
    mentionmap()
        .args(["count", s(&path), "-o", s(&dangling)])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        feature_count(&fs::read(dir.path().join("made.geojson")).unwrap()),
        3
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_written_into() {
    let (dir, path) = news();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    mentionmap()
        .args(["count", s(&path), "-o", s(&fifo)])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    // Checked before joining: a pipe replaced by a file would leave the reader waiting.
    assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a pipe");
    assert_eq!(feature_count(&reader.join().unwrap()), 3);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = news();
    let out = dir.path().join("kept.geojson");
    fs::write(&out, "keep me").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).unwrap();
    mentionmap()
        .args(["count", s(&path), "-o", s(&out)])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "kept.geojson: is a read-only file",
        ));
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep me");
    // A writable file keeps its permissions when it is replaced.
    let shared = dir.path().join("shared.geojson");
    fs::write(&shared, "old").unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o664)).unwrap();
    mentionmap()
        .args(["count", s(&path), "-o", s(&shared)])
        .assert()
        .success();
    let mode = fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
}

#[test]
fn a_run_that_cannot_write_every_file_writes_none_and_says_so_first() {
    let (dir, path) = news();
    let places = dir.path().join("places.geojson");
    let edges = dir.path().join("no-such-folder").join("edges.geojson");
    mentionmap()
        .args(["count", s(&path), "-o", s(&places), "--edges", s(&edges)])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!(
            "{}: no such file or directory",
            s(&edges)
        )));
    assert_eq!(entries(dir.path()), ["news.txt"]);
    // The same file for both layers is refused too.
    mentionmap()
        .args(["count", s(&path), "-o", s(&places), "--edges", s(&places)])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("would be written twice"));
    assert_eq!(entries(dir.path()), ["news.txt"]);
}

#[test]
fn the_extension_chooses_the_format_unless_f_does() {
    let (dir, path) = news();
    let csv = dir.path().join("places.csv");
    mentionmap()
        .args(["count", s(&path), "-o", s(&csv)])
        .assert()
        .success();
    let text = fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("id,lon,lat,"), "{text}");
    let seq = dir.path().join("places.geojsonseq");
    mentionmap()
        .args(["count", s(&path), "-o", s(&seq)])
        .assert()
        .success();
    let text = fs::read_to_string(&seq).unwrap();
    assert_eq!(text.matches('\u{1e}').count(), 3, "{text}");
    // -F wins over the extension, and a .qml goes only beside GeoJSON.
    let odd = dir.path().join("odd.geojson");
    mentionmap()
        .args(["count", s(&path), "-F", "csv", "-o", s(&odd)])
        .assert()
        .success();
    assert!(fs::read_to_string(&odd).unwrap().starts_with("id,"));
    assert_eq!(
        entries(dir.path()),
        [
            "news.txt",
            "odd.csvt",
            "odd.geojson",
            "places.csv",
            "places.csvt",
            "places.geojsonseq"
        ]
    );
    // extract: JSON Lines by default, a FeatureCollection for .geojson.
    let layer = dir.path().join("mentions.geojson");
    mentionmap()
        .args(["extract", s(&path), "-o", s(&layer)])
        .assert()
        .success();
    assert_eq!(feature_count(&fs::read(&layer).unwrap()), 3);
}

#[test]
fn a_name_that_promises_another_format_is_refused_before_reading() {
    let (dir, path) = news();
    let refused = |args: &[&str], says: &str| {
        let out = mentionmap().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    };
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (jsonl, csv, geojson) = (file("p.jsonl"), file("e.csv"), file("e.geojson"));
    refused(
        &["count", s(&path), "-o", &jsonl],
        "p.jsonl: a .jsonl name asks for mentions, which is not written here: name the file \
         .geojson, .geojsons or .csv, or choose a format with -F",
    );
    refused(
        &["extract", "--explain", s(&path), "-o", &csv],
        "e.csv: a .csv name asks for csv, which is not written here: name the file .jsonl",
    );
    refused(
        &["extract", "--explain", s(&path), "-o", &geojson],
        "e.geojson: a .geojson name",
    );
    refused(
        &["count", s(&path), "--edges", &jsonl],
        "p.jsonl: a .jsonl name asks for mentions",
    );
    assert_eq!(entries(dir.path()), ["news.txt"], "nothing written");
    // A name that promises no format gets the default, with a warning; --explain writes JSON
    // Lines under a .json or any other name; -F names the format whatever the name.
    let out = mentionmap()
        .args(["count", s(&path), "-o", &file("p.kml")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("p.kml: written as geojson: .kml names no format this command writes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(feature_count(&fs::read(file("p.kml")).unwrap()), 3);
    // So does a co-mention layer's name.
    let out = mentionmap()
        .args(["count", s(&path), "-o", &file("q.geojson")])
        .args(["--edges", &file("links.kml")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("links.kml: written as geojson: .kml names no format this command writes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::read_to_string(file("links.kml"))
            .unwrap()
            .starts_with("{\"type\":\"FeatureCollection\"")
    );
    for name in ["x.json", "x.log"] {
        mentionmap()
            .args(["extract", "--explain", s(&path), "-o", &file(name)])
            .assert()
            .success();
        let text = fs::read_to_string(file(name)).unwrap();
        assert!(
            text.lines().all(|l| l.starts_with("{\"doc\"")),
            "{name}: {text}"
        );
    }
    mentionmap()
        .args(["count", s(&path), "-F", "csv", "-o", &file("m.txt")])
        .assert()
        .success();
    assert!(
        fs::read_to_string(file("m.txt"))
            .unwrap()
            .starts_with("id,")
    );
    for option in [["--min-weight", "2"], ["--edges-scope", "sentence"]] {
        let out = mentionmap()
            .args(["count", s(&path)])
            .args(option)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{option:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--edges <FILE>"));
    }
    let out = mentionmap()
        .args(["extract", "--explain", "-F", "geojson", s(&path)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn extract_leaves_a_whole_layer_on_standard_output_when_the_run_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let good = serde_json::json!({ "id": "a", "text": TEXT }).to_string();
    fs::write(&path, format!("{good}\n{{\"id\": \"b\", \"text\": \n")).unwrap();
    let out = mentionmap()
        .args(["extract", s(&path), "-F", "geojson"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(feature_count(&out.stdout), 3, "the mentions read before");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 bad line"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file_and_dies_by_the_signal() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        stop_a_run_with(signal);
    }
}

/// Starts `extract -o`, waits for its temporary file, sends `signal` and checks that the
/// process ended by that signal (as a shell sees it: `$?` is 128 + its number) and that the
/// temporary file is gone.
#[cfg(unix)]
fn stop_a_run_with(signal: i32) {
    use std::io::Write as _;
    use std::os::unix::process::ExitStatusExt as _;
    use std::process::{Command as Process, Stdio};
    use std::time::{Duration, Instant};
    // `extract` opens its output before reading; standard input kept open holds it there.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mentions.jsonl");
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("mentionmap"))
        .args(["extract", "-q", "-o", s(&out)])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(TEXT.as_bytes()).unwrap();
    let start = Instant::now();
    while entries(dir.path()).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no temporary file made"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let tmp = entries(dir.path());
    assert!(tmp[0].starts_with(".mentionmap-"), "{tmp:?}");
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.signal(), Some(signal), "{status:?}");
    assert_eq!(entries(dir.path()), Vec::<String>::new(), "signal {signal}");
}
