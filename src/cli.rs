//! Command-line definitions (clap) and the examples shown by `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Find the places that news text mentions, count them, and write map layers (GeoJSON).
#[derive(Debug, Parser)]
#[command(name = "mentionmap", version, about, long_about = None)]
#[command(after_help = "Examples:
  mentionmap count examples/ -o places.geojson
  mentionmap extract examples/ar-raqqa.txt | head
  cat article.txt | mentionmap count")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Count place mentions and write a GeoJSON layer: one point per place mentioned.
    #[command(after_help = "Examples:
  mentionmap count examples/ -o places.geojson
      every text file under examples/, one document each, into places.geojson
  mentionmap count --gazetteer villages.tsv report.txt
      add your own places to the embedded default
  cat article.txt | mentionmap count > places.geojson")]
    Count(CountArgs),
    /// Write one JSON object per place mention (JSON Lines), to audit or feed other tools.
    #[command(after_help = "Examples:
  mentionmap extract examples/ar-raqqa.txt
      one line per mention: doc, start, end, text, place, name, kind, country, lon, lat, context
  mentionmap extract corpus/ -o mentions.jsonl")]
    Extract(ExtractArgs),
}

/// Options of `count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by `count` and `extract`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files or folders to read (folders recursively); `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write to FILE (atomically: written in full or not at all) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub gazetteer: GazetteerArgs,

    /// Count demonyms and adjectives (السوري, Syrian) toward their country.
    #[arg(long)]
    pub adjectives: bool,

    /// Threads to use (default: all cores). Output is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Which gazetteer to load.
#[derive(Debug, Args)]
pub struct GazetteerArgs {
    /// Add the places and names of a gazetteer file (TSV, see gazetteer/README.md); repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Leave the embedded default gazetteer out (use only --gazetteer files).
    #[arg(long)]
    pub no_default_gazetteer: bool,
}
