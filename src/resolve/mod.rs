//! Stage 4: from a matched name to a place, or to nothing.
//!
//! A [`Match`] names a key that may belong to several places (a town in Morocco and one in
//! Syria) and may be an ordinary word. The [`Resolver`] gathers the evidence around each match
//! (`evidence.rs`) and looks at the whole document in three passes: the first resolves every
//! match on its own evidence and keeps the sure ones that are clear about their country as
//! anchors; the second resolves again with the anchors' countries and divisions as context, and
//! keeps the likelier of two readings of one token; the third lends a sure occurrence's reading
//! to unsure ones of the same name. The weights are in [`policy`]; `docs/matching.md` walks
//! through examples.

pub mod cues;
mod evidence;
pub mod facts;
mod letter_case;
mod marks;
pub mod policy;
mod quotes;
pub mod reach;
pub mod sports;
mod word_table;

use crate::gazetteer::{Commonness, Gazetteer, Kind, Role};
use crate::matcher::{Candidate, Entry, Match, Matcher};
use crate::text::NormalizedText;
use crate::text::encoding::decode;
use evidence::names_in_a_row;

pub use cues::{Cues, Trigger};
pub use facts::{Facts, PlaceFacts};
pub use policy::{Evidence, Support};
pub use reach::{CueMask, Reach, Reachable};
pub use sports::Sports;

/// A place mention in a document: a matched name resolved to one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Start of the surface form in the original text (byte offset, clitics included).
    pub start: usize,
    /// Start of the name proper, after the clitics (byte offset).
    pub name_start: usize,
    /// End of the surface form (byte offset, exclusive).
    pub end: usize,
    /// Index of the place in the gazetteer.
    pub place: u32,
    /// Index of the matcher entry (the normalised name) that matched.
    pub entry: u32,
    /// Whether the name is an adjective of the place (counted only with `--adjectives`).
    pub adjective: bool,
    /// How sure the resolver is that this is a mention of this place, in [0, 1].
    pub confidence: f32,
}

/// Options of resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolveOptions {
    /// Count demonyms and adjectives (السوري, Syrian) toward their country.
    pub adjectives: bool,
    /// Drop mentions whose confidence is below this.
    pub min_confidence: f32,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            adjectives: false,
            min_confidence: policy::DEFAULT_MIN_CONFIDENCE,
        }
    }
}

/// Why a match did not become a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// It is (part of) a blocker phrase: an organisation, operation, person...
    Blocked,
    /// It is a generic noun (المدينة "the city").
    Generic,
    /// It is an adjective and `--adjectives` is off.
    Adjective,
    /// Its confidence is under `--min-confidence`.
    LowConfidence,
    /// Another reading of the same token (with or without clitics) is likelier.
    OtherReading,
}

impl Dropped {
    /// A short reason for `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dropped::Blocked => "blocked",
            Dropped::Generic => "generic noun",
            Dropped::Adjective => "adjective (use --adjectives to count it)",
            Dropped::LowConfidence => "confidence below --min-confidence",
            Dropped::OtherReading => "another reading of the token is likelier",
        }
    }
}

/// One candidate as the resolver saw it (for `--explain`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// Index of the place.
    pub place: u32,
    /// Whether the name is the place's adjective.
    pub role: Role,
    /// Its [`policy::candidate_score`].
    pub score: f64,
    /// Its support from the rest of the document.
    pub support: Support,
    /// Whether it has a spelling that carries the marks written on the name.
    pub marks_fit: bool,
}

/// Everything the resolver decided about one match (for `--explain`).
#[derive(Debug, Clone)]
pub struct Decision {
    /// The match.
    pub matched: Match,
    /// The surface form's byte range in the original text (clitics included).
    pub span: std::ops::Range<usize>,
    /// The normalised name that matched, decoded.
    pub key: String,
    /// The evidence around it.
    pub evidence: Evidence,
    /// The candidates considered, best first.
    pub candidates: Vec<Scored>,
    /// The mention it became, if any.
    pub mention: Option<Mention>,
    /// Why it was dropped, if it was.
    pub dropped: Option<Dropped>,
}

/// Resolves the matches of one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    gazetteer: &'a Gazetteer,
    facts: &'a Facts,
    matcher: &'a Matcher,
    cues: &'a Cues,
    commonness: &'a Commonness,
    options: ResolveOptions,
}

/// The sure mentions of a document, in text order: where each is, its entry, and its place's
/// country and division. A mention lends context only to names within
/// [`policy::CONTEXT_WINDOW`] bytes of it, and an entry never supports itself.
#[derive(Debug, Default)]
struct Anchors(Vec<Anchor>);

#[derive(Debug, Clone, Copy)]
struct Anchor {
    pos: usize,
    entry: u32,
    country: u32,
    admin1: u32,
}

/// What the passes over a document's matches found.
struct Passes {
    /// The evidence around each match.
    evidence: Vec<Evidence>,
    /// The sure mentions of the first pass.
    anchors: Anchors,
    /// Why each match can never be a mention, if it cannot (see [`Resolver::excluded`]).
    excluded: Vec<Option<Dropped>>,
    /// The chosen place of each match with its confidence (`None`: blocked, generic or no
    /// candidate).
    chosen: Vec<Option<(Scored, f32)>>,
}

/// Orders candidates best first: highest score, ties to the earlier place of the gazetteer.
fn better(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.place.cmp(&b.place))
}

impl<'a> Resolver<'a> {
    /// A resolver over the places of `gazetteer`, described by `facts`, and the names of
    /// `matcher`.
    pub fn new(
        gazetteer: &'a Gazetteer,
        facts: &'a Facts,
        matcher: &'a Matcher,
        cues: &'a Cues,
        commonness: &'a Commonness,
        options: ResolveOptions,
    ) -> Self {
        Resolver {
            gazetteer,
            facts,
            matcher,
            cues,
            commonness,
            options,
        }
    }

    /// Appends the mentions of `matches` (all from `text`, whose original is `original`) to
    /// `out`, in text order.
    pub fn resolve(
        &self,
        original: &str,
        text: &NormalizedText,
        matches: &[Match],
        out: &mut Vec<Mention>,
    ) {
        let Passes {
            excluded, chosen, ..
        } = self.passes(original, text, matches);
        for ((m, why), best) in matches.iter().zip(excluded).zip(chosen) {
            if let (Some(mention), None) = self.outcome(text, m, why, best) {
                out.push(mention);
            }
        }
    }

    /// Every decision, dropped matches included, with all candidates scored (for `--explain`).
    pub fn explain(
        &self,
        original: &str,
        text: &NormalizedText,
        matches: &[Match],
    ) -> Vec<Decision> {
        let Passes {
            evidence,
            anchors,
            excluded,
            chosen,
        } = self.passes(original, text, matches);
        matches
            .iter()
            .zip(&evidence)
            .zip(excluded)
            .zip(chosen)
            .map(|(((m, ev), why), best)| {
                let (mention, dropped) = self.outcome(text, m, why, best);
                Decision {
                    matched: *m,
                    span: text.original_range(m.start..m.end),
                    key: decode(&self.matcher.entry(m.entry).key),
                    evidence: *ev,
                    candidates: self.scored(m, ev, &anchors),
                    mention,
                    dropped,
                }
            })
            .collect()
    }

    /// Why a match is never a mention whatever its candidates: it is a blocker phrase or a
    /// generic noun.
    fn excluded(&self, m: &Match) -> Option<Dropped> {
        let entry = self.matcher.entry(m.entry);
        if entry.blocker.is_some() {
            Some(Dropped::Blocked)
        } else if self.cues.is_generic(&entry.key) {
            Some(Dropped::Generic)
        } else {
            None
        }
    }

    /// The three passes over a document's matches (see [`Passes`]).
    fn passes(&self, original: &str, text: &NormalizedText, matches: &[Match]) -> Passes {
        let mut evidence: Vec<Evidence> = matches
            .iter()
            .map(|m| self.evidence(original, text, m))
            .collect();
        self.persons_nearby(text, matches, &mut evidence);
        self.sports_clubs(text, matches, &mut evidence);
        self.adjectives_after(text, matches, &mut evidence);
        self.lists_of_countries(text, matches, &mut evidence);
        self.lists_of_quarters(text, matches, &mut evidence);
        let excluded: Vec<Option<Dropped>> = matches.iter().map(|m| self.excluded(m)).collect();
        let best_all = |evidence: &[Evidence], anchors: &Anchors| -> Vec<Option<(Scored, f32)>> {
            matches
                .iter()
                .zip(evidence)
                .zip(&excluded)
                .map(|((m, ev), why)| match why {
                    Some(_) => None,
                    None => self.best(m, ev, anchors),
                })
                .collect()
        };
        // Pass 1: each match on its own; the sure ones become anchors (not a blocker or a
        // generic noun, and of two readings of one token only the likelier).
        let mut anchors = Anchors::default();
        let mut alone = best_all(&evidence, &Anchors::default());
        self.choose_readings(matches, &evidence, &excluded, &mut alone);
        let mut sure = vec![false; matches.len()];
        for (((m, ev), best), sure) in matches.iter().zip(&evidence).zip(alone).zip(&mut sure) {
            if let Some((best, conf)) = best
                && conf >= policy::ANCHOR_CONFIDENCE
                && self.decisive(m, ev, &best)
            {
                anchors.add(self.facts.get(best.place), m);
                *sure = true;
            }
        }
        names_in_a_row(matches, &sure, &mut evidence);
        // Pass 2: again, with the anchors as context.
        let mut chosen = best_all(&evidence, &anchors);
        let mut excluded = excluded;
        for loser in self.choose_readings(matches, &evidence, &excluded, &mut chosen) {
            excluded[loser].get_or_insert(Dropped::OtherReading);
        }
        // Pass 3: one sense per discourse. A name that is surely a place somewhere lends that
        // reading to its other occurrences nearby (بلدة القائم ... القائم).
        self.agree_with_sure_neighbours(matches, &evidence, &mut chosen);
        Passes {
            evidence,
            anchors,
            excluded,
            chosen,
        }
    }

    /// Of two readings of one token (a match followed by one with the same span: see
    /// [`Match`]), keeps the likelier: the other loses its place in `chosen`, and its index is
    /// returned (to be marked [`Dropped::OtherReading`]; there is seldom any, and an empty
    /// list does not allocate).
    ///
    /// The first reading (read with fewer clitics) stays unless all of these hold:
    /// - neither reading is excluded (a blocker phrase, a generic noun: `بليون` "billion" is
    ///   not ب + Lyon);
    /// - the word before is no cue for the first that it is not for the other (`إلى وجدة` is
    ///   "to Oujda": a conjunction does not follow a preposition);
    /// - both are mentions (`فريج` "neighbourhood", no mention, is not ف + `ريج`, a town);
    /// - the other's place scores more than [`policy::OTHER_READING_MARGIN`] above the first's.
    ///
    /// So `وجدة` near Riyadh is و + Jeddah and near Rabat Oujda, and `لبنان` stays Lebanon,
    /// never ل + a village called `بنان`.
    fn choose_readings(
        &self,
        matches: &[Match],
        evidence: &[Evidence],
        excluded: &[Option<Dropped>],
        chosen: &mut [Option<(Scored, f32)>],
    ) -> Vec<usize> {
        let mut losers = Vec::new();
        for i in 1..matches.len() {
            if !matches[i].reads_same_token_as(&matches[i - 1]) {
                continue;
            }
            let is_mention = |c: Option<(Scored, f32)>| {
                c.filter(|(_, conf)| *conf >= self.options.min_confidence)
            };
            let other_wins = excluded[i - 1].is_none()
                && excluded[i].is_none()
                && (evidence[i - 1].trigger.is_none() || evidence[i].trigger.is_some())
                && match (is_mention(chosen[i - 1]), is_mention(chosen[i])) {
                    (None, _) | (_, None) => false,
                    (Some((a, _)), Some((b, _))) => {
                        b.score > a.score + policy::OTHER_READING_MARGIN
                    }
                };
            let loser = if other_wins { i - 1 } else { i };
            chosen[loser] = None;
            losers.push(loser);
        }
        losers
    }

    /// What becomes of one match given why it is excluded (if it is) and its chosen place: the
    /// mention (if it has a place) and why it is dropped (if it is).
    fn outcome(
        &self,
        text: &NormalizedText,
        m: &Match,
        excluded: Option<Dropped>,
        best: Option<(Scored, f32)>,
    ) -> (Option<Mention>, Option<Dropped>) {
        if excluded.is_some() {
            return (None, excluded);
        }
        let Some((best, conf)) = best else {
            return (None, None);
        };
        let outer = text.original_range(m.start..m.end);
        let name = text.original_range(m.name_start..m.end);
        let mention = Mention {
            start: outer.start,
            name_start: name.start,
            end: outer.end,
            place: best.place,
            entry: m.entry,
            adjective: best.role == Role::Adjective,
            confidence: conf,
        };
        let dropped = if mention.adjective && !self.options.adjectives {
            Some(Dropped::Adjective)
        } else if conf < self.options.min_confidence {
            Some(Dropped::LowConfidence)
        } else {
            None
        };
        (Some(mention), dropped)
    }

    /// Marks [`Evidence::sports_club`] on the bare mentions of club cities (`فاز برشلونة`) and
    /// on those after a player's transfer (`انتقل إلى روما`) in the parts of the document that
    /// read as a sports article (looked at only when there is such a name).
    fn sports_clubs(&self, text: &NormalizedText, matches: &[Match], evidence: &mut [Evidence]) {
        let bytes = text.as_bytes();
        let sports = self.cues.sports();
        let candidate = |m: &Match, ev: &Evidence| {
            sports.is_club_place(&bytes[m.name_start..m.end])
                && ((ev.trigger.is_none() && !ev.clitic_preposition)
                    || sports.after_a_transfer(text, m))
        };
        if !matches
            .iter()
            .zip(evidence.iter())
            .any(|(m, ev)| candidate(m, ev))
        {
            return;
        }
        let words = sports.sports_words(text);
        for (m, ev) in matches.iter().zip(evidence.iter_mut()) {
            ev.sports_club = candidate(m, ev) && Sports::in_sports_text(&words, m.start);
        }
    }

    /// Whether a match is a person's name by its title (`الدكتور داروين`), surely enough to
    /// read the same name as that person nearby (see [`Self::persons_nearby`]): a title right before
    /// the bare name (no conjunction or preposition glued on: `جبل الشيخ والقنيطرة`), and no
    /// candidate a country or division, whose names a title before is a figure of speech
    /// (`السيدة أمريكا`) or a slip (`الرئيس السودان`) far more often than a person's.
    fn titled_person(&self, text: &NormalizedText, m: &Match, ev: &Evidence) -> bool {
        ev.trigger == Some(Trigger::Person)
            && m.name_start == m.start
            && self.cues.title_before(text, m.start)
            && !self.may_be_country_or_division(m.entry)
    }

    /// Whether some candidate of `entry` is a country, continent, region or first-level
    /// division: names that a person's title or nationality before them does not make a
    /// person's.
    fn may_be_country_or_division(&self, entry: u32) -> bool {
        self.some_candidate_is(self.matcher.entry(entry), |k| {
            matches!(
                k,
                Kind::Country | Kind::Continent | Kind::Region | Kind::Admin1
            )
        })
    }

    /// Whether some candidate of `entry` is its country's capital.
    fn may_be_capital(&self, entry: &Entry) -> bool {
        entry
            .candidates
            .iter()
            .any(|c| self.facts.get(c.place).capital)
    }

    /// Whether some candidate of `entry` is a country, continent or region: names that the
    /// cues read off a town's name (ك "like", a pronoun ه) leave alone.
    fn may_be_country_or_region(&self, entry: &Entry) -> bool {
        self.some_candidate_is(entry, |k| {
            matches!(k, Kind::Country | Kind::Continent | Kind::Region)
        })
    }

    /// The candidates of `entry` in the role `role` that are countries (`السعودية` as a name,
    /// `الصينية` as an adjective).
    fn country_candidates<'e>(
        &self,
        entry: &'e Entry,
        role: Role,
    ) -> impl Iterator<Item = &'e Candidate> + use<'e, '_> {
        entry
            .candidates
            .iter()
            .filter(move |c| c.role == role && self.facts.get(c.place).kind == Kind::Country)
    }

    /// Whether some candidate place of `entry` is of a kind that `kind` accepts.
    fn some_candidate_is(&self, entry: &Entry, kind: impl Fn(Kind) -> bool) -> bool {
        entry
            .candidates
            .iter()
            .any(|c| kind(self.facts.get(c.place).kind))
    }

    /// One sense per discourse, for people: marks [`Evidence::person_elsewhere`] on each
    /// occurrence of a name with no cue of its own (no word before it, no preposition glued on,
    /// no club's adjective after it) when the same name follows a person's title within
    /// [`policy::CONTEXT_WINDOW`] (`الدكتور لافال` ... `وأكد لافال`).
    ///
    /// Only a title counts ([`Self::titled_person`]), not a kinship word: `ابن الباحة` is a
    /// native of Al Bahah, and says nothing of the other times the article names it.
    fn persons_nearby(&self, text: &NormalizedText, matches: &[Match], evidence: &mut [Evidence]) {
        let persons: Vec<(usize, u32)> = matches
            .iter()
            .zip(evidence.iter())
            .filter(|(m, ev)| self.titled_person(text, m, ev))
            .map(|(m, _)| (m.start, m.entry))
            .collect();
        if persons.is_empty() {
            return;
        }
        for (m, ev) in matches.iter().zip(evidence.iter_mut()) {
            ev.person_elsewhere = ev.trigger.is_none()
                && !ev.clitic_preposition
                && !ev.club_adjective
                && within_reach(&persons, |p| p.0, m.start)
                    .iter()
                    .any(|&(_, entry)| entry == m.entry);
        }
    }

    /// Raises an unsure reading of a name to the reading of a sure occurrence of the same name
    /// within [`policy::CONTEXT_WINDOW`], at [`policy::SAME_NAME_NEARBY`] of its confidence
    /// (not a reading chosen by the diacritics written on the name, nor one whose cue says it
    /// is a person or something named after the place: `بورتو البرتغالي` is the club even
    /// beside `مدينة بورتو`, nor an adjective by agreement). A reading already sure enough to
    /// be an anchor keeps its place, and only becomes surer of it. A name read as the definite
    /// adjective of the word before borrows none either (`مدينة السلمية` lends nothing to
    /// `التسوية السلمية` further on).
    fn agree_with_sure_neighbours(
        &self,
        matches: &[Match],
        evidence: &[Evidence],
        chosen: &mut [Option<(Scored, f32)>],
    ) {
        // A name read as an adjective by its agreement (`الأسهم السعودية`) lends its reading to
        // no other occurrence and borrows none: the reading is of that occurrence only. (As an
        // anchor it still lends its country, as adjectives do: see `passes`.)
        let sure: Vec<(usize, u32, Scored, f32)> = matches
            .iter()
            .zip(chosen.iter())
            .zip(evidence)
            .filter(|(_, ev)| !ev.agrees_as_adjective)
            .filter_map(|((m, c), _)| {
                c.filter(|(_, conf)| *conf >= policy::ANCHOR_CONFIDENCE)
                    .map(|(b, conf)| (m.start, m.entry, b, conf))
            })
            .collect();
        for ((m, ev), c) in matches.iter().zip(evidence).zip(chosen.iter_mut()) {
            let Some((own, conf)) = *c else { continue };
            if conf >= policy::SAME_NAME_NEARBY {
                continue; // No neighbour can lend more (the cheap test first: most are here).
            }
            // A name written with marks that fit its reading (عمّان) is not the same name as its
            // unmarked neighbours (عمان), nor one written with a hamza its places lack (`حمأة`
            // beside `حماة`) or a tanween (`سوريًا` beside `سوريا`), nor a Latin word in small
            // letters (`a nice van`) as its capitalised neighbours (`Nice`, `Van`).
            if own.marks_fit
                || ev.hamza_unfit
                || ev.tanween
                || ev.lowercase_latin
                || ev.agrees_as_adjective
                || ev.definite_adjective
                || matches!(ev.cue(), Some(Trigger::Person | Trigger::Named))
            {
                continue;
            }
            let lent = within_reach(&sure, |s| s.0, m.start)
                .iter()
                .filter(|(_, entry, _, _)| *entry == m.entry)
                .map(|(_, _, b, sc)| (*b, sc * policy::SAME_NAME_NEARBY))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            // A sure reading keeps its place; it may only become surer of it (one just under
            // `--min-confidence` beside a surer one of the same place is not left out).
            if let Some((b, lent_conf)) = lent.filter(|(b, lc)| {
                *lc > conf && (conf < policy::ANCHOR_CONFIDENCE || b.place == own.place)
            }) {
                *c = Some((b, lent_conf));
            }
        }
    }

    /// The candidates of a match, each with whether it fits the marks written on the name.
    fn candidates<'e>(
        &'e self,
        m: &Match,
        ev: &'e Evidence,
    ) -> impl Iterator<Item = (u32, Role, bool)> + 'e {
        self.matcher
            .entry(m.entry)
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (c.place, c.role, i < 64 && ev.marks_fit >> i & 1 == 1))
    }

    fn score(
        &self,
        (place, role, marks_fit): (u32, Role, bool),
        m: &Match,
        ev: &Evidence,
        anchors: &Anchors,
        cap: usize,
        capitals: Capitals,
    ) -> Scored {
        let p = self.facts.get(place);
        let contested = capitals.iter().any(|&c| c != facts::NONE && c != p.country);
        let mut support = anchors.support(p, m, cap, contested);
        if p.kind == Kind::PopulatedPlace
            && (ev.quarter
                || ev.in_a_list_of_quarters
                || (ev.among_quarters && p.importance < policy::SMALL_TOWN))
        {
            support.elsewhere = support.same_country == 0 || !anchors.about_around(p.country, m);
        } else if p.kind == Kind::PopulatedPlace
            && p.importance < policy::SMALL_TOWN
            && ev.trigger.is_none()
            && ev.arabic
            && !ev.multiword
        {
            support.elsewhere = anchors.only_elsewhere(p.country, m);
        }
        Scored {
            place,
            role,
            score: policy::candidate_score(p, role, ev, support, marks_fit),
            support,
            marks_fit,
        }
    }

    /// The countries of the first two national capitals among the candidates of `m` (see
    /// [`Anchors::support`]), worked out only when there are anchors to lend support.
    fn capitals(&self, m: &Match, anchors: &Anchors) -> Capitals {
        let mut found = [facts::NONE; 2];
        if anchors.0.is_empty() {
            return found;
        }
        let countries = self
            .matcher
            .entry(m.entry)
            .candidates
            .iter()
            .filter_map(|c| {
                let p = self.facts.get(c.place);
                p.capital.then_some(p.country)
            });
        for (slot, country) in found.iter_mut().zip(countries) {
            *slot = country;
        }
        found
    }

    /// Every candidate, best first (for `--explain`).
    fn scored(&self, m: &Match, ev: &Evidence, anchors: &Anchors) -> Vec<Scored> {
        let capitals = self.capitals(m, anchors);
        let mut v: Vec<Scored> = self
            .candidates(m, ev)
            .map(|c| self.score(c, m, ev, anchors, SUPPORT_CAP, capitals))
            .collect();
        v.sort_by(better);
        v
    }

    /// Whether the first pass's `best` reading of a match is clear about its country: every
    /// candidate in another country scores at least [`policy::ANCHOR_MARGIN`] less. A name
    /// whose namesakes abroad are about as likely (`وندسور`: Windsor in Ontario, 217,000 people,
    /// or in England, 30,000) is no anchor: read as Ontario, it made `لندن` London, Ontario.
    fn decisive(&self, m: &Match, ev: &Evidence, best: &Scored) -> bool {
        let country = self.facts.get(best.place).country;
        let alone = Anchors::default();
        self.candidates(m, ev).all(|c| {
            self.facts.get(c.0).country == country
                || self.score(c, m, ev, &alone, 1, [facts::NONE; 2]).score + policy::ANCHOR_MARGIN
                    <= best.score
        })
    }

    /// The best candidate of a match and its confidence. Its support is counted up to one
    /// name each (the policy only asks whether there is any).
    fn best(&self, m: &Match, ev: &Evidence, anchors: &Anchors) -> Option<(Scored, f32)> {
        let capitals = self.capitals(m, anchors);
        let mut best = self
            .candidates(m, ev)
            .map(|c| self.score(c, m, ev, anchors, 1, capitals))
            .min_by(better)?;
        let p = self.facts.get(best.place);
        if ev.agrees_as_adjective && p.kind == Kind::Country {
            best.role = Role::Adjective; // `الأسهم السعودية`: Saudi stocks.
        }
        Some((
            best,
            policy::confidence(p, ev, best.support, best.marks_fit),
        ))
    }
}

/// The run of `items` (in ascending order of their position, `pos`) that lies within
/// [`policy::CONTEXT_WINDOW`] of `at`, either way: found by binary search, so that a document
/// of many names costs time in proportion to their number, not to its square.
fn within_reach<T>(items: &[T], pos: impl Fn(&T) -> usize, at: usize) -> &[T] {
    let lo = items.partition_point(|x| pos(x) + policy::CONTEXT_WINDOW < at);
    let hi = items.partition_point(|x| pos(x) <= at + policy::CONTEXT_WINDOW);
    &items[lo..hi.max(lo)]
}

/// How near (normalised bytes, about a sentence) the sure names are that decide whether the
/// context is about a candidate's country, when it would take the name from another country's
/// capital (see [`Anchors::support`]).
const NEAR: usize = 300;

/// The countries of up to two national capitals among a match's candidates ([`facts::NONE`]
/// for none).
type Capitals = [u32; 2];

/// Support is counted up to this many distinct names for `--explain`, which shows the count
/// (the policy only asks whether there is any).
const SUPPORT_CAP: usize = 8;

impl Anchors {
    fn add(&mut self, p: &PlaceFacts, m: &Match) {
        if p.country != facts::NONE {
            self.0.push(Anchor {
                pos: m.start,
                entry: m.entry,
                country: p.country,
                admin1: p.admin1,
            });
        }
    }

    /// Whether the text around `m` is about `country`: at least a quarter of the sure names of
    /// other entries within [`NEAR`] of it lie there, or, when there are none that near, of
    /// those in `reach` (the anchors within the window around `m`).
    fn about(country: u32, m: &Match, reach: &[Anchor]) -> bool {
        let (same, other) = Self::tally(country, m, reach);
        let k = usize::from(same[1] + other[1] > 0);
        same[k] * 3 >= other[k]
    }

    /// The sure names of other entries than `m`'s in `reach` that lie in `country`, and those
    /// that lie elsewhere, each counted as `[all of them, those within NEAR of m]`.
    fn tally(country: u32, m: &Match, reach: &[Anchor]) -> ([usize; 2], [usize; 2]) {
        let (mut same, mut other) = ([0usize; 2], [0usize; 2]);
        for a in reach {
            if a.entry == m.entry {
                continue;
            }
            let counts = if a.country == country {
                &mut same
            } else {
                &mut other
            };
            counts[0] += 1;
            counts[1] += usize::from(a.pos.abs_diff(m.start) <= NEAR);
        }
        (same, other)
    }

    /// Whether no sure name of another entry within the window around `m` lies in `country`,
    /// and at least two lie elsewhere (see [`policy::weight::SMALL_TOWN_ELSEWHERE`]).
    fn only_elsewhere(&self, country: u32, m: &Match) -> bool {
        let (same, other) = Self::tally(country, m, within_reach(&self.0, |a| a.pos, m.start));
        same[0] == 0 && other[0] >= 2
    }

    /// [`about`](Self::about) over the window around `m` (`true` with no sure names there).
    fn about_around(&self, country: u32, m: &Match) -> bool {
        Self::about(country, m, within_reach(&self.0, |a| a.pos, m.start))
    }

    /// How many other names within the window place something in `p`'s country and division,
    /// each counted up to `cap` (at most [`SUPPORT_CAP`]); the scan stops once both are there.
    ///
    /// A country holds all its divisions: every place in a division of it is in its "division"
    /// too (not another name of the country itself: `سلطنة عُمان` says nothing against
    /// `عمّان`, Amman). Else a capital that shares its country's name would win from the
    /// country whenever a place in the capital's division is named (`قرطاج` in Tunis
    /// governorate made `تونس` the city).
    ///
    /// When the candidate would take the name from another country's capital (`contested`: one
    /// is among the candidates), the context must be about the candidate's country to count
    /// (see [`about`](Self::about)): `لندن` in a list of the world's cities that takes in
    /// Toronto is London, not London, Ontario; `طرابلس` in an article about Lebanon is still
    /// Tripoli, Lebanon.
    fn support(&self, p: &PlaceFacts, m: &Match, cap: usize, contested: bool) -> Support {
        if p.country == facts::NONE || self.0.is_empty() {
            return Support::default();
        }
        let reach = within_reach(&self.0, |a| a.pos, m.start);
        // Distinct other entries, counted up to `cap` without allocating.
        let cap = cap.min(SUPPORT_CAP);
        let whole_country = p.kind == Kind::Country;
        let admin1_cap = if p.admin1 == facts::NONE && !whole_country {
            0
        } else {
            cap
        };
        let mut country = [u32::MAX; SUPPORT_CAP];
        let mut admin1 = [u32::MAX; SUPPORT_CAP];
        if contested && !Self::about(p.country, m, reach) {
            return Support::default();
        }
        let (mut nc, mut na) = (0, 0);
        for a in reach {
            if a.entry == m.entry || a.country != p.country {
                continue;
            }
            if nc < cap && !country[..nc].contains(&a.entry) {
                country[nc] = a.entry;
                nc += 1;
            }
            if a.admin1 != facts::NONE
                && (whole_country || a.admin1 == p.admin1)
                && na < admin1_cap
                && !admin1[..na].contains(&a.entry)
            {
                admin1[na] = a.entry;
                na += 1;
            }
            if nc == cap && na == admin1_cap {
                break; // Nothing more to count.
            }
        }
        Support {
            same_country: nc as u32,
            same_admin1: na as u32,
            elsewhere: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_reach_is_the_window_either_way_inclusive() {
        let w = policy::CONTEXT_WINDOW;
        let at = 2 * w;
        let positions = [0, w - 1, w, w + 1, at, at, 3 * w, 3 * w + 1, 5 * w];
        let near: Vec<usize> = within_reach(&positions, |&p| p, at).to_vec();
        let want: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|p| p.abs_diff(at) <= w)
            .collect();
        assert_eq!(near, want);
        assert_eq!(near, [w, w + 1, at, at, 3 * w]);
        assert!(within_reach(&positions, |&p| p, 10 * w).is_empty());
        assert_eq!(within_reach(&positions, |&p| p, 0), [0, w - 1, w]);
    }
}
