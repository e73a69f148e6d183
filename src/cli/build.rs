//! `ipportal build`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Duration;

use ipportal::base::messages::{Lang, Text};
use ipportal::{BuildOptions, BuildReport, Diagnostic, Stage, msg};

use super::progress::{self, BuildBar};
use super::{FAILURE, print_diagnostics};

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
    /// Print nothing when the build succeeds (errors are still printed)
    #[arg(long, short)]
    quiet: bool,
    /// Minify the HTML pages, stylesheets and scripts written
    #[arg(long)]
    minify: bool,
    /// Replace the output folder even if it holds files ipportal did not write: everything in it
    /// is deleted (never allowed for the portal itself or its source folders)
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    pub messages: super::Messages,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        minify: args.minify,
        force: args.force,
        today: None,
    };
    let output = options.output_dir();
    match build(&options, !args.quiet && progress::wanted()) {
        Ok(_) if args.quiet => ExitCode::SUCCESS,
        Ok(report) => {
            print_diagnostics(&report.warnings, WARNINGS_SHOWN, lang);
            println!("{}", summary(&report, &output).render(lang));
            print_details(&report);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, usize::MAX, lang);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let errors = match errors {
                1 => msg!("diagnostic.errors_one"),
                n => msg!("diagnostic.errors", n),
            };
            let failed = msg!("cli.build_failed", errors => errors, output = output.display());
            eprintln!("{}", failed.render(lang));
            ExitCode::from(FAILURE)
        }
    }
}

/// "Built 15 pages, 10 sections and 9 taxonomy terms in 2 languages (…) into public in 0.31 s".
fn summary(report: &BuildReport, output: &std::path::Path) -> Text {
    let warnings = match report.warnings.len() {
        0 => Text::value(""),
        1 => msg!("cli.built_warnings", warnings => msg!("diagnostic.warnings_one")),
        n => msg!("cli.built_warnings", warnings => msg!("diagnostic.warnings", n)),
    };
    msg!(
        "cli.built",
        pages => counted(report.pages, msg!("cli.pages_one"), msg!("cli.pages", n = report.pages)),
        sections => counted(report.sections, msg!("cli.sections_one"), msg!("cli.sections", n = report.sections)),
        terms => counted(report.terms, msg!("cli.terms_one"), msg!("cli.terms", n = report.terms)),
        languages => counted(report.languages, msg!("cli.languages_one"), msg!("cli.languages", n = report.languages)),
        files => files(report.files),
        output = output.display(),
        seconds = format!("{:.2}", report.elapsed.as_secs_f64()),
        warnings => warnings,
    )
}

/// `one` when `n` is 1, else `many` (English has a singular; Chinese does not mind).
fn counted(n: usize, one: Text, many: Text) -> Text {
    if n == 1 { one } else { many }
}

/// "120 files".
pub(super) fn files(n: usize) -> Text {
    counted(n, msg!("cli.files_one"), msg!("cli.files", n))
}

/// Builds, with a progress bar when `with_bar`.
fn build(options: &BuildOptions, with_bar: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    if !with_bar {
        return ipportal::build(options);
    }
    let bar = BuildBar::start();
    let result = ipportal::build_with_progress(options, &|p| bar.update(p));
    bar.finish();
    result
}

/// The lines under the one-line summary: pages per type and language, stage times, output size.
fn print_details(report: &BuildReport) {
    for line in page_table(report) {
        println!("  {line}");
    }
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|t| match t.stage {
            Stage::Search => format!("search {} (alongside write)", duration(t.elapsed)),
            stage => format!("{} {}", stage.name(), duration(t.elapsed)),
        })
        .collect();
    println!("  stages: {}", stages.join(", "));
    println!(
        "  output: {}, {}",
        files(report.files),
        size(report.output_bytes)
    );
}

/// Pages in a table with a row per content type and a column per language.
fn page_table(report: &BuildReport) -> Vec<String> {
    let mut langs: Vec<&str> = Vec::new();
    let mut types: Vec<&str> = Vec::new();
    for count in &report.page_counts {
        if !langs.contains(&count.lang.as_str()) {
            langs.push(&count.lang);
        }
        if !types.contains(&count.content_type.as_str()) {
            types.push(&count.content_type);
        }
    }
    let width = types
        .iter()
        .map(|t| t.len())
        .max()
        .unwrap_or(0)
        .max("type".len());
    let header: String = langs.iter().map(|l| format!("{l:>6}")).collect();
    let mut lines = vec![format!("{:<width$}{header}", "type")];
    for content_type in &types {
        let cells: String = langs
            .iter()
            .map(|lang| {
                let pages = report
                    .page_counts
                    .iter()
                    .find(|c| c.lang == *lang && c.content_type == *content_type)
                    .map_or(0, |c| c.pages);
                format!("{pages:>6}")
            })
            .collect();
        lines.push(format!("{content_type:<width$}{cells}"));
    }
    lines
}

/// `850 ms`, `2.31 s`.
fn duration(elapsed: Duration) -> String {
    if elapsed < Duration::from_secs(1) {
        format!("{} ms", elapsed.as_millis())
    } else {
        format!("{:.2} s", elapsed.as_secs_f64())
    }
}

/// `512 B`, `48.3 kB`, `12.4 MB` (decimal units, as file managers show them).
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(48_300), "48.3 kB");
        assert_eq!(size(12_400_000), "12.4 MB");
        assert_eq!(size(3_000_000_000), "3.0 GB");
    }

    #[test]
    fn durations_switch_to_seconds_at_one_second() {
        assert_eq!(duration(Duration::from_millis(850)), "850 ms");
        assert_eq!(duration(Duration::from_millis(2310)), "2.31 s");
    }
}
