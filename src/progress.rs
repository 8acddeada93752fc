//! The progress bar on standard error: documents, MB of text, input MB/s and, when the input
//! size is known, an ETA. Shown only on a terminal and without `--quiet`.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress display fed by the sink of the pipeline.
pub struct Progress {
    bar: Option<ProgressBar>,
    read: Arc<AtomicU64>,
    documents: u64,
    text_bytes: u64,
}

impl Progress {
    /// A bar over `total` bytes of input (a spinner when unknown), watching `read`; hidden
    /// when `quiet` or when standard error is not a terminal.
    pub fn new(total: Option<u64>, read: Arc<AtomicU64>, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = match total {
                Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template(
                            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            read,
            documents: 0,
            text_bytes: 0,
        }
    }

    /// Counts one document of `text_len` bytes.
    pub fn document(&mut self, text_len: usize) {
        self.documents += 1;
        self.text_bytes += text_len as u64;
        if let Some(bar) = &self.bar
            && self.documents % 256 == 1
        {
            bar.set_position(self.read.load(Ordering::Relaxed));
            bar.set_message(format!(
                "· {} documents, {:.1} MB of text",
                self.documents,
                self.text_bytes as f64 / 1e6
            ));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
