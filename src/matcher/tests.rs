use super::*;

const HEAD: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n";

fn matcher(rows: &[(&str, &str)]) -> (Gazetteer, Matcher) {
    let mut text = HEAD.to_string();
    for (id, names) in rows {
        text.push_str(&format!(
            "{id}\tpopulated_place\tSY\t\t35\t38\t\t{names}\t\n"
        ));
    }
    let mut g = Gazetteer::new();
    g.add_str("test.tsv", &text).unwrap();
    let m = Matcher::new(&g, &Commonness::default()).unwrap();
    (g, m)
}

/// (surface form, place id) of every match in `text`.
fn found(g: &Gazetteer, m: &Matcher, text: &str) -> Vec<(String, String)> {
    let n = Normalizer.normalize(text).unwrap();
    let mut out = Vec::new();
    m.find_all(&n, &mut out);
    out.iter()
        .map(|x| {
            let r = n.original_range(x.start..x.end);
            let place = m.entry(x.entry).candidates[0].place;
            (text[r].to_string(), g.place(place as usize).id.to_string())
        })
        .collect()
}

fn forms(g: &Gazetteer, m: &Matcher, text: &str) -> Vec<String> {
    found(g, m, text).into_iter().map(|(f, _)| f).collect()
}

#[test]
fn longest_name_wins() {
    let (g, m) = matcher(&[
        ("t:deir", "ar:دير الزور"),
        ("t:zor", "ar:الزور"),
        ("t:camp", "ar:مخيم اليرموك"),
        ("t:yarmouk", "ar:اليرموك"),
        ("t:car", "ar:جمهورية إفريقيا الوسطى"),
        ("t:africa", "ar:إفريقيا"),
    ]);
    assert_eq!(
        found(&g, &m, "في دير الزور ومخيم اليرموك"),
        vec![
            ("دير الزور".into(), "t:deir".into()),
            ("ومخيم اليرموك".into(), "t:camp".into())
        ]
    );
    assert_eq!(
        found(&g, &m, "جمهورية إفريقيا الوسطى وإفريقيا"),
        vec![
            ("جمهورية إفريقيا الوسطى".into(), "t:car".into()),
            ("وإفريقيا".into(), "t:africa".into())
        ]
    );
}

#[test]
fn whole_tokens_only() {
    let (g, m) = matcher(&[
        ("t:baghdad", "ar:بغداد"),
        ("t:jordan", "ar:الأردن"),
        ("t:manbij", "ar:منبج"),
    ]);
    assert!(forms(&g, &m, "أبو بكر البغدادي").is_empty());
    assert!(forms(&g, &m, "بالأردنيين").is_empty());
    assert_eq!(forms(&g, &m, "منبج؟وكالة"), vec!["منبج"]);
    assert_eq!(forms(&g, &m, "«منبج»"), vec!["منبج"]);
}

#[test]
fn clitics_and_elided_article() {
    let (g, m) = matcher(&[("t:raqqa", "ar:الرقة"), ("t:manbij", "ar:منبج")]);
    assert_eq!(
        forms(
            &g,
            &m,
            "بالرقة والرقة للرقة وللرقة فالرقة كالرقة وبالرقة بمنبج ومنبج لمنبج"
        ),
        vec![
            "بالرقة",
            "والرقة",
            "للرقة",
            "وللرقة",
            "فالرقة",
            "كالرقة",
            "وبالرقة",
            "بمنبج",
            "ومنبج",
            "لمنبج"
        ]
    );
    // No clitic reading turns another word into a name.
    assert!(forms(&g, &m, "ورقة").is_empty());
}

#[test]
fn two_readings_ending_together_are_both_given() {
    let (g, m) = matcher(&[
        ("t:oujda", "ar:وجدة"),
        ("t:jeddah", "ar:جدة"),
        ("t:riyadh", "ar:الرياض"),
    ]);
    let ids =
        |text: &str| -> Vec<String> { found(&g, &m, text).into_iter().map(|(_, id)| id).collect() };
    // The bare reading first, then the one behind clitics, on the same span.
    assert_eq!(
        found(&g, &m, "الرياض وجدة"),
        [
            ("الرياض".to_string(), "t:riyadh".to_string()),
            ("وجدة".to_string(), "t:oujda".to_string()),
            ("وجدة".to_string(), "t:jeddah".to_string())
        ]
    );
    // One reading only when the other does not end there or is no name.
    assert_eq!(ids("ووجدة بجدة"), ["t:oujda", "t:jeddah"]);
}

#[test]
fn names_starting_with_clitic_letters() {
    let (g, m) = matcher(&[
        ("t:washington", "ar:واشنطن"),
        ("t:wadi", "ar:وادي الفرات"),
        ("t:beirut", "ar:بيروت"),
        ("t:lebanon", "ar:لبنان"),
        ("t:kirkuk", "ar:كركوك"),
    ]);
    assert_eq!(
        forms(
            &g,
            &m,
            "واشنطن ووادي الفرات وبيروت ببيروت لبنان للبنان كركوك وكركوك وواشنطن"
        ),
        vec![
            "واشنطن",
            "ووادي الفرات",
            "وبيروت",
            "ببيروت",
            "لبنان",
            "للبنان",
            "كركوك",
            "وكركوك",
            "وواشنطن"
        ]
    );
}

#[test]
fn latin_words_case_and_joints() {
    let (g, m) = matcher(&[
        ("t:deir", "en:Deir ez-Zor"),
        ("t:raqqa", "en:Raqqa|en:Ar-Raqqah"),
    ]);
    assert_eq!(
        forms(&g, &m, "DEIR EZ ZOR, Deir ez-Zor; Raqqa's ar raqqah Raqqan"),
        vec!["DEIR EZ ZOR", "Deir ez-Zor", "Raqqa", "ar raqqah"]
    );
}

#[test]
fn carried_over_suffix_matches_are_ignored() {
    // "بين" is a suffix of "حلبين"; an anchored walk over "حلبين" must not report it.
    let (g, m) = matcher(&[("t:bayn", "ar:بين"), ("t:x", "ar:حلبين الكبرى")]);
    assert!(forms(&g, &m, "حلبين").is_empty());
    assert_eq!(forms(&g, &m, "حلبين الكبرى"), vec!["حلبين الكبرى"]);
}

#[test]
fn a_full_token_cache_sweeps_and_finds_the_same() {
    let (_, m) = matcher(&[("t:raqqa", "ar:الرقة"), ("t:deir", "ar:دير الزور")]);
    // Far more distinct tokens than a 64-slot table holds, with names between them.
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("word{i} "));
        if i % 7 == 0 {
            text.push_str("بالرقة ودير الزور ");
        }
    }
    let n = Normalizer.normalize(&text).unwrap();
    let mut expected = Vec::new();
    m.find_all(&n, &mut expected);
    assert_eq!(expected.len(), 2 * 286);
    let mut small = TokenCache::with_max_slots(64);
    for _ in 0..2 {
        let mut got = Vec::new();
        m.find_all_cached(&n, &mut small, &mut got);
        assert_eq!(got, expected);
    }
}

#[test]
fn a_name_after_a_function_word_is_found_only_where_the_next_word_can_continue_it() {
    // في begins one rare name; the walk from في goes on only into a word that can continue it
    // (Arabic, Latin and digits alike).
    let (g, m) = matcher(&[
        ("t:fithan", "ar:في ثان"),
        ("t:fi9", "ar:في 9"),
        ("t:than", "ar:ثانية"),
    ]);
    let text = "في بيت، في ثان، في ثانية، في 9، في";
    assert_eq!(forms(&g, &m, text), ["في ثان", "ثانية", "في 9"]);
    let mut cache = TokenCache::default();
    let n = Normalizer.normalize(text).unwrap();
    for _ in 0..2 {
        let mut got = Vec::new();
        m.find_all_cached(&n, &mut cache, &mut got);
        let mut fresh = Vec::new();
        m.find_all(&n, &mut fresh);
        assert_eq!(got, fresh);
    }
}
