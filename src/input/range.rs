//! `--from` / `--to`: which document dates a run keeps.

use crate::error::SourceError;

/// An inclusive range of days; either end may be open. Days are `YYYY-MM-DD`, so comparing
/// them as strings compares them as dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    from: Option<String>,
    to: Option<String>,
}

/// Whether a document is kept, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Inside the range (or no range was given).
    Keep,
    /// Dated, outside the range.
    OutOfRange,
    /// Undated, while a range was given.
    Undated,
}

impl DateRange {
    /// The range from `from` to `to` (both `YYYY-MM-DD`, both inclusive). It is an error for
    /// `from` to come after `to`.
    pub fn new(from: Option<String>, to: Option<String>) -> Result<Self, SourceError> {
        if let (Some(f), Some(t)) = (&from, &to)
            && f > t
        {
            return Err(SourceError::new(
                "--from/--to",
                format!("--from {f} comes after --to {t}: no day is in that range"),
            ));
        }
        Ok(DateRange { from, to })
    }

    /// Whether either end was given.
    pub fn is_set(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Judges a document by its date.
    pub fn judge(&self, date: Option<&str>) -> Verdict {
        if !self.is_set() {
            return Verdict::Keep;
        }
        let Some(d) = date else {
            return Verdict::Undated;
        };
        let after_start = self.from.as_deref().is_none_or(|f| d >= f);
        let before_end = self.to.as_deref().is_none_or(|t| d <= t);
        if after_start && before_end {
            Verdict::Keep
        } else {
            Verdict::OutOfRange
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ends_are_inclusive() {
        let r = DateRange::new(Some("2015-02-01".into()), Some("2015-02-28".into())).unwrap();
        assert_eq!(r.judge(Some("2015-02-01")), Verdict::Keep);
        assert_eq!(r.judge(Some("2015-02-28")), Verdict::Keep);
        assert_eq!(r.judge(Some("2015-01-31")), Verdict::OutOfRange);
        assert_eq!(r.judge(Some("2015-03-01")), Verdict::OutOfRange);
        assert_eq!(r.judge(None), Verdict::Undated);
        assert_eq!(DateRange::default().judge(None), Verdict::Keep);
        assert!(DateRange::new(Some("2015-03-01".into()), Some("2015-02-01".into())).is_err());
    }
}
