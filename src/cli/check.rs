//! `ipportal check`: every validation of `build`, nothing written; text or JSON report.

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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Human-readable, with the offending lines
    Text,
    /// One JSON object: {"errors", "warnings", "diagnostics": [...]}
    Json,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::new(args.root)
    };
    let diagnostics = ipportal::check(&options);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match args.format {
        Format::Json => {
            let report = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diagnostics,
            });
            println!("{report:#}");
        }
        Format::Text => {
            print_diagnostics(&diagnostics, usize::MAX);
            println!(
                "{}: {}, {}",
                if errors == 0 { "OK" } else { "Failed" },
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            );
        }
    }
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    }
}
