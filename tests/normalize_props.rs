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
