//! Writing to standard output or atomically to a file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{SourceError, describe_io};

/// Where output goes: standard output, or a file written through a temporary file in the same
/// folder and renamed over the target by [`finish`](Destination::finish).
pub enum Destination {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on success; dropped (and deleted) on failure.
    File {
        /// The final path.
        path: PathBuf,
        /// The temporary file being written.
        tmp: BufWriter<tempfile::NamedTempFile>,
    },
}

impl Destination {
    /// Standard output, or a temporary file beside `path`.
    pub fn create(path: Option<&Path>) -> Result<Self, SourceError> {
        let Some(path) = path else {
            return Ok(Destination::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".mentionmap-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| SourceError::new(path.display().to_string(), describe_io(&e)))?;
        Ok(Destination::File {
            path: path.to_path_buf(),
            tmp: BufWriter::with_capacity(1 << 16, tmp),
        })
    }

    /// The name of the destination for messages (`-` for standard output).
    pub fn name(&self) -> String {
        match self {
            Destination::Stdout(_) => "-".into(),
            Destination::File { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes and, for a file, renames the temporary file over the target.
    pub fn finish(self) -> Result<(), SourceError> {
        let name = self.name();
        let err = |e: io::Error| SourceError::new(name.clone(), describe_io(&e));
        match self {
            Destination::Stdout(mut w) => match w.flush() {
                // A closed pipe (`| head`) is not an error of ours.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(err),
            },
            Destination::File { path, tmp } => {
                let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                #[cfg(unix)]
                {
                    // tempfile creates 0600 files; an output layer is an ordinary file.
                    use std::os::unix::fs::PermissionsExt;
                    let perms = std::fs::Permissions::from_mode(0o644);
                    tmp.as_file().set_permissions(perms).map_err(err)?;
                }
                tmp.as_file().sync_all().map_err(err)?;
                tmp.persist(&path).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }
}

/// The error for a failed write to the destination named `name` (see [`Destination::name`]):
/// [`SourceError::output_closed`] when standard output's reader has gone away, otherwise the
/// I/O error described.
pub fn write_error(name: &str, e: &io::Error) -> SourceError {
    if name == "-" && e.kind() == io::ErrorKind::BrokenPipe {
        SourceError::output_closed()
    } else {
        SourceError::new(name, describe_io(e))
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File { tmp, .. } => tmp.flush(),
        }
    }
}
