//! The core path driven the way a user drives it: `count` and `extract` on the example texts and
//! on the seed articles, the output schema, and bad input.

use std::path::{Path, PathBuf};

mod shared;

use assert_cmd::Command;
use geojson::{FeatureCollection, GeoJson, GeometryValue};
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("mentionmap").unwrap()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/news")
}

/// The seed articles beside the checkout, or `None` (with a message) in a fresh clone.
fn seeds() -> Option<PathBuf> {
    shared::shared_path("corpus/seeds")
}

fn count(args: &[&str]) -> FeatureCollection {
    collection(&bin().arg("count").args(args).assert().success())
}

/// The FeatureCollection a successful `count` wrote to standard output.
fn collection(done: &assert_cmd::assert::Assert) -> FeatureCollection {
    let text = String::from_utf8(done.get_output().stdout.clone()).unwrap();
    match text.parse::<GeoJson>().expect("count writes valid GeoJSON") {
        GeoJson::FeatureCollection(fc) => fc,
        other => panic!("expected a FeatureCollection, got {other:?}"),
    }
}

fn extract(args: &[&str]) -> Vec<Value> {
    let out = bin().arg("extract").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The JSON lines of `mentionmap extract ARGS` with `text` on standard input.
fn extract_text(args: &[&str], text: &str) -> Vec<Value> {
    let out = bin()
        .arg("extract")
        .args(args)
        .write_stdin(text)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// Fails unless `extract` finds no mention in any of `texts`.
fn assert_no_mention_in(texts: &[&str]) {
    for text in texts {
        assert!(mention_field(text, "text").is_empty(), "{text}");
    }
}

/// One field (`text`, `place`...) of every mention `extract` finds in `text`.
fn mention_field(text: &str, field: &str) -> Vec<String> {
    extract_text(&[], text)
        .iter()
        .map(|m| m[field].as_str().unwrap().to_string())
        .collect()
}

const KINDS: [&str; 10] = [
    "continent",
    "region",
    "country",
    "admin1",
    "admin2",
    "populated_place",
    "camp",
    "water",
    "terrain",
    "facility",
];

/// Checks a FeatureCollection against the schema in README.md.
fn check_schema(fc: &FeatureCollection, documents: u64) {
    let member = &fc.foreign_members.as_ref().expect("foreign members")["mentionmap"];
    assert_eq!(member["documents"], documents);
    assert_eq!(member["version"], env!("CARGO_PKG_VERSION"));
    assert!(member["attribution"].as_str().unwrap().contains("GeoNames"));
    assert!(!fc.foreign_members.as_ref().unwrap().contains_key("crs"));
    let mut last: Option<(u64, String)> = None;
    for f in &fc.features {
        let id = match f.id.as_ref().expect("every feature has an id") {
            geojson::feature::Id::String(s) => s.clone(),
            other => panic!("id must be a string, got {other:?}"),
        };
        let p = f.properties.as_ref().unwrap();
        let GeometryValue::Point { coordinates } = &f.geometry.as_ref().unwrap().value else {
            panic!("{id}: not a point")
        };
        let (lon, lat) = (coordinates[0], coordinates[1]);
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        for c in [lon, lat] {
            assert!(
                ((c * 1e6).round() / 1e6 - c).abs() < 1e-12,
                "{c} not rounded to 6 decimals"
            );
        }
        assert!(p["name"].is_string(), "{id}: name");
        assert!(p["name_ar"].is_string() || p["name_ar"].is_null());
        assert!(KINDS.contains(&p["kind"].as_str().unwrap()), "{id}: kind");
        let cc = &p["country"];
        assert!(
            cc.is_null() || cc.as_str().unwrap().len() == 2,
            "{id}: country"
        );
        assert!(p["admin1"].is_string() || p["admin1"].is_null());
        let mentions = p["mentions"].as_u64().unwrap();
        let docs = p["documents"].as_u64().unwrap();
        assert!(mentions >= 1 && docs >= 1 && docs <= documents && docs <= mentions);
        let forms: u64 = p["forms"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(forms, mentions, "{id}: forms add up to mentions");
        let conf = p["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&conf));
        if let Some((m, prev)) = &last {
            assert!(
                *m > mentions || (*m == mentions && *prev < id),
                "order at {id}"
            );
        }
        last = Some((mentions, id));
    }
}

fn feature<'a>(fc: &'a FeatureCollection, id: &str) -> Option<&'a geojson::JsonObject> {
    fc.features
        .iter()
        .find(|f| matches!(&f.id, Some(geojson::feature::Id::String(s)) if s == id))
        .and_then(|f| f.properties.as_ref())
}

#[test]
fn count_on_the_examples_follows_the_schema() {
    let dir = examples();
    let fc = count(&[dir.to_str().unwrap()]);
    check_schema(&fc, 3);
    let raqqa = feature(&fc, "gn:172955").expect("Raqqa is mentioned");
    assert_eq!(raqqa["mentions"], 4);
    assert_eq!(raqqa["documents"], 2);
    assert_eq!(raqqa["forms"]["Raqqa"], 2, "Raqqa's counts as Raqqa");
    let baghuz = feature(&fc, "mm:baghuz").expect("Baghuz (curated) is mentioned");
    assert_eq!(baghuz["forms"]["الباغوز"], 1);
    assert_eq!(baghuz["forms"]["Baghuz"], 1);
    // محافظة الحسكة is the governorate, Hasakah alone the city.
    assert_eq!(
        feature(&fc, "gn:173813").unwrap()["forms"]["محافظة الحسكة"],
        1
    );
    // The SDF is a blocker: no mention of Syria comes from its name.
    let syria = feature(&fc, "gn:163843").unwrap();
    assert!(syria["forms"].get("سوريا").is_some());
    assert_eq!(syria["mentions"], 3);
}

#[test]
fn extract_records_slice_the_document() {
    let file = examples().join("ar-euphrates.txt");
    let text = std::fs::read(&file).unwrap();
    let records = extract(&[file.to_str().unwrap()]);
    assert!(records.len() >= 15, "{} records", records.len());
    for r in &records {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&text[s..e]).unwrap(),
            r["text"].as_str().unwrap()
        );
        assert_eq!(r["doc"], file.to_str().unwrap());
        for key in [
            "place",
            "name",
            "kind",
            "lon",
            "lat",
            "context",
            "confidence",
        ] {
            assert!(!r[key].is_null(), "{key} missing in {r}");
        }
        assert!(
            r["context"]
                .as_str()
                .unwrap()
                .contains(r["text"].as_str().unwrap())
        );
    }
    let forms: Vec<&str> = records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    for f in ["والبوكمال", "الباغوز", "مخيم الهول", "دير الزور", "والسوسة"]
    {
        assert!(forms.contains(&f), "{f} not found in {forms:?}");
    }
}

#[test]
fn standard_input_is_one_document() {
    let lines = extract_text(&["-"], "قصف على بالرقة وللرقة");
    let texts: Vec<_> = lines.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["بالرقة", "وللرقة"]);
    assert!(lines.iter().all(|r| r["doc"] == "-"));
}

#[test]
fn seed_articles_person_names_organisations_and_adjectives_are_not_places() {
    let Some(dir) = seeds() else { return };
    let file = dir.join("000_0262f053a42b4a37.txt");
    let records = extract(&[file.to_str().unwrap()]);
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(!texts.iter().any(|t| t.contains("البغدادي")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("الأردنيين")), "{texts:?}");
    assert!(texts.iter().filter(|t| t.contains("منبج")).count() >= 8);
    let original = std::fs::read_to_string(&file).unwrap();
    for r in &records {
        let s = r["start"].as_u64().unwrap() as usize;
        // No mention lies inside the name of the SDF.
        let before: String = original[..s].chars().rev().take(5).collect();
        assert!(before != " تاوق", "mention inside an organisation: {r}");
    }
}

#[test]
fn seed_articles_same_output_whatever_the_thread_count() {
    let Some(dir) = seeds() else { return };
    let d = dir.to_str().unwrap();
    let one = bin()
        .args(["count", "--threads", "1", d])
        .assert()
        .success();
    let two = bin()
        .args(["count", "--threads", "2", d])
        .assert()
        .success();
    assert_eq!(one.get_output().stdout, two.get_output().stdout);
    let fc = count(&[d]);
    check_schema(&fc, 5);
}

#[test]
fn the_vector_paths_and_the_scalar_loops_write_the_same_output() {
    // MENTIONMAP_SCALAR turns the vector paths off (on a processor without AVX-512 both runs take
    // the scalar loops, and agree trivially). The examples always; the seed articles when
    // ../shared is there.
    let mut dirs = vec![PathBuf::from("examples/news")];
    dirs.extend(seeds());
    for dir in dirs {
        let d = dir.to_str().unwrap();
        let run = |scalar: bool| {
            let mut cmd = bin();
            if scalar {
                cmd.env(mentionmap::vector::SCALAR_ONLY, "1");
            } else {
                cmd.env_remove(mentionmap::vector::SCALAR_ONLY);
            }
            let out = cmd.args(["extract", "--explain", d]).assert().success();
            out.get_output().stdout.clone()
        };
        let (vector, scalar) = (run(false), run(true));
        assert!(vector.len() > 1000, "{d}: little output");
        assert!(vector == scalar, "{d}: the two paths disagree");
    }
}

#[test]
fn adjectives_count_only_when_asked() {
    let text = "قال مسؤول سوري إن الحكومة السورية ستفاوض";
    let plain = bin().args(["extract"]).write_stdin(text).assert().success();
    assert!(plain.get_output().stdout.is_empty());
    let adj = bin()
        .args(["extract", "--adjectives"])
        .write_stdin(text)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&adj.get_output().stdout).to_string();
    assert!(
        out.contains("\"adjective\":true") && out.contains("gn:163843"),
        "{out}"
    );
}

#[test]
fn explain_shows_candidates_and_drops() {
    let lines = extract_text(
        &["--explain"],
        "وصل الوفد إلى القنيطرة ثم قال إن قوات سوريا الديمقراطية تتقدم",
    );
    let q = lines.iter().find(|l| l["key"] == "القنيطره").unwrap();
    assert!(q["candidates"].as_array().unwrap().len() >= 2, "{q}");
    assert!(lines.iter().any(|l| l["dropped"] == "blocked"));
}

#[test]
fn a_word_read_as_clitic_and_place_is_not_a_place() {
    // كبيرا ("big") is ك + بيرا (Beira), وجيزة ("brief") is و + جيزة (Giza): the names are
    // no Arabic words, the tokens are. للقدس is ل + القدس with the alef elided; للحج is ل + الحج
    // ("the Hajj"), not ل + لحج (Lahij).
    let lines = extract_text(
        &["--explain"],
        "قال إن الحشد كان كبيرا في كلمة وجيزة وإن الوفد وصل للقدس باكرا استعدادا للحج",
    );
    let by_text = |t: &str| lines.iter().find(|l| l["text"] == t).unwrap();
    // باكرا ("early") is commoner than أكرا (Accra), which is a word too.
    for word in ["كبيرا", "وجيزة", "للحج", "باكرا"] {
        let l = by_text(word);
        assert_eq!(l["evidence"]["clitic_word"], true, "{l}");
        assert_eq!(l["kept"], false, "{l}");
    }
    // للقدس is also ل + لقدس, another spelling of Jerusalem: the two readings come one after
    // the other, and the elided article's is kept.
    let jerusalem = lines
        .iter()
        .find(|l| l["text"] == "للقدس" && l["key"] == "القدس")
        .unwrap();
    assert_eq!(jerusalem["evidence"]["clitic_word"], false, "{jerusalem}");
    assert_eq!(jerusalem["place"], "gn:281184", "{jerusalem}");
    assert_eq!(jerusalem["kept"], true, "{jerusalem}");
    // Behind a conjunction, the word with the rest of its clitics counts: وبصيرة is و + بصيرة
    // ("insight"), not "and in Sira"; ولمسة is و + لمسة ("a touch"), not "and to Massah".
    let lines = extract_text(
        &["--explain"],
        "تحدث الخطيب عن العلم على هدى وبصيرة ثم أضاف ولمسة إنسانية إلى كلمته.",
    );
    for word in ["وبصيرة", "ولمسة"] {
        let l = lines.iter().find(|l| l["text"] == word).unwrap();
        assert_eq!(l["evidence"]["clitic_word"], true, "{l}");
        assert_eq!(l["kept"], false, "{l}");
    }
}

#[test]
fn diacritics_on_a_name_choose_the_place_spelled_so() {
    // Without marks عمان is Oman (a country outweighs a capital); a shadda makes it Amman.
    let found = extract_text(&[], "وصل الوفد إلى عمّان ثم إلى سلطنة عُمان، وعاد إلى عمان.");
    let places: Vec<(&str, &str)> = found
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["place"].as_str().unwrap()))
        .collect();
    assert_eq!(
        places,
        [
            ("عمّان", "gn:250441"),
            ("سلطنة عُمان", "gn:286963"),
            ("عمان", "gn:286963")
        ]
    );
}

#[test]
fn a_token_with_two_readings_is_read_as_its_context_says() {
    // وجدة is Oujda, or و + جدة (Jeddah): each sentence is its own document.
    let place_of = |text: &str| {
        let found = extract_text(&[], text);
        let wajda: Vec<&str> = found
            .iter()
            .filter(|m| m["text"] == "وجدة")
            .map(|m| m["place"].as_str().unwrap())
            .collect();
        assert_eq!(wajda.len(), 1, "{text}: {found:?}");
        wajda[0].to_string()
    };
    let (oujda, jeddah) = ("gn:2540483", "gn:105343");
    assert_eq!(place_of("افتتح المعرض في الرياض وجدة أمس."), jeddah);
    assert_eq!(place_of("زار الملك مدينة وجدة قرب الرباط."), oujda);
    // A preposition is followed by a name, never by a conjunction.
    assert_eq!(place_of("وصل الوفد إلى وجدة أمس."), oujda);
    // A name read bare stays itself against a village read behind clitics (ل + بنان).
    let found = extract_text(&["--explain"], "زار الوفد لبنان أمس.");
    let lebanon: Vec<_> = found.iter().filter(|l| l["text"] == "لبنان").collect();
    assert_eq!(lebanon.len(), 2, "{found:?}");
    assert_eq!(lebanon[0]["place"], "gn:272103", "{found:?}");
    assert_eq!(lebanon[0]["kept"], true, "{found:?}");
    assert_eq!(
        lebanon[1]["dropped"],
        "another reading of the token is likelier"
    );
    // A blocked first reading keeps the other from counting: بليون ("billion") is not ب + Lyon.
    let forms = mention_field("بلغت الميزانية عشرة بليون ريال في ليون.", "text");
    assert_eq!(forms, ["ليون"]);
}

#[test]
fn a_city_with_a_masculine_adjective_after_it_is_a_club() {
    // A city is feminine (بورتو البرتغالية); a club takes the masculine (بورتو البرتغالي), unless
    // a masculine noun before the name is what the adjective agrees with (ميناء كاليه الفرنسي).
    let found = extract_text(
        &["--explain"],
        "فاز بورتو البرتغالي على موناكو الفرنسي، ثم عاد الفريق إلى مدينة بورتو البرتغالية. \
         ووصلت السفينة إلى ميناء كاليه الفرنسي.",
    );
    let kept: Vec<(&str, bool)> = found
        .iter()
        .filter(|l| l["kept"] == true)
        .map(|l| {
            let club = l["evidence"]["club_adjective"].as_bool().unwrap();
            (l["text"].as_str().unwrap(), club)
        })
        .collect();
    assert_eq!(kept, [("بورتو", false), ("كاليه", false)], "{found:?}");
    let clubs = found
        .iter()
        .filter(|l| l["evidence"]["club_adjective"] == true && l["kept"] == false)
        .count();
    assert!(clubs >= 2, "{found:?}");
    // A newspaper, a university or a cup named after a place is not the place; a stadium is.
    let places = mention_field(
        "نشرت صحيفة الرياض الخبر، وفاز الفريق بكأس آسيا على ملعب برج العرب. وتحدث رئيس جامعة تبوك.",
        "text",
    );
    assert_eq!(places, ["برج العرب"]);
    // Federations and clubs: "the Bolivian football federation", USM Alger, Olympique
    // Khouribga; the city after a preposition stays the city.
    let places = mention_field(
        "اشتكى اتحاد بوليفيا لكرة القدم، وفاز اتحاد الجزائر على أولمبيك خريبكة في الجزائر.",
        "text",
    );
    assert_eq!(places, ["الجزائر"]);
}

#[test]
fn a_glued_preposition_parts_a_title_from_the_place() {
    // الملك before مصر would make it a person's name; الملك لمصر is "the king, to Egypt", and
    // شرم الشيخ بمصر is a resort in Egypt. Without the preposition the title still counts.
    let forms = |text: &str| mention_field(text, "text");
    assert_eq!(
        forms("وصل مبعوث الملك للمملكة العربية السعودية أمس."),
        ["للمملكة العربية السعودية"]
    );
    assert_eq!(
        forms("أقيمت البطولة في شرم الشيخ بمصر."),
        ["شرم الشيخ", "بمصر"]
    );
    assert!(forms("حضرت الملكة صوفيا الحفل.").is_empty());
    assert_eq!(forms("وصلت الملكة لصوفيا أمس."), ["لصوفيا"]);
}

#[test]
fn english_words_and_names_that_geonames_gives_towns_are_no_places() {
    // GeoNames lists Abbas (Fort Abbas, Pakistan), Eid (Edd, Eritrea), Emmanuel (Immanuel,
    // West Bank) and Kodak (Kodok, South Sudan) among the alternates of towns; English news
    // means the man, the feast, the president and the company. Mecca and Medina, alternates of
    // the same kind, are kept as the holy cities' English names.
    let text = "President Mahmoud Abbas spoke on the first day of Eid. Emmanuel Macron \
                praised Kodak. Pilgrims travelled from Mecca to Medina.";
    assert_eq!(mention_field(text, "text"), ["Mecca", "Medina"]);
    assert_eq!(mention_field(text, "country"), ["SA", "SA"]);
}

#[test]
fn english_capitals_say_where_a_name_is_and_where_it_goes_on() {
    // A capital inside a sentence makes a proper noun of a common word (Washington, Nice); a
    // capitalised word after the name, or before it inside the sentence, makes it part of a
    // person's or a newspaper's name; small letters make it the word.
    let text = "In Washington, officials said the envoy would fly to Nice. Jordan Smith, a \
                reporter for the Washington Post, met Denzel Washington in Amman. It was a \
                nice day, and a van waited outside the hotel in Van.";
    assert_eq!(
        mention_field(text, "text"),
        ["Washington", "Nice", "Amman", "Van"]
    );
    assert_eq!(mention_field(text, "country"), ["US", "FR", "JO", "TR"]);
    // A place noun after the name does not make it part of a longer one; nor does a day.
    assert_eq!(
        mention_field(
            "Shelling hit Aleppo Province and the Jordan Valley on Monday, and Homs Sunday.",
            "text"
        ),
        ["Aleppo", "Jordan", "Homs"]
    );
    // A small article before a capital is read past; a hyphenated modifier is an adjective;
    // capitals with full stops are no short word; a dateline's city is a place.
    assert_eq!(
        mention_field(
            "BEIRUT (Reuters) - The U.S. said the Saudi-led coalition and U.S.-backed forces \
             had reached al-Bab, and ministers from the Netherlands flew to the Levant.",
            "text"
        ),
        ["BEIRUT", "U.S", "al-Bab", "the Netherlands", "the Levant"]
    );
    // An English title before a name makes it a person's, as an Arabic one does.
    assert_eq!(
        mention_field(
            "Sergeant Jordan said the patrol had left Mosul. Senator Georgia agreed.",
            "text"
        ),
        ["Mosul"]
    );
    // In a headline's title case a capital says nothing of where a name ends.
    assert_eq!(
        mention_field("Talks Resume in Geneva After Syria Ceasefire Holds", "text"),
        ["Geneva", "Syria"]
    );
}

#[test]
fn a_name_after_a_title_is_that_person_throughout_the_article() {
    // A surgeon named Darwin: once his title is before his name, the same name with nothing
    // before it is him again, not Darwin in Australia.
    // (ورجّح, not a verb of saying that would mark the name by itself: see
    // a_name_after_a_masculine_verb_of_saying_is_the_speaker.)
    let text = "سافر اللاعب إلى لندن، وأجرى له الدكتور داروين عملية ناجحة. ورجح داروين أن \
                اللاعب سيعود بعد شهر.";
    let found = extract_text(&["--explain"], text);
    let darwin: Vec<&Value> = found.iter().filter(|l| l["key"] == "داروين").collect();
    assert_eq!(darwin.len(), 2, "{found:?}");
    assert!(darwin.iter().all(|l| l["kept"] == false), "{darwin:?}");
    assert_eq!(
        darwin[1]["evidence"]["person_elsewhere"], true,
        "{:?}",
        darwin[1]
    );
    assert_eq!(mention_field(text, "country"), ["GB"]);
    // Without the title, the name is the city.
    assert_eq!(
        mention_field("وأكد مسؤولون في مدينة داروين أن الطرق أغلقت.", "text"),
        ["داروين"]
    );
    // A title before a country's name is a figure of speech: it says nothing of the others.
    let places = mention_field(
        "قالت السيدة فرنسا كلمتها. وزار الوزير فرنسا الأسبوع الماضي، ثم عاد من فرنسا.",
        "text",
    );
    assert!(places.contains(&"فرنسا".to_string()), "{places:?}");
}

#[test]
fn a_name_after_a_common_first_name_is_a_surname() {
    // فيليب هاموند is the foreign secretary, not Hammond in the United States, and كريس
    // كولومبوس a film director; after a place noun the same name is the city.
    let text = "قال وزير الخارجية البريطاني فيليب هاموند إن المحادثات مستمرة. وأخرج الفيلم كريس \
                كولومبوس. وزار الوفد مدينة كولومبوس في ولاية أوهايو.";
    assert_eq!(mention_field(text, "text"), ["كولومبوس", "أوهايو"]);
    assert_eq!(
        mention_field("Michael Jordan retired in Chicago.", "text"),
        ["Chicago"]
    );
}

#[test]
fn a_name_after_a_nationality_is_a_person() {
    // News introduces a player by nationality: الهولندي ممفيس is Memphis Depay, not Memphis.
    assert!(mention_field("وسجل المهاجم الهولندي ممفيس ديباي هدفين.", "text").is_empty());
    // Not a name of several words, where the adjective belongs to the noun before.
    assert_eq!(
        mention_field("واستعاد النظام السوري منطقة القلمون.", "text"),
        ["منطقة القلمون"]
    );
    // Nor a country's.
    assert_eq!(
        mention_field("وزار الوفد الأمريكي الصومال أمس.", "text"),
        ["الصومال"]
    );
}

#[test]
fn a_club_city_in_a_sports_article_is_the_club() {
    let sports = "فاز برشلونة على إشبيلية في المباراة النهائية، وقال المدرب إن اللاعب سجل هدفا \
                  رائعا. وسافر الفريق بعدها إلى برشلونة.";
    // The bare names are the clubs; after a preposition, the city.
    assert_eq!(mention_field(sports, "text"), ["برشلونة"]);
    let found = extract_text(&["--explain"], sports);
    assert_eq!(found[0]["evidence"]["sports_club"], true, "{}", found[0]);
    // Outside a sports article the bare name is the city.
    let economy = "وزار وزير الاقتصاد برشلونة لبحث الاستثمارات.";
    assert_eq!(mention_field(economy, "text"), ["برشلونة"]);
    // Also in a file where a sports article comes first, far enough away.
    let filler = "وقال المتحدث إن الاجتماع كان مفيدا للجميع. ".repeat(120);
    let both = format!("{sports} {filler} {economy}");
    assert_eq!(mention_field(&both, "text"), ["برشلونة", "برشلونة"]);
    // Newcastle and Bremen as clubs in transfer news; the stadium's town stays a town.
    let transfer = "أعلن بريمن رحيل المهاجم، وقال مدرب نيوكاسل إن اللاعب سجل عشرة أهداف في \
                    الدوري هذا الموسم وإن الفريق يستعد للمباراة، وسيزور اللاعب مدينة نيوكاسل \
                    الأسبوع المقبل.";
    assert_eq!(mention_field(transfer, "text"), ["نيوكاسل"]);
    // After a verb or noun of a transfer and its preposition, apart or glued on, the club; after
    // other verbs, the town.
    let moves = "أتم المهاجم انتقاله إلى روما بعد مفاوضات مع النادي، وقال المدرب إن اللاعب \
                 سيشارك في المباراة المقبلة مع الفريق ويأمل أن يسجل هدفا في الدوري. وكان زميله \
                 قد انضم لليفربول في الشتاء، وسافر الفريق إلى روما أمس.";
    assert_eq!(mention_field(moves, "text"), ["روما"]);
    let found = extract_text(&["--explain"], moves);
    let rome = found.iter().find(|d| d["text"] == "روما").unwrap();
    assert_eq!(rome["evidence"]["sports_club"], true, "{rome}");
    // Gulf clubs named by their town; the town of the match after a preposition stays a town.
    let gulf = "ويلتقي الريان مع الوكرة في الدوري، وقال المدرب إن الفريق جاهز للمباراة وإن \
                اللاعب سجل هدفا في التدريب. ويواجه العين الفريق نفسه في الملعب الجديد بمدينة \
                العين.";
    assert_eq!(mention_field(gulf, "text"), ["بمدينة العين"]);
}

#[test]
fn kinship_words_and_family_read_only_where_they_are_words() {
    // بنت is also "she built", and بال "mind" (not ب + آل "the family of"): neither makes the
    // place after it a person's name.
    assert_eq!(
        mention_field("وبنت الإمارات سدودا لتخزين مياه الأمطار.", "text"),
        ["الإمارات"]
    );
    assert_eq!(mention_field("ولن يغيب هذا عن بال مصر.", "text"), ["مصر"]);
    // آل after a conjunction is still "and the family of".
    assert!(mention_field("وحضر الحفل أمراء من آل سعود وآل عمران.", "text").is_empty());
}

#[test]
fn a_country_named_like_its_capital_holds_the_capitals_division() {
    // Carthage lies in Tunis governorate; تونس beside it is still the country, whose divisions
    // all lie in it, unless a word before it says "city".
    let text = "أقيم مهرجان قرطاج الدولي هذا الصيف. وتعيش تونس أزمة اقتصادية منذ الثورة.";
    assert_eq!(mention_field(text, "kind"), ["populated_place", "country"]);
    let text = "أقيم مهرجان قرطاج الدولي هذا الصيف في ضاحية من مدينة تونس.";
    assert_eq!(
        mention_field(text, "kind"),
        ["populated_place", "populated_place"]
    );
}

#[test]
fn a_capital_is_the_city_unless_its_country_or_division_is_meant() {
    // Doha (345,000 people by GeoNames) against the municipality of Ad Dawhah around it: the
    // capital is the city; the division only when a word before it says so.
    let doha = |text: &str| mention_field(text, "place");
    assert_eq!(doha("وصل الوزير إلى الدوحة أمس."), ["gn:290030"]);
    assert_eq!(
        doha("وقال مسؤول في بلدية الدوحة إن الطرق مغلقة."),
        ["gn:389470"]
    );
    // Amman in an article about Jordan; Oman, a country, where nothing speaks for Jordan.
    assert_eq!(
        doha("وصل الوفد إلى الأردن، وعقد اجتماعا في عمان مع المسؤولين."),
        ["gn:248816", "gn:250441"]
    );
    assert_eq!(
        doha("وقعت السعودية وعمان اتفاقية للتعاون."),
        ["gn:102358", "gn:286963"]
    );
    // In a list of countries, Oman, though Jordan is named.
    assert_eq!(
        doha("أعلن الأردن أمس أن المغرب وعمان وفلسطين ستشارك في الاجتماع."),
        ["gn:248816", "gn:2542007", "gn:286963", "gn:6254930"]
    );
}

#[test]
fn another_countrys_adjective_after_a_name_says_it_is_no_place_there() {
    // al-Amarah is in Iraq: "Chinese" after العمارة makes it architecture; the Qatari channel
    // is no island or region.
    assert!(mention_field("تعكس العمارة الصينية روح المكان.", "text").is_empty());
    assert!(mention_field("وذكرت قناة الجزيرة القطرية أن الوفد وصل.", "text").is_empty());
    // An adjective of a candidate's country chooses it, and a land is its holder's.
    assert_eq!(
        mention_field("وقعت اشتباكات في طرابلس اللبنانية أمس.", "place"),
        ["gn:266826"]
    );
    assert_eq!(
        mention_field("زار الوفد مدينة العيون المغربية.", "place"),
        ["gn:2462881"]
    );
    assert_eq!(
        mention_field("تعادل ضعف مساحة قبرص التركية.", "place"),
        ["gn:146669"]
    );
}

#[test]
fn saudi_after_a_definite_noun_is_an_adjective() {
    // السعودية is the country and its feminine adjective: after a definite word it agrees with
    // it ("Saudi stocks", "the Saudi Arabian Airlines"), and counts only with --adjectives, as
    // المصرية does; behind a preposition or with no definite word before, it is the country.
    let text = "ارتفعت الأسهم السعودية أمس، وأعلنت الخطوط الجوية العربية السعودية رحلات \
                جديدة إلى السعودية. وزار الوفد المملكة العربية السعودية.";
    assert_eq!(
        mention_field(text, "text"),
        ["السعودية", "المملكة العربية السعودية"]
    );
    let lines = extract_text(&["--adjectives"], text);
    let adjectives: Vec<_> = lines
        .iter()
        .filter(|l| l["adjective"] == true)
        .map(|l| (l["text"].as_str().unwrap(), l["place"].as_str().unwrap()))
        .collect();
    assert_eq!(
        adjectives,
        [("السعودية", "gn:102358"), ("العربية السعودية", "gn:102358")]
    );
    // The adjective does not borrow the reading of the country named nearby.
    assert_eq!(
        mention_field(
            "وصل الوفد إلى السعودية أمس. وتحسنت العلاقات السعودية التركية كثيرا.",
            "text"
        ),
        ["السعودية"]
    );
}

#[test]
fn a_preposition_says_little_before_an_everyday_word() {
    // في العين is "in the eye", في مشهد "in a scene"; a place noun still makes them places.
    assert!(
        mention_field(
            "قد يؤدي دخول أجسام غريبة في العين إلى التهاب، كما ظهر في مشهد مؤثر.",
            "text"
        )
        .is_empty()
    );
    assert_eq!(
        mention_field(
            "وفاز الفريق في مدينة العين ثم سافر إلى مدينة مشهد.",
            "place"
        ),
        ["gn:292913", "gn:124665"]
    );
}

#[test]
fn conflict_places_of_lebanon_palestine_and_yemen_are_found() {
    // Curated places that cities500 lacks or names only by a word (levant.tsv, arabia.tsv).
    assert_eq!(
        mention_field(
            "اشتباكات في مخيم عين الحلوة وقصف على مزارع شبعا وحي الشجاعية، ومعارك جنوب مأرب في اليمن.",
            "place"
        ),
        [
            "mm:ain-al-hilweh",
            "mm:shebaa-farms",
            "mm:shujaiyya",
            "gn:72968",
            "gn:69543"
        ]
    );
    // The village of Duma near Nablus is not Douma near Damascus.
    assert!(
        !mention_field("أحرق مستوطنون منزلا في قرية دوما قرب نابلس.", "country")
            .contains(&"SY".to_string())
    );
    // A slab of hashish is no camp, and a Gaza club is no district.
    assert!(
        mention_field(
            "ضبط 60 بلاطة حشيش، وتعادل فريق اتحاد الشجاعية مع منافسه.",
            "text"
        )
        .is_empty()
    );
}

#[test]
fn a_big_arab_city_after_a_title_is_the_object_of_the_verb() {
    // Verb, titled subject, city: the city is visited, not the man's name; after a kinship
    // word it is a family name, and after a title a foreign city's name is a person's.
    assert_eq!(
        mention_field(
            "زار الرئيس دمشق الأسبوع الماضي، وغادر الوزير القاهرة أمس. وقال أحمد أبو غزة إن \
             اللاعب ممفيس سجل هدفين.",
            "place"
        ),
        ["gn:170654", "gn:360630"]
    );
}

#[test]
fn a_newspaper_quoted_by_name_is_not_its_place() {
    // Asharq al-Awsat and the Riyadh daily, cited in quotation marks, are papers; the same
    // names unquoted are the region and the city.
    assert_eq!(
        mention_field(
            "وكشف المسؤول لـ«الشرق الأوسط» أن الخطة جاهزة، وقالت مصادر لـ\"الرياض\" إن \
             الاجتماع انتهى. وتبقى أزمة الشرق الأوسط مفتوحة، ووصل الوفد إلى الرياض أمس، \
             ثم زار مدينة \"الرياض\" القديمة، وعاد إلى العاصمة السعودية «الرياض» مساء.",
            "place"
        ),
        ["mm:middle-east", "gn:108410", "gn:108410", "gn:108410"]
    );
}

#[test]
fn towns_that_cities500_names_only_in_latin_script_are_found() {
    // Saudi towns that cities500 lacks or names in English only (arabia.tsv), a Moroccan one
    // (arabic_names.tsv) and a Turkish one (variants.tsv), each with a clitic or after a noun.
    assert_eq!(
        mention_field(
            "افتتح الوزير مستشفى جديدا في الأحساء، وزار مدينة العيون، فيما هطلت أمطار \
             غزيرة على بيشة والقنفذة وشرورة. وفي تمارة افتتحت محطة قطار، ووقع تفجير في بلدة سروج.",
            "place"
        ),
        [
            "mm:al-ahsa",
            "mm:al-uyun-ahsa",
            "gn:103369",
            "mm:al-qunfudhah",
            "mm:sharurah",
            "gn:2529013",
            "gn:300075"
        ]
    );
    // العيون is "the eyes" in a sentence about doctors, not Al-Uyun or Laayoune.
    assert!(mention_field("حذر أطباء العيون من الألعاب النارية.", "text").is_empty());
}

#[test]
fn a_name_after_a_masculine_verb_of_saying_is_the_speaker() {
    // وقال ليون: Bernardino León, the UN envoy, not Lyon; a town is feminine (قالت), and a
    // country may be masculine (وأكد العراق).
    assert!(
        mention_field(
            "وقال ليون إن الحوار مستمر، وأضاف هندرسون أن الوضع صعب.",
            "text"
        )
        .is_empty()
    );
    assert_eq!(
        mention_field(
            "وأكد العراق أن الوفد وصل، وقالت واشنطن إن الاتفاق قريب.",
            "text"
        ),
        ["العراق", "واشنطن"]
    );
    // More verbs of the kind: وأعرب ليون عن and وأفصح ليون عن (the envoy again). Not the
    // verbs that take a place as their object: ودعا الرباط is a call on Rabat.
    assert!(mention_field("وأعرب ليون عن امتنانه للسلطات، وأفصح ليون عن خطته.", "text").is_empty());
    assert_eq!(
        mention_field(
            "ودعا الرباط إلى الحوار، واقترح جنيف مكانا للمفاوضات.",
            "text"
        ),
        ["الرباط", "جنيف"]
    );
}

#[test]
fn a_name_after_an_arabic_given_name_is_a_family_name() {
    // عمران is a Yemeni governorate and town, الشدادي a Syrian town's adjective; after a man's
    // given name both are his family name.
    assert!(
        mention_field(
            "أعلن رئيس الجمعية ماجد عمران أن الحفل سيقام غدا، وقال الكاتب يوسف الشدادي إن البرنامج اكتمل.",
            "text"
        )
        .is_empty()
    );
    // The town still counts, and so does a city after a king's whole name or a sheikh's (the
    // verb's object) or after a byline's dash.
    assert_eq!(
        mention_field(
            "قصفت الطائرات مواقع في محافظة عمران شمال صنعاء، ثم غادر الملك سلمان بن عبدالعزيز جدة. خالد عبدالله – جدة",
            "country"
        ),
        ["YE", "YE", "SA", "SA"]
    );
    assert_eq!(
        mention_field("زار الشيخ محمد الفجيرة أمس.", "country"),
        ["AE"]
    );
    // حسين is as often a father's name, and the town after it the verb's object.
    assert_eq!(
        mention_field("قصف نظام صدام حسين حلبجة بالكيماوي.", "country"),
        ["IQ"]
    );
}

#[test]
fn a_place_named_like_a_title_is_the_title_before_a_name() {
    // السفيرة is "the ambassador" before her name or an adjective, As Safira near Aleppo
    // after a preposition and before a direction.
    assert!(
        mention_field(
            "وقالت السفيرة عبير خليل إن المعرض ناجح، والتقت السفيرة الأميركية بالوفد.",
            "text"
        )
        .is_empty()
    );
    assert_eq!(
        mention_field("سيطرت القوات على السفيرة جنوب شرق حلب.", "country"),
        ["SY", "SY"]
    );
    // In a list of towns, the next town is no name after a title.
    assert_eq!(
        mention_field("سيطرت القوات على منبج والسفيرة ومسكنة.", "text"),
        ["منبج", "والسفيرة"]
    );
}

#[test]
fn a_nationality_after_a_title_counts_with_adjectives() {
    // `الرئيس الأمريكي` is the American president, `المدرب البرتغالي` the Portuguese coach: with
    // --adjectives the adjectives count, though a title comes before them.
    let texts = |text: &str| -> Vec<String> {
        extract_text(&["--adjectives"], text)
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        texts("أكد الرئيس الأمريكي أن الاتفاق قريب، وقلل المدرب البرتغالي من أهمية المباراة."),
        ["الأمريكي", "البرتغالي"]
    );
    // A scholar is known by his nisba (`الإمام الألباني`), and a general named in full as
    // `منصور التركي` is the same man as `اللواء التركي` further on.
    assert!(
        texts(
            "وصححه الإمام الألباني في السلسلة. وقال المتحدث منصور التركي إن الخلية ضبطت، وأشار اللواء التركي إلى أن التحقيق مستمر."
        )
        .is_empty()
    );
    // A feminine name after a masculine title is no adjective of his: the country is the
    // object of the verb, and a title before a country's name says little either way.
    assert!(texts("زار الرئيس السعودية أمس.").is_empty());
}

#[test]
fn a_family_name_after_a_womans_or_a_professional_title_is_no_town() {
    // الرويس is also Ar Ruways in Abu Dhabi, الركبان Rukban in Jordan.
    assert!(
        mention_field(
            "وقالت الدكتورة الرويس إن العدد قليل، وأكد المهندس الركبان أهمية المشروع.",
            "text"
        )
        .is_empty()
    );
}

#[test]
fn the_nile_valley_is_the_nile() {
    // النيل alone is as often the verbal noun "harming" (`النيل من`); the Nile Valley is the river.
    assert_eq!(
        mention_field("قامت حضارات عريقة في وادي النيل منذ آلاف السنين.", "place"),
        ["mm:nile"]
    );
}

#[test]
fn a_hamza_that_no_spelling_of_the_place_has_makes_another_word() {
    // بفأس "with an axe" and حمأة "mire" normalise like فاس (Fes) and حماة (Hama); the hamza
    // says they are words, even beside the towns themselves. The article's alef elided after
    // ل (للأردن) is no such hamza.
    assert_eq!(
        mention_field(
            "تشاجر الرجلان فضربه أحدهما بفأس، وسقط الآخر في حمأة الوحل. ثم وصل الوفد للأردن وزار فاس وحماة.",
            "text"
        ),
        ["للأردن", "فاس", "وحماة"]
    );
}

#[test]
fn a_name_ending_in_a_tanween_is_an_indefinite_word() {
    // سوريًا and تركيًا are accusative adjectives ("a Syrian refugee", "a Turkish citizen")
    // that fold like سوريا and تركيا; the countries themselves, in the same text, still count.
    assert_eq!(
        mention_field(
            "استقبلت المدينة 900 لاجئًا سوريًا و30 مواطنًا تركيًا قبل أن تعلن سوريا وتركيا اتفاقًا.",
            "text"
        ),
        ["سوريا", "وتركيا"]
    );
}

#[test]
fn a_news_agency_or_a_dinamo_club_is_no_place() {
    // QNA (قنا) is also Qena, Anadolu (الأناضول) Anatolia, Petra (بترا) a town in Jordan.
    assert!(
        mention_field(
            "ذكرت وكالة الأنباء القطرية (قنا) ونقلت وكالة «الأناضول» ولوكالة \"بترا\" أن دينامو زغرب فاز.",
            "text"
        )
        .is_empty()
    );
    // The town itself still counts.
    assert_eq!(
        mention_field("غرق مركب في محافظة قنا جنوب مصر.", "country"),
        ["EG", "EG"]
    );
}

#[test]
fn a_namesake_takes_a_capital_s_name_only_where_the_text_is_about_its_country() {
    // Toronto in a list of the world's cities does not make London the one in Ontario; a
    // text about Canada, or about Lebanon, still does its namesake.
    assert_eq!(
        mention_field(
            "تسير الرحلات إلى نيويورك وواشنطن ولندن وباريس والقاهرة ودبي وتورونتو.",
            "country"
        ),
        ["US", "US", "GB", "FR", "EG", "AE", "CA"]
    );
    assert_eq!(
        mention_field("زار الوفد تورونتو ثم لندن.", "country"),
        ["CA", "CA"]
    );
    assert_eq!(
        mention_field("زار الوفد بيروت وصيدا ثم طرابلس.", "country"),
        ["LB", "LB", "LB"]
    );
}

#[test]
fn a_country_s_name_that_qualifies_the_noun_before_is_an_adjective() {
    // مالي after a bare masculine noun is "financial"; after a feminine one, or a noun that
    // takes a country, it is Mali.
    assert!(mention_field("قال محلل مالي إن طلب دفع مالي كبير.", "text").is_empty());
    // Not only a country's: رمادي "grey" is no Ramadi.
    assert!(mention_field("اشترى معطفا بلون رمادي غامق.", "text").is_empty());
    assert_eq!(
        mention_field("وأعلنت حكومة مالي أن رئيس مالي زار المدينة.", "country"),
        ["ML", "ML"]
    );
}

#[test]
fn a_definite_name_shaped_like_an_adjective_after_a_definite_noun_is_that_adjective() {
    // السلمية after a definite noun is "peaceful", الشرقية "eastern": no Salamiyah, no Sharqia,
    // even beside a Syrian city and an Egyptian one.
    assert_eq!(
        mention_field(
            "قال مسؤول في دمشق إن التسوية السلمية هي الطريق، وقال آخر في القاهرة إن الحدود \
             الشرقية آمنة وإن للأغراض السلمية حدودا.",
            "text"
        ),
        ["دمشق", "القاهرة"]
    );
    assert_eq!(
        mention_field("طالب أهالي حماة بالحلول السلمية.", "text"),
        ["حماة"]
    );
    // After a place noun or an indefinite noun, or across a dash, it is the town.
    assert_eq!(
        mention_field("وصل الوفد إلى مدينة السلمية في ريف حماة.", "text"),
        ["السلمية", "حماة"]
    );
    assert_eq!(
        mention_field("افتتح الطريق الجديد القاهرة - الإسماعيلية.", "name"),
        ["Cairo", "Ismailia"]
    );
    // A masculine one too: الرمادي after a masculine definite noun is "grey", not Ramadi; after
    // a place noun, a preposition or a feminine noun it is the city, and so is a name with no
    // word family (الزبداني) after a verb's subject. (Near Damascus: a small town among none
    // but another country's names is left out, see `a_small_town_word_among_names_of_other_countries_is_the_word`.)
    assert_eq!(
        mention_field(
            "رصد العلماء الذئب الرمادي في الغابة، وطلي الجدار باللون الرمادي. وقصفت \
             الطائرات مدينة الرمادي، ووصلت القوات إلى الرمادي، وتحاصر قوات النظام الزبداني \
             قرب دمشق.",
            "text"
        ),
        ["الرمادي", "الرمادي", "الزبداني", "دمشق"]
    );
    // After a plural in ات or an army, it is the object of the verb before: the city.
    for text in [
        "وتحاصر القوات الرمادي منذ أشهر.",
        "استعاد الجيش الرمادي بعد معارك.",
    ] {
        assert_eq!(mention_field(text, "text"), ["الرمادي"], "{text}");
    }
}

#[test]
fn a_definite_feminine_name_after_a_definite_noun_is_that_nouns_adjective() {
    // الدسمة "fatty", المهرة "skilled", الداخلة "incoming" after a definite noun qualify it: no
    // Ad Dasmah (Kuwait), Al Mahrah (Yemen) or Dakhla.
    assert_eq!(
        mention_field(
            "حذر أطباء في الرياض من الأطعمة الدسمة، وطلبت المصانع العمال المهرة، وزادت \
             الاستثمارات الداخلة إلى السوق.",
            "text"
        ),
        ["الرياض"]
    );
    // A capital after any noun is the capital; a name after another name, or after a man's
    // nisba, stands beside it (a road, a man and his town).
    assert_eq!(
        mention_field(
            "هبطت الطائرة في العاصمة القطرية الدوحة بعد رحلة من الرياض.",
            "name"
        ),
        ["Doha", "Riyadh"]
    );
    assert_eq!(
        mention_field("أعيد فتح طريق القاهرة الإسكندرية الصحراوي.", "name"),
        ["Cairo", "Alexandria"]
    );
    // So is a colour's feminine adjective: المياه الزرقاء is glaucoma, not Zarqa, and
    // الفاصوليا البيضاء white beans, not Al Bayda; after a place noun, a preposition, or an
    // army that acts on it, the town.
    assert!(
        mention_field(
            "حذر الأطباء من المياه الزرقاء، وأكلنا الفاصوليا البيضاء مع الخبز.",
            "text"
        )
        .is_empty()
    );
    assert_eq!(
        mention_field(
            "زار الوفد بلدية الزرقاء. وفي اليمن قصفت الطائرات مواقع في البيضاء وتعز، وحاصر \
             الجيش البيضاء.",
            "text"
        ),
        ["الزرقاء", "اليمن", "البيضاء", "وتعز", "البيضاء"]
    );
    // A town's name in ة too is the object after an army, not its adjective.
    assert_eq!(
        mention_field("وفي سوريا حاصر الجيش الحسكة.", "name"),
        ["Syria", "Al Ḩasakah"]
    );
    assert_eq!(
        mention_field("فاز النحال سعيد الغامدي الباحة بالجائزة الأولى.", "name"),
        ["Al Bahah"]
    );
}

#[test]
fn an_everyday_words_name_before_a_definite_noun_heads_a_construct() {
    // مشهد is "scene" as well as Mashhad: before a definite noun it is "the scene of", even in
    // a text about Iran; the city takes a feminine adjective, and a word of time after it is
    // an adverb.
    assert_eq!(
        mention_field(
            "يسعى المحافظون في إيران إلى إبعاد الرئيس، وأعاد ذلك إلى الذاكرة مشهد المفاوضات \
             بين البلدين.",
            "text"
        ),
        ["إيران"]
    );
    assert_eq!(
        mention_field(
            "وزار الوفد مدينة مشهد الإيرانية ثم عاد إلى مشهد اليوم.",
            "text"
        ),
        ["مشهد", "مشهد"]
    );
}

#[test]
fn a_definite_noun_after_a_demonstrative_is_no_place() {
    // هذه العقبة is "this obstacle", تلك الحمامات "those bathrooms": no Aqaba, no Hammamet.
    assert_eq!(
        mention_field(
            "قال المدرب في الرياض إن الفريق تجاوز هذه العقبة، وشكا المرضى من تلك الحمامات.",
            "text"
        ),
        ["الرياض"]
    );
    // Without the demonstrative, the port is the port.
    assert_eq!(
        mention_field("وصلت السفينة إلى ميناء العقبة في الأردن.", "name"),
        ["Aqaba", "Jordan"]
    );
}

#[test]
fn a_neighbourhood_named_like_a_town_abroad_is_not_that_town() {
    // حي العزيزية beside Mecca is a quarter of Mecca, not Al-Aziziyah in Libya or Iraq; حي
    // السليمانية beside Riyadh is not Sulaymaniyah.
    assert_eq!(
        mention_field("اندلع حريق في شقة بحي العزيزية في مكة المكرمة.", "country"),
        ["SA"]
    );
    assert_eq!(
        mention_field("تجول الوفد في حي السليمانية وسط الرياض.", "text"),
        ["الرياض"]
    );
    // In a text about the town's country, the name after the noun is still counted.
    assert_eq!(
        mention_field("زار الوفد ضاحية السليمانية في العراق.", "country"),
        ["IQ", "IQ"]
    );
}

#[test]
fn a_name_with_a_namesake_abroad_as_likely_lends_no_country() {
    // Windsor is a city in Ontario and a town in England, about as likely alone: it is no
    // anchor, and does not make London the one in Ontario.
    assert_eq!(
        mention_field("قضى الوفد يومين في وندسور ثم عاد إلى لندن.", "country"),
        ["CA", "GB"]
    );
}

#[test]
fn a_nearly_sure_name_beside_a_sure_one_of_the_same_place_counts() {
    // The dateline تربة alone is just under --min-confidence (its confidence clears the anchor
    // threshold); محافظة تربة in the same article makes it the governorate, as it does for an
    // unsure one.
    let text = "سبق - تربة: احتفل الأهالي أمس بالعيد في محافظة تربة.";
    assert_eq!(mention_field(text, "text"), ["تربة", "محافظة تربة"]);
    // Turabah east of Taif, the governorate seat, not Turubah in Ha'il.
    assert_eq!(mention_field(text, "place"), ["gn:101322", "gn:101322"]);
}

#[test]
fn spellings_of_other_arabic_schools_are_found() {
    // Egyptian ج for g (هونج كونج، جوانتانامو), Levantine ك (إنكلترا), Mecca's epithet.
    assert_eq!(
        mention_field("وصل الوفد إلى شنغهاي ثم إلى هونج كونج فإنكلترا.", "place"),
        ["gn:1796236", "gn:1819730", "gn:6269131"]
    );
    assert_eq!(
        mention_field(
            "عاد المعتقل المفرج عنه من جوانتانامو إلى أم القرى.",
            "place"
        ),
        ["gn:3557689", "gn:104515"]
    );
}

#[test]
fn like_before_a_bare_town_is_a_word_of_its_own() {
    // كسبها "earning it", not ك + Sabha; وكبيرا "and greatly", not Beira.
    assert!(mention_field("وحاول كسبها بكل الوسائل وكبيرا كان أثره.", "text").is_empty());
    // A comparison with a country, or with a name that has the article, is a place.
    assert_eq!(
        mention_field("لن تكون كمصر ولا كالرياض.", "place"),
        ["gn:357994", "gn:108410"]
    );
}

#[test]
fn then_before_a_foreign_town_is_a_word_of_its_own() {
    // فتور "lethargy", not ف + Tver (or any other Tor); a capital stays.
    assert!(mention_field("أصابه فتور بعد الرحلة.", "text").is_empty());
    assert_eq!(
        mention_field("أما الحكومة فواشنطن لم ترد.", "place"),
        ["gn:4140963"]
    );
}

#[test]
fn a_final_ha_where_the_place_has_ta_marbuta_is_a_pronoun() {
    // بصره "his sight", not Basra (البصرة); زاويته "its angle"; both towns keep their ة.
    assert!(mention_field("ضعف بصره فلم ير زاويته.", "text").is_empty());
    assert_eq!(
        mention_field("وصل الوفد إلى البصرة.", "place"),
        ["gn:99532"]
    );
}

#[test]
fn a_foreign_town_named_like_a_common_word_needs_a_cue() {
    // مشهد is "scene" far more often than Mashhad: with nothing before it, it is the word;
    // after مدينة, or beside Tehran and Qom, the city.
    assert!(mention_field("وكان كل مشهد في المسرحية لوحة فنية.", "text").is_empty());
    assert_eq!(
        mention_field("وصل الزوار إلى مدينة مشهد الإيرانية.", "place"),
        ["gn:124665"]
    );
    // A virus or a syndrome named after a place is not that place.
    assert!(mention_field("وسجلت حالات إصابة جديدة بفيروس كورونا.", "text").is_empty());
    assert!(mention_field("يعرف ذلك باسم متلازمة ستوكهولم.", "text").is_empty());
    // Not-names: Renault is not Reno, the virus not Corona, California, nor ك + Verona.
    assert!(
        mention_field(
            "وقالت رينو إن مبيعاتها ارتفعت، وسجلت ثلاث حالات كورونا.",
            "text"
        )
        .is_empty()
    );
    // Nor these words: "and condemned", "followed", "the gang", "the lake".
    assert!(
        mention_field(
            "ودان الوزراء الهجوم، تلا ذلك بيان أدان العصابة. وزار السياح البحيرة.",
            "text"
        )
        .is_empty()
    );
}

#[test]
fn latin_alternates_that_are_english_words_are_left_out() {
    // GeoNames lists Sam and Cham among Damascus's names, Philadelphia among Amman's.
    assert_eq!(
        mention_field("Sam said the Philadelphia office would reopen.", "place"),
        ["gn:4560349"],
        "Philadelphia, Pennsylvania, and no Damascus"
    );
    assert_eq!(
        mention_field("The talks were held in Damascus.", "place"),
        ["gn:170654"]
    );
}

#[test]
fn a_big_city_is_as_common_as_its_fame() {
    // غزة, واشنطن and دمشق are as frequent as everyday words, because the cities are in the
    // news: with no word before them, they still count.
    let places = mention_field(
        "وتتهم واشنطن الحكومة بالتقصير، وحمل العبادي رسائل إلى دمشق، وتعهد المانحون بإعمار غزة.",
        "place",
    );
    assert_eq!(places, ["gn:4140963", "gn:170654", "gn:281133"]);
    // The allowance is for names built like no word: العين ("the eye") is also Al Ain.
    let found = extract_text(&["--explain"], "أغمض الرجل العين اليمنى.");
    let ain = found.iter().find(|l| l["key"] == "العين").unwrap();
    assert!(
        ain["evidence"]["family_zipf"].as_f64().unwrap() > 5.0,
        "{ain}"
    );
    assert_eq!(ain["kept"], false, "{ain}");
}

#[test]
fn names_of_common_words_are_rarer_than_their_words() {
    // Each word of قناة السويس or البحر الأحمر is common, the phrase is not; هي في ("she in",
    // a spelling of Hefei) is two function words, as common as they are.
    let places = mention_field(
        "عبرت السفن قناة السويس والبحر الأحمر إلى البحر المتوسط، وقالت إنها هي في أمان.",
        "place",
    );
    assert_eq!(places, ["mm:suez-canal", "mm:red-sea", "mm:mediterranean"]);
}

#[test]
fn user_gazetteer_adds_places_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("villages.tsv");
    std::fs::write(
        &g,
        "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n\
         my:tell-x\tpopulated_place\tSY\tAl-Hasakah\t36.5\t40.7\t\tar:تل زيزفون|en:Tell Zayzafun\tsurvey\n\
         gn:172955\t\t\t\t\t\t\tar:رقة السلام\tnickname\n",
    )
    .unwrap();
    let fc = count(&["--gazetteer", g.to_str().unwrap(), "-"]);
    assert!(fc.features.is_empty());
    let out = bin()
        .args(["count", "--gazetteer", g.to_str().unwrap()])
        .write_stdin("وصلت القافلة إلى قرية تل زيزفون ثم إلى رقة السلام")
        .assert()
        .success();
    let fc = collection(&out);
    assert!(feature(&fc, "my:tell-x").is_some());
    assert!(feature(&fc, "gn:172955").is_some());
}

#[test]
fn missing_file_is_an_error_naming_it_and_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.geojson");
    bin()
        .args(["count", "no-such-file.txt", "-o", out.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no-such-file.txt"));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temp file left"
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("places.geojson");
    bin()
        .args([
            "count",
            examples().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.parse::<GeoJson>().is_ok());
}

#[test]
fn folder_of_binary_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.bin"), [0u8, 1, 2, 0, 255]).unwrap();
    std::fs::write(dir.path().join("b.bin"), [0u8; 64]).unwrap();
    bin()
        .args(["count", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("binary"));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.txt");
    let mut bytes = "في منبج ".as_bytes().to_vec();
    bytes.extend([0xFF, 0xFE]);
    bytes.extend(" والرقة".as_bytes());
    std::fs::write(&f, bytes).unwrap();
    let out = bin()
        .args(["count", f.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicates::str::contains("bad.txt"))
        .stderr(predicates::str::contains("UTF-8"));
    let fc = collection(&out);
    assert_eq!(fc.features.len(), 2);
}

#[test]
fn empty_file_is_one_document_with_no_places() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    std::fs::write(&f, "").unwrap();
    let fc = count(&[f.to_str().unwrap()]);
    assert!(fc.features.is_empty());
    check_schema(&fc, 1);
}

#[test]
fn malformed_gazetteer_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("bad.tsv");
    std::fs::write(
        &g,
        "id\tkind\tlat\tlon\tnames\nok:1\tcamp\t33\t36\tar:مخيم التجربة\nbad:2\tcamp\t133\t36\tar:x\n",
    )
    .unwrap();
    bin()
        .args(["count", "--gazetteer", g.to_str().unwrap()])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!("{}:3:", g.display())))
        .stderr(predicates::str::contains("latitude"));
}

/// A gazetteer file whose second row has an unknown kind.
fn bad_gazetteer(dir: &std::path::Path) -> std::path::PathBuf {
    let g = dir.join("bad.tsv");
    std::fs::write(&g, "id\tkind\tnames\nx:1\tbogus\tar:فلان\n").unwrap();
    g
}

#[test]
fn a_bad_gazetteer_ends_the_run_while_standard_input_stays_open() {
    // On several threads the input of regular files is read while the finder is built; standard
    // input must not be, or the error would wait for the input to end. The test holds standard
    // input open and gives the run a minute to fail.
    let dir = tempfile::tempdir().unwrap();
    let g = bad_gazetteer(dir.path());
    for cmd in ["count", "extract"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentionmap"))
            .args([
                cmd,
                "--threads",
                "2",
                "--gazetteer",
                g.to_str().unwrap(),
                "-",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if std::time::Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(1),
            "{cmd}: still waiting"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{}:2:", g.display())),
            "{cmd}: {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_bad_gazetteer_writes_no_layer_to_standard_output() {
    // Not even the opening of an empty FeatureCollection, or a CSV header.
    let dir = tempfile::tempdir().unwrap();
    let g = bad_gazetteer(dir.path());
    let input = dir.path().join("one.jsonl");
    std::fs::write(&input, "{\"id\":\"1\",\"text\":\"Fighting in Raqqa.\"}\n").unwrap();
    for format in ["geojson", "geojsonseq", "csv", "mentions"] {
        for threads in ["1", "2"] {
            bin()
                .args(["extract", "-F", format, "--threads", threads, "--gazetteer"])
                .arg(&g)
                .arg(&input)
                .assert()
                .code(1)
                .stdout("")
                .stderr(predicates::str::contains("unknown kind"));
        }
    }
}

#[test]
fn bad_usage_exits_2() {
    bin().args(["count", "--no-such-flag"]).assert().code(2);
    bin()
        .args(["count", "--min-confidence", "2"])
        .assert()
        .code(2);
    for threads in ["0", "1025", "many"] {
        bin()
            .args(["count", "--threads", threads])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("from 1 to 1024"));
    }
    bin()
        .args(["count", "--from", "2015-05-01", "--to", "2015-04-01"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--from 2015-05-01 comes after --to",
        ));
}

#[test]
fn help_shows_real_examples() {
    for cmd in ["count", "extract"] {
        bin()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicates::str::contains("mentionmap "))
            .stdout(predicates::str::contains("Examples"));
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `mentionmap extract … | head`: enough mentions to fill the pipe and the output buffer, then
    // the reader goes away after its first line.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    std::fs::write(
        &input,
        "Fighting went on in Raqqa and Manbij. ".repeat(20_000),
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentionmap"))
        .arg("extract")
        .arg(&input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.contains("Raqqa"), "{first}");
    // The reader (and the pipe's read end) is gone now.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit status {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no error message");
}

/// The threads of process `pid` that may work (all but the `signal-waiter` thread, which only
/// waits for a signal to delete unfinished outputs) and the kernel function its main thread
/// waits in (Linux).
#[cfg(target_os = "linux")]
fn threads_and_wait(pid: u32) -> (usize, String) {
    let waits_for_signals = |task: &std::path::Path| {
        std::fs::read_to_string(task.join("comm")).is_ok_and(|name| name.trim() == "signal-waiter")
    };
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| {
        d.filter_map(Result::ok)
            .filter(|t| !waits_for_signals(&t.path()))
            .count()
    });
    let wchan = std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
    (tasks, wchan)
}

#[cfg(target_os = "linux")]
#[test]
fn one_thread_means_one_thread_from_the_start() {
    // `count --threads 1 -` builds its finder, then waits for standard input, which this test
    // holds open. By then every thread the run will ever have exists: the calling thread and
    // the pool's one thread, and no other pool for the start-up (the thread that waits for
    // signals does no work).
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentionmap"))
        .args(["count", "--threads", "1", "--quiet", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut seen = threads_and_wait(child.id());
    while !seen.1.contains("pipe_read") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        seen = threads_and_wait(child.id());
    }
    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status:?}");
    if !seen.1.contains("pipe_read") {
        eprintln!("skipped: this kernel does not say where a process waits (/proc/PID/wchan)");
        return;
    }
    assert!(seen.0 <= 2, "{} threads with --threads 1", seen.0);
}

#[test]
fn a_small_towns_name_shaped_like_a_feminine_adjective_after_a_feminine_noun_is_that_adjective() {
    // أصيلة after an indefinite feminine noun is "authentic"; after a place noun, or after
    // a masculine noun (موسم "season") in construct, it is Asilah; Jeddah, a big city, stays
    // the city after a feminine noun.
    assert_eq!(
        mention_field(
            "حافظت الأسر في جدة على عادة أصيلة، وقدمت الفرقة موسيقى شرقية أصيلة.",
            "text"
        ),
        ["جدة"]
    );
    assert_eq!(
        mention_field(
            "وافتتح موسم أصيلة الثقافي في مدينة أصيلة، وأعلنت شرطة جدة إغلاق الطريق.",
            "text"
        ),
        ["أصيلة", "أصيلة", "جدة"]
    );
    // After a pronoun's ه (his town) or a noun of the town's institutions, it is the town.
    for text in [
        "عاد الكاتب إلى مدينته أصيلة.",
        "وأعلنت بلدية أصيلة إغلاق الشاطئ.",
    ] {
        assert_eq!(mention_field(text, "text"), ["أصيلة"], "{text}");
    }
}

#[test]
fn names_of_things_named_after_places_found_on_saudinewsnet_are_not_those_places() {
    // A club, a bank, a militia, a road and a treaty, each hiding a place's name; and the
    // Central African Republic, whose short name starts with Africa's.
    assert_eq!(
        mention_field(
            "فاز هيرتا برلين على ضيفه، وارتفع سهم الإمارات دبي الوطني، واشتبكت قوات فجر ليبيا \
             مع الجيش، وافتتح طريق هدى الشام، ودعت المحكمة إلى احترام ميثاق روما. ووصل الوفد إلى \
             إفريقيا الوسطى.",
            "name"
        ),
        ["Central African Republic"]
    );
}

#[test]
fn everyday_plurals_that_are_town_names_count_only_as_the_town() {
    // الميادين is "the squares" and Al Mayadin in Syria; الوفرة is "abundance" and the Wafra
    // oil field on the Kuwaiti border. The phrases around the word say which (blockers.tsv).
    assert_no_mention_in(&[
        "احتشد المتظاهرون في الميادين العامة وسط العاصمة.",
        "أغلقت الشرطة الشوارع والميادين قبل الاحتفال.",
        "يرجح المحللون أن تستمر الوفرة الحالية في أسواق النفط.",
        "ويعكس ذلك مدى الوفرة في المعروض العالمي.",
    ]);
    assert_eq!(
        mention_field("قصفت الطائرات مدينة الميادين في ريف دير الزور.", "text"),
        ["الميادين", "دير الزور"]
    );
    assert_eq!(
        mention_field("توقف الإنتاج في حقل الوفرة المشترك منذ مايو.", "text"),
        ["الوفرة"]
    );
}

#[test]
fn a_small_town_word_among_names_of_other_countries_is_the_word() {
    // العقبة is "the obstacle" and Aqaba, a Jordanian town of under 100,000; with sure names of
    // other countries around and none of Jordan's, and no cue before it, it is the word.
    let text =
        "التقى الوزير نظيره في باريس ثم توجه إلى لندن وبرلين، وقال إن العقبة الرئيسية هي التمويل.";
    let found = mention_field(text, "text");
    assert!(!found.contains(&"العقبة".to_string()), "{found:?}");
    assert_eq!(found, ["باريس", "لندن", "وبرلين"]);
    // Among Jordan's own towns it is Aqaba.
    let text = "زار الملك عمان والكرك ومعان، ثم توجه إلى العقبة لافتتاح المشروع.";
    assert!(mention_field(text, "text").contains(&"العقبة".to_string()));
}

#[test]
fn a_quarter_named_like_a_town_abroad_needs_that_country_around_it() {
    // حي الحمدانية: a quarter of Jeddah, or al-Hamdaniya east of Mosul. With nothing around
    // that places the text in Iraq it is a quarter that the gazetteer does not hold; with
    // Mosul beside it, the Iraqi town.
    assert!(mention_field("تسكن العائلة في حي الحمدانية قرب منطقة أبحر.", "text").is_empty());
    assert_eq!(
        mention_field("اقتحمت القوات العراقية حي الحمدانية شرق الموصل.", "text"),
        ["الحمدانية", "الموصل"]
    );
}

#[test]
fn names_built_on_salah_ad_din_are_no_province() {
    // Selahattin Demirtaş, in his Arabic spellings, and roads and schools named after Saladin
    // are not the Iraqi governorate (blockers.tsv); the governorate itself still counts.
    assert_no_mention_in(&[
        "دعا صلاح الدين دمرداش زعيم الحزب إلى الحوار.",
        "وقال صلاح الدين دمرتاش إن الانتخابات ستعاد.",
        "تجري أعمال السفلتة جنوب طريق صلاح الدين هذا الأسبوع.",
        "أقيم الحفل بمدرسة صلاح الدين الابتدائية.",
    ]);
    assert_eq!(
        mention_field("استعادت القوات مدنا في محافظة صلاح الدين.", "name"),
        ["Salah ad Din"]
    );
}

#[test]
fn a_man_named_salah_ad_din_is_no_province() {
    // A man's name: a family name after it, or a given name before it.
    assert_no_mention_in(&[
        "وقال المستشار صلاح الدين عبد الكريم إن الاجتماع تأجل.",
        "وحضر الاجتماع السفير صلاح الدين الجمالي وعدد من الوزراء.",
        "وكتب الأستاذ محمد صلاح الدين مقالا عن الصحافة.",
        "وقال المدرب إن البديل سيكون وليد صلاح الدين لاعب المنتخب السابق.",
    ]);
    // The Libyan town named after the given name وليد stays a town.
    assert_eq!(
        mention_field("دارت اشتباكات في بني وليد جنوب طرابلس.", "name"),
        ["Bani Walid", "Ţarābulus"]
    );
    // The governorate, before a direction or in a list, stays.
    assert_eq!(
        mention_field("تقدمت القوات في بيجي شمال صلاح الدين.", "name"),
        ["Bayjī", "Salah ad Din"]
    );
    assert_eq!(
        mention_field("نزحت أسر من محافظتي الأنبار وصلاح الدين.", "name"),
        ["Anbar", "Salah ad Din"]
    );
}

#[test]
fn quarters_named_like_a_small_town_abroad_are_local_quarters() {
    // أحياء X is most often the quarters of the town X; when X is a small town abroad that
    // nothing around places (Al-Aziziyah in Libya, beside Riyadh), it is a list of quarters.
    let found = mention_field(
        "شملت حملة التفتيش أحياء العزيزية والدار البيضاء جنوب الرياض.",
        "name",
    );
    assert!(!found.iter().any(|n| n.contains("Az")), "{found:?}");
    assert_eq!(
        mention_field("قصفت الطائرات أحياء درعا البلد في جنوب سوريا.", "name"),
        ["Dar‘ā", "Syria"]
    );
}

#[test]
fn a_list_of_quarters_goes_on_after_and() {
    // The list after أحياء goes on after و: a city abroad named like a local quarter (the
    // Riyadh quarter الدار البيضاء, not Casablanca) is the quarter when nothing around is about
    // the city's country, whatever the city's size.
    assert_eq!(
        mention_field(
            "شملت حملة التفتيش أحياء العزيزية والدار البيضاء جنوب الرياض.",
            "name"
        ),
        ["Riyadh"]
    );
    // The quarters of two towns of the country the text is about: both towns stay.
    assert_eq!(
        mention_field(
            "قصفت قوات النظام السوري أحياء حلب وحمص الشرقية، وقالت المعارضة في سوريا إن القصف طال الأسواق.",
            "name"
        ),
        ["Aleppo", "Homs", "Syria"]
    );
    assert_eq!(
        mention_field("تجول السياح في أحياء القاهرة والإسكندرية.", "name"),
        ["Cairo", "Alexandria"]
    );
    // `--explain` says why.
    let explained = extract_text(
        &["--explain"],
        "شملت حملة التفتيش أحياء العزيزية والدار البيضاء جنوب الرياض.",
    );
    let marks: Vec<_> = explained
        .iter()
        .map(|d| {
            (
                d["key"].as_str().unwrap().to_string(),
                d["evidence"]["among_quarters"] == true,
                d["evidence"]["in_a_list_of_quarters"] == true,
            )
        })
        .collect();
    assert!(
        marks.contains(&("العزيزيه".to_string(), true, false)),
        "{marks:?}"
    );
    assert!(
        marks.contains(&("الدار البيضاء".to_string(), false, true)),
        "{marks:?}"
    );
    // After a large town, أحياء are that town's quarters, and the name after و is another
    // town, even in another country (`باريس` is also ب + a small town, a reading that must
    // pass nothing on).
    assert_eq!(
        mention_field("خرجت مظاهرات في أحياء دمشق وبيروت.", "name"),
        ["Damascus", "Beirut"]
    );
    assert_eq!(
        mention_field("تجول السياح في أحياء باريس ولندن.", "name"),
        ["Paris", "London"]
    );
}
