//! From the paths a user typed to the sources to read, in a stable order.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::compression::Compression;
use super::format::inner_extension;
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

    /// Opens the source for reading (its raw bytes, still compressed if they are).
    pub fn open(&self) -> Result<Box<dyn Read + Send>, SourceError> {
        match self {
            Source::File(p) => match std::fs::File::open(p) {
                Ok(f) => Ok(Box::new(f)),
                Err(e) => Err(SourceError::io(p, &e)),
            },
            Source::Stdin => Ok(Box::new(std::io::stdin())),
        }
    }
}

/// Which files under a folder to read: those whose path below the folder matches one of the
/// glob patterns (all files when there are none). `*` also matches `/`, so `*.txt` finds text
/// files at any depth; `{a,b}`, `[ab]`, `?` and `**` work as in a shell.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    globs: Option<GlobSet>,
    patterns: Vec<String>,
}

impl Selection {
    /// Every file.
    pub fn all() -> Self {
        Self::default()
    }

    /// The files matching any of `patterns`; an empty list selects every file.
    pub fn globs(patterns: &[String]) -> Result<Self, SourceError> {
        if patterns.is_empty() {
            return Ok(Self::all());
        }
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            let glob = Glob::new(p).map_err(|e| {
                SourceError::new("--glob", format!("bad pattern {p:?}: {}", e.kind()))
            })?;
            set.add(glob);
        }
        let set = set
            .build()
            .map_err(|e| SourceError::new("--glob", e.to_string()))?;
        Ok(Selection {
            globs: Some(set),
            patterns: patterns.to_vec(),
        })
    }

    /// Whether a file at `relative` (its path below the folder walked) is selected.
    pub fn selects(&self, relative: &Path) -> bool {
        self.globs.as_ref().is_none_or(|g| g.is_match(relative))
    }

    fn describe(&self) -> String {
        if self.patterns.is_empty() {
            "no text files found in this folder".into()
        } else {
            format!(
                "no file in this folder matches --glob {}",
                self.patterns.join(", --glob ")
            )
        }
    }
}

/// Expands user paths: `-` is standard input, a file is itself (whatever `selection` says), a
/// folder is every file under it that `selection` selects (recursively, sorted by path; hidden
/// files and folders are skipped). Files inside folders that look binary (a NUL byte in their
/// first 8 KiB, unless they start with a gzip or zstd magic number) are skipped with a warning.
/// Without `--glob`, map layers and their styles in a folder (`.geojson`, `.qml`, `.csvt`,
/// `.svg`…: see [`is_map_output`]), and files that start as this tool's outputs do under any
/// name, are skipped with one warning for the folder, so that a layer or mention list written
/// beside the articles is not read back as one of them on the next run.
/// A file given more than once (by the same path, another name for it, or a folder that holds
/// it) is read once, where it first comes, with one warning.
///
/// An empty list means standard input. A path that does not exist is an error, and so is a
/// folder with no selected file in it.
pub fn expand_selected(
    paths: &[PathBuf],
    selection: &Selection,
) -> Result<(Vec<Source>, Vec<SourceError>), SourceError> {
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = Seen::default();
    if paths.is_empty() {
        return Ok((vec![Source::Stdin], warnings));
    }
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p)
            .map_err(|e| SourceError::new(p.display().to_string(), describe_path_io(p, &e)))?;
        if !meta.is_dir() {
            match seen.visit(p) {
                Visit::New => sources.push(Source::File(p.clone())),
                Visit::Again => warnings.push(given_again(p, 1)),
                Visit::AgainTold => {}
            }
            continue;
        }
        let warned_before = warnings.len();
        let walked = walk_folder(p, selection, &mut seen, &mut sources, &mut warnings)?;
        if walked.found == 0 {
            let binary = warnings.len() - warned_before;
            let mut message = selection.describe();
            if binary > 0 {
                message.push_str(&format!(" ({binary} binary file(s) skipped)"));
            }
            return Err(SourceError::new(p.display().to_string(), message));
        }
        match &walked.again[..] {
            [] => {}
            [one] => warnings.push(given_again(one, 1)),
            many => warnings.push(given_again(p, many.len())),
        }
        if !walked.layers.is_empty() {
            warnings.push(layers_skipped(p, &walked.layers));
        }
    }
    Ok((sources, warnings))
}

/// Extensions of the files a map is made of rather than news: layers and the style, label and
/// schema files beside them (what `count`, `extract` and `render` write, and what GIS tools
/// put next to a layer).
const MAP_OUTPUTS: &[&str] = &[
    "geojson",
    "geojsonl",
    "geojsons",
    "geojsonseq",
    "qml",
    "qmd",
    "sld",
    "csvt",
    "svg",
    "kml",
    "gpkg",
    "shp",
    "shx",
    "dbf",
    "prj",
    "cpg",
];

/// Whether a file's name marks it as a map layer or a layer's style (`.geojson`, `.geojsonl`,
/// `.qml`, `.csvt`, `.svg`, `.kml`, the parts of a shapefile…), through a `.gz`, `.zst` or
/// `.zstd` suffix.
pub fn is_map_output(path: &Path) -> bool {
    MAP_OUTPUTS.contains(&inner_extension(path).as_str())
}

/// The warning for the map layers and styles skipped in `folder` (see [`is_map_output`]).
fn layers_skipped(folder: &Path, layers: &[PathBuf]) -> SourceError {
    let names: Vec<String> = layers
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(folder).unwrap_or(p).display().to_string())
        .collect();
    let more = if layers.len() > 3 { ", …" } else { "" };
    SourceError::new(
        folder.display().to_string(),
        format!(
            "skipped {} map layer, style or mention file(s), not news ({}{more}); name a \
             file, or choose files with --glob, to read it",
            layers.len(),
            names.join(", ")
        ),
    )
}

/// What walking one folder found.
struct Walked {
    /// Selected files that are not binary, read here or before.
    found: usize,
    /// Files read before, under another path or folder, not yet told.
    again: Vec<PathBuf>,
    /// Map layers and styles skipped (see [`is_map_output`]).
    layers: Vec<PathBuf>,
}

/// Adds the selected files under `folder` to `sources`, those that look binary to `warnings`.
fn walk_folder(
    folder: &Path,
    selection: &Selection,
    seen: &mut Seen,
    sources: &mut Vec<Source>,
    warnings: &mut Vec<SourceError>,
) -> Result<Walked, SourceError> {
    let mut walked = Walked {
        found: 0,
        again: Vec::new(),
        layers: Vec::new(),
    };
    let mut head = Head::default();
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| walk_error(&e, folder))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(folder).unwrap_or(path);
        if !selection.selects(relative) {
            continue;
        }
        // The file's first bytes, read once for whichever check below asks first.
        head.forget();
        if selection.globs.is_none() && (is_map_output(path) || written_by_us(head.of(path)?)) {
            walked.layers.push(path.to_path_buf());
            continue;
        }
        match seen.visit(path) {
            Visit::New => {}
            Visit::Again => {
                walked.found += 1;
                walked.again.push(path.to_path_buf());
                continue;
            }
            Visit::AgainTold => {
                walked.found += 1;
                continue;
            }
        }
        if looks_binary(head.of(path)?) {
            warnings.push(SourceError::new(
                path.display().to_string(),
                "skipped: looks like a binary file, not text".into(),
            ));
            continue;
        }
        walked.found += 1;
        sources.push(Source::File(path.to_path_buf()));
    }
    Ok(walked)
}

/// The files met so far, by their canonical paths.
#[derive(Default)]
struct Seen {
    files: HashSet<PathBuf>,
    told: HashSet<PathBuf>,
}

/// Whether a file was met before.
enum Visit {
    /// First met: to be read.
    New,
    /// Met before, and not yet told.
    Again,
    /// Met before, and told already.
    AgainTold,
}

impl Seen {
    /// Notes `path` (canonical, so that another name for the same file is the same).
    fn visit(&mut self, path: &Path) -> Visit {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.files.contains(&key) {
            self.files.insert(key);
            Visit::New
        } else if self.told.insert(key) {
            Visit::Again
        } else {
            Visit::AgainTold
        }
    }
}

/// The warning for a file (`count` 1) or a folder holding `count` files given more than once.
fn given_again(path: &Path, count: usize) -> SourceError {
    let message = if count == 1 {
        "given more than once; read once".to_string()
    } else {
        format!("{count} files in it given more than once; each read once")
    };
    SourceError::new(path.display().to_string(), message)
}

/// An error met while walking `folder`, named by the path it is about, in plain words.
fn walk_error(e: &walkdir::Error, folder: &Path) -> SourceError {
    let path = e.path().unwrap_or(folder);
    let message = if let Some(ancestor) = e.loop_ancestor() {
        format!(
            "a symbolic link back to {}, a folder that holds it",
            ancestor.display()
        )
    } else if let Some(io) = e.io_error() {
        describe_path_io(path, io)
    } else {
        e.to_string()
    };
    SourceError::new(path.display().to_string(), message)
}

/// [`describe_io`] for an error on `path`, which says so when the path is a symbolic link to
/// nothing.
fn describe_path_io(path: &Path, e: &std::io::Error) -> String {
    let message = describe_io(e);
    let dangling = e.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        format!("{message} (a broken link?)")
    } else {
        message
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// The first 8 KiB of a file (fewer in a short one), read when first asked for and kept until
/// [`forget`](Head::forget), so that the checks of one file in a folder open it once.
struct Head {
    buf: Vec<u8>,
    len: Option<usize>,
}

impl Default for Head {
    fn default() -> Self {
        Head {
            buf: vec![0; 8192],
            len: None,
        }
    }
}

impl Head {
    /// Makes the next [`of`](Head::of) read afresh (for the next file).
    fn forget(&mut self) {
        self.len = None;
    }

    /// The first bytes of the file at `path`, read now if they are not kept yet.
    fn of(&mut self, path: &Path) -> Result<&[u8], SourceError> {
        if self.len.is_none() {
            let read = |buf: &mut [u8]| -> std::io::Result<usize> {
                let mut f = std::fs::File::open(path)?;
                let mut n = 0;
                while n < buf.len() {
                    let k = f.read(&mut buf[n..])?;
                    if k == 0 {
                        break;
                    }
                    n += k;
                }
                Ok(n)
            };
            self.len = Some(read(&mut self.buf).map_err(|e| SourceError::io(path, &e))?);
        }
        Ok(&self.buf[..self.len.unwrap_or(0)])
    }
}

/// Whether a file's first bytes (`head`) start as the layers and mention lists this tool
/// writes do, whatever its name: a GeoJSON FeatureCollection, a GeoJSON text sequence, a CSV
/// layer (`id,lon,lat,` or `id,wkt,`) or `extract`'s JSON Lines (`{"doc":`), so that `-o
/// places.json` or `-o mentions.jsonl` written beside the articles is not read back either.
fn written_by_us(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    [
        &b"{\"type\":\"FeatureCollection\""[..],
        b"\x1E{\"type\":\"Feature\"",
        b"id,lon,lat,",
        b"id,wkt,",
        b"{\"doc\":",
    ]
    .iter()
    .any(|start| head.starts_with(start))
}

/// Whether a file's first 8 KiB (`head`) hold a NUL byte (compressed files and UTF-16 files
/// with a byte-order mark are not binary: they are judged after decompression, by their
/// reader).
fn looks_binary(head: &[u8]) -> bool {
    if Compression::sniff(head) != Compression::None
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
    {
        return false;
    }
    head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_layers_and_styles_are_known_by_their_extension() {
        for layer in [
            "places.geojson",
            "a/b.GeoJSON",
            "e.geojsonl.gz",
            "places.qml",
            "x.csvt",
        ] {
            assert!(is_map_output(Path::new(layer)), "{layer}");
        }
        for news in [
            "a.txt",
            "feed.jsonl",
            "feed.json",
            "news.csv",
            "article.html",
            "README",
        ] {
            assert!(!is_map_output(Path::new(news)), "{news}");
        }
    }

    #[test]
    fn globs_match_below_the_folder_at_any_depth() {
        let s = Selection::globs(&["*.txt".into(), "news/**/*.jsonl".into()]).unwrap();
        assert!(s.selects(Path::new("a.txt")));
        assert!(s.selects(Path::new("sub/b.txt")));
        assert!(s.selects(Path::new("news/2015/x.jsonl")));
        assert!(!s.selects(Path::new("x.jsonl")));
        assert!(!s.selects(Path::new("a.md")));
        assert!(Selection::all().selects(Path::new("anything")));
        assert!(Selection::globs(&["a[".into()]).is_err());
    }
}
