//! Property tests of the normaliser's offset map and of `extract` spans.

use mentionmap::text::Normalizer;
use proptest::prelude::*;

/// Characters that exercise every path of the normaliser: Arabic letters and their variants,
/// harakat, tatweel, presentation forms, invisible marks, digits, Latin with and without
/// diacritics, joints and punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("الرقة".to_string()),
        Just("بالرَّقَّةِ".to_string()),
        Just("إدلب".to_string()),
        Just("ـــ".to_string()),
        Just("\u{FEFB}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("٢٠١٧".to_string()),
        Just("Deir ez-Zor".to_string()),
        Just("Şanlıurfa".to_string()),
        Just("ß".to_string()),
        Just("ﬁ".to_string()),
        Just("، ".to_string()),
        Just("؟".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("’".to_string()),
        "\\PC{0,6}",
    ]
}

proptest! {
    #[test]
    fn every_normalised_range_maps_to_char_boundaries(parts in prop::collection::vec(piece(), 0..20)) {
        let text: String = parts.concat();
        let n = Normalizer.normalize(&text).unwrap();
        let len = n.as_bytes().len();
        for s in 0..len {
            for e in (s + 1)..=len.min(s + 12) {
                let r = n.original_range(s..e);
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
        // Normalising is idempotent on the decoded form of its output.
        let once = mentionmap::text::encoding::decode(n.as_bytes());
        prop_assert_eq!(Normalizer.key(&once), n.as_bytes().to_vec());
    }
}

/// Names and noise glued in every way a text may glue them (clitics, punctuation, marks).
fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("الرقة".to_string()),
        Just("بالرَّقَّة".to_string()),
        Just("وللرقة".to_string()),
        Just("دير الزور".to_string()),
        Just("دير  ـالزور".to_string()),
        Just("منبج؟".to_string()),
        Just("«دمشق»".to_string()),
        Just("Deir ez-Zor".to_string()),
        Just("RAQQA's".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{FEFB}".to_string()),
        Just(" ".to_string()),
        Just("، ".to_string()),
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_mention_is_an_exact_slice(parts in prop::collection::vec(text_piece(), 0..12)) {
        use std::sync::OnceLock;
        static FINDER: OnceLock<mentionmap::MentionFinder> = OnceLock::new();
        let finder = FINDER.get_or_init(|| {
            let mut g = mentionmap::gazetteer::Gazetteer::new();
            g.add_str(
                "t.tsv",
                "id\tkind\tlat\tlon\tnames\n\
                 t:1\tpopulated_place\t35.9\t39.0\tar:الرقة|en:Raqqa\n\
                 t:2\tpopulated_place\t35.3\t40.1\tar:دير الزور|en:Deir ez-Zor\n\
                 t:3\tpopulated_place\t36.5\t37.9\tar:منبج\n\
                 t:4\tpopulated_place\t33.5\t36.3\tar:دمشق\n",
            )
            .unwrap();
            let options = mentionmap::resolve::ResolveOptions {
                min_confidence: 0.0,
                ..Default::default()
            };
            mentionmap::MentionFinder::new(g, Default::default(), &[], options).unwrap()
        });
        let text: String = parts.concat();
        let mut out = Vec::new();
        finder.find(&text, &mut mentionmap::Scratch::default(), &mut out).unwrap();
        for m in &out {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(!text[m.start..m.end].trim().is_empty());
            prop_assert!(m.start <= m.name_start && m.name_start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.name_start));
        }
    }
}

proptest! {
    #[test]
    fn tokens_are_the_runs_between_separators(parts in prop::collection::vec(piece(), 0..20)) {
        let text: String = parts.concat();
        let n = Normalizer.normalize(&text).unwrap();
        let bytes = n.as_bytes();
        let mut expected = Vec::new();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if mentionmap::text::is_separator(b) {
                expected.push((start as u32, i as u32));
                start = i + 1;
            }
        }
        if start < bytes.len() {
            expected.push((start as u32, bytes.len() as u32));
        }
        prop_assert_eq!(n.tokens(), expected.as_slice());
    }
}
