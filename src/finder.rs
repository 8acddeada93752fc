//! [`MentionFinder`]: the normalise → match → resolve path for one document at a time.

use crate::error::SourceError;
use crate::gazetteer::{Blocker, Commonness, Gazetteer};
use crate::matcher::{BuildError, Match, Matcher, NameTable, TokenCache};
use crate::resolve::{Cues, Decision, Facts, Mention, Reachable, ResolveOptions, Resolver};
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
    /// (start-up time is a budget: README.md, "Performance"); from the TSV files when that copy
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
        // Matches that can never become a mention change nothing in resolution: leave them out,
        // with the other reading of the same token after one (the first reading of a token,
        // when it is no mention, keeps the other from being one: `Resolver::choose_readings`).
        let mut dropped: Option<Match> = None;
        scratch.matches.retain(|m| {
            if dropped.is_some_and(|d| m.reads_same_token_as(&d)) {
                return false;
            }
            let keep =
                self.reachable
                    .contains(&self.gazetteer, &self.facts, &self.matcher, m.entry);
            if !keep {
                dropped = Some(*m);
            }
            keep
        });
        self.resolver()
            .resolve(text, &scratch.normalized, &scratch.matches, out);
        Ok(())
    }
}
