//! The resolution policy: every weight and threshold in one place, with why.
//!
//! Two questions are answered for each matched name (see `docs/matching.md`, "Resolution"):
//! 1. which candidate place is meant: [`candidate_score`], highest wins;
//! 2. whether it is a place mention at all: [`confidence`], a logistic score in [0, 1].
//!
//! The evidence is the same for both: how common the name is as an ordinary word compared with
//! how famous the place is, the word before it, the other places of the document, and (for
//! Latin script) capitalisation.

use super::cues::Trigger;
use super::facts::PlaceFacts;
use crate::gazetteer::{Kind, Place, Role};

/// What is known about one match before choosing a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// How common the name is as an ordinary word (Zipf).
    pub zipf: f32,
    /// The context word before the name, if any.
    pub trigger: Option<Trigger>,
    /// The name carries a place preposition as a clitic (بالرقة، للرقة).
    pub clitic_preposition: bool,
    /// The name is written with a final ه where its places are spelt with ة, and the word
    /// without that ه is a common one: the ه is the pronoun "his, its" (`زواره` "its
    /// visitors", not Zuwara; `حواره` "his dialogue", not Huwara; `جده` "his grandfather").
    /// Not for a country, continent or region, nor for a name of several words.
    pub pronoun_ending: bool,
    /// ف ("so, then") was read off the name, which has no article (`فتور` "lethargy" read as
    /// ف + Tver): see [`weight::THEN_BEFORE_A_FOREIGN_TOWN`].
    pub then_clitic: bool,
    /// The name was read behind clitics, and the whole token is a commoner word than the name:
    /// `بلاتر` (Blatter) read as ب + `لاتر` (Latur), `فاتن` (Faten) as ف + `اتن` (Athens),
    /// `باكرا` ("early", Zipf 3.9) as ب + `أكرا` (Accra, 3.3); or the
    /// token is ل + the article + a word commoner than the name (`للحج` "for the Hajj", not
    /// ل + `لحج` Lahij); or ك ("like") was read off a name without the article that names no
    /// country, continent or region (`كسبها` "earning it", not "like Sabha").
    pub clitic_word: bool,
    /// A masculine definite adjective of a place follows the name, and the word before is no
    /// place noun that it could agree with: `برشلونة الإسباني` is the club (a city is
    /// feminine: `برشلونة الإسبانية`), `ميناء كاليه الفرنسي` the port of a town. Counts as a
    /// [`Trigger::Named`] word before.
    pub club_adjective: bool,
    /// The name has several words (دير الزور): rarely an accident.
    pub multiword: bool,
    /// The name is written in Latin script and starts with a lower-case letter (past a
    /// lower-case article before a capital: `the Levant` and `al-Bab` do not).
    pub lowercase_latin: bool,
    /// The name is written in Latin script, starts with a capital and stands inside a sentence
    /// (`officials in Washington`): a proper noun, however common the word is (English
    /// frequencies count the name's own uses: `washington` is as common as a word as `nice`).
    /// Its place gets the fame allowance that a name built like no ordinary word gets.
    pub proper_noun: bool,
    /// The name is written in Latin script, outside a headline in title case, and is part of
    /// a longer capitalised name, a person's or an organisation's: the next word, past spaces
    /// only, is capitalised and no place noun (`Jordan Smith`, `the Washington Post`), or,
    /// with no cue word before the name, the word before is capitalised, inside the sentence or
    /// first in it and rarer than [`RARE_ENGLISH_WORD`] (`Denzel Washington`). Counts as a
    /// [`Trigger::Named`] word before.
    pub in_a_longer_name: bool,
    /// The name is written in Latin script and is the first part of a hyphenated modifier
    /// (`the Saudi-led coalition`, `a Beirut-based analyst`, `U.S.-backed forces`): an adjective,
    /// not the place. Counts as a [`Trigger::Named`] word before.
    pub modifier: bool,
    /// The name is written as capitals with full stops between them (`U.S`): short, yet no
    /// word, so [`weight::SHORT`] does not apply.
    pub abbreviation: bool,
    /// How common the commonest ordinary word is that the name would be a form of
    /// ([`Commonness::word_family_zipf`](crate::gazetteer::Commonness::word_family_zipf)).
    pub family_zipf: f32,
    /// Number of letters of the name (after normalisation, without clitics).
    pub letters: usize,
    /// The name is in Arabic script.
    pub arabic: bool,
    /// Which candidates (bit `i`: the entry's `i`-th) have a spelling carrying every short vowel
    /// and shadda written on the name (`عمّان` → Amman, not Oman); 0 when none is written.
    pub marks_fit: u64,
    /// The same name follows a person's title nearby in the document
    /// (`الدكتور لافال ... وأكد لافال`: the surgeon, not Laval in Quebec), and nothing before or
    /// on this occurrence says what it is: it is read as that person's name again. Counts as a
    /// [`Trigger::Person`] word before.
    pub person_elsewhere: bool,
    /// The name is a city's that a sports article means as its club (`فاز برشلونة`: see
    /// `Sports::is_club_place`), in a sports article, with no word before it and no preposition
    /// on it, or after a player's transfer (`انتقل إلى روما`, see `Sports::after_a_transfer`).
    /// Counts as a [`Trigger::Named`] word before.
    pub sports_club: bool,
    /// A country's feminine adjective comes right after the name, and no candidate lies in
    /// that country (`العمارة الصينية` "Chinese architecture", not al-Amarah in Iraq; `قناة
    /// الجزيرة القطرية` the channel): the adjective qualifies a noun, or a place the gazetteer
    /// does not have. (When a candidate lies there, the adjective supports it as any name of
    /// its country does: `طرابلس اللبنانية`.)
    pub foreign_adjective: bool,
    /// The name is joined by و to a country's name, before or after it (`والمغرب وعمان
    /// وفلسطين`): a list of countries, in which a name that is also a country's is that
    /// country (Oman, not Amman). See [`IN_A_LIST_OF_COUNTRIES`].
    pub listed_with_a_country: bool,
    /// The bare name is also its country's feminine adjective (`السعودية`: the adjective
    /// `السعودي` + ة) and comes right after a definite word, which it qualifies: `الأسهم
    /// السعودية` "Saudi stocks", `الهيئة السعودية للتخصصات الصحية`. It is then counted as the
    /// country's adjective, that is only with `--adjectives`, like `الأسهم المصرية`.
    pub agrees_as_adjective: bool,
    /// The bare name is shaped like a masculine adjective (a final ي) and is an everyday word,
    /// and it comes right after a bare word it could qualify: one without the article, neither
    /// feminine (a final ة or ات, which would take the feminine adjective) nor a function word
    /// nor a noun that takes a country after it (`رئيس`, `جيش`: see `Cues::takes_a_country`).
    /// `دفع مالي` is "a financial payment", `مصدر عسكري مالي` "a Malian military source", `لون
    /// رمادي` "grey" (not Ramadi); `حكومة مالي` and `رئيس مالي` are Mali's. Likewise a small
    /// town's name shaped like a feminine adjective (a written ة, a word family at least as
    /// common as [`NO_WORD_FAMILY`]) after a bare word written with ة that is no place noun
    /// and no noun of a town's institutions (`بلدية`, `شرطة`): `قيمة أصيلة` "an authentic
    /// value", not Asilah in Morocco (`مدينة أصيلة`, `بلدية أصيلة` and `مدينته أصيلة` are). See
    /// [`weight::ADJECTIVE_AFTER_A_NOUN`].
    pub adjective_after_a_noun: bool,
    /// The bare name (one word, no clitics) is shaped like a feminine definite adjective (the
    /// article and a final ة; for a capital's name, a final ية) and comes right after a
    /// definite word that is no place noun, no masculine nisba (`الغامدي`) and no name matched
    /// itself (`طريق القاهرة الإسكندرية`), with nothing but spaces between them as written: it
    /// qualifies that word, as an adjective takes the article of its noun, where a place's name
    /// would stand after an indefinite noun (`مدينة السلمية`). `التسوية السلمية` is "the
    /// peaceful settlement", `للأغراض السلمية` "for peaceful purposes" (not Salamiyah in
    /// Syria), `الحدود الشرقية` "the eastern border" (not Sharqia), `الأطعمة الدسمة` "fatty
    /// foods" (not Ad Dasmah in Kuwait), `العمال المهرة` "skilled workers" (not Al Mahrah). So
    /// too a name shaped like a masculine nisba adjective (the article and a final ي) whose word
    /// family is common ([`ADJECTIVE_FAMILY`]) after a masculine definite word that is no
    /// plural in ات and none of those that act in war news (`Cues::is_actor`): `الذئب الرمادي`
    /// "the grey wolf", not Ramadi; `استعاد الجيش الرمادي` is Ramadi. So too a colour's
    /// feminine adjective (`Cues::is_colour`: `المياه الزرقاء` "glaucoma", not Zarqa). After a
    /// noun that acts in war news, none of these: `حاصر الجيش الحسكة` is Al-Hasakah. See
    /// [`weight::DEFINITE_ADJECTIVE`].
    pub definite_adjective: bool,
    /// The bare definite name (the article, no clitics) comes right after a demonstrative
    /// (`هذه العقبة` "this obstacle", `تلك العمارة` "that building", `هذه الوفرة` "this
    /// abundance"), which news puts before a common noun, not before a place's name. Not for a
    /// name of a country or region. See [`weight::AFTER_A_DEMONSTRATIVE`].
    pub after_a_demonstrative: bool,
    /// The name, without the article, is an everyday word (its word family at least as common
    /// as [`COMMON_WORD_FAMILY`]) and only of towns abroad, and a word with the article and no
    /// clitic follows it with only spaces between, one that is no adjective it could take (no
    /// final ة or ي) and no word of time (`Cues::is_time_word`: `اليوم`): the name heads a
    /// construct, "the X of the Y", as a noun does and a town's name hardly ever does. `مشهد
    /// التوديع` is "the farewell scene" and `مشهد المفاوضات` "the scene of the talks", not
    /// Mashhad (`مشهد الإيرانية` is the city). See [`weight::HEADS_A_CONSTRUCT`].
    pub heads_a_construct: bool,
    /// The name is written with a hamza on alef inside a word (`حمأة` "mire", `بفأس` "with an
    /// axe") that no spelling of any of its places has there (Hama is `حماة`, Fes `فاس`): the
    /// word is another (see `marks::medial_hamzas` and [`weight::HAMZA_UNFIT`]).
    pub hamza_unfit: bool,
    /// The name ends in a tanween (`لاجئًا سوريًا` "a Syrian refugee", `بمعانٍ`): an indefinite
    /// noun or adjective, never a place's name (see `marks::ends_in_tanween` and
    /// [`weight::TANWEEN`]).
    pub tanween: bool,
    /// The word before is a noun for a quarter of a city (`حي`, `بحي`, `ضاحية`: see
    /// `Cues::quarter_before`): the name is a neighbourhood's. A town so named elsewhere is its
    /// namesake, unless the text around is about the town's country (see
    /// [`Support::elsewhere`] and [`weight::QUARTER_ELSEWHERE`]).
    pub quarter: bool,
    /// The word before is the plural `أحياء` "quarters" (see `Cues::quarters_before`): the name
    /// is the town the quarters are of, or, for a small town ([`SMALL_TOWN`]) abroad that no
    /// name in the text supports, the first of a list of local quarters (see
    /// [`Support::elsewhere`] and [`weight::QUARTER_ELSEWHERE`]).
    pub among_quarters: bool,
    /// The name goes on a list after a noun for quarters, joined by و to a quarter's name or
    /// to the first name after `أحياء` when that may be a small town (`أحياء العزيزية والدار
    /// البيضاء جنوب الرياض`: see `Resolver::lists_of_quarters`): like a name after `حي`, a town of any size so named
    /// elsewhere is its namesake unless the text around is about the town's country (see
    /// [`Support::elsewhere`] and [`weight::QUARTER_ELSEWHERE`]). `أحياء حلب وحمص` in an
    /// article about Syria keeps Homs.
    pub in_a_list_of_quarters: bool,
    /// The name stands alone in quotation marks and is also a newspaper's (`لـ«الشرق
    /// الأوسط»` "told Asharq al-Awsat", `صحيفة "الرياض"`), and the word before the quotation
    /// is no noun for a kind of place (`مدينة "الرياض"`, `العاصمة "الرياض"` are the city):
    /// see `Cues::is_newspaper` and `quotes::stands_in_quotes`. Counts as a
    /// [`Trigger::Named`] word before.
    pub quoted_newspaper: bool,
    /// The word before is a person's title (`الرئيس`, `الوزير`; not a kinship word such as
    /// `أبو`, `بن`) or an Arabic given name (`محمد`, `ماجد`): see `Cues::title_before` and
    /// `Cues::given_name_before`. A big Arab city's name after one is the object of a verb,
    /// not the man's name (`زار الرئيس دمشق`): see [`confidence`].
    pub after_a_title: bool,
}

impl Evidence {
    /// The cue that the policy weighs: the word before, [`Trigger::Named`] for a club's
    /// adjective after the name, a sports club, part of a longer Latin name, a hyphenated
    /// modifier or a newspaper's name in quotation marks, or [`Trigger::Person`] for a name
    /// that is a person's nearby.
    pub fn cue(&self) -> Option<Trigger> {
        if self.club_adjective
            || self.sports_club
            || self.in_a_longer_name
            || self.modifier
            || self.quoted_newspaper
        {
            Some(Trigger::Named)
        } else if self.trigger.is_none() && self.person_elsewhere {
            Some(Trigger::Person)
        } else {
            self.trigger
        }
    }
}

/// How the other places of the document bear on a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Support {
    /// Other names in the document that place something in the candidate's country.
    pub same_country: u32,
    /// Other names in the document that place something in the candidate's division.
    pub same_admin1: u32,
    /// For a neighbourhood's name ([`Evidence::quarter`], [`Evidence::in_a_list_of_quarters`];
    /// [`Evidence::among_quarters`] and a small town) and a town: the sure names near it place the text in other countries than
    /// the town's (fewer than a quarter of them in its country; see `Anchors::about`), or none
    /// of them supports its country (so in resolution's first pass, before there are any sure
    /// names, such a town takes the penalty too, and seldom becomes sure enough to lend
    /// support itself). For a small town's
    /// one-word Arabic name with no cue before it ([`weight::SMALL_TOWN_ELSEWHERE`]): none of
    /// the sure names within the window lies in its country, and two or more lie elsewhere.
    /// Always `false` otherwise.
    pub elsewhere: bool,
}

/// How important a place is, before context: half the log of its population, with fixed
/// values for the kinds that have none. A country (4.0) outranks any city; a city of a million
/// (3.0) outranks a division of unknown population (2.8), which outranks a town of 10,000 (2.0).
/// A national capital counts as at least [`CAPITAL_IMPORTANCE`].
pub fn importance(place: &Place) -> f64 {
    let pop = place.population.unwrap_or(0) as f64;
    match place.kind {
        Kind::Country => 4.0,
        Kind::Continent | Kind::Region => 3.5,
        Kind::Admin1 => 2.8,
        Kind::Admin2 => 2.3,
        Kind::PopulatedPlace if place.capital => {
            (0.5 * pop.max(100.0).log10().min(7.5)).max(CAPITAL_IMPORTANCE)
        }
        Kind::PopulatedPlace => 0.5 * pop.max(100.0).log10().min(7.5),
        // The seas, rivers, deserts and mountains of the gazetteer are curated, famous ones: a
        // division or town named after one (Sudan's Red Sea State) is the lesser reading.
        Kind::Water | Kind::Terrain => 3.0,
        Kind::Camp | Kind::Facility => 2.0,
    }
}

/// The least [`importance`] of a national capital: that of a city of 4 million. A bare name
/// of a capital is the city, not the division of the same name around it (`الدوحة`: Doha, a
/// city of 345,000 by GeoNames, 2.77, not the municipality of Ad Dawhah, 2.8; `بغداد`,
/// `القاهرة` and `صنعاء` likewise), nor a smaller namesake abroad; yet a country of the same
/// name (4.0: `الكويت`, `الجزائر`, `عمان` Oman against Amman) still outranks it, and a
/// namesake that the document's other places support can still win (`طرابلس` in an article
/// about Lebanon).
pub const CAPITAL_IMPORTANCE: f64 = 3.3;

/// [`importance`] under which a place is small: a town of under 100,000, or a second-level
/// division (2.3 whatever its population). See [`Evidence::adjective_after_a_noun`].
pub const SMALL_TOWN_IMPORTANCE: f64 = 2.5;

/// How common a place's name may be as a word just because the place is famous (Zipf).
/// "سوريا" is frequent in news because Syria is; a village's name is not, so when a village's
/// name is as frequent as "كان" the word is an ordinary word that happens to be a name.
pub fn expected_zipf(place: &Place) -> f32 {
    let pop = place.population.unwrap_or(0) as f32;
    match place.kind {
        Kind::Country => 5.8,
        Kind::Continent | Kind::Region => 5.0,
        Kind::Admin1 => 4.2,
        Kind::Admin2 => 3.5,
        Kind::PopulatedPlace => (0.75 * pop.max(1.0).log10()).clamp(1.5, 5.2),
        // Famous (curated) seas, rivers, deserts and mountains, as common as a city of 200,000.
        Kind::Water | Kind::Terrain => 4.0,
        Kind::Camp | Kind::Facility => 3.0,
    }
}

/// How much commoner (Zipf) than [`expected_zipf`] a place's name may be without counting against
/// it, when no ordinary word is built like the name ([`Evidence::family_zipf`] under
/// [`NO_WORD_FAMILY`]): one unit for a city of 300,000 people or more, none for other places.
/// A big city's name is in the news far more than its population says (غزة, واشنطن, دمشق are
/// as common as words of Zipf 4.9–5.1); a name built like a word (العين "the eye", أمل "hope")
/// gets no allowance, nor does a town, whose namesakes are more often people.
pub fn fame_allowance(place: &Place) -> f32 {
    if place.kind == Kind::PopulatedPlace && place.population.unwrap_or(0) >= 300_000 {
        1.0
    } else {
        0.0
    }
}

/// How common (Zipf) a name's stem without its final ه must be for that ه to be read as the
/// pronoun "his, its" ([`Evidence::pronoun_ending`]): `زوار` "visitors", `حوار` "dialogue", `جد`
/// "grandfather" are; `إدنبر` (إدنبره, Edinburgh) and `بلنسي` (Valencia) are no words.
pub const PRONOUN_STEM_ZIPF: f32 = 3.0;

/// [`Evidence::family_zipf`] below which a name is built like no ordinary word (see
/// [`fame_allowance`]). `قدس` ("holiness", 3.57) leaves القدس a city's name.
pub const NO_WORD_FAMILY: f32 = 3.6;

/// English Zipf frequency under which a capitalised word first in its sentence is taken for a
/// name (`Denzel Washington will...`), not a word (`Yesterday Washington said...`): see
/// [`Evidence::in_a_longer_name`].
pub const RARE_ENGLISH_WORD: f32 = 4.0;

/// Whether an Arabic-script name of this place is likely a transliteration that collides with
/// Arabic words: a town of under 200,000 people in a country where Arabic is not official
/// (see [`weight::FOREIGN_TRANSLITERATION`]).
pub fn transliteration_prone(place: &Place) -> bool {
    place.kind == Kind::PopulatedPlace
        && place.population.unwrap_or(0) < 200_000
        && !place.country.as_deref().is_some_and(arabic_official)
}

/// Whether a place is a town or city in a country where Arabic is not official: Arabic news
/// names it less often than its population says (see [`ARABIC_FOREIGN_FAME`]).
pub fn foreign_town(place: &Place) -> bool {
    place.kind == Kind::PopulatedPlace && !place.country.as_deref().is_some_and(arabic_official)
}

/// How much rarer (Zipf) an Arabic-script name of a [`foreign_town`] that is built like a
/// common word ([`Evidence::family_zipf`] at least [`COMMON_WORD_FAMILY`]) is expected to be in
/// Arabic text than [`expected_zipf`] says: as rare as a town a tenth its size at home. `مشهد`
/// ("scene", Zipf 4.5) is then commoner than a city of 2.3 million in Iran deserves, and
/// `البندقية` ("the rifle") than Venice. Names built like no word (جنيف، هوليوود) are left
/// alone: a foreign town's fame may far outrun its population.
pub const ARABIC_FOREIGN_FAME: f32 = 0.75;

/// [`Evidence::family_zipf`] from which a name shaped like a masculine definite nisba adjective
/// is read by [`Evidence::definite_adjective`] as one after a definite noun: `الرمادي` "grey"
/// (3.65: `الذئب الرمادي`, `باللون الرمادي`; `الوسطى` "central", 3.54, is read so too, its final
/// ى folded to ي: `المنطقتين الوسطى والشرقية`), not `الزبداني`, whose family is no word
/// (`وتحاصر قوات النظام الزبداني`: the object of the verb, after its subject).
pub const ADJECTIVE_FAMILY: f32 = 3.0;

/// [`Evidence::family_zipf`] from which a name is built like a common word (see
/// [`ARABIC_FOREIGN_FAME`]): `مشهد` 4.6, `بون` 4.3, `البندقية` 4.2; not `روما` (3.6).
pub const COMMON_WORD_FAMILY: f32 = 4.0;

/// [`importance`] under which a town is small: that of 100,000 people (see
/// [`weight::SMALL_TOWN_ELSEWHERE`]).
pub const SMALL_TOWN: f64 = 2.5;

/// Score of one candidate place for a match; the highest wins. `marks_fit`: the candidate has a
/// spelling that carries the diacritics written on the name (see [`Evidence::marks_fit`]).
pub fn candidate_score(
    place: &PlaceFacts,
    role: Role,
    ev: &Evidence,
    support: Support,
    marks_fit: bool,
) -> f64 {
    let mut s = place.importance;
    // A writer who puts a shadda or a vowel on a name means that spelling: it outweighs a
    // country's importance over a capital's (عمّان is Amman, عُمان Oman).
    if marks_fit {
        s += 2.0;
    }
    if let Some(t) = ev.cue() {
        s += match t.fit(place.kind) {
            2 => 2.0,
            1 => 0.7,
            0 => 0.0,
            _ => -1.0,
        };
    }
    // A co-mentioned place in the same country outweighs a population ratio of about 40; one in
    // the same division, of about 250 more.
    if support.same_country > 0 {
        s += 0.8;
    }
    if support.same_admin1 > 0 {
        s += 1.2;
    }
    if role == Role::Name {
        s += 0.3;
    }
    if ev.listed_with_a_country && place.kind == Kind::Country {
        s += IN_A_LIST_OF_COUNTRIES;
    }
    s
}

/// What a country gains in [`candidate_score`] when its name is joined by و to another
/// country's ([`Evidence::listed_with_a_country`]): as much as a co-mentioned place of its
/// division, enough for Oman against Amman in an article that also names Jordan.
pub const IN_A_LIST_OF_COUNTRIES: f64 = 1.2;

/// Weights of the confidence score (a logit; confidence = 1 / (1 + e^-logit)).
pub mod weight {
    /// Starting logit of a matched name: 0.85 before any evidence.
    pub const BASE: f64 = 1.7;
    /// Per Zipf unit that the name is more common than the place is famous.
    pub const EXCESS_COMMONNESS: f64 = 3.0;
    /// An Arabic-script name of a town of under 200,000 people in a country where Arabic is not
    /// an official language, with no other place of that country in the document: such names
    /// are transliterations, and transliterations collide with Arabic words and person names
    /// (بلير Blair read as ب + لير Leer).
    pub const FOREIGN_TRANSLITERATION: f64 = -2.5;
    /// A title or kinship word before it (الرئيس X، بن X): a person's name.
    pub const PERSON: f64 = -3.5;
    /// A club, agreement or treaty word before it (نادي X، اتفاق X).
    pub const NAMED: f64 = -2.5;
    /// A name of two letters or fewer ("بن", "Is").
    pub const SHORT: f64 = -1.5;
    /// A name read behind clitics in a token that is a commoner word than the name
    /// (`بلاتر` = ب + `لاتر`): a clitic goes with a small share of a name's occurrences, so
    /// such a token is far more likely that word (a person's name, most often) than the name
    /// with a clitic glued on. On SaudiNewsNet this took away about 1,800 mentions of names that are no word
    /// at all, nearly all false (Latur, Athens, Vigo, Reims, Giza...), and 157 more of names
    /// rarer than their token (`باكرا` "early" for Accra, `كسرت` "broke" for Sirte, `كريج`
    /// Craig), all false.
    pub const CLITIC_WORD: f64 = -3.0;
    /// A trigger word that fits the place (مدينة before a town).
    pub const TRIGGER_FITS: f64 = 2.0;
    /// A trigger word that merely allows it.
    pub const TRIGGER_ALLOWS: f64 = 0.8;
    /// A preposition of place before it, or glued to it.
    pub const PREPOSITION: f64 = 0.6;
    /// Another place of the document lies in the same country.
    pub const SAME_COUNTRY: f64 = 0.8;
    /// Another place of the document lies in the same division.
    pub const SAME_ADMIN1: f64 = 0.4;
    /// A name of several words.
    pub const MULTIWORD: f64 = 0.6;
    /// The place has a spelling carrying the short vowels or shadda written on the name: news
    /// text rarely has any, and a writer who puts them on a word spells out that name.
    pub const MARKS_FIT: f64 = 1.0;
    /// A Latin-script name written in lower case ("nice", "reading").
    pub const LOWERCASE_LATIN: f64 = -4.0;
    /// Another country's adjective right after the name ([`super::Evidence::foreign_adjective`]).
    pub const FOREIGN_ADJECTIVE: f64 = -3.0;
    /// A name written with the pronoun ه where its places have ة
    /// ([`super::Evidence::pronoun_ending`]).
    pub const PRONOUN_ENDING: f64 = -2.5;
    /// ف read off the name of a [`super::foreign_town`] of under a million people (by
    /// [`super::importance`], so never a capital): ف goes with verbs and with names that the
    /// news has just spoken of (`فواشنطن`, `فعدن`), and a token read so is far more often a
    /// word (`فتور` "lethargy", not Tver; `فرشت` "sprayed", not Rasht; `فلوريان`, Florian, not
    /// Lorient).
    pub const THEN_BEFORE_A_FOREIGN_TOWN: f64 = -3.0;
    /// A name read as an adjective of the word before
    /// ([`super::Evidence::adjective_after_a_noun`]), when nothing else in the document or around
    /// the name speaks for the place (no cue, no preposition, no country beside it in a list, no
    /// other place of its country). Enough to take a bare mention (0.85) under the default
    /// threshold.
    pub const ADJECTIVE_AFTER_A_NOUN: f64 = -1.5;
    /// A name read as the definite adjective of the word before
    /// ([`super::Evidence::definite_adjective`]). Arabic grammar leaves the name little room
    /// there, so neither other places of its country nor a preposition on the word before
    /// speak for it: enough to take any bare one-word mention under the default threshold.
    pub const DEFINITE_ADJECTIVE: f64 = -3.0;
    /// A definite name right after a demonstrative ([`super::Evidence::after_a_demonstrative`]):
    /// enough to take any bare one-word mention under the default threshold.
    pub const AFTER_A_DEMONSTRATIVE: f64 = -3.0;
    /// An everyday word's name heading a construct ([`super::Evidence::heads_a_construct`]):
    /// enough to take a mention after a preposition (0.73 for `إلى مشهد`) under the default
    /// threshold, not one after a place noun (`مدينة مشهد`) or with its own country's towns
    /// around it.
    pub const HEADS_A_CONSTRUCT: f64 = -1.5;
    /// A neighbourhood's name ([`super::Evidence::quarter`]) read as a town in a country the
    /// text is not about ([`super::Support::elsewhere`]): `حي العزيزية` beside Mecca or Riyadh
    /// is no Al-Aziziyah in Libya. Enough to take it under the default threshold whatever the
    /// quarter noun's cue adds.
    pub const QUARTER_ELSEWHERE: f64 = -3.5;
    /// A small town's one-word Arabic name ([`super::SMALL_TOWN`]) with no cue before it, where
    /// the sure names around it lie in other countries and none in its own
    /// ([`super::Support::elsewhere`]): the word is then far more often a word, a person's or a
    /// local namesake than a town abroad that the text never places (`العقبة الرئيسية` "the main
    /// obstacle" beside Iran's talks is no Aqaba, `العزيزية` beside Mecca no Al-Aziziyah in
    /// Libya, `جيرود` beside Arsenal no Jayrud in Syria). Enough to take it under the default
    /// threshold unless something else speaks for it.
    pub const SMALL_TOWN_ELSEWHERE: f64 = -2.0;
    /// A hamza written inside the name where no spelling of its places has one
    /// ([`super::Evidence::hamza_unfit`]): as much as a person's title before it, enough to
    /// take it under the default threshold after a place noun too.
    pub const HAMZA_UNFIT: f64 = -3.5;
    /// A name ending in a tanween ([`super::Evidence::tanween`]): as much as a hamza its
    /// places lack.
    pub const TANWEEN: f64 = -3.5;
}

/// Confidence that a match is a mention of `place`, in [0, 1]; `marks_fit` as for
/// [`candidate_score`].
pub fn confidence(place: &PlaceFacts, ev: &Evidence, support: Support, marks_fit: bool) -> f32 {
    let mut z = weight::BASE;
    if marks_fit {
        z += weight::MARKS_FIT;
    }
    let allowance = if ev.family_zipf < NO_WORD_FAMILY || ev.proper_noun {
        place.fame_allowance
    } else {
        0.0
    };
    let foreign = if ev.arabic && place.foreign_town && ev.family_zipf >= COMMON_WORD_FAMILY {
        ARABIC_FOREIGN_FAME
    } else {
        0.0
    };
    let excess = f64::from(ev.zipf - (place.expected_zipf - foreign) - allowance).max(0.0);
    z -= weight::EXCESS_COMMONNESS * excess;
    if ev.letters <= 2 && !ev.abbreviation {
        z += weight::SHORT;
    }
    if ev.clitic_word {
        z += weight::CLITIC_WORD;
    }
    match ev.cue().map(|t| t.fit(place.kind)) {
        Some(2) => z += weight::TRIGGER_FITS,
        Some(1) => z += weight::TRIGGER_ALLOWS,
        _ => {}
    }
    // A big Arab city's name built like no word is no one's name: after a title it is the
    // object of the verb before (`زار الرئيس دمشق` "the president visited Damascus"), not
    // the titled man's name (`الرئيس الأسد`). Foreign cities are (`المهاجم ممفيس` Memphis
    // Depay, `المدرب فيرغسون`), and so are Arab ones after a kinship word (`أحمد أبو غزة`).
    let city_no_one_is_named =
        ev.arabic && ev.after_a_title && allowance > 0.0 && !place.foreign_town;
    match ev.cue() {
        Some(Trigger::Person) if !city_no_one_is_named => z += weight::PERSON,
        Some(Trigger::Named) => z += weight::NAMED,
        _ => {}
    }
    // A preposition says little before an everyday word (one word, built like common ones)
    // that is commoner than its place is famous: `في العين` is "in the eye" far more often than
    // in Al Ain, `في مشهد` "in a scene" than in Mashhad.
    let everyday_word = excess > 0.0 && !ev.multiword && ev.family_zipf >= COMMON_WORD_FAMILY;
    if (ev.trigger == Some(Trigger::Preposition) || ev.clitic_preposition) && !everyday_word {
        z += weight::PREPOSITION;
    }
    if support.same_country > 0 {
        z += weight::SAME_COUNTRY;
    }
    // A country's "division" is all of it (see `Anchors::support`): for choosing it over a
    // capital of the same name, not for being more sure it is a place.
    if support.same_admin1 > 0 && place.kind != Kind::Country {
        z += weight::SAME_ADMIN1;
    }
    if ev.multiword {
        z += weight::MULTIWORD;
    }
    if ev.lowercase_latin {
        z += weight::LOWERCASE_LATIN;
    }
    if ev.foreign_adjective {
        z += weight::FOREIGN_ADJECTIVE;
    }
    if ev.pronoun_ending {
        z += weight::PRONOUN_ENDING;
    }
    if ev.then_clitic && place.foreign_town && place.importance < 3.0 {
        z += weight::THEN_BEFORE_A_FOREIGN_TOWN;
    }
    if ev.adjective_after_a_noun
        && ev.trigger.is_none()
        && !ev.clitic_preposition
        && !ev.listed_with_a_country
        && support.same_country == 0
    {
        z += weight::ADJECTIVE_AFTER_A_NOUN;
    }
    if ev.definite_adjective {
        z += weight::DEFINITE_ADJECTIVE;
    }
    if ev.after_a_demonstrative {
        z += weight::AFTER_A_DEMONSTRATIVE;
    }
    if ev.heads_a_construct {
        z += weight::HEADS_A_CONSTRUCT;
    }
    if ev.hamza_unfit {
        z += weight::HAMZA_UNFIT;
    }
    if ev.tanween {
        z += weight::TANWEEN;
    }
    if (ev.quarter || ev.among_quarters || ev.in_a_list_of_quarters) && support.elsewhere {
        z += weight::QUARTER_ELSEWHERE;
    } else if support.elsewhere {
        z += weight::SMALL_TOWN_ELSEWHERE;
    }
    if ev.arabic && support.same_country == 0 && place.transliteration_prone {
        z += weight::FOREIGN_TRANSLITERATION;
    }
    (1.0 / (1.0 + (-z).exp())) as f32
}

/// Countries where Arabic is an official or co-official language (ISO 3166-1 alpha-2).
const ARABIC_OFFICIAL: [&str; 25] = [
    "AE", "BH", "DJ", "DZ", "EG", "EH", "ER", "IL", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
    "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN",
];

fn arabic_official(cc: &str) -> bool {
    ARABIC_OFFICIAL.contains(&cc) || cc == "YE"
}

/// How far (in normalised bytes: one byte an Arabic letter) a sure
/// mention lends its country to other names: about 1,500 letters, a few paragraphs of an article.
/// A file of unrelated sentences is thus not one big context.
pub const CONTEXT_WINDOW: usize = 1500;

/// How much more (in [`candidate_score`]) the place of a token's reading with more clitics must
/// score than the place of its other reading to be chosen instead (`Resolver::choose_readings`):
/// a token that is a name on its own is usually meant as that name.
pub const OTHER_READING_MARGIN: f64 = 0.25;

/// The share of a sure occurrence's confidence that it lends to an unsure occurrence of the
/// same name nearby (one sense per discourse).
pub const SAME_NAME_NEARBY: f32 = 0.9;

/// Confidence a first-pass mention needs to lend its country to the others of its document
/// (it must also lead its namesakes abroad by [`ANCHOR_MARGIN`]).
pub const ANCHOR_CONFIDENCE: f32 = 0.6;

/// How much better (in [`candidate_score`]) a first-pass reading must be than every reading in
/// another country for the mention to lend its country to the others: half a unit, a population
/// ratio of about 10.
pub const ANCHOR_MARGIN: f64 = 0.5;

/// The default `--min-confidence`: the value that maximised F1 on the development data (the
/// ANERcorp sentences before its test split), see README.md.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.65;
