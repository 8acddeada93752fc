//! How common a name is as an ordinary word of its language (wordfreq's Zipf scale).
//!
//! Zipf is log10 of a word's frequency per billion words: 7 for "the" or "في", 4 for a word seen
//! once in 100,000 (كان، "often"), 1 for a rare word. Stored once per language as a table of words
//! (`gazetteer/default/commonness-LANG.tsv`); a name's commonness is looked up by its normalised
//! key, so it applies to names of user gazetteers too.

use super::embedded;
use super::word_zipf::WordZipf;
use crate::error::SourceError;
use crate::text::Normalizer;
use crate::text::encoding::{code, is_arabic_letter};

/// Word commonness for every language loaded, keyed by normalised word.
#[derive(Debug, Default, Clone)]
pub struct Commonness {
    zipf: WordZipf,
}

/// How much rarer than its rarest word a name of several words is taken to be, per word after
/// the first (Zipf: a factor of ten), when that word has three letters or more. A name of
/// content words is far rarer than each of them (`قناة السويس`, `البحر المتوسط`, `منطقة
/// الرياض`), which the rarest word alone made look like ordinary text; a phrase of two-letter
/// function words is not (`هي في` "she in", a transliteration of Hefei).
const PHRASE_DISCOUNT: f32 = 1.0;

impl Commonness {
    /// The embedded tables (Arabic and English, from wordfreq 3.1.1).
    pub fn embedded() -> Result<Self, SourceError> {
        let mut c = Commonness::default();
        for (_lang, path, content) in embedded::COMMONNESS_FILES {
            c.add_str(path, content)?;
        }
        Ok(c)
    }

    /// Adds a `word<TAB>zipf` table (header line `word<TAB>zipf`). Words that normalise to the same
    /// key add up their frequencies.
    pub fn add_str(&mut self, file: &str, content: &str) -> Result<(), SourceError> {
        for (i, line) in content.lines().enumerate() {
            if i == 0 && line.starts_with("word") || line.trim().is_empty() {
                continue;
            }
            let (word, z) = line.split_once('\t').ok_or_else(|| {
                SourceError::at_line(file, i + 1, "expected word<TAB>zipf".into())
            })?;
            let z: f32 = z.trim().parse().map_err(|_| {
                SourceError::at_line(file, i + 1, format!("zipf {z:?} is not a number"))
            })?;
            let key = Normalizer.key(word);
            if key.is_empty() {
                continue;
            }
            let before = self.zipf.get(&key).unwrap_or(f32::NEG_INFINITY);
            self.zipf
                .insert(&key, (10f32.powf(before) + 10f32.powf(z)).log10());
        }
        Ok(())
    }

    /// The Zipf value of a normalised key, or 0.0 for a word not in the tables (rare). A key of
    /// several words is as common as its rarest word, less `PHRASE_DISCOUNT` for each word
    /// after the first: "هي في" (two function words, a Chinese city's transliteration) is
    /// common, "دير الزور" is not.
    pub fn zipf(&self, key: &[u8]) -> f32 {
        if key.is_empty() {
            return 0.0;
        }
        let (rarest, letters, words) = key
            .split(|&b| crate::text::is_separator(b))
            .map(|w| (self.zipf.get(w).unwrap_or(0.0), w.len()))
            .fold((f32::INFINITY, 0, 0), |(z, len, n), (wz, wlen)| {
                let (z, len) = if wz < z { (wz, wlen) } else { (z, len) };
                (z, len, n + 1)
            });
        // Short function words make phrases as common as they are (هي في "she in").
        let discount = if letters >= 3 { PHRASE_DISCOUNT } else { 0.0 };
        (rarest - discount * (words - 1) as f32).max(0.0)
    }

    /// How common the commonest ordinary word is that an Arabic name of one word would be a form
    /// of, were it a word itself (Zipf; 0 when none is known): the name with the article taken
    /// off or put on (العين: عين "eye"; امل: الامل "the hope"), as another person of a verb
    /// (كشف: كشفت، يكشف), as a plural (+ات، +ون، +ين), with a clitic taken off (بكل: كل), with
    /// the alef of an adverb taken off (يوما: يوم). A city's name has no such family: غزة,
    /// دمشق and واشنطن are frequent because the places are. `f32::INFINITY` for a name of
    /// several words or not all in Arabic letters, which the question does not fit.
    pub fn word_family_zipf(&self, key: &[u8]) -> f32 {
        if key.len() < 2 || !key.iter().all(|&b| is_arabic_letter(b)) {
            return f32::INFINITY;
        }
        let c = code;
        let (alef, lam) = (c('ا'), c('ل'));
        let article = [alef, lam];
        let join = |parts: &[&[u8]]| parts.concat();
        let n = key.len();
        let mut family: Vec<Vec<u8>> = Vec::with_capacity(12);
        if key.starts_with(&article) && n > 3 {
            family.push(key[2..].to_vec());
        } else {
            family.push(join(&[&article, key]));
        }
        for suffix in [
            &[c('ت')][..],
            &[c('و'), alef],
            &[alef, c('ت')],
            &[c('و'), c('ن')],
        ] {
            family.push(join(&[key, suffix]));
        }
        family.push(join(&[key, &[c('ي'), c('ن')]]));
        family.push(join(&[&[c('ي')], key]));
        family.push(join(&[&[c('ت')], key]));
        if n > 2 && [c('و'), c('ف'), c('ب'), lam, c('ك')].contains(&key[0]) {
            family.push(key[1..].to_vec());
        }
        if n > 3 && key.starts_with(&[lam, lam]) {
            family.push(join(&[&article, &key[2..]]));
        }
        if n > 2 && key[n - 1] == alef {
            family.push(key[..n - 1].to_vec());
        }
        if n > 2 && key[n - 1] == c('ه') {
            family.push(join(&[&key[..n - 1], &[alef, c('ت')]]));
        }
        family
            .iter()
            .map(|w| self.zipf.get(w).unwrap_or(0.0))
            .fold(0.0, f32::max)
    }

    /// The table as (normalised key, Zipf) pairs (for the compiled default), in the order in
    /// which [`from_pairs`](Self::from_pairs) fills its table fastest: by the slot each word
    /// hashes to there, so that loading them writes the table front to back instead of all
    /// over it (each write a cache miss: a twentieth of start-up).
    pub fn to_pairs(&self) -> Vec<(Vec<u8>, f32)> {
        let mut v: Vec<_> = self.zipf.iter().collect();
        WordZipf::sort_for_loading(&mut v);
        v
    }

    /// A table from (normalised key, Zipf) pairs (a later pair of the same key wins).
    pub fn from_pairs<K: AsRef<[u8]>>(pairs: impl ExactSizeIterator<Item = (K, f32)>) -> Self {
        let mut zipf = WordZipf::with_capacity(pairs.len());
        for (word, z) in pairs {
            zipf.insert(word.as_ref(), z);
        }
        Commonness { zipf }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.zipf.len()
    }

    /// Whether no table is loaded.
    pub fn is_empty(&self) -> bool {
        self.zipf.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_spellings_add_up() {
        let mut c = Commonness::default();
        c.add_str("t", "word\tzipf\nإلى\t6.0\nالى\t6.0\nbetween\t5.5\n")
            .unwrap();
        let z = c.zipf(&Normalizer.key("الي"));
        assert!((z - 6.301).abs() < 0.01, "{z}");
        assert_eq!(c.zipf(&Normalizer.key("Between")), 5.5);
        assert_eq!(
            c.zipf(&Normalizer.key("between us")),
            0.0,
            "us is not in the table"
        );
        // A phrase is rarer than its rarest word, by PHRASE_DISCOUNT a word after the first...
        assert_eq!(c.zipf(&Normalizer.key("between between")), 4.5);
        // ...unless that word is a two-letter function word.
        c.add_str("t", "word\tzipf\nهي\t6.5\nفي\t7.0\n").unwrap();
        assert_eq!(c.zipf(&Normalizer.key("هي في")), 6.5);
    }

    #[test]
    fn a_word_family_is_found_and_a_city_has_none() {
        let mut c = Commonness::default();
        c.add_str(
            "t",
            "word\tzipf\nعين\t5.2\nالأمل\t4.9\nكشفت\t4.5\nكل\t6.0\nيوم\t5.5\nغزة\t5.1\n",
        )
        .unwrap();
        let family = |w: &str| c.word_family_zipf(&Normalizer.key(w));
        assert_eq!(family("العين"), 5.2, "the article taken off");
        assert_eq!(family("أمل"), 4.9, "the article put on");
        assert_eq!(family("كشف"), 4.5, "another person of the verb");
        assert_eq!(family("بكل"), 6.0, "a clitic taken off");
        assert_eq!(family("يوما"), 5.5, "an adverb's alef taken off");
        assert_eq!(family("غزة"), 0.0, "a city's name is no word's form");
        assert_eq!(family("دير الزور"), f32::INFINITY);
        assert_eq!(family("Gaza"), f32::INFINITY);
    }
}
