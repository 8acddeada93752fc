//! Command-line definitions (clap) and the examples shown by `--help`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};
use encoding_rs::Encoding;
use mentionmap::SourceError;
use mentionmap::aggregate::{EdgeScope, Period};
use mentionmap::input::date::parse_day;
use mentionmap::input::{DateRange, Format, InputOptions, encoding_for_label};
use mentionmap::output::OutputFormat;
use mentionmap::render::Fit;

/// Find the places that news text mentions, count them, and write map layers (GeoJSON).
#[derive(Debug, Parser)]
#[command(name = "mentionmap", version, about, long_about = None)]
#[command(after_help = "Examples:
  mentionmap count examples/news -o places.geojson
  mentionmap extract examples/news/ar-euphrates.txt | head
  cat article.txt | mentionmap count")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Usage errors clap cannot see on one option alone: they end the run as clap's own do
    /// (a message and exit status 2).
    pub fn check_usage(&self) {
        let input = match &self.command {
            Command::Count(a) => &a.common.input,
            Command::Extract(a) => &a.common.input,
            _ => return,
        };
        if let Err(e) = DateRange::new(input.from.clone(), input.to.clone()) {
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, e.message)
                .exit();
        }
    }
}

/// The most threads `--threads` takes: more only slows start-up down.
const MAX_THREADS: usize = 1024;

/// Parses `--threads`: a whole number from 1 to [`MAX_THREADS`].
fn thread_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a number of threads from 1 to {MAX_THREADS}"
        )),
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Count place mentions and write a GeoJSON layer: one point per place mentioned.
    #[command(after_help = "Examples:
  mentionmap count examples/news -o places.geojson
      every text file under examples/news, one document each, into places.geojson
  mentionmap count --gazetteer villages.tsv report.txt
      add your own places to the embedded default
  mentionmap count feed.jsonl --by month -o months.geojson
      one point per place and month, with months.qml for QGIS
  mentionmap count corpus/ -F csv -o places.csv --edges links.geojson --min-weight 2
  cat article.txt | mentionmap count > places.geojson")]
    Count(CountArgs),
    /// Write one JSON object per place mention (JSON Lines), to audit or feed other tools.
    #[command(after_help = "Examples:
  mentionmap extract examples/news/ar-euphrates.txt
      one line per mention: doc, start, end, text, place, name, kind, country, lon, lat, context
  mentionmap extract corpus/ -o mentions.jsonl")]
    Extract(ExtractArgs),
    /// Draw a GeoJSON layer of `count` as a map: SVG, PNG or a self-contained HTML page.
    #[command(after_help = "Examples:
  mentionmap render places.geojson -o map.svg --title \"Places in the news\"
  mentionmap render places.geojson -o map.png
  mentionmap render places.geojson -o map.html
      one file, no network: hover a circle for its counts, click a column to sort")]
    Render(RenderArgs),
    /// Import, look up and check gazetteers (the place lists that names are matched against).
    #[command(after_help = "Examples:
  mentionmap gazetteer lookup بالرقة
  mentionmap gazetteer import geonames --places SY.txt --alternate-names alternateNamesV2.txt \\
      --languages ar,en -o syria.tsv
  mentionmap gazetteer check syria.tsv --with-default")]
    Gazetteer(GazetteerToolArgs),
}

/// Options of `count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    #[command(flatten)]
    pub layers: LayerArgs,
}

/// Options of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format: mentions (JSON Lines), geojson, geojsonseq or csv (default: from the -o
    /// extension, .geojson .geojsonseq .csv .jsonl; else mentions).
    #[arg(short = 'F', long = "output-format", value_name = "FORMAT")]
    pub output_format: Option<OutputFormat>,

    /// For every matched name, write the candidates considered and why the winner won, or why
    /// the match was dropped (JSON Lines, dropped matches included).
    #[arg(long, conflicts_with = "output_format")]
    pub explain: bool,
}

/// The map-layer options of `count`: format, time periods, style, co-mention edges.
#[derive(Debug, Args)]
#[command(next_help_heading = "Map layers")]
pub struct LayerArgs {
    /// Output format: geojson, geojsonseq (RFC 8142) or csv (with a .csvt beside a file)
    /// (default: from the -o extension; else geojson).
    #[arg(short = 'F', long = "output-format", value_name = "FORMAT")]
    pub output_format: Option<OutputFormat>,

    /// One feature per place and period (day, week, month or year; weeks start on Monday), with
    /// period_start and period_end (exclusive) for QGIS's temporal controller.
    #[arg(long, value_name = "PERIOD")]
    pub by: Option<Period>,

    /// Write a QGIS style FILE.qml beside -o FILE (done anyway for FILE.geojson).
    #[arg(long)]
    pub qgis_style: bool,

    /// Also write a line layer linking places co-mentioned in a document to FILE.
    #[arg(long, value_name = "FILE")]
    pub edges: Option<PathBuf>,

    /// Where two places must be mentioned to be linked: document or sentence.
    #[arg(
        long,
        value_name = "SCOPE",
        default_value = "document",
        requires = "edges"
    )]
    pub edges_scope: EdgeScope,

    /// Leave out edges co-mentioned in fewer than N documents.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "edges")]
    pub min_weight: u64,
}

/// Options of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A GeoJSON layer written by `mentionmap count` (a --by layer is summed per place).
    #[arg(value_name = "IN.geojson")]
    pub input: PathBuf,

    /// The picture to write: .svg, .png or .html (chosen by extension).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,

    /// Title drawn above the map.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// How many of the most mentioned places get a label.
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub labels: usize,

    /// Width of the picture in pixels, 300 to 8000 (the height follows the data).
    #[arg(long, value_name = "PX", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(300..=8000))]
    pub width: u32,

    /// Frame the core of the mentions (core: far-off stray places may fall outside) or all places.
    #[arg(long, value_name = "FIT", default_value = "core")]
    pub fit: Fit,
}

/// Options shared by `count` and `extract`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files or folders to read (folders recursively); `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write to FILE instead of standard output (`-`): atomically, written in full or not at
    /// all (a link is followed; a device or pipe is written into). The format follows the
    /// extension unless -F says otherwise.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub gazetteer: GazetteerArgs,

    /// Count demonyms and adjectives (السوري, Syrian) toward their country.
    #[arg(long)]
    pub adjectives: bool,

    /// Keep only mentions at least this sure, 0 to 1 (default 0.65: the best F1 on dev data).
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub min_confidence: Option<f32>,

    /// Add blocker phrases (TSV with a `phrase` column): names of organisations, operations or
    /// people that contain place names and must not count as them; repeatable.
    #[arg(long = "blockers", value_name = "FILE")]
    pub blockers: Vec<PathBuf>,

    /// Leave the embedded blocker list out.
    #[arg(long)]
    pub no_default_blockers: bool,

    /// Threads to use, start-up included (default: all cores; at most 1024). Output is the same
    /// whatever the number.
    #[arg(long, value_name = "N", value_parser = thread_count)]
    pub threads: Option<usize>,

    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

/// How to read the inputs: format, record fields, encoding, which files and which dates.
#[derive(Debug, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// How to cut input into documents: text (a file is one, or parts of about 1 MiB when it
    /// is longer than 2 MiB), jsonl, csv or tsv (a record is one). Default: by extension
    /// (.jsonl .ndjson .csv .tsv, also under .gz or .zst), else text.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// In folders, read only the files whose path below the folder matches PATTERN ('*.txt',
    /// 'news/**/*.jsonl.gz'; `*` also crosses folders); repeatable.
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,

    /// JSONL/CSV field holding the text; give it more than once (--text-field title --text-field
    /// text) to join fields with a blank line.
    #[arg(long = "text-field", value_name = "NAME", default_value = "text")]
    pub text_fields: Vec<String>,

    /// JSONL/CSV field naming a document (its origin becomes FILE:ID, else FILE:LINE).
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// JSONL/CSV field holding the date (ISO 8601 date or date-time).
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub date_field: String,

    /// Character encoding of the input (any WHATWG label: windows-1256, iso-8859-6, utf-16le…);
    /// default UTF-8. A byte-order mark wins. gzip and zstd are undone whatever the name.
    #[arg(long, value_name = "LABEL", value_parser = encoding_for_label)]
    pub encoding: Option<&'static Encoding>,

    /// Keep only documents dated on or after DATE (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<String>,

    /// Keep only documents dated on or before DATE (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub to: Option<String>,

    /// Accept malformed JSONL/CSV lines: warn, skip them and succeed (otherwise the run fails
    /// at the end: no -o file is written; what `extract` streamed to standard output stays).
    #[arg(long)]
    pub skip_bad_lines: bool,
}

impl InputArgs {
    /// The library's reading options; an error when --from comes after --to.
    pub fn options(&self) -> Result<InputOptions, SourceError> {
        Ok(InputOptions {
            format: self.format,
            globs: self.globs.clone(),
            text_fields: self.text_fields.clone(),
            id_field: self.id_field.clone(),
            date_field: self.date_field.clone(),
            encoding: self.encoding.unwrap_or(encoding_rs::UTF_8),
            dates: DateRange::new(self.from.clone(), self.to.clone())?,
            skip_bad_lines: self.skip_bad_lines,
        })
    }
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

/// Options of `gazetteer`.
#[derive(Debug, Args)]
pub struct GazetteerToolArgs {
    /// What to do with gazetteers.
    #[command(subcommand)]
    pub command: GazetteerCommand,
}

/// The `gazetteer` subcommands.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Convert a GeoNames dump or a spreadsheet into a gazetteer file (TSV).
    Import(Box<ImportArgs>),
    /// Print every place a name may refer to, one JSON object a line (exit 1 when none).
    #[command(after_help = "Examples:
  mentionmap gazetteer lookup بالرقة
      the name as written in a text: clitics (و ف ب ك ل) are tried off, as when matching
  mentionmap gazetteer lookup \"Deir ez-Zor\" --gazetteer villages.tsv")]
    Lookup(LookupArgs),
    /// Rebuild gazetteer/compiled/default.bin, the precompiled embedded default (for developers:
    /// run it after changing the files under gazetteer/ or the normaliser).
    #[command(after_help = "Example:
  cargo run --release -- gazetteer compile -o gazetteer/compiled/default.bin")]
    Compile(CompileArgs),
    /// Lint gazetteer files; with no FILE, the embedded default (exit 1 on any problem).
    #[command(after_help = "Examples:
  mentionmap gazetteer check villages.tsv
  mentionmap gazetteer check villages.tsv --with-default
      check as loaded after the default: its places may be added to without kind or point
  mentionmap gazetteer check
      the embedded default")]
    Check(CheckArgs),
}

/// Options of `gazetteer import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The kind of source.
    #[command(subcommand)]
    pub source: ImportSource,
}

/// The sources `gazetteer import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// GeoNames dumps: allCountries.txt, cities500.txt or CC.txt and alternateNamesV2.txt.
    #[command(after_help = "Examples:
  mentionmap gazetteer import geonames --places allCountries.txt \\
      --alternate-names alternateNamesV2.txt --countries SY,IQ --languages ar,en \\
      --admin1-codes admin1CodesASCII.txt -o syria-iraq.tsv
  mentionmap gazetteer import geonames --places cities500.txt \\
      --alternate-names alternateNamesV2.txt --min-population 100000 -o cities.tsv")]
    Geonames(GeonamesImportArgs),
    /// A spreadsheet saved as CSV, one place a row.
    #[command(after_help = "Examples:
  mentionmap gazetteer import csv villages.csv --name-column ar:الاسم --name-column en:Name \\
      --lat-column lat --lon-column lon --country SY -o villages.tsv")]
    Csv(CsvImportArgs),
}

/// Options of `gazetteer import geonames`.
#[derive(Debug, Args)]
pub struct GeonamesImportArgs {
    /// The places file in the GeoNames main format (19 tab-separated columns).
    #[arg(long, value_name = "FILE")]
    pub places: PathBuf,

    /// The alternate names file (alternateNamesV2.txt).
    #[arg(long, value_name = "FILE")]
    pub alternate_names: PathBuf,

    /// admin1CodesASCII.txt, to fill the admin1 column (left empty without it).
    #[arg(long, value_name = "FILE")]
    pub admin1_codes: Option<PathBuf>,

    /// Keep only places in these countries (ISO codes, comma-separated).
    #[arg(long, value_name = "CC,...", value_delimiter = ',')]
    pub countries: Vec<String>,

    /// Keep only alternate names in these languages (comma-separated; the main name is kept).
    #[arg(long, value_name = "LANG,...", value_delimiter = ',')]
    pub languages: Vec<String>,

    /// Keep only places with at least N people (drops places of unknown population).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_population: u64,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl GeonamesImportArgs {
    /// The library's import options.
    pub fn options(&self) -> mentionmap::gazetteer::import::geonames::GeonamesOptions {
        let list = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let upper = |v: Vec<String>| v.iter().map(|s| s.to_ascii_uppercase()).collect();
        let lower = |v: Vec<String>| v.iter().map(|s| s.to_ascii_lowercase()).collect();
        mentionmap::gazetteer::import::geonames::GeonamesOptions {
            places: self.places.clone(),
            alternate_names: self.alternate_names.clone(),
            admin1_codes: self.admin1_codes.clone(),
            countries: upper(list(&self.countries)),
            languages: lower(list(&self.languages)),
            min_population: self.min_population,
        }
    }
}

/// Options of `gazetteer import csv`.
#[derive(Debug, Args)]
pub struct CsvImportArgs {
    /// The spreadsheet (CSV with a header line).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// A column of names; `LANG:COLUMN` tags its language (else --lang). Repeatable; a cell may
    /// hold several names separated by `|`.
    #[arg(long, value_name = "COLUMN", required = true)]
    pub name_column: Vec<String>,

    /// The latitude column (WGS84 decimal degrees).
    #[arg(long, value_name = "COLUMN")]
    pub lat_column: String,

    /// The longitude column (WGS84 decimal degrees).
    #[arg(long, value_name = "COLUMN")]
    pub lon_column: String,

    /// The column holding each row's kind (populated_place, camp, water...).
    #[arg(long, value_name = "COLUMN", conflicts_with = "kind")]
    pub kind_column: Option<String>,

    /// The kind of every row.
    #[arg(long, value_name = "KIND", default_value = "populated_place")]
    pub kind: mentionmap::gazetteer::Kind,

    /// The column holding each row's ISO country code.
    #[arg(long, value_name = "COLUMN", conflicts_with = "country")]
    pub country_column: Option<String>,

    /// The ISO country code of every row.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,

    /// The column holding each row's id (default: the line number); a value without a `prefix:`
    /// gets the file's name as prefix (villages.csv, row 12 → villages:12).
    #[arg(long, value_name = "COLUMN")]
    pub id_column: Option<String>,

    /// The column holding each row's population.
    #[arg(long, value_name = "COLUMN")]
    pub population_column: Option<String>,

    /// The column holding each row's first-level division (governorate, province).
    #[arg(long, value_name = "COLUMN")]
    pub admin1_column: Option<String>,

    /// The language of names from columns given without `LANG:`.
    #[arg(long, value_name = "LANG", default_value = "und")]
    pub lang: String,

    /// The field separator.
    #[arg(long, value_name = "CHAR", default_value_t = ',')]
    pub delimiter: char,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl CsvImportArgs {
    /// The library's import options; an error for a separator that is not one ASCII character.
    pub fn options(&self) -> Result<mentionmap::gazetteer::import::csv::CsvOptions, SourceError> {
        let delimiter = u8::try_from(self.delimiter)
            .ok()
            .filter(u8::is_ascii)
            .ok_or_else(|| SourceError::new("--delimiter", "must be one ASCII character".into()))?;
        let mut o = mentionmap::gazetteer::import::csv::CsvOptions::new(
            self.file.clone(),
            self.name_column.clone(),
            &self.lat_column,
            &self.lon_column,
        );
        o.kind_column = self.kind_column.clone();
        o.kind = self.kind;
        o.country_column = self.country_column.clone();
        o.country = self.country.clone();
        o.id_column = self.id_column.clone();
        o.population_column = self.population_column.clone();
        o.admin1_column = self.admin1_column.clone();
        o.lang = self.lang.to_ascii_lowercase();
        o.delimiter = delimiter;
        Ok(o)
    }
}

/// Options of `gazetteer lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The name as written in a text (بالرقة, Raqqa, "Deir ez-Zor").
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Options of `gazetteer check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Gazetteer files to check, in load order; none checks the embedded default.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Check the files as loaded after the embedded default (which is checked too).
    #[arg(long)]
    pub with_default: bool,
}

/// Parses a number in [0, 1].
fn parse_probability(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

/// Options of `gazetteer compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Where to write the precompiled default.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}
