//! `ipportal new DIR` (a new portal) and `ipportal new <type> PATH` (a new page from an
//! archetype): one argument is a folder, two are a type and a path.

use std::path::PathBuf;
use std::process::ExitCode;

use ipportal::base::messages::Lang;
use ipportal::msg;

use super::FAILURE;

#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  ipportal new my-portal                                  a new portal in my-portal/
  ipportal new guide content/guides/pct-route.md --title 'PCT 途径'
  ipportal new course content/courses/search-101          the course's _index.md
  ipportal new lesson content/courses/search-101/queries.md
  ipportal new brief content/briefs/batteries             index.md, index.en.md, data.yaml

Types: guide, course, lesson, case, brief, page, and the portal's own archetypes/<type>.md.")]
pub struct Args {
    /// A folder for a new portal (must not exist, or be empty); or, followed by PATH, the
    /// content type of a new page
    #[arg(value_name = "DIR|TYPE")]
    first: String,
    /// The new page's file under content/, from the portal's root (a course's or brief's folder)
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
    /// The new page's title
    #[arg(long, requires = "path")]
    title: Option<String>,
    /// The language the page is written in (default: the portal's default language); the
    /// other languages get translation stubs
    #[arg(long, requires = "path")]
    lang: Option<String>,
    /// The portal's root folder, for a new page
    #[arg(long, default_value = ".", requires = "path")]
    root: PathBuf,
}

pub fn run(args: Args, lang: Lang) -> ExitCode {
    match args.path {
        None => new_portal(PathBuf::from(args.first), lang),
        Some(path) => new_page(
            ipportal::archetype::Request {
                today: today(&args.root),
                root: args.root,
                type_name: args.first,
                path,
                title: args.title,
                lang: args.lang,
            },
            lang,
        ),
    }
}

fn new_portal(dir: PathBuf, lang: Lang) -> ExitCode {
    match ipportal::scaffold::create(&dir) {
        Ok(files) => {
            let created = msg!("cli.new_portal", dir = dir.display(), files);
            println!("{}", created.render(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.render_in(lang));
            ExitCode::from(FAILURE)
        }
    }
}

fn new_page(request: ipportal::archetype::Request, lang: Lang) -> ExitCode {
    match ipportal::archetype::create(&request) {
        Ok(files) => {
            for file in &files {
                println!(
                    "{}",
                    msg!("cli.created", file = file.display()).render(lang)
                );
            }
            println!("{}", msg!("cli.new_page_next").render(lang));
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics, usize::MAX, lang);
            ExitCode::from(FAILURE)
        }
    }
}

/// Today in the portal's time zone (`[calendar] utc_offset`, China's by default), or the day of
/// `SOURCE_DATE_EPOCH` when it is set, as for a build.
fn today(root: &std::path::Path) -> chrono::NaiveDate {
    if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        return ipportal::BuildOptions::new(root).build_date();
    }
    let offset = ipportal::config::load(root)
        .ok()
        .and_then(|config| config.calendar.offset().ok())
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(8 * 3600).expect("+08:00 is an offset"));
    chrono::Utc::now().with_timezone(&offset).date_naive()
}
