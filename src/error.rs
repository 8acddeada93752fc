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
}

impl SourceError {
    /// An error about a whole file.
    pub fn new(file: impl Into<String>, message: String) -> Self {
        SourceError {
            file: file.into(),
            line: None,
            message,
        }
    }

    /// An error about one line of a file.
    pub fn at_line(file: impl Into<String>, line: usize, message: String) -> Self {
        SourceError {
            file: file.into(),
            line: Some(line),
            message,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        SourceError::new(path.display().to_string(), describe_io(err))
    }

    /// Standard output was closed by the program reading it (`mentionmap extract … | head`).
    /// The run stops there, and it is not a failure: the binary exits with status 0, quietly.
    pub fn output_closed() -> Self {
        SourceError::new("-", OUTPUT_CLOSED.into())
    }

    /// Whether this is [`SourceError::output_closed`].
    pub fn is_output_closed(&self) -> bool {
        self.file == "-" && self.line.is_none() && self.message == OUTPUT_CLOSED
    }
}

/// The message of [`SourceError::output_closed`].
const OUTPUT_CLOSED: &str = "closed by the program reading it";

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
