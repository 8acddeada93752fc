//! Whether the vector paths (`text/blocks.rs`, `matcher/candidates.rs`) may run at all.

use std::sync::OnceLock;

/// The environment variable that turns the vector paths off when it is set (to any value), so
/// that the scalar loops, which processors without AVX-512 run, can be timed and checked on any
/// machine.
pub const SCALAR_ONLY: &str = "MENTIONMAP_SCALAR";

/// Whether [`SCALAR_ONLY`] leaves the vector paths on (asked once per process).
pub(crate) fn allowed() -> bool {
    static ALLOWED: OnceLock<bool> = OnceLock::new();
    *ALLOWED.get_or_init(|| std::env::var_os(SCALAR_ONLY).is_none())
}
