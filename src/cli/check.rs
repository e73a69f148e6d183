//! `ipportal check`: every validation of `build`, nothing written; a text, JSON or GitHub
//! Actions report. `--external` also requests the links to other sites.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use ipportal::BuildOptions;

use ipportal::base::diagnostics::{self, CheckReport};
use ipportal::base::messages::Lang;
use ipportal::msg;

use super::FAILURE;

#[derive(clap::Args)]
pub struct Args {
    /// The portal's root folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also check pages and sections marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    deny_warnings: bool,
    /// Also request every http(s) link of the pages over the network (settings: [check] in
    /// site.toml; results that worked are cached in .ipportal/link-cache.json)
    #[arg(long)]
    external: bool,
    /// With --external: stop starting requests after this many seconds in all and report the
    /// links left as not checked [default: external_timeout under [check], else 300]
    #[arg(long, value_name = "SECONDS", requires = "external",
          value_parser = clap::value_parser!(u64).range(1..))]
    external_timeout: Option<u64>,
    #[command(flatten)]
    pub messages: super::Messages,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Human-readable, with the offending lines
    Text,
    /// One JSON object: {"schema_version", "errors", "warnings", "diagnostics": [...]}
    Json,
    /// GitHub Actions annotations, shown on the lines of a pull request
    Github,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    let options = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::new(args.root)
    };
    let (diagnostics, external) = if args.external {
        let report = ipportal::check_external_within(&options, args.external_timeout);
        (report.diagnostics, Some(report.counts))
    } else {
        (ipportal::check(&options), None)
    };
    // Sorted by file, line and column, which the count of files below relies on.
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    match args.format {
        Format::Json => {
            let localized: Vec<_> = diagnostics.iter().map(|d| d.localized(lang)).collect();
            let mut report =
                serde_json::to_value(CheckReport::new(&localized)).expect("a report is plain data");
            if let Some(counts) = external {
                report["external"] = serde_json::json!(counts);
            }
            println!("{report:#}");
        }
        Format::Github => {
            for d in &diagnostics {
                println!("{}", d.github_annotation(lang));
            }
        }
        Format::Text => {
            print!("{}", diagnostics::render_by_file(&diagnostics, lang));
            if let Some(counts) = external {
                let unchecked = match counts.unchecked {
                    0 => ipportal::base::messages::Text::value(""),
                    n => msg!("cli.external_unchecked", n),
                };
                let line = msg!(
                    "cli.external_counts",
                    requested = counts.requested,
                    cached = counts.cached,
                    skipped = counts.skipped,
                    unchecked => unchecked,
                );
                println!("{}", line.render(lang));
            }
            let files = diagnostics
                .chunk_by(|a, b| a.file == b.file)
                .filter(|group| group[0].file.is_some())
                .count();
            let totals = diagnostics::totals(&diagnostics, lang);
            let line = match (failed, files) {
                (false, 0) => msg!("cli.check_ok", totals),
                (true, 0) => msg!("cli.check_failed", totals),
                (false, n) => msg!("cli.check_ok_in", totals, files => super::build::files(n)),
                (true, n) => msg!("cli.check_failed_in", totals, files => super::build::files(n)),
            };
            println!("{}", line.render(lang));
        }
    }
    if failed {
        ExitCode::from(FAILURE)
    } else {
        ExitCode::SUCCESS
    }
}
