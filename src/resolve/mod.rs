//! Stage 4: from a matched name to a place, or to nothing.
//!
//! A [`Match`] names a key that may belong to several places (a town in Morocco and one in
//! Syria) and may be an ordinary word. The [`Resolver`] picks one place per match, or drops it,
//! and gives the result a confidence. The algorithm is described in `docs/matching.md`.

mod prior;

use crate::gazetteer::{Gazetteer, Role};
use crate::matcher::{Match, Matcher};
use crate::text::NormalizedText;

pub use prior::prior;

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
            min_confidence: 0.0,
        }
    }
}

/// Resolves the matches of one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    gazetteer: &'a Gazetteer,
    matcher: &'a Matcher,
    options: ResolveOptions,
}

impl<'a> Resolver<'a> {
    /// A resolver over the places of `gazetteer` and the names of `matcher`.
    pub fn new(gazetteer: &'a Gazetteer, matcher: &'a Matcher, options: ResolveOptions) -> Self {
        Resolver {
            gazetteer,
            matcher,
            options,
        }
    }

    /// Appends the mentions of `matches` (all from `text`) to `out`.
    pub fn resolve(&self, text: &NormalizedText, matches: &[Match], out: &mut Vec<Mention>) {
        for m in matches {
            let entry = self.matcher.entry(m.entry);
            let best = entry
                .candidates
                .iter()
                .filter(|c| c.role == Role::Name || self.options.adjectives)
                .map(|c| (c, prior(self.gazetteer.place(c.place as usize))))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.place.cmp(&a.0.place)));
            let Some((cand, _)) = best else { continue };
            let outer = text.original_range(m.start..m.end);
            let name = text.original_range(m.name_start..m.end);
            let confidence = 1.0;
            if confidence < self.options.min_confidence {
                continue;
            }
            out.push(Mention {
                start: outer.start,
                name_start: name.start,
                end: outer.end,
                place: cand.place,
                entry: m.entry,
                adjective: cand.role == Role::Adjective,
                confidence,
            });
        }
    }
}
