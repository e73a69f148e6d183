//! The `ipportal` command: parses arguments and hands over to the subcommand.

mod cli;

use std::process::ExitCode;

use clap::Parser;

// Rendering allocates many short-lived strings and maps; mimalloc does this markedly faster than
// the system allocator (see CONTRIBUTING.md, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ipportal::allocator::configure();
    let args = cli::Cli::parse();
    args.run()
}
