//! `ipportal cms`: writes the Decap CMS configuration generated from `site.toml`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ipportal::base::messages::Lang;
use ipportal::cms;
use ipportal::msg;

use super::FAILURE;

#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  ipportal cms                                   print the configuration
  ipportal cms --output static/admin/config.yml  keep a copy (`ipportal check` warns when it is stale)
  ipportal cms --rename                          list the pages to name x.zh.md for the CMS
  ipportal cms --rename --apply                  rename them (never replacing a file)

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
    /// List the default-language files named without their language (`x.md`), which the CMS
    /// cannot open, and the names they would get (`x.zh.md`); nothing is changed
    #[arg(long)]
    rename: bool,
    /// With --rename: rename them (a file already at the new name is never replaced)
    #[arg(long, requires = "rename")]
    apply: bool,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    let config = match ipportal::config::load(&args.root) {
        Ok(config) => config,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics, usize::MAX, lang);
            return ExitCode::from(FAILURE);
        }
    };
    if args.rename {
        return rename(&args.root, &config, args.apply);
    }
    let yml = cms::config_yml(&args.root, &config);
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

/// `--rename`: the list, then with `apply` the renames, one line each.
fn rename(root: &Path, config: &ipportal::config::Config, apply: bool) -> ExitCode {
    let plan = cms::rename::plan(root, config);
    let blocked: Vec<_> = plan.iter().filter(|r| r.blocked).collect();
    for r in &blocked {
        eprintln!("warning: {}: left as it is: {} exists", r.from, r.to);
    }
    if !apply {
        for r in plan.iter().filter(|r| !r.blocked) {
            println!("{} -> {}", r.from, r.to);
        }
        let n = plan.len() - blocked.len();
        eprintln!("{n} files to rename; nothing changed (rename them with --apply)");
        return ExitCode::SUCCESS;
    }
    let (done, failed) = cms::rename::apply(root, &plan);
    for r in &done {
        println!("renamed {} -> {}", r.from, r.to);
    }
    for (r, e) in &failed {
        eprintln!("error: {}: cannot rename it to {}: {e}", r.from, r.to);
    }
    eprintln!("Renamed {} files", done.len());
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    }
}
