//! `ipportal check`: every validation of `build`, nothing written; a text, JSON or GitHub
//! Actions report. `--external` also requests the links to other sites.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use ipportal::BuildOptions;

use super::{FAILURE, plural, print_diagnostics};

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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Human-readable, with the offending lines
    Text,
    /// One JSON object: {"errors", "warnings", "diagnostics": [...]}
    Json,
    /// GitHub Actions annotations, shown on the lines of a pull request
    Github,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::new(args.root)
    };
    let (diagnostics, external) = if args.external {
        let report = ipportal::check_external(&options);
        (report.diagnostics, Some(report.counts))
    } else {
        (ipportal::check(&options), None)
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    match args.format {
        Format::Json => {
            let mut report = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diagnostics,
            });
            if let Some(counts) = external {
                report["external"] = serde_json::json!(counts);
            }
            println!("{report:#}");
        }
        Format::Github => {
            for d in &diagnostics {
                println!("{}", d.github_annotation());
            }
        }
        Format::Text => {
            print_diagnostics(&diagnostics, usize::MAX);
            if let Some(counts) = external {
                println!(
                    "External links: {} requested, {} worked recently (cached), {} on skipped hosts",
                    counts.requested, counts.cached, counts.skipped
                );
            }
            println!(
                "{}: {}, {}",
                if failed { "Failed" } else { "OK" },
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            );
        }
    }
    if failed {
        ExitCode::from(FAILURE)
    } else {
        ExitCode::SUCCESS
    }
}
