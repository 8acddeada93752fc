//! Stage 2 of the data path: text → [`NormalizedText`], the form that matching runs on.
//!
//! [`Normalizer`] folds Arabic and Latin text to one spelling per name and keeps a map from every
//! normalised byte back to the original; [`clitics`] lists the ways an Arabic token can carry
//! proclitics in front of a name.

#[cfg(target_arch = "x86_64")]
mod blocks;
pub mod clitics;
pub mod encoding;
mod fold;
mod normalize;
pub mod short_key;

pub use normalize::{NormalizedText, Normalizer, PADDING, TooLong, is_separator};
