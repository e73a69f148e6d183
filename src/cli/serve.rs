//! `ipportal serve`.

use std::path::PathBuf;
use std::process::ExitCode;

use ipportal::base::messages::Lang;
use ipportal::msg;
use ipportal::serve::{self, ServeOptions};

use super::FAILURE;

#[derive(clap::Args)]
pub struct Args {
    /// The portal's root folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on (the next free one is used when it is taken)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on (127.0.0.1: this computer only; 0.0.0.0 shares the preview, drafts
    /// included, with the network)
    #[arg(long, default_value = "127.0.0.1")]
    interface: String,
    /// Open the portal in the default browser
    #[arg(long)]
    open: bool,
    #[command(flatten)]
    pub messages: super::Messages,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    let options = ServeOptions {
        root: args.root,
        interface: args.interface,
        port: args.port,
    };
    let preview = match serve::start(&options, |line| eprintln!("{line}")) {
        Ok(preview) => preview,
        Err(e) => {
            eprintln!("{}", e.render_in(lang));
            return ExitCode::from(FAILURE);
        }
    };
    let url = format!("http://{}/", preview.address());
    if preview.address().port() != args.port {
        let taken = msg!(
            "cli.port_taken",
            port = args.port,
            used = preview.address().port()
        );
        eprintln!("{}", taken.render(lang));
    }
    println!("{}", msg!("cli.serving", url).render(lang));
    if args.open {
        open_browser(&url, lang);
    }
    preview.wait();
    ExitCode::SUCCESS
}

/// Best effort: a missing opener is not worth failing for.
fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("{}", msg!("cli.no_browser", url).render(lang));
    }
}
