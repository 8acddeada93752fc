//! Writing to standard output, atomically to a file, or straight into a device or pipe.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use crate::error::{SourceError, describe_io};

/// Where output goes: standard output, a file written through a temporary file in the same
/// folder and renamed over the target by [`finish`](Destination::finish), or a device or named
/// pipe written into as it is.
pub enum Destination {
    /// Standard output (`-o -`, or no `-o`).
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on success; dropped (and deleted) on failure.
    File {
        /// The path as the user gave it (for messages).
        name: PathBuf,
        /// Where the file goes: `name` with its symbolic links resolved, so that a link keeps
        /// pointing at the new file.
        path: PathBuf,
        /// The permissions of the file it replaces (0644 for a new file).
        mode: u32,
        /// The temporary file being written.
        tmp: BufWriter<Temporary>,
    },
    /// A device or named pipe (`/dev/stdout`, a FIFO): written straight into, never replaced.
    Direct {
        /// The path as the user gave it.
        name: PathBuf,
        /// The open device or pipe.
        file: BufWriter<File>,
    },
}

/// Whether an output path means standard output (`-`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

impl Destination {
    /// Standard output (`None` or `-`), or a way to write `path`: a temporary file beside the
    /// file it will become (following symbolic links), or the device or pipe itself.
    ///
    /// Fails, before anything is written, when the folder does not exist or cannot be written
    /// to, when `path` is a folder, or when it is a read-only file.
    pub fn create(path: Option<&Path>) -> Result<Self, SourceError> {
        let Some(path) = path.filter(|p| !is_stdout(p)) else {
            return Ok(Destination::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let io_err = |e: io::Error| SourceError::new(path.display().to_string(), describe_io(&e));
        Ok(match plan(path)? {
            Plan::Direct => {
                let file = File::options().write(true).open(path).map_err(io_err)?;
                Destination::Direct {
                    name: path.to_path_buf(),
                    file: BufWriter::with_capacity(1 << 16, file),
                }
            }
            Plan::Replace { target, mode } => Destination::File {
                name: path.to_path_buf(),
                tmp: BufWriter::with_capacity(1 << 16, Temporary::beside(&target).map_err(io_err)?),
                path: target,
                mode,
            },
        })
    }

    /// Checks that `path` can be written as [`create`](Self::create) would, without writing
    /// or opening it (a pipe opened and closed would end its reader's input).
    pub fn check(path: &Path) -> Result<(), SourceError> {
        if is_stdout(path) {
            return Ok(());
        }
        match plan(path)? {
            Plan::Direct => Ok(()),
            // Made and dropped: the temporary file is deleted, the target left alone.
            Plan::Replace { target, .. } => Temporary::beside(&target)
                .map(drop)
                .map_err(|e| SourceError::new(path.display().to_string(), describe_io(&e))),
        }
    }

    /// The name of the destination for messages (`-` for standard output).
    pub fn name(&self) -> String {
        match self {
            Destination::Stdout(_) => "-".into(),
            Destination::File { name, .. } | Destination::Direct { name, .. } => {
                name.display().to_string()
            }
        }
    }

    /// [`finish`](Self::finish) for each of `files`, in order, with no interruption between
    /// the renames (see [`remove_temporaries`]).
    pub fn finish_all(files: Vec<Destination>) -> Result<(), SourceError> {
        let _renaming = RENAMING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.into_iter().try_for_each(Destination::finish)
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
            Destination::Direct { mut file, .. } => file.flush().map_err(err),
            Destination::File {
                path, mode, tmp, ..
            } => {
                let mut tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                let file = tmp.file.take().expect("taken only here");
                // tempfile creates 0600 files; the output gets the mode of the file it replaces,
                // or that of an ordinary file.
                set_mode(file.as_file(), mode).map_err(err)?;
                file.as_file().sync_all().map_err(err)?;
                file.persist(&path).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }
}

/// How a path is written.
enum Plan {
    /// Straight into it: a device or named pipe.
    Direct,
    /// Through a temporary file renamed over `target` (the path with its links resolved), given
    /// `mode`.
    Replace { target: PathBuf, mode: u32 },
}

/// How `path` is to be written; an error when it cannot be (a folder, a read-only file, a path
/// whose folder cannot be looked at).
fn plan(path: &Path) -> Result<Plan, SourceError> {
    let err = |message: String| SourceError::new(path.display().to_string(), message);
    let io_err = |e: io::Error| err(describe_io(&e));
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(err("is a directory".into())),
        Ok(m) if !m.is_file() => Ok(Plan::Direct),
        Ok(m) if m.permissions().readonly() => Err(err("is a read-only file; not replaced".into())),
        Ok(m) => Ok(Plan::Replace {
            target: fs::canonicalize(path).map_err(io_err)?,
            mode: file_mode(&m),
        }),
        // A link to nothing: the file is made where it points.
        Err(e) if e.kind() == io::ErrorKind::NotFound && is_link(path) => Ok(Plan::Replace {
            target: link_target(path).map_err(io_err)?,
            mode: 0o644,
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Plan::Replace {
            target: path.to_path_buf(),
            mode: 0o644,
        }),
        Err(e) => Err(io_err(e)),
    }
}

/// The paths of the temporary files that exist now (see [`Temporary`]).
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while the files of a run are renamed into place one after another
/// ([`Destination::finish_all`]), so that an interruption comes before or after all of them.
static RENAMING: Mutex<()> = Mutex::new(());

/// `mutex` locked, waiting at most `patience` (an interrupted run must exit even if the thread
/// that holds it hangs, on a dead network mount say); a poisoned lock is taken as it is.
fn lock_within<T>(mutex: &Mutex<T>, patience: Duration) -> Option<MutexGuard<'_, T>> {
    let deadline = Instant::now() + patience;
    loop {
        match mutex.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// Deletes every temporary file still being written: for an interrupted run (Ctrl-C, `kill`),
/// which exits without dropping them. A file renamed over its target already is not one, and
/// the renames of a run that has begun them are let finish (waiting two seconds at most).
pub fn remove_temporaries() {
    let patience = Duration::from_secs(2);
    let _renaming = lock_within(&RENAMING, patience);
    let Some(live) = lock_within(&LIVE, patience) else {
        return;
    };
    for path in live.iter() {
        let _ = fs::remove_file(path);
    }
}

/// A temporary file that becomes an output file, listed for [`remove_temporaries`] from its
/// making until it is dropped: after it was renamed over its target, or deleted (a failed
/// run).
pub struct Temporary {
    path: PathBuf,
    /// `None` once [`Destination::finish`] has taken it to rename.
    file: Option<tempfile::NamedTempFile>,
}

impl Temporary {
    /// A temporary file in the folder of `target`, to be renamed over it.
    fn beside(target: &Path) -> io::Result<Temporary> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Made under the lock, so that an interruption cannot fall between making and listing.
        let file = tempfile::Builder::new()
            .prefix(".mentionmap-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        live.push(path.clone());
        Ok(Temporary {
            path,
            file: Some(file),
        })
    }

    fn file(&mut self) -> io::Result<&mut tempfile::NamedTempFile> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("temporary file already renamed"))
    }
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file()?.flush()
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        let mut live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Deleted (if not renamed) while listed, then unlisted.
        drop(self.file.take());
        live.retain(|p| p != &self.path);
    }
}

/// Whether `path` is a symbolic link (whatever it points to).
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Where a link that points to nothing points, relative links read from the link's folder.
fn link_target(link: &Path) -> io::Result<PathBuf> {
    let to = fs::read_link(link)?;
    Ok(match link.parent() {
        Some(dir) if to.is_relative() => dir.join(to),
        _ => to,
    })
}

#[cfg(unix)]
fn file_mode(m: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn file_mode(_: &fs::Metadata) -> u32 {
    0o644
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
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
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File { tmp, .. } => tmp.write(buf),
            Destination::Direct { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File { tmp, .. } => tmp.flush(),
            Destination::Direct { file, .. } => file.flush(),
        }
    }
}
