//! The table of names the automata are built from: each distinct normalised name with the
//! places it may refer to.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Commonness, Gazetteer, Role};
use crate::text::Normalizer;
use crate::text::encoding::{SOFT, letter_count};

/// One place a name may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Index of the place in the [`Gazetteer`].
    pub place: u32,
    /// Whether the name is an ordinary name or an adjective of the place.
    pub role: Role,
}

/// A distinct normalised name and every place it may refer to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The normalised key (compact encoding). Serialised as one byte string, which decodes as a
    /// copy rather than byte by byte.
    #[serde(with = "serde_bytes")]
    pub key: Vec<u8>,
    /// The places this key names, in gazetteer order.
    pub candidates: Vec<Candidate>,
    /// How common the key is as an ordinary word (Zipf; 0 when not a known word).
    pub zipf: f32,
    /// How common the commonest ordinary word is that the name would be a form of
    /// ([`Commonness::word_family_zipf`]).
    pub family_zipf: f32,
    /// Index of the blocker phrase with this key, if one has it (the match is then dropped).
    pub blocker: Option<u32>,
}

impl Entry {
    /// Number of letters of the name (separators not counted).
    pub fn letters(&self) -> usize {
        letter_count(&self.key)
    }

    /// Whether the name has several words.
    pub fn is_multiword(&self) -> bool {
        self.key.contains(&SOFT)
    }
}

/// The distinct normalised names of a gazetteer, each with the places it names: what the
/// automata are built from. The embedded default's table is computed ahead of time
/// (`gazetteer/compiled/`), and names added by a user's gazetteer are appended with
/// [`extend`](Self::extend).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameTable {
    /// The entries, in order of first appearance.
    #[serde(deserialize_with = "crate::compiled::entries_vec")]
    pub entries: Vec<Entry>,
    /// For each place, how many of its names the table already holds.
    #[serde(deserialize_with = "crate::compiled::exact_vec")]
    pub names_per_place: Vec<u32>,
}

/// The normalised keys of some names of one place, with their roles.
type KeyedNames = Vec<(Vec<u8>, Role)>;

impl NameTable {
    /// The table of every name of `gazetteer` (normalised on all cores).
    pub fn build(gazetteer: &Gazetteer, commonness: &Commonness) -> Self {
        let mut t = NameTable::default();
        t.extend(gazetteer, commonness);
        t
    }

    /// Puts the entries in descending order of their keys, the order in which `aho-corasick`
    /// builds its trie fastest: each name's new transitions go at the head of their state's
    /// sorted list, and the walk down the prefix it shares with the name before finds that
    /// name's transitions at the head too. The embedded default's table is compiled in this
    /// order, so that start-up gets it without sorting (`docs/performance.md`).
    pub fn sort_for_automata(&mut self) {
        self.entries.sort_unstable_by(|a, b| b.key.cmp(&a.key));
    }

    /// Adds the names of `gazetteer` that the table does not hold yet (names added to known
    /// places, and new places).
    pub fn extend(&mut self, gazetteer: &Gazetteer, commonness: &Commonness) {
        let places = gazetteer.places();
        let known = |i: usize| self.names_per_place.get(i).copied().unwrap_or(0) as usize;
        let keyed: Vec<(usize, KeyedNames)> = places
            .par_iter()
            .enumerate()
            .filter(|(i, p)| p.names.len() > known(*i))
            .map(|(i, p)| {
                let new = p.names[known(i)..]
                    .iter()
                    .map(|n| (Normalizer.key(&n.text), n.role))
                    .filter(|(k, _)| !k.is_empty())
                    .collect();
                (i, new)
            })
            .collect();
        self.names_per_place = places.iter().map(|p| p.names.len() as u32).collect();
        if keyed.is_empty() {
            return;
        }
        let mut index: FxHashMap<Vec<u8>, u32> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i as u32))
            .collect();
        for (pi, names) in keyed {
            for (key, role) in names {
                let cand = Candidate {
                    place: pi as u32,
                    role,
                };
                let ei = match index.get(&key) {
                    Some(&ei) => ei,
                    None => {
                        let ei = self.entries.len() as u32;
                        index.insert(key.clone(), ei);
                        self.entries.push(Entry {
                            zipf: commonness.zipf(&key),
                            family_zipf: commonness.word_family_zipf(&key),
                            key,
                            candidates: Vec::new(),
                            blocker: None,
                        });
                        ei
                    }
                };
                let e = &mut self.entries[ei as usize];
                if !e.candidates.contains(&cand) {
                    e.candidates.push(cand);
                }
            }
        }
    }
}
