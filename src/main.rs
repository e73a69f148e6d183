//! The `ipportal` command: parses arguments and hands over to the subcommand.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    args.run()
}
