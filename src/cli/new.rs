//! `ipportal new DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::FAILURE;

#[derive(clap::Args)]
pub struct Args {
    /// Folder to create the portal in (must not exist, or be empty)
    dir: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match ipportal::scaffold::create(&args.dir) {
        Ok(files) => {
            println!(
                "Created a new portal in {} ({files} files). Build it with:\n  ipportal build --root {}",
                args.dir.display(),
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render());
            ExitCode::from(FAILURE)
        }
    }
}
