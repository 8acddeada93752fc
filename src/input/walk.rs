//! From the paths a user typed to the sources to read, in a stable order.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{SourceError, describe_io};

/// One thing to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`, or no path at all).
    Stdin,
}

impl Source {
    /// The name used in output records and messages (`-` for standard input).
    pub fn display_name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// All bytes of the source.
    pub fn read_bytes(&self) -> Result<Vec<u8>, SourceError> {
        match self {
            Source::File(p) => std::fs::read(p).map_err(|e| SourceError::io(p, &e)),
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .map_err(|e| SourceError::new("-", describe_io(&e)))?;
                Ok(buf)
            }
        }
    }
}

/// Expands user paths: `-` is standard input, a file is itself, a folder is every text file
/// under it (recursively, sorted by path; hidden files and folders are skipped). Files inside
/// folders that look binary (a NUL byte in their first 8 KiB) are skipped with a warning.
///
/// An empty list means standard input. A path that does not exist is an error, and so is a
/// folder with no text file in it.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<SourceError>), SourceError> {
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    if paths.is_empty() {
        return Ok((vec![Source::Stdin], warnings));
    }
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| SourceError::io(p, &e))?;
        if !meta.is_dir() {
            sources.push(Source::File(p.clone()));
            continue;
        }
        let before = sources.len();
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = entry.map_err(|e| {
                let at = e.path().unwrap_or(p).display().to_string();
                SourceError::new(at, e.to_string())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            if looks_binary(path).map_err(|e| SourceError::io(path, &e))? {
                warnings.push(SourceError::new(
                    path.display().to_string(),
                    "skipped: looks like a binary file, not text".into(),
                ));
                continue;
            }
            sources.push(Source::File(path.to_path_buf()));
        }
        if sources.len() == before {
            return Err(SourceError::new(
                p.display().to_string(),
                "no text files found in this folder".into(),
            ));
        }
    }
    Ok((sources, warnings))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Whether a file's first 8 KiB hold a NUL byte (compressed files are judged by extension).
fn looks_binary(path: &Path) -> std::io::Result<bool> {
    if path.extension().is_some_and(|e| e == "gz") {
        return Ok(false);
    }
    let mut f = std::fs::File::open(path)?;
    let mut buf = [0u8; 8192];
    let mut n = 0;
    while n < buf.len() {
        let k = f.read(&mut buf[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    Ok(buf[..n].contains(&0))
}
