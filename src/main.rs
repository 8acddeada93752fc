//! The `mentionmap` binary: parses the command line, calls the library, maps errors to exit
//! codes (0 success, 1 failure, 2 bad usage; a run stopped by a signal ends by it, see `interrupt`).

mod cli;
mod interrupt;
mod progress;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use mentionmap::MentionFinder;
use mentionmap::SourceError;
use mentionmap::compiled::EmbeddedDefault;
use mentionmap::gazetteer::{ATTRIBUTION, Commonness, Gazetteer, WORD_FREQUENCY_CREDIT};
use mentionmap::input::Documents;
use mentionmap::output::geojson::RunInfo;
use mentionmap::output::mentions::write_mention;
use mentionmap::output::{Destination, is_stdout, write_error};
use mentionmap::pipeline;
use mentionmap::resolve::ResolveOptions;

use progress::Progress;

/// The allocator: mimalloc. A run allocates a document's text, its normalised copy and its
/// mentions per document on several threads, and frees them soon after; mimalloc's per-thread
/// free lists do that with fewer instructions than the system allocator (measured in
/// `docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::{Cli, Command, CommonArgs, GazetteerArgs, LayerArgs, RenderArgs};
use mentionmap::aggregate::Collector;
use mentionmap::output::count::{CountOutput, write_count};
use mentionmap::output::delimited::csvt_beside;
use mentionmap::output::mentions::{mention_columns, mention_feature};
use mentionmap::output::{FeatureWriter, OutputFormat};
use mentionmap::render::{RenderOptions, render_file};

/// Turns transparent huge pages off for this process. mimalloc asks the kernel for huge pages
/// (`madvise`), and where the kernel then compacts memory before it can hand one out (the
/// common `defrag=madvise` setting), a run stalls in the kernel: on this project's machine four
/// runs of `count --threads 1` on SaudiNewsNet in six spent 0.4 s there instead of 0.05 s. With
/// small pages a run takes 23,000 page faults instead of 1,200 and never stalls:
/// `scripts/bench --compare`, 8 alternated runs, 0.82× the time at the medians on one thread
/// and 0.80× on two, faster in 8 of 8 (`docs/performance.md`, ninth session).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    interrupt::install();
    let cli = Cli::parse();
    cli.check_usage();
    let result = match cli.command {
        Command::Count(a) => run_count(&a.common, &a.layers),
        Command::Extract(a) if a.explain => run_explain(&a.common),
        Command::Extract(a) => run_extract(&a.common, a.output_format),
        Command::Render(a) => run_render(&a),
        Command::Gazetteer(a) => run_gazetteer(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `… | head`: the reader has what it wanted.
        Err(e) if e.is_output_closed() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentionmap: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_gazetteer(args: cli::GazetteerToolArgs) -> Result<(), SourceError> {
    use cli::{GazetteerCommand, ImportSource};
    use mentionmap::gazetteer::{check, import, lookup};
    match args.command {
        GazetteerCommand::Import(a) => {
            let summary = match &a.source {
                ImportSource::Geonames(g) => {
                    import::geonames::import(&g.options(), g.output.as_deref())?
                }
                ImportSource::Csv(c) => import::csv::import(&c.options()?, c.output.as_deref())?,
            };
            eprintln!("mentionmap: imported {summary}");
            Ok(())
        }
        GazetteerCommand::Lookup(a) => lookup::run(&load_gazetteer(&a.gazetteer)?, &a.name),
        GazetteerCommand::Check(a) => check::run(&a.files, a.with_default),
        GazetteerCommand::Compile(a) => {
            let bytes = mentionmap::compiled::compile()?;
            let mut out = Destination::create(Some(&a.output))?;
            std::io::Write::write_all(&mut out, &bytes)
                .map_err(|e| write_error(&out.name(), &e))?;
            out.finish()
        }
    }
}

fn warn_printer(quiet: bool) -> impl FnMut(SourceError) {
    move |w| {
        if !quiet {
            eprintln!("mentionmap: warning: {w}");
        }
    }
}

fn load_gazetteer(args: &GazetteerArgs) -> Result<Gazetteer, SourceError> {
    Ok(load_default_and_files(args)?.gazetteer)
}

/// The embedded default (unless left out) with the user's gazetteer files merged in.
fn load_default_and_files(args: &GazetteerArgs) -> Result<EmbeddedDefault, SourceError> {
    let mut d = if args.no_default_gazetteer {
        EmbeddedDefault {
            gazetteer: Gazetteer::new(),
            commonness: Commonness::embedded()?,
            names: None,
        }
    } else {
        mentionmap::compiled::embedded_default()?
    };
    for f in &args.files {
        d.gazetteer.add_file(f)?;
    }
    if d.gazetteer.is_empty() {
        return Err(SourceError::new(
            "--no-default-gazetteer",
            "no places loaded: give at least one --gazetteer FILE".into(),
        ));
    }
    Ok(d)
}

/// Builds the finder on `pool`'s threads, so that `--threads` bounds start-up too.
fn finder(
    args: &CommonArgs,
    pool: &rayon::ThreadPool,
) -> Result<&'static MentionFinder, SourceError> {
    pool.install(|| build_finder(args))
}

fn build_finder(args: &CommonArgs) -> Result<&'static MentionFinder, SourceError> {
    let defaults = ResolveOptions::default();
    let options = ResolveOptions {
        adjectives: args.adjectives,
        min_confidence: args.min_confidence.unwrap_or(defaults.min_confidence),
    };
    let mut blockers = if args.no_default_blockers {
        Vec::new()
    } else {
        mentionmap::gazetteer::blockers::embedded()?
    };
    for f in &args.blockers {
        blockers.extend(mentionmap::gazetteer::blockers::read_file(f)?);
    }
    let g = &args.gazetteer;
    let finder = if g.files.is_empty() && !g.no_default_gazetteer {
        MentionFinder::embedded_with(&blockers, options)?
    } else {
        let data = load_default_and_files(g)?;
        MentionFinder::with_names(
            data.gazetteer,
            data.commonness,
            data.names,
            &blockers,
            options,
        )?
    };
    // The finder lives as long as the process; leaking it skips freeing a million small
    // allocations at exit, which costs a noticeable share of start-up time for a short run.
    Ok(Box::leak(Box::new(finder)))
}

fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, SourceError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| SourceError::new("--threads", e.to_string()))
}

/// The format of the file `-o` names (see [`OutputFormat::choose`]): an error names the file,
/// and a warning (an extension that names no format) is printed unless `quiet`.
fn output_format(
    flag: Option<Option<OutputFormat>>,
    path: Option<&Path>,
    default: OutputFormat,
    accepts: &[OutputFormat],
    quiet: bool,
) -> Result<OutputFormat, SourceError> {
    let name = || path.map_or_else(|| "-o".into(), |p| p.display().to_string());
    let (format, warning) = OutputFormat::choose(flag, path, default, accepts)
        .map_err(|message| SourceError::new(name(), message))?;
    if let Some(w) = warning {
        warn_printer(quiet)(SourceError::new(name(), w));
    }
    Ok(format)
}

/// The attribution a layer carries: the embedded data's, with the user's gazetteer files named
/// after it; without the default gazetteer, those files' and the word frequencies' only.
fn attribution(args: &GazetteerArgs) -> String {
    let files: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
    match (args.no_default_gazetteer, files.is_empty()) {
        (false, true) => ATTRIBUTION.to_string(),
        (false, false) => format!("{ATTRIBUTION}; places added from {}", files.join(", ")),
        (true, _) => format!("Place data: {}; {WORD_FREQUENCY_CREDIT}", files.join(", ")),
    }
}

fn run_count(args: &CommonArgs, layers: &LayerArgs) -> Result<(), SourceError> {
    // -F, else the extension of -o, else GeoJSON.
    let format = output_format(
        Some(layers.output_format),
        args.output.as_deref(),
        OutputFormat::Geojson,
        &OutputFormat::LAYERS,
        args.quiet,
    )?;
    let output = CountOutput {
        format,
        path: args.output.clone(),
        qgis_style: layers.qgis_style,
        edges: layers.edges.clone(),
        min_weight: layers.min_weight,
    };
    // A file that cannot be written fails the run now, not after reading the whole input.
    output.check()?;
    if let Some(w) = output.edges_warning() {
        warn_printer(args.quiet)(w);
    }
    let pool = pool(args.threads)?;
    let mut warn = warn_printer(args.quiet);
    let (mut docs, warnings) = Documents::open(&args.paths, args.input.options()?)?;
    warnings.into_iter().for_each(&mut warn);
    let mut collector =
        Collector::new(layers.by, layers.edges.as_ref().map(|_| layers.edges_scope));
    let mut progress = Progress::new(docs.total_size(), docs.bytes_read(), args.quiet);
    // Regular files are read while the finder is built (see `for_each_document`).
    let read_ahead = docs.reads_regular_files_only();
    let read = pipeline::for_each_document(
        || finder(args, &pool),
        read_ahead,
        pool.current_num_threads(),
        &mut docs,
        &mut warn,
        &mut |_, doc, mentions| {
            progress.document(doc.text.len());
            collector.add_document(&doc.text, doc.date.as_deref(), mentions);
            Ok(())
        },
    );
    progress.finish();
    let finder = read?;
    // Bad input lines fail the run here, before anything is written (unless --skip-bad-lines).
    let tally = docs.finish()?;
    let info = RunInfo {
        documents: collector.totals.documents,
        undated: tally.undated_documents(),
        attribution: attribution(&args.gazetteer),
    };
    if let Some(t) = collector.timeline.as_ref().filter(|t| t.undated > 0) {
        warn(SourceError::new(
            "--by",
            format!(
                "documents without a date: {}; counted in features with null periods",
                t.undated
            ),
        ));
    }
    write_count(finder.gazetteer(), &collector, &info, &output)
}

fn run_render(args: &RenderArgs) -> Result<(), SourceError> {
    let options = RenderOptions {
        title: args.title.clone(),
        labels: args.labels,
        width: args.width,
        fit: args.fit,
    };
    render_file(&args.input, &args.output, &options)
}

/// `extract --explain`: every decision, one document at a time, in input order.
fn run_explain(args: &CommonArgs) -> Result<(), SourceError> {
    // JSON Lines whatever the name (`.json` included), but not under a name that promises a
    // layer (`.csv`, `.geojson`).
    let mentions = OutputFormat::Mentions;
    output_format(None, args.output.as_deref(), mentions, &[mentions], true)?;
    let finder = finder(args, &pool(args.threads)?)?;
    let mut warn = warn_printer(args.quiet);
    let (mut docs, warnings) = Documents::open(&args.paths, args.input.options()?)?;
    warnings.into_iter().for_each(&mut warn);
    let mut out = Destination::create(args.output.as_deref())?;
    let name = out.name();
    let mut scratch = mentionmap::Scratch::default();
    for ev in &mut docs {
        let doc = match ev? {
            mentionmap::input::Event::Warning(w) => {
                warn(w);
                continue;
            }
            mentionmap::input::Event::Document(d) => d,
        };
        let decisions = finder
            .explain(&doc.text, &mut scratch)
            .map_err(|e| SourceError::new(&doc.origin, e.to_string()))?;
        for d in &decisions {
            mentionmap::output::explain::write_decision(&mut out, finder.gazetteer(), &doc, d)
                .map_err(|e| write_error(&name, &e))?;
        }
    }
    docs.finish()?;
    out.finish()
}

fn run_extract(args: &CommonArgs, format: Option<OutputFormat>) -> Result<(), SourceError> {
    let format = output_format(
        Some(format),
        args.output.as_deref(),
        OutputFormat::Mentions,
        &OutputFormat::ALL,
        args.quiet,
    )?;
    let pool = pool(args.threads)?;
    // Built before the output is started: a layer's opening must not reach standard output
    // when the finder cannot be built.
    let finder = finder(args, &pool)?;
    let mut warn = warn_printer(args.quiet);
    let (mut docs, warnings) = Documents::open(&args.paths, args.input.options()?)?;
    warnings.into_iter().for_each(&mut warn);
    let mut out = Destination::create(args.output.as_deref())?;
    let name = out.name();
    let io_err = |e: std::io::Error| write_error(&name, &e);
    let csvt = match (args.output.as_deref(), format) {
        (Some(path), OutputFormat::Csv) if !is_stdout(path) => {
            Some(csvt_beside(path, &mention_columns())?)
        }
        _ => None,
    };
    let mut layer = match format {
        OutputFormat::Mentions => None,
        f => {
            let members = Default::default();
            Some(FeatureWriter::start(&mut out, f, &members, mention_columns()).map_err(io_err)?)
        }
    };
    let mut progress = Progress::new(docs.total_size(), docs.bytes_read(), args.quiet);
    let read = pipeline::for_each_document(
        || Ok(finder),
        false,
        pool.current_num_threads(),
        &mut docs,
        &mut warn,
        &mut |finder, doc, mentions| {
            progress.document(doc.text.len());
            let g = finder.gazetteer();
            for m in mentions {
                match &mut layer {
                    None => write_mention(&mut out, g, doc, m),
                    Some(w) => w.write(&mut out, &mention_feature(g, doc, m)),
                }
                .map_err(io_err)?;
            }
            Ok(())
        },
    );
    progress.finish();
    // Bad input lines fail the run (a file output is then not written) unless --skip-bad-lines.
    let read = read.and_then(|_| docs.finish().map(|_| ()));
    if let Err(e) = read {
        // Standard output has had the mentions found so far: leave a layer there whole.
        if let (Some(w), Destination::Stdout(_)) = (layer, &out) {
            let _ = w.finish(&mut out).and_then(|_| out.flush());
        }
        return Err(e);
    }
    if let Some(w) = layer {
        w.finish(&mut out).map_err(io_err)?;
    }
    Destination::finish_all(std::iter::once(out).chain(csvt).collect())
}
