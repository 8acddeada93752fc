//! Errors the library returns. Each names the file (and line, where there is one) it is about.

use std::fmt;
use std::path::Path;

/// An error tied to an input: a gazetteer, a document, an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file, as the user named it (`-` for standard input).
    pub file: String,
    /// The 1-based line, where there is one.
    pub line: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Whether this is [`SourceError::output_closed`] (whatever the message says).
    closed: bool,
}

impl SourceError {
    /// An error about a whole file.
    pub fn new(file: impl Into<String>, message: String) -> Self {
        SourceError {
            file: file.into(),
            line: None,
            message,
            closed: false,
        }
    }

    /// An error about one line of a file.
    pub fn at_line(file: impl Into<String>, line: usize, message: String) -> Self {
        SourceError {
            file: file.into(),
            line: Some(line),
            message,
            closed: false,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        SourceError::new(path.display().to_string(), describe_io(err))
    }

    /// Standard output was closed by the program reading it (`mentionmap extract … | head`).
    /// The run stops there, and it is not a failure: the binary exits with status 0, quietly.
    pub fn output_closed() -> Self {
        SourceError {
            closed: true,
            ..SourceError::new("-", "closed by the program reading it".into())
        }
    }

    /// Whether this is [`SourceError::output_closed`].
    pub fn is_output_closed(&self) -> bool {
        self.closed
    }
}

/// A short, lower-case description of an I/O error without the OS error number.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let s = err.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_output_is_told_by_its_kind_not_its_words() {
        let closed = SourceError::output_closed();
        assert!(closed.is_output_closed());
        assert_eq!(closed.to_string(), "-: closed by the program reading it");
        // A file named `-` whose error reads the same is still an error.
        let lookalike = SourceError::new("-", closed.message.clone());
        assert!(!lookalike.is_output_closed());
    }
}
