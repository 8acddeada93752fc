//! The data in `../shared` beside the checkout (the seed articles, SaudiNewsNet), which a user's
//! fresh clone does not have: the tests that read it skip, and say so.

use std::path::{Path, PathBuf};

/// `../shared/<relative>` when it exists; otherwise `None`, after printing that the test is
/// skipped and why.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "skipped: {} is absent (the shared data is not beside this checkout)",
            path.display()
        );
        None
    }
}
