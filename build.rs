//! Embeds the default gazetteer: every place file under `gazetteer/default/` and
//! `gazetteer/curated/` (a TSV whose header has `id` and `names` columns), the word-commonness
//! tables and the blocker list. Files are listed in a fixed order so the build is reproducible.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// 64-bit FNV-1a, with each written piece's length hashed after it so that the boundaries
/// between pieces count.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&(bytes.len() as u64).to_le_bytes()) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn tsv_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn header(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|h| {
            h.split('\t')
                .map(|c| c.trim().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let gaz = root.join("gazetteer");
    println!("cargo:rerun-if-changed=gazetteer");
    let mut places = Vec::new();
    let mut commonness = Vec::new();
    let mut blockers = Vec::new();
    for dir in ["default", "curated"] {
        let d = gaz.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        for p in tsv_files(&d) {
            println!("cargo:rerun-if-changed={}", p.display());
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let h = header(&p);
            if let Some(lang) = name
                .strip_prefix("commonness-")
                .and_then(|s| s.strip_suffix(".tsv"))
            {
                commonness.push((lang.to_string(), p.clone()));
            } else if name == "blockers.tsv" {
                blockers.push(p.clone());
            } else if h.iter().any(|c| c == "id") && h.iter().any(|c| c == "names") {
                places.push(p.clone());
            }
        }
    }
    let rel = |p: &Path| p.strip_prefix(&root).unwrap().display().to_string();
    let mut src = String::new();
    src.push_str("/// Place files of the default gazetteer, in load order: (path, content).\n");
    src.push_str("pub(crate) static PLACE_FILES: &[(&str, &str)] = &[\n");
    for p in &places {
        writeln!(src, "    ({:?}, include_str!({:?})),", rel(p), p.display()).unwrap();
    }
    src.push_str("];\n/// Word-commonness tables: (language, path, content).\n");
    src.push_str("pub(crate) static COMMONNESS_FILES: &[(&str, &str, &str)] = &[\n");
    for (lang, p) in &commonness {
        writeln!(
            src,
            "    ({lang:?}, {:?}, include_str!({:?})),",
            rel(p),
            p.display()
        )
        .unwrap();
    }
    src.push_str("];\n/// Blocker lists: (path, content).\n");
    src.push_str("pub(crate) static BLOCKER_FILES: &[(&str, &str)] = &[\n");
    for p in &blockers {
        writeln!(src, "    ({:?}, include_str!({:?})),", rel(p), p.display()).unwrap();
    }
    src.push_str("];\n");
    // The fingerprint of what the precompiled default is made from, computed here once rather
    // than by hashing megabytes of TSV at every start (src/compiled.rs).
    let mut h = Fnv::default();
    for p in &places {
        h.write(rel(p).as_bytes());
        h.write(&fs::read(p).unwrap());
    }
    for (lang, p) in &commonness {
        h.write(lang.as_bytes());
        h.write(rel(p).as_bytes());
        h.write(&fs::read(p).unwrap());
    }
    h.write(env::var("CARGO_PKG_VERSION").unwrap().as_bytes());
    src.push_str(
        "/// A hash of the place and commonness files above (paths and contents) and of the\n",
    );
    src.push_str("/// package version.\n");
    writeln!(
        src,
        "pub(crate) const SOURCES_FINGERPRINT: u64 = {:#018x};",
        h.0
    )
    .unwrap();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, src).unwrap();
}
