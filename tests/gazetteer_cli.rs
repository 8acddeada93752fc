//! Integration tests of `mentionmap gazetteer`: `import geonames` on the small GeoNames-format
//! files in `tests/data/geonames/` (written for these tests: a few Syrian, Iraqi and Irish
//! places with their real coordinates and some invented ids), `import csv` on spreadsheets
//! written here, `lookup` against the embedded default, and `check` on good and bad files.

use std::path::{Path, PathBuf};

use mentionmap::gazetteer::{Gazetteer, Kind};
use serde_json::Value;
use tempfile::TempDir;

/// What one run of the binary gave.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = assert_cmd::cargo::cargo_bin_cmd!("mentionmap")
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        success: out.status.success(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/geonames")
        .join(name)
        .display()
        .to_string()
}

/// Runs `gazetteer import geonames` on the test files with `extra` options; returns the file
/// written, loaded.
fn import_geonames(dir: &TempDir, extra: &[&str]) -> Gazetteer {
    let out = dir.path().join("gn.tsv");
    let (places, alternates) = (data("places.txt"), data("alternateNamesV2.txt"));
    let mut args = vec![
        "gazetteer",
        "import",
        "geonames",
        "--places",
        &places,
        "--alternate-names",
        &alternates,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert!(r.success, "import failed: {}", r.stderr);
    assert!(r.stderr.contains("imported"), "{}", r.stderr);
    let mut g = Gazetteer::new();
    g.add_file(&out).expect("the imported file loads");
    g
}

/// `LANG:NAME` of every name of a place.
fn names(g: &Gazetteer, id: &str) -> Vec<String> {
    let p = g.get(id).unwrap_or_else(|| panic!("{id} missing"));
    p.names
        .iter()
        .map(|n| format!("{}:{}", n.lang, n.text))
        .collect()
}

#[test]
fn geonames_kinds_names_and_admin1() {
    let dir = TempDir::new().unwrap();
    let admin1 = data("admin1CodesASCII.txt");
    let g = import_geonames(&dir, &["--admin1-codes", &admin1]);
    let kind = |id: &str| g.get(id).map(|p| p.kind);
    assert_eq!(kind("gn:163843"), Some(Kind::Country));
    assert_eq!(kind("gn:172957"), Some(Kind::Admin1));
    assert_eq!(kind("gn:172955"), Some(Kind::PopulatedPlace));
    assert_eq!(kind("gn:9000001"), Some(Kind::Water));
    assert_eq!(kind("gn:9000002"), Some(Kind::Facility));
    assert_eq!(kind("gn:9000003"), Some(Kind::Camp), "P named ... Camp");
    assert_eq!(kind("gn:9000004"), Some(Kind::Camp), "S.CMPRF");
    assert_eq!(kind("gn:9000005"), Some(Kind::Terrain));
    assert_eq!(kind("gn:9000006"), Some(Kind::Region));
    assert_eq!(kind("gn:9000007"), None, "roads are not imported");
    assert_eq!(g.len(), 14);

    // Preferred names lead their language; pseudo-languages (link, wkdt) are gone; a name
    // without a language is und; a historic name counts as an ordinary one.
    assert_eq!(
        names(&g, "gn:172955"),
        [
            "en:Raqqa",
            "en:Ar Raqqah",
            "en:Nicephorium",
            "ar:الرقة",
            "ar:الرقه",
            "fr:Rakka",
            "und:Raqqah"
        ]
    );
    let raqqa = g.get("gn:172955").unwrap();
    assert_eq!(raqqa.name(), "Raqqa");
    assert_eq!(raqqa.name_ar(), Some("الرقة"));
    assert_eq!(raqqa.admin1.as_deref(), Some("Ar-Raqqah"));
    assert_eq!(raqqa.population, Some(531952));
    assert_eq!((raqqa.lat, raqqa.lon), (35.95283, 39.00788));
    assert_eq!(g.get("gn:172957").unwrap().population, None, "0 is unknown");
    assert_eq!(g.get("gn:163843").unwrap().name_ar(), Some("سوريا"));
    // The same text in another language is written once; iata and post codes are dropped.
    assert_eq!(
        names(&g, "gn:170794"),
        ["en:Deir ez-Zor", "en:Deir Ezzor", "ar:دير الزور"]
    );
    assert_eq!(
        names(&g, "gn:2964574"),
        ["en:Dublin", "ar:دبلن", "ga:Baile Átha Cliath"]
    );
    assert_eq!(names(&g, "gn:99072"), ["en:Mosul", "ar:الموصل"]);

    // What the importer writes passes the linter.
    let out = dir.path().join("gn.tsv");
    let r = run(&["gazetteer", "check", out.to_str().unwrap()]);
    assert!(r.success, "{}{}", r.stdout, r.stderr);
}

#[test]
fn geonames_filters() {
    let dir = TempDir::new().unwrap();
    let g = import_geonames(&dir, &["--countries", "iq"]);
    let ids: Vec<&str> = g.places().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["gn:99072", "gn:98182"]);
    assert!(
        g.places().iter().all(|p| p.admin1.is_none()),
        "no --admin1-codes"
    );

    let g = import_geonames(&dir, &["--languages", "ar"]);
    assert_eq!(
        names(&g, "gn:172955"),
        ["en:Ar Raqqah", "ar:الرقة", "ar:الرقه"],
        "the main name stays, alternates only in Arabic"
    );
    assert_eq!(names(&g, "gn:2964574"), ["en:Dublin", "ar:دبلن"]);

    let g = import_geonames(
        &dir,
        &["--min-population", "1000000", "--languages", "en,ar"],
    );
    let ids: Vec<&str> = g.places().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["gn:163843", "gn:99072", "gn:98182", "gn:2964574"]);
    assert_eq!(names(&g, "gn:163843"), ["en:Syria", "ar:سوريا", "ar:سورية"]);
}

#[test]
fn geonames_malformed_lines_name_file_and_line() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("never.tsv");
    let bad = data("places_bad.txt");
    let alternates = data("alternateNamesV2.txt");
    let r = run(&[
        "gazetteer",
        "import",
        "geonames",
        "--places",
        &bad,
        "--alternate-names",
        &alternates,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!r.success);
    assert!(
        r.stderr
            .contains("places_bad.txt:3: latitude \"north\" is not a number"),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "no half-written output");

    // An alternate names file with a short line.
    let alt = dir.path().join("alt.txt");
    std::fs::write(&alt, "1\t172955\tar\tالرقة\t1\t\t\t\t\t\n2\t172955\n").unwrap();
    let places = data("places.txt");
    let r = run(&[
        "gazetteer",
        "import",
        "geonames",
        "--places",
        &places,
        "--alternate-names",
        alt.to_str().unwrap(),
    ]);
    assert!(!r.success);
    assert!(
        r.stderr.contains("alt.txt:2: expected at least 4"),
        "{}",
        r.stderr
    );

    // A places file given where the alternate names belong is caught on its first line.
    let r = run(&[
        "gazetteer",
        "import",
        "geonames",
        "--places",
        &alternates,
        "--alternate-names",
        &alternates,
    ]);
    assert!(!r.success);
    assert!(
        r.stderr.contains("alternateNamesV2.txt:1: expected 19"),
        "{}",
        r.stderr
    );
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn csv_import() {
    let dir = TempDir::new().unwrap();
    let sheet = write(
        &dir,
        "Villages.csv",
        "\u{feff}code,Name,الاسم,lat,lon,type,notes\n\
         v1,\"Ain Issa, north\",عين عيسى,36.3853,38.8594,populated_place,\"said \"\"Ain Issa\"\"\"\n\
         v2,Al-Hol Camp,مخيم الهول|الهول,36.3764,41.1486,camp,\n\
         ,,,,,,\n\
         mm:x,Tishrin Dam,سد تشرين,36.3833,38.1833,facility,\n",
    );
    let out = dir.path().join("v.tsv");
    let r = run(&[
        "gazetteer",
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--name-column",
        "en:Name",
        "--name-column",
        "ar:الاسم",
        "--lat-column",
        "lat",
        "--lon-column",
        "LON",
        "--kind-column",
        "type",
        "--country",
        "sy",
        "--id-column",
        "code",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.success, "{}", r.stderr);
    let mut g = Gazetteer::new();
    g.add_file(&out).unwrap();
    assert_eq!(g.len(), 3);
    let issa = g.get("villages:v1").unwrap();
    assert_eq!(issa.name(), "Ain Issa, north");
    assert_eq!(issa.name_ar(), Some("عين عيسى"));
    assert_eq!(issa.country.as_deref(), Some("SY"));
    assert_eq!((issa.lat, issa.lon), (36.3853, 38.8594));
    assert_eq!(
        names(&g, "villages:v2"),
        ["en:Al-Hol Camp", "ar:مخيم الهول", "ar:الهول"]
    );
    assert_eq!(g.get("villages:v2").unwrap().kind, Kind::Camp);
    assert_eq!(g.get("mm:x").unwrap().kind, Kind::Facility);

    // A row without coordinates is an error at its line.
    let sheet = write(
        &dir,
        "bad.csv",
        "name,lat,lon\nRaqqa,35.95,39.01\n\"Tabqa\",,38.55\n",
    );
    let r = run(&[
        "gazetteer",
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--name-column",
        "name",
        "--lat-column",
        "lat",
        "--lon-column",
        "lon",
    ]);
    assert!(!r.success);
    assert!(r.stderr.contains("bad.csv:3: no latitude"), "{}", r.stderr);

    // A column that is not in the header.
    let r = run(&[
        "gazetteer",
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--name-column",
        "ar:الاسم",
        "--lat-column",
        "lat",
        "--lon-column",
        "lon",
    ]);
    assert!(!r.success);
    assert!(
        r.stderr.contains("bad.csv:1: --name-column: no column"),
        "{}",
        r.stderr
    );
}

/// The JSON objects `gazetteer lookup NAME` prints.
fn lookup(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["gazetteer", "lookup"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert!(r.success, "lookup {args:?} failed: {}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn has(hits: &[Value], id: &str) -> bool {
    hits.iter().any(|h| h["id"] == id)
}

#[test]
fn lookup_answers_from_the_default() {
    let bare = lookup(&["الرقة"]);
    assert!(has(&bare, "gn:172955"), "the city of Raqqa: {bare:?}");
    let city = bare.iter().find(|h| h["id"] == "gn:172955").unwrap();
    for field in [
        "name",
        "name_ar",
        "kind",
        "country",
        "admin1",
        "lat",
        "lon",
        "population",
        "capital",
        "matched",
        "role",
        "commonness",
    ] {
        assert!(city.get(field).is_some(), "{field} missing: {city}");
    }
    assert_eq!(city["country"], "SY");
    assert_eq!(city["matched"], "الرقه");
    assert_eq!(city["role"], "name");
    assert!(city["commonness"].is_number());
    assert_eq!(city["capital"], false);
    let damascus = lookup(&["دمشق"]);
    assert!(
        damascus
            .iter()
            .any(|h| h["id"] == "gn:170654" && h["capital"] == true),
        "{damascus:?}"
    );

    let clitic = lookup(&["بالرقة"]);
    assert_eq!(clitic, bare, "ب + الرقة reads as الرقة");
    assert!(has(&lookup(&["Raqqa"]), "gn:172955"));
    let deir = lookup(&["Deir ez-Zor"]);
    assert!(
        deir.iter()
            .any(|h| h["country"] == "SY" && h["kind"] == "populated_place"),
        "{deir:?}"
    );
    assert!(deir.iter().all(|h| h["matched"] == "deir ez zor"));

    let r = run(&["gazetteer", "lookup", "Qwxzzq"]);
    assert!(!r.success);
    assert!(r.stderr.contains("Qwxzzq: no place"), "{}", r.stderr);
}

#[test]
fn everyday_words_are_not_names_of_the_places_they_spell() {
    // gazetteer/curated/not_names.tsv: each pair is a word (or a Persian spelling of it) and
    // the place it no longer names; the place keeps its usual names.
    for (word, place, usual) in [
        ("الأمانة", "gn:6940571", "أمانة العاصمة"),
        ("معسكر", "gn:2490095", "ولاية معسكر"),
        ("رياض", "gn:108410", "الرياض"),
        ("ریاض", "gn:108410", "الرياض"),
        ("روم", "gn:3169070", "روما"),
        ("قوم", "gn:119208", "قم"),
    ] {
        let r = run(&["gazetteer", "lookup", word]);
        let hits: Vec<Value> = r.stdout.lines().flat_map(serde_json::from_str).collect();
        assert!(!has(&hits, place), "{word} still names {place}: {hits:?}");
        assert!(has(&lookup(&[usual]), place), "{usual} should name {place}");
    }
}

#[test]
fn lookup_in_a_users_gazetteer_only() {
    let dir = TempDir::new().unwrap();
    let tsv = write(
        &dir,
        "mine.tsv",
        "id\tkind\tcountry\tlat\tlon\tnames\n\
         my:1\tpopulated_place\tSY\t36.1\t38.2\ten:Qwxzzq|ar:قرية التجربة\n",
    );
    let hits = lookup(&[
        "وقرية التجربة",
        "--no-default-gazetteer",
        "--gazetteer",
        tsv.to_str().unwrap(),
    ]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], "my:1");
    assert_eq!(hits[0]["name"], "Qwxzzq");
    assert!(hits[0]["population"].is_null());
    let r = run(&[
        "gazetteer",
        "lookup",
        "الرقة",
        "--no-default-gazetteer",
        "--gazetteer",
        tsv.to_str().unwrap(),
    ]);
    assert!(!r.success);
}

const HEAD: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n";

#[test]
fn check_good_and_bad_files() {
    let dir = TempDir::new().unwrap();
    let good = write(
        &dir,
        "good.tsv",
        &format!(
            "# my villages\n{HEAD}\
             my:1\tpopulated_place\tSY\tAr-Raqqah\t36.1\t38.2\t120\ten:Qwxzzq|ar:قرية التجربة\tsurvey\n\
             my:2\tcamp\tXK\t\t42.6\t21.1\t\ten:Test Camp\tsurvey\n"
        ),
    );
    let r = run(&["gazetteer", "check", good.to_str().unwrap()]);
    assert!(r.success, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout.trim(), "0 problems in 2 rows of 1 file");

    let bad = write(
        &dir,
        "bad.tsv",
        &format!(
            "{HEAD}\
             my:1\tpopulated_place\tSY\t\t36.1\t38.2\t\ten:A\t\n\
             my:1\tpopulated_place\tSY\t\t36.1\t38.2\t\ten:B\t\n\
             my:3\tvillage\tSY\t\t36.1\t38.2\t\ten:C\t\n\
             my:4\tpopulated_place\tQQ\t\t36.1\t38.2\t\ten:D\t\n\
             my:5\tpopulated_place\tSY\t\t91\t181\t\ten:E\t\n\
             my:6\tpopulated_place\tSY\t\t36.1\t38.2\t\t\t\n\
             my:7\tpopulated_place\tSY\t\t36.1\t38.2\t\ten:F|ar:«»\t\n"
        ),
    );
    let r = run(&[
        "gazetteer",
        "check",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert!(!r.success);
    let b = bad.display().to_string();
    for want in [
        format!("{b}:3: duplicate id \"my:1\" (first on line 2)"),
        format!("{b}:4: unknown kind \"village\""),
        format!("{b}:5: country code \"QQ\" does not exist"),
        format!("{b}:6: latitude 91 is out of range"),
        format!("{b}:6: longitude 181 is out of range"),
        format!("{b}:7: new place \"my:6\" has no names"),
        format!("{b}:8: name \"«»\" normalises to nothing"),
    ] {
        assert!(
            r.stdout.contains(&want),
            "missing {want:?} in:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.ends_with("7 problems in 9 rows of 2 files\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("gazetteer check: 7 problems"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_with_default_knows_its_ids() {
    let dir = TempDir::new().unwrap();
    // Adds an Arabic spelling to the default's Raqqa: no kind or point needed.
    let extra = write(
        &dir,
        "extra.tsv",
        &format!("{HEAD}gn:172955\t\t\t\t\t\t\tar:الرقّة\tmy spelling\n"),
    );
    let alone = run(&["gazetteer", "check", extra.to_str().unwrap()]);
    assert!(!alone.success);
    assert!(alone.stdout.contains("new place \"gn:172955\" has no kind"));
    let with = run(&[
        "gazetteer",
        "check",
        "--with-default",
        extra.to_str().unwrap(),
    ]);
    assert!(with.success, "{}", with.stdout);
}

#[test]
fn check_passes_on_the_embedded_default() {
    let r = run(&["gazetteer", "check"]);
    assert!(r.success, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("0 problems in "), "{}", r.stdout);
}
