//! Clubs named after their town: the words that make a text a sports article, the towns whose
//! names such an article means as the club (`فاز برشلونة على إشبيلية`), and the transfer news
//! that names the club after a preposition (`انتقل إلى روما`).

use super::cues::{word_before_in, word_ending_at};
use super::policy::CONTEXT_WINDOW;
use super::word_table::WordSet;
use crate::matcher::Match;
use crate::text::NormalizedText;
use crate::text::encoding::code;

/// Names of places that, in a sports article, are far more often a club than the place
/// (`فاز برشلونة على إشبيلية`): cities of the best-known European clubs. (`ديربي`, "derby", is
/// no name of Derby at all: `gazetteer/curated/not_names.tsv`.)
/// A preposition before or on them still makes them the place (`في برشلونة`), but for one after
/// a [`TRANSFER`] word (`انتقل إلى روما`). Not the Saudi
/// clubs named after their city (أبها، نجران): Saudi news digests put the club beside the
/// region's hospital and schools, and a third of their bare names in sports articles on
/// SaudiNewsNet were the city.
const CLUB_PLACES: &[&str] = &[
    "برشلونة",
    "ليفربول",
    "مانشستر",
    "تشيلسي",
    "إشبيلية",
    "اشبيلية",
    "فالنسيا",
    "ميلان",
    "روما",
    "نابولي",
    "بورتو",
    "بنفيكا",
    "ليون",
    "مارسيليا",
    "موناكو",
    "بوردو",
    "ليل",
    "ميونيخ",
    "دورتموند",
    "فولفسبورغ",
    "شالكه",
    "أمستردام",
    "أيندهوفن",
    "ايندهوفن",
    "سوانزي",
    "ساوثهامبتون",
    "بيلباو",
    "فيورنتينا",
    // Clubs of the English, German, Italian and Spanish leagues that the transfer news of
    // 2015 named by their town (`رحل عن بريمن`, `يلعب ليستر سيتي مع سندرلاند`).
    "نيوكاسل",
    "سندرلاند",
    "بورنموث",
    "واتفورد",
    "نوريتش",
    "ليستر",
    "ستوك",
    "بريمن",
    "ليفركوزن",
    "هوفنهايم",
    "بارما",
    "باليرمو",
    "تورينو",
    "فيرونا",
    "جنوى",
    "فياريال",
    "خيتافي",
    "نيس",
    // Gulf clubs named by their town, which Gulf sports news names bare (`مواجهة العين أمام
    // الهلال`, `يلتقي الريان مع الوكرة`): of the Emirates, Qatar, Kuwait and Bahrain.
    "العين",
    "الشارقة",
    "عجمان",
    "الفجيرة",
    "الريان",
    "الخور",
    "الوكرة",
    "أم صلال",
    "السالمية",
    "الجهراء",
    "الفحيحيل",
    "المحرق",
    "الرفاع",
    // Not a club: `والكوت` in English football news is Theo Walcott, not و + Kut.
    "الكوت",
];

/// Words of a sports article: [`SPORTS_WORDS_NEEDED`] of them near a name make its text one (see
/// [`CLUB_PLACES`]).
const SPORTS: &[&str] = &[
    "المباراة",
    "مباراة",
    "الدوري",
    "اللاعب",
    "لاعب",
    "اللاعبين",
    "المدرب",
    "مدرب",
    "هدف",
    "هدفا",
    "الهدف",
    "أهداف",
    "الأهداف",
    "المنتخب",
    "الملعب",
    "ملعب",
    "الفريق",
    "فريق",
    "نادي",
    "النادي",
    "البطولة",
    "الشوط",
    "مهاجم",
    "المهاجم",
    "حارس",
    "الحارس",
];

/// How far (normalised bytes) from a club city's name the [`SPORTS`] words that make its text
/// a sports article may be: twice [`CONTEXT_WINDOW`], most of a long match report.
const SPORTS_WINDOW: usize = 2 * CONTEXT_WINDOW;

/// How many [`SPORTS`] words make a text a sports article.
const SPORTS_WORDS_NEEDED: usize = 4;

/// Verbs and nouns of a player's move from club to club: in a sports article, a club town after
/// one of these and a preposition is the club (`انتقل إلى روما`, `انضمامه إلى روما`,
/// `الذي يرحل لروما`, `الانتقال من روما`), where after other words the preposition makes it the
/// town (`في روما`, `وصل الفريق إلى روما`).
const TRANSFER: &[&str] = &[
    "انتقل",
    "ينتقل",
    "انتقاله",
    "انتقال",
    "الانتقال",
    "انضم",
    "ينضم",
    "انضمامه",
    "انضمام",
    "الانضمام",
    "رحل",
    "يرحل",
    "رحيله",
    "الرحيل",
    "أعاره",
    "إعارته",
];

/// The prepositions that a [`TRANSFER`] word takes before the club: to, from.
const TRANSFER_PREPOSITION: &[&str] = &["إلى", "الى", "الي", "من", "عن"];

/// The sports words and clubs' towns of this module, normalised.
#[derive(Debug, Clone)]
pub struct Sports {
    club_places: WordSet,
    words: WordSet,
    transfers: WordSet,
    prepositions: WordSet,
}

impl Default for Sports {
    fn default() -> Self {
        Self::new()
    }
}

impl Sports {
    /// The lists of this module, normalised.
    pub fn new() -> Self {
        Sports {
            club_places: WordSet::new(CLUB_PLACES),
            words: WordSet::new(SPORTS),
            transfers: WordSet::new(TRANSFER),
            prepositions: WordSet::new(TRANSFER_PREPOSITION),
        }
    }

    /// Whether a normalised key is the name of a place that a sports article means as its club
    /// (the list `CLUB_PLACES` in this module).
    pub fn is_club_place(&self, key: &[u8]) -> bool {
        self.club_places.contains(key)
    }

    /// Where the tokens of `text` that are words of the list `SPORTS` start (normalised
    /// bytes, in order).
    pub fn sports_words(&self, text: &NormalizedText) -> Vec<u32> {
        let bytes = text.as_bytes();
        text.tokens()
            .iter()
            .filter(|&&(s, e)| self.words.contains(&bytes[s as usize..e as usize]))
            .map(|&(s, _)| s)
            .collect()
    }

    /// Whether the text around normalised position `at` reads as a sports article: at least
    /// `SPORTS_WORDS_NEEDED` (4) of the `sports_words` lie within `SPORTS_WINDOW` of it. A
    /// window, not the whole document, so that a file of many articles is not one article.
    pub fn in_sports_text(sports_words: &[u32], at: usize) -> bool {
        let lo = at.saturating_sub(SPORTS_WINDOW);
        let hi = at + SPORTS_WINDOW;
        let from = sports_words.partition_point(|&p| (p as usize) < lo);
        sports_words[from..]
            .iter()
            .take(SPORTS_WORDS_NEEDED)
            .filter(|&&p| (p as usize) <= hi)
            .count()
            == SPORTS_WORDS_NEEDED
    }

    /// Whether the match `m` follows a word of the list `TRANSFER` and the preposition it
    /// takes, written apart (`انتقل إلى روما`) or glued on as ل (`يرحل لروما`).
    pub fn after_a_transfer(&self, text: &NormalizedText, m: &Match) -> bool {
        let bytes = text.as_bytes();
        match &bytes[m.start..m.name_start] {
            [] => word_ending_at(bytes, m.start).is_some_and(|w| {
                self.prepositions.contains(&bytes[w.clone()])
                    && word_before_in(text, w.start, &self.transfers)
            }),
            [c] if *c == code('ل') => word_before_in(text, m.start, &self.transfers),
            _ => false,
        }
    }
}
