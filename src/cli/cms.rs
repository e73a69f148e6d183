//! `ipportal cms`: writes the Decap CMS configuration generated from `site.toml`.

use std::path::PathBuf;
use std::process::ExitCode;

use ipportal::base::messages::Lang;
use ipportal::msg;

use super::FAILURE;

#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  ipportal cms                                   print the configuration
  ipportal cms --output static/admin/config.yml  keep a copy (`ipportal check` warns when it is stale)

A build of a portal with [cms] in site.toml writes it to /admin/config.yml itself.")]
pub struct Args {
    /// The portal's root folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write it (`-`: standard output, the default)
    #[arg(long, short, value_name = "FILE|-", default_value = "-")]
    output: PathBuf,
    #[command(flatten)]
    pub messages: super::Messages,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    let config = match ipportal::config::load(&args.root) {
        Ok(config) => config,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics, usize::MAX, lang);
            return ExitCode::from(FAILURE);
        }
    };
    let yml = ipportal::cms::config_yml(&args.root, &config);
    if args.output.as_os_str() == "-" {
        print!("{yml}");
        return ExitCode::SUCCESS;
    }
    let written = args
        .output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&args.output, &yml));
    match written {
        Ok(()) => {
            let wrote = msg!("cli.wrote", file = args.output.display());
            eprintln!("{}", wrote.render(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let failed = msg!("cli.cannot_write", file = args.output.display(), e);
            eprintln!("{}", failed.render(lang));
            ExitCode::from(FAILURE)
        }
    }
}
