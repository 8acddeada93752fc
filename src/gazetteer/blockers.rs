//! Blockers: names of organisations, operations, parties, media and people that contain place
//! names (قوات سوريا الديمقراطية، درع الفرات، Real Madrid) and must not count as those places.
//!
//! A blocker is matched like a name; being longer, it wins over the names inside it, and its
//! match is then dropped. File format: TSV with a header and the columns `phrase`, `lang`,
//! `kind`, `note` (only `phrase` is required).

use crate::error::SourceError;

/// One blocking phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    /// The phrase as written.
    pub phrase: String,
    /// What it names: organisation, operation, party, media, club, university, company, person.
    pub kind: String,
}

/// Parses a blocker file; `file` names it in errors.
pub fn parse(file: &str, content: &str) -> Result<Vec<Blocker>, SourceError> {
    let mut lines = super::tsv::data_lines(content);
    let Some((hi, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let cols: Vec<&str> = header
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(str::trim)
        .collect();
    let find = |c: &str| cols.iter().position(|h| h.eq_ignore_ascii_case(c));
    let phrase = find("phrase").ok_or_else(|| {
        SourceError::at_line(file, hi, "blocker header has no \"phrase\" column".into())
    })?;
    let kind = find("kind");
    let mut out = Vec::new();
    for (i, line) in lines {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        let p = f.get(phrase).copied().unwrap_or("");
        if p.is_empty() {
            return Err(SourceError::at_line(file, i, "empty blocker phrase".into()));
        }
        out.push(Blocker {
            phrase: p.to_string(),
            kind: kind
                .and_then(|k| f.get(k))
                .filter(|s| !s.is_empty())
                .unwrap_or(&"organisation")
                .to_string(),
        });
    }
    Ok(out)
}

/// The embedded blocker list.
pub fn embedded() -> Result<Vec<Blocker>, SourceError> {
    let mut out = Vec::new();
    for (path, content) in super::embedded_blocker_files() {
        out.extend(parse(path, content)?);
    }
    Ok(out)
}

/// Reads a user's blocker file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Blocker>, SourceError> {
    let text = std::fs::read_to_string(path).map_err(|e| SourceError::io(path, &e))?;
    parse(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalizer;

    #[test]
    fn embedded_phrases_are_each_listed_once() {
        // Spellings that normalise alike (أفريقيا، إفريقيا) are one blocker.
        let mut seen = std::collections::HashMap::new();
        let mut repeats = Vec::new();
        for b in embedded().unwrap() {
            let key = Normalizer.key(&b.phrase);
            if let Some(first) = seen.insert(key, b.phrase.clone()) {
                repeats.push(format!("{:?} repeats {first:?}", b.phrase));
            }
        }
        assert!(repeats.is_empty(), "{repeats:#?}");
        assert!(seen.len() > 300, "{} blockers", seen.len());
    }
}
