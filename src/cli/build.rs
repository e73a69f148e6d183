//! `ipportal build`.

use std::path::PathBuf;
use std::process::ExitCode;

use ipportal::BuildOptions;

use super::{FAILURE, plural, print_diagnostics};

/// Warnings shown after a successful build; `check` lists them all.
const WARNINGS_SHOWN: usize = 10;

#[derive(clap::Args)]
pub struct Args {
    /// The portal's root folder (holds site.toml, content/, themes/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public]
    #[arg(long)]
    output: Option<PathBuf>,
    /// Replace base_url from site.toml (e.g. https://lib.example.edu.cn/ipis/)
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages and sections marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Minify the HTML pages, stylesheets and scripts written
    #[arg(long)]
    minify: bool,
}

pub fn run(args: Args) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        minify: args.minify,
        today: None,
    };
    let output = options.output_dir();
    match ipportal::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings, WARNINGS_SHOWN);
            println!(
                "Built {}, {} and {} in {} ({}) into {} in {:.2} s{}",
                plural(report.pages, "page", "pages"),
                plural(report.sections, "section", "sections"),
                plural(report.terms, "taxonomy term", "taxonomy terms"),
                plural(report.languages, "language", "languages"),
                plural(report.files, "file", "files"),
                output.display(),
                report.elapsed.as_secs_f64(),
                match report.warnings.len() {
                    0 => String::new(),
                    n => format!(", {}", plural(n, "warning", "warnings")),
                }
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, usize::MAX);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed with {}; {} was left unchanged.",
                plural(errors, "error", "errors"),
                output.display()
            );
            ExitCode::from(FAILURE)
        }
    }
}
