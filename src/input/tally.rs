//! What reading counted: documents, bad lines, undated and left-out documents.

use crate::error::SourceError;

/// How many bad-line warnings are shown per file; the rest are counted only.
pub const SHOWN_BAD_LINES: u64 = 100;

/// Counts kept while reading, for the run's summary and its exit status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Documents handed on.
    pub documents: u64,
    /// Whether any source was JSON Lines or CSV/TSV, whose records are expected to carry dates.
    pub dates_expected: bool,
    /// Documents handed on without a date.
    pub undated: u64,
    /// Bad lines skipped, in all files.
    pub bad_lines: u64,
    /// The files that had bad lines, in reading order.
    pub files_with_bad_lines: Vec<String>,
    /// Where the first bad line was (`FILE:LINE`), so that a failed run points at one even
    /// when `--quiet` silenced the warnings.
    pub first_bad_line: Option<String>,
    /// Documents left out by `--from`/`--to` because they had no date.
    pub left_out_undated: u64,
    /// Documents left out by `--from`/`--to` because their date was outside the range.
    pub left_out_by_date: u64,
}

impl Tally {
    /// The number of undated documents to report, when dates were expected at all.
    pub fn undated_documents(&self) -> Option<u64> {
        self.dates_expected.then_some(self.undated)
    }

    /// The summary of bad lines, when there were any: "3 bad lines in 1 file", named by the
    /// files (the first three); when they fail the run, with where the first one is.
    pub fn bad_lines_summary(&self, accepted: bool) -> Option<SourceError> {
        if self.bad_lines == 0 {
            return None;
        }
        let files = &self.files_with_bad_lines;
        let mut names = files.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        if files.len() > 3 {
            names.push_str(&format!(" and {} more", files.len() - 3));
        }
        let counted = format!(
            "{} in {}",
            plural(self.bad_lines, "bad line"),
            plural(files.len() as u64, "file")
        );
        let message = match (&self.first_bad_line, accepted) {
            (_, true) => format!("{counted} skipped (--skip-bad-lines)"),
            (Some(first), false) => {
                format!("{counted} (the first at {first}); use --skip-bad-lines to accept")
            }
            (None, false) => format!("{counted}; use --skip-bad-lines to accept"),
        };
        Some(SourceError::new(names, message))
    }

    /// The warning about documents `--from`/`--to` left out for want of a date.
    pub fn left_out_undated_warning(&self) -> Option<SourceError> {
        (self.left_out_undated > 0).then(|| {
            SourceError::new(
                "--from/--to",
                format!(
                    "{} without a date left out",
                    plural(self.left_out_undated, "document")
                ),
            )
        })
    }
}

/// "1 file", "3 files".
fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_files_and_count() {
        let mut t = Tally::default();
        assert!(t.bad_lines_summary(false).is_none());
        t.bad_lines = 3;
        t.files_with_bad_lines = vec!["a.jsonl".into()];
        assert_eq!(
            t.bad_lines_summary(false).unwrap().to_string(),
            "a.jsonl: 3 bad lines in 1 file; use --skip-bad-lines to accept"
        );
        t.first_bad_line = Some("a.jsonl:7".into());
        assert_eq!(
            t.bad_lines_summary(false).unwrap().to_string(),
            "a.jsonl: 3 bad lines in 1 file (the first at a.jsonl:7); use --skip-bad-lines to \
             accept"
        );
        t.files_with_bad_lines = (1..=5).map(|i| format!("{i}.csv")).collect();
        assert_eq!(
            t.bad_lines_summary(true).unwrap().to_string(),
            "1.csv, 2.csv, 3.csv and 2 more: 3 bad lines in 5 files skipped (--skip-bad-lines)"
        );
        t.left_out_undated = 1;
        assert_eq!(
            t.left_out_undated_warning().unwrap().to_string(),
            "--from/--to: 1 document without a date left out"
        );
        assert_eq!(t.undated_documents(), None);
    }
}
