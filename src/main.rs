//! The `mentionmap` binary: parses the command line, calls the library, maps errors to exit
//! codes (0 success, 1 failure, 2 bad usage).

mod cli;

use std::process::ExitCode;

use clap::Parser;
use mentionmap::MentionFinder;
use mentionmap::SourceError;
use mentionmap::gazetteer::{ATTRIBUTION, Commonness, Gazetteer};
use mentionmap::input::Documents;
use mentionmap::output::Destination;
use mentionmap::output::geojson::{RunInfo, write_feature_collection};
use mentionmap::output::mentions::write_mention;
use mentionmap::pipeline;
use mentionmap::resolve::ResolveOptions;

use cli::{Cli, Command, CommonArgs, GazetteerArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(a) => run_count(&a.common),
        Command::Extract(a) => run_extract(&a.common),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentionmap: error: {e}");
            ExitCode::from(1)
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
    let mut g = if args.no_default_gazetteer {
        Gazetteer::new()
    } else {
        Gazetteer::embedded()?
    };
    for f in &args.files {
        g.add_file(f)?;
    }
    if g.is_empty() {
        return Err(SourceError::new(
            "--no-default-gazetteer",
            "no places loaded: give at least one --gazetteer FILE".into(),
        ));
    }
    Ok(g)
}

fn finder(args: &CommonArgs) -> Result<MentionFinder, SourceError> {
    let gazetteer = load_gazetteer(&args.gazetteer)?;
    let commonness = Commonness::embedded()?;
    let options = ResolveOptions {
        adjectives: args.adjectives,
        ..ResolveOptions::default()
    };
    MentionFinder::new(gazetteer, &commonness, options)
        .map_err(|e| SourceError::new("gazetteer", e.to_string()))
}

fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, SourceError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| SourceError::new("--threads", e.to_string()))
}

fn run_count(args: &CommonArgs) -> Result<(), SourceError> {
    let finder = finder(args)?;
    let pool = pool(args.threads)?;
    let mut warn = warn_printer(args.quiet);
    let (docs, warnings) = Documents::from_paths(&args.paths)?;
    warnings.into_iter().for_each(&mut warn);
    let mut out = Destination::create(args.output.as_deref())?;
    let counts = pipeline::count(&finder, &pool, docs, &mut warn)?;
    let info = RunInfo {
        documents: counts.documents,
        undated: None,
        attribution: ATTRIBUTION.to_string(),
    };
    write_feature_collection(&mut out, finder.gazetteer(), &counts, &info)
        .map_err(|e| SourceError::new(out.name(), e.to_string()))?;
    out.finish()
}

fn run_extract(args: &CommonArgs) -> Result<(), SourceError> {
    let finder = finder(args)?;
    let pool = pool(args.threads)?;
    let mut warn = warn_printer(args.quiet);
    let (docs, warnings) = Documents::from_paths(&args.paths)?;
    warnings.into_iter().for_each(&mut warn);
    let mut out = Destination::create(args.output.as_deref())?;
    let name = out.name();
    pipeline::for_each_document(&finder, &pool, docs, &mut warn, &mut |doc, mentions| {
        for m in mentions {
            write_mention(&mut out, finder.gazetteer(), &doc.origin, &doc.text, m)
                .map_err(|e| SourceError::new(name.clone(), e.to_string()))?;
        }
        Ok(())
    })?;
    out.finish()
}
