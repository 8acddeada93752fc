//! [`MentionFinder`]: the normalise → match → resolve path for one document at a time.

use crate::error::SourceError;
use crate::gazetteer::{Blocker, Commonness, Gazetteer};
use crate::matcher::{BuildError, Match, Matcher, NameTable, TokenCache};
use crate::resolve::{Cues, Decision, Facts, Mention, Reach, Reachable, ResolveOptions, Resolver};
use crate::text::{NormalizedText, Normalizer, TooLong};

/// Everything needed to find place mentions in text: the gazetteer, its automaton and the
/// resolution options. Shared read-only between threads.
#[derive(Debug, Clone)]
pub struct MentionFinder {
    gazetteer: Gazetteer,
    matcher: Matcher,
    facts: Facts,
    /// The names whose matches may become mentions (the others are left out before resolving).
    reachable: Reachable,
    cues: Cues,
    commonness: Commonness,
    options: ResolveOptions,
    /// Distinguishes finders, so that a [`Scratch`] never reuses another finder's cache.
    id: u64,
}

/// Buffers reused from one document to the next (one per thread), and the matcher's cache of
/// token outcomes (valid for one finder only).
#[derive(Debug, Default)]
pub struct Scratch {
    normalized: NormalizedText,
    matches: Vec<Match>,
    tokens: TokenCache,
    /// The finder whose cache `tokens` is (0: none yet).
    owner: u64,
    /// What each match may become ([`Reachable::of`]).
    reach: Vec<Reach>,
    /// The entries of the document's matches that a cue lifts somewhere in it.
    lifted: Vec<u32>,
}

/// The source of finder ids (0 is never given).
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl MentionFinder {
    /// The finder `mentionmap count` builds when given no gazetteer or blocker files: the
    /// embedded default gazetteer (from its precompiled copy), its commonness tables and the
    /// embedded blocker phrases.
    pub fn embedded(options: ResolveOptions) -> Result<Self, SourceError> {
        Self::embedded_with(&crate::gazetteer::blockers::embedded()?, options)
    }

    /// A finder over the embedded default gazetteer alone, with `blockers`. From the
    /// precompiled copy, the names become automata while the places are still being decoded
    /// (start-up time is a budget: `docs/performance.md`); from the TSV files when that copy
    /// is stale or corrupt (without opening it again).
    pub fn embedded_with(
        blockers: &[Blocker],
        options: ResolveOptions,
    ) -> Result<Self, SourceError> {
        if let Some(pre) = crate::compiled::Precompiled::open() {
            let (matcher, rest) = rayon::join(
                || pre.names().map(|t| Matcher::from_table(t, blockers)),
                || {
                    let (gazetteer, commonness) =
                        rayon::join(|| pre.gazetteer(), || pre.commonness());
                    let gazetteer = gazetteer?;
                    let facts = Facts::new(&gazetteer);
                    Some((gazetteer, facts, commonness?))
                },
            );
            if let (Some(matcher), Some((gazetteer, facts, commonness))) = (matcher, rest) {
                return Ok(Self::assemble(
                    gazetteer, matcher?, facts, commonness, options,
                ));
            }
        }
        let d = crate::compiled::from_sources()?;
        Ok(Self::with_names(
            d.gazetteer,
            d.commonness,
            d.names,
            blockers,
            options,
        )?)
    }

    /// Builds the automaton over `gazetteer`'s names.
    pub fn new(
        gazetteer: Gazetteer,
        commonness: Commonness,
        blockers: &[Blocker],
        options: ResolveOptions,
    ) -> Result<Self, BuildError> {
        Self::with_names(gazetteer, commonness, None, blockers, options)
    }

    /// Like [`new`](Self::new), starting from a precomputed table of (some of) the gazetteer's
    /// names, such as the embedded default's (see [`crate::compiled`]).
    pub fn with_names(
        gazetteer: Gazetteer,
        commonness: Commonness,
        names: Option<NameTable>,
        blockers: &[Blocker],
        options: ResolveOptions,
    ) -> Result<Self, BuildError> {
        let table = match names {
            Some(mut t) => {
                t.extend(&gazetteer, &commonness);
                t
            }
            None => NameTable::build(&gazetteer, &commonness),
        };
        let (matcher, facts) = rayon::join(
            || Matcher::from_table(table, blockers),
            || Facts::new(&gazetteer),
        );
        Ok(Self::assemble(
            gazetteer, matcher?, facts, commonness, options,
        ))
    }

    /// The finder from its built parts (the resolver's tables are made here).
    fn assemble(
        gazetteer: Gazetteer,
        matcher: Matcher,
        facts: Facts,
        commonness: Commonness,
        options: ResolveOptions,
    ) -> Self {
        MentionFinder {
            reachable: Reachable::new(matcher.len(), options.min_confidence),
            facts,
            gazetteer,
            matcher,
            cues: Cues::new(),
            commonness,
            options,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// A resolver with this finder's gazetteer, names, cues and options.
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(
            &self.gazetteer,
            &self.facts,
            &self.matcher,
            &self.cues,
            &self.commonness,
            self.options,
        )
    }

    /// Normalises `text` and finds its names, into `scratch`.
    fn scan(&self, text: &str, scratch: &mut Scratch) -> Result<(), TooLong> {
        self.own(scratch);
        Normalizer.normalize_into(text, &mut scratch.normalized)?;
        scratch.matches.clear();
        self.matcher.find_all_cached(
            &scratch.normalized,
            &mut scratch.tokens,
            &mut scratch.matches,
        );
        Ok(())
    }

    /// Makes `scratch`'s cache this finder's, emptying it if it was another's.
    fn own(&self, scratch: &mut Scratch) {
        if scratch.owner != self.id {
            scratch.tokens = TokenCache::default();
            scratch.owner = self.id;
        }
    }

    /// Every decision taken on `text`, dropped matches included (for `extract --explain`).
    pub fn explain(&self, text: &str, scratch: &mut Scratch) -> Result<Vec<Decision>, TooLong> {
        self.scan(text, scratch)?;
        Ok(self
            .resolver()
            .explain(text, &scratch.normalized, &scratch.matches))
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The mentions in `text`, in text order, appended to `out`.
    pub fn find(
        &self,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Vec<Mention>,
    ) -> Result<(), TooLong> {
        self.scan(text, scratch)?;
        let resolver = self.resolver();
        self.leave_out_unreachable(&resolver, scratch);
        resolver.resolve(text, &scratch.normalized, &scratch.matches, out);
        Ok(())
    }

    /// Leaves out the matches that can never become a mention: those of names that never can
    /// ([`Reach::Never`]), and those of names that only a cue can lift when no occurrence of
    /// the name in the document has one (one that has lends its reading to the others, so they
    /// all stay then). They change nothing in resolution, and neither does the other reading
    /// of the same token after one: the first reading of a token, when it is no mention, keeps
    /// the other from being one (`Resolver::choose_readings`).
    fn leave_out_unreachable(&self, resolver: &Resolver<'_>, scratch: &mut Scratch) {
        let Scratch {
            normalized,
            matches,
            reach,
            lifted,
            ..
        } = scratch;
        reach.clear();
        lifted.clear();
        for m in matches.iter() {
            // The entry's key and candidates, which the evidence reads next, each a block of
            // its own: asked for all the matches before any is read, they come from memory side
            // by side (with the entry's own prefetch in the matcher, `count --threads 1` took
            // 0.977× the CPU time, the median of 20 alternated pairs, faster in 15).
            let e = self.matcher.entry(m.entry);
            crate::prefetch::prefetch(e.key.as_slice());
            crate::prefetch::prefetch(e.candidates.as_slice());
            let r = self.reachable.of(
                &self.gazetteer,
                &self.facts,
                &self.matcher,
                &self.cues,
                m.entry,
            );
            if let Reach::When(mask) = r
                && !lifted.contains(&m.entry)
                && resolver.has_cue_of(mask, normalized, m)
            {
                lifted.push(m.entry);
            }
            reach.push(r);
        }
        let mut dropped: Option<Match> = None;
        let mut kept = 0;
        for i in 0..matches.len() {
            let m = matches[i];
            if dropped.is_some_and(|d| m.reads_same_token_as(&d)) {
                continue;
            }
            let keep = match reach[i] {
                Reach::Never => false,
                Reach::Always => true,
                Reach::When(_) => lifted.contains(&m.entry),
            };
            if keep {
                matches[kept] = m;
                kept += 1;
            } else {
                dropped = Some(m);
            }
        }
        matches.truncate(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Trigger;

    /// The mentions `find` keeps in `text`, as (name as written, place index).
    fn found(finder: &MentionFinder, text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        finder
            .find(text, &mut Scratch::default(), &mut out)
            .expect("short text");
        out.iter()
            .map(|m| (text[m.name_start..m.end].to_string(), m.place))
            .collect()
    }

    #[test]
    fn a_name_only_a_cue_lifts_is_kept_wherever_one_occurrence_has_the_cue() {
        let finder = MentionFinder::embedded(ResolveOptions::default()).expect("embedded");
        // الخبر is "the news" far more often than Khobar: only a cue before it (مدينة) or a
        // preposition glued on can make it a place.
        let entry = finder
            .matcher
            .find_key(&Normalizer.key("الخبر"))
            .expect("Khobar is in the default gazetteer");
        let reach = finder.reachable.of(
            &finder.gazetteer,
            &finder.facts,
            &finder.matcher,
            &finder.cues,
            entry,
        );
        let Reach::When(mask) = reach else {
            panic!("الخبر should need a cue, not be {reach:?}");
        };
        assert!(mask.admits(Some(Trigger::Settlement), false));
        assert!(!mask.admits_without_trigger(false));

        // The bare second occurrence is Khobar only by the first's reading: it must not be
        // left out before resolving.
        let lifted = "افتتح أمير المنطقة الشرقية مستشفى جديدا في مدينة الخبر. وقال مدير \
                      المستشفى إن الخبر تستحق خدمات أفضل.";
        let khobar: Vec<u32> = found(&finder, lifted)
            .into_iter()
            .filter(|(name, _)| name == "الخبر")
            .map(|(_, place)| place)
            .collect();
        assert_eq!(khobar.len(), 2, "both occurrences are Khobar: {khobar:?}");
        assert_eq!(khobar[0], khobar[1]);

        // With no cue anywhere, it is the news.
        let bare = "وقال مدير المستشفى إن الخبر انتشر بسرعة بين الناس في المنطقة الشرقية.";
        assert!(
            found(&finder, bare).iter().all(|(name, _)| name != "الخبر"),
            "{:?}",
            found(&finder, bare)
        );
    }
}
