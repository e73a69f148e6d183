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

use clap::{Parser, Subcommand, ValueEnum};
use ipportal::Diagnostic;
use ipportal::base::messages::Lang;
use ipportal::msg;

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
    #[command(flatten)]
    messages: Messages,
    #[command(subcommand)]
    command: Command,
}

/// The `--lang` of messages, before the subcommand or after it (but `new --lang` is the new
/// page's language, so `new` takes it before: `ipportal --lang en new …`).
#[derive(clap::Args, Clone, Copy)]
pub struct Messages {
    /// The language of messages [default: Chinese when LC_ALL, LC_MESSAGES or LANG starts with
    /// zh, else English]
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    lang: Option<MessageLang>,
}

#[derive(Clone, Copy, ValueEnum)]
enum MessageLang {
    /// 中文
    Zh,
    /// English
    En,
}

impl Messages {
    /// The language chosen here, else by `outer` (the option before the subcommand), else by
    /// the locale.
    fn resolve(self, outer: Messages) -> Lang {
        match self.lang.or(outer.lang) {
            Some(MessageLang::Zh) => Lang::Zh,
            Some(MessageLang::En) => Lang::En,
            None => Lang::from_locale(|name| std::env::var(name).ok()),
        }
    }
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
        let outer = self.messages;
        match self.command {
            Command::Build(args) => {
                let lang = args.messages.resolve(outer);
                build::run(args, lang)
            }
            Command::Check(args) => {
                let lang = args.messages.resolve(outer);
                check::run(args, lang)
            }
            Command::Cms(args) => {
                let lang = args.messages.resolve(outer);
                cms::run(args, lang)
            }
            Command::New(args) => new::run(args, Messages { lang: None }.resolve(outer)),
            Command::Serve(args) => {
                let lang = args.messages.resolve(outer);
                serve::run(args, lang)
            }
        }
    }
}

/// Exit code for content and build errors.
const FAILURE: u8 = 1;

/// Prints diagnostics to stderr in `lang`, at most `limit` of them, saying how many were left
/// out.
fn print_diagnostics(diagnostics: &[Diagnostic], limit: usize, lang: Lang) {
    for d in diagnostics.iter().take(limit) {
        eprintln!("{}\n", d.render_in(lang));
    }
    if diagnostics.len() > limit {
        let more = msg!("cli.more_diagnostics", n = diagnostics.len() - limit);
        eprintln!("{}\n", more.render(lang));
    }
}
