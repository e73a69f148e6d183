//! Command-line interface: one file per subcommand, each an `Args` struct and a `run` function.
//! Exit codes: 0 success, 1 content or build errors, 2 usage errors (clap's own).

mod build;
mod check;
mod cms;
mod new;
mod progress;
#[cfg(test)]
mod reference;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipportal::Diagnostic;

/// What `ipportal --version` prints after the name: the version, then the git commit and the
/// target the binary was built from and for (see `build.rs`), so a bug report says which build.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("IPPORTAL_COMMIT"),
    ", ",
    env!("IPPORTAL_TARGET"),
    ")"
);

/// Static site generator for university IP information service centre portals.
#[derive(Parser)]
#[command(name = "ipportal", version = VERSION, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal into its output folder (default: <root>/public)
    Build(build::Args),
    /// Validate the portal (everything `build` checks) without writing anything
    Check(check::Args),
    /// Write the Decap CMS configuration (config.yml) generated from site.toml
    Cms(cms::Args),
    /// Create a new portal in DIR, or a new page: `new <type> PATH` (guide, course, lesson, case, brief, page)
    New(new::Args),
    /// Preview the portal on a local web server, rebuilding and reloading on every save
    Serve(serve::Args),
}

impl Cli {
    /// Runs the chosen subcommand.
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Build(args) => build::run(args),
            Command::Check(args) => check::run(args),
            Command::Cms(args) => cms::run(args),
            Command::New(args) => new::run(args),
            Command::Serve(args) => serve::run(args),
        }
    }
}

/// Exit code for content and build errors.
const FAILURE: u8 = 1;

/// Prints diagnostics to stderr, at most `limit` of them, saying how many were left out.
fn print_diagnostics(diagnostics: &[Diagnostic], limit: usize) {
    for d in diagnostics.iter().take(limit) {
        eprintln!("{}\n", d.render());
    }
    if diagnostics.len() > limit {
        eprintln!(
            "… and {} more (run `ipportal check` to see all)\n",
            diagnostics.len() - limit
        );
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
