//! Briefs as printed reports, and the ink of their charts, in a real browser: the bundled portal
//! is built with `--minify`, as it is deployed, served by the server of `browser.rs`, and each
//! bundled brief (Chinese and English) is printed by headless Chromium (`--print-to-pdf`, the
//! engine of its "Save as PDF") and read back with `pdftotext` (Debian's `poppler-utils`): A4
//! pages, the cover, every row of every table, no search box, a sane page count. The charts' heat
//! map is checked on screen, light and dark: a cell's number is readable on the cell's colour.
//!
//! They need Chromium (as `browser.rs` finds it) and `pdftotext`. Without one each test prints
//! one line to stderr naming what is missing and passes; with `CI` set or
//! `IPPORTAL_REQUIRE_BROWSER=1` it fails instead (`.ci/run` installs them).

use crate::browser::{Browser, browser, serve};
use crate::common;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The built portal and the address it is served at.
struct Served {
    public: PathBuf,
    base: String,
}

fn bundled() -> &'static Served {
    static BUNDLED: OnceLock<Served> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print-bundled");
        let _ = std::fs::remove_dir_all(&root);
        common::copy_portal(Path::new(env!("CARGO_MANIFEST_DIR")), &root);
        let options = ipportal::BuildOptions {
            minify: true,
            ..ipportal::BuildOptions::new(&root)
        };
        if let Err(errors) = ipportal::build(&options) {
            panic!("build failed:\n{}", common::render(&errors));
        }
        let public = root.join("public");
        let base = serve(public.clone());
        Served { public, base }
    })
}

/// The bundled briefs' pages, as paths under the output (`briefs/x/index.html`,
/// `en/briefs/x/index.html`).
fn brief_pages() -> Vec<String> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/briefs");
    let mut names: Vec<String> = std::fs::read_dir(content)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("index.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "bundled briefs: {names:?}");
    let zh = names.iter().map(|n| format!("briefs/{n}/index.html"));
    let en = names.iter().map(|n| format!("en/briefs/{n}/index.html"));
    zh.chain(en).collect()
}

/// What is missing to run: Chromium, `pdftotext` (only when `pdf`).
fn missing(pdf: bool) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !matches!(browser(), Browser::Run(_)) {
        missing.push("Chromium (Debian's `chromium`, or set CHROMIUM)");
    }
    let runs = Command::new("pdftotext").arg("-v").output().is_ok();
    if pdf && !runs {
        missing.push("pdftotext (Debian's `poppler-utils`)");
    }
    missing
}

/// True, after one line on stderr, when the test is to pass without running; a panic when what is
/// missing is required (`CI`, or `IPPORTAL_REQUIRE_BROWSER=1`).
fn skipped(missing: &[&str]) -> bool {
    if missing.is_empty() {
        return false;
    }
    let var = std::env::var_os;
    let required = var("CI").is_some_and(|v| !v.is_empty())
        || var("IPPORTAL_REQUIRE_BROWSER").is_some_and(|v| v == OsStr::new("1"));
    let what = missing.join(", ");
    if required {
        panic!("missing: {what} (required: CI or IPPORTAL_REQUIRE_BROWSER=1 is set)");
    }
    let test = std::thread::current().name().unwrap_or("print").to_string();
    // In one write to the process's stderr: the harness swallows `eprintln!` of passing tests.
    let line = format!("{test}: skipped: missing {what}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    true
}

/// Headless Chromium on `url` with `args`, in a fresh profile; its stdout.
fn chromium(args: &[&str], url: &str) -> String {
    let Browser::Run(chromium) = browser() else {
        panic!("no Chromium");
    };
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .args(args)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
        out
    });
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s: {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// `url` printed to a PDF file in `folder`, as a visitor's "Save as PDF" would (without the
/// browser's own header and footer, which a visitor can switch off too).
fn print_to_pdf(url: &str, folder: &Path, name: &str) -> PathBuf {
    let pdf = folder.join(name);
    chromium(
        &[
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        url,
    );
    assert!(pdf.is_file(), "no PDF printed for {url}");
    pdf
}

/// The text of a PDF, by `pdftotext`, in reading order.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(output.status.success(), "pdftotext failed on {pdf:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The size in points of each page of a PDF, from the `/MediaBox [0 0 w h]` of its page objects
/// (Chromium writes them uncompressed).
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox [")
        .skip(1)
        .map(|rest| {
            let numbers: Vec<f64> = rest[..rest.find(']').unwrap()]
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            (numbers[2] - numbers[0], numbers[3] - numbers[1])
        })
        .collect()
}

/// Text with every space gone, so that words compare across the PDF's line and cell breaks.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each row of each table in the page's main part, as its cells' texts.
fn table_rows(html: &str) -> Vec<Vec<String>> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse("main table tr").unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    doc.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|cell| cell.text().collect::<String>())
                .collect()
        })
        .collect()
}

/// The first text of `selector` in the page.
fn first_text(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    let element = doc.select(&selector).next();
    element.map(|e| e.text().collect()).unwrap_or_default()
}

/// The value of `name` on the first element of `selector` in the page.
fn attribute(html: &str, selector: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    let element = doc.select(&selector).next();
    element
        .and_then(|e| e.value().attr(name))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_bundled_brief_prints_as_an_a4_report_with_every_table_row() {
    if skipped(&missing(true)) {
        return;
    }
    let served = bundled();
    let pdfs = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for page in brief_pages() {
        let html = std::fs::read_to_string(served.public.join(&page)).unwrap();
        let url = format!("{}/{}", served.base, page.trim_end_matches("index.html"));
        let pdf = print_to_pdf(
            &url,
            pdfs.path(),
            &page.replace('/', "-").replace(".html", ".pdf"),
        );

        let sizes = page_sizes(&std::fs::read(&pdf).unwrap());
        for (w, h) in &sizes {
            assert!(
                (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
                "{page}: a page of {w} x {h} pt, not A4"
            );
        }
        counts.push(format!("{page}: {}", sizes.len()));
        assert!(
            (2..=12).contains(&sizes.len()),
            "{page}: {} pages",
            sizes.len()
        );

        let text = pdf_text(&pdf);
        let printed = squeeze(&text);
        // The cover: the centre, the title, what was searched where and when.
        let facts = scraper::Selector::parse(".cover-facts dd").unwrap();
        let doc = scraper::Html::parse_document(&html);
        let facts = doc.select(&facts).map(|dd| dd.text().collect::<String>());
        let cover = [first_text(&html, ".cover-centre"), first_text(&html, "h1")];
        for cover in cover.into_iter().chain(facts) {
            assert!(!cover.trim().is_empty(), "{page}: no cover text");
            assert!(
                printed.contains(&squeeze(&cover)),
                "{page}: the cover's {cover:?} is not printed:\n{text}"
            );
        }
        // The cover is a page of its own, with the centre's name; the others carry the
        // title and "n / N" in their margins.
        let pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
        let (n, title) = (sizes.len(), squeeze(&first_text(&html, "h1")));
        assert!(
            pages[0].contains(&squeeze(&first_text(&html, ".cover-centre"))),
            "{page}: the first page has not the centre's name:\n{text}"
        );
        for (i, printed_page) in pages.iter().enumerate().take(n).skip(1) {
            let number = format!("{}/{n}", i + 1);
            assert!(
                printed_page.contains(&title) && printed_page.contains(&number),
                "{page}: page {} has no title or no {number} in its margins:\n{printed_page}",
                i + 1
            );
        }
        // Every row of every table, whole: none is left in a scroll box.
        let rows = table_rows(&html);
        assert!(rows.len() > 10, "{page}: only {} table rows", rows.len());
        // Word by word: pdftotext may read a table column by column, and interleave the lines of
        // a cell that wraps (at spaces and hyphens) with those of its neighbours.
        for row in rows {
            let words = row.iter().flat_map(|cell| cell.split([' ', '\n', '-']));
            for cell in words.filter(|word| !word.trim().is_empty()) {
                assert!(
                    printed.contains(cell),
                    "{page}: {cell:?} of the table row {row:?} is not printed:\n{text}"
                );
            }
        }
        // No screen furniture: search box, print button, skip link.
        for absent in [
            attribute(&html, "#site-search-q", "placeholder"),
            first_text(&html, ".site-search label"),
            first_text(&html, ".print-button"),
            first_text(&html, ".skip-link"),
        ] {
            assert!(!absent.trim().is_empty(), "{page}: missing chrome");
            assert!(
                !printed.contains(&squeeze(&absent)),
                "{page}: {absent:?} is printed:\n{text}"
            );
        }
    }
    // Kept on stderr for the record (`--nocapture`): the page counts.
    eprintln!("pages per brief:\n{}", counts.join("\n"));
}

/// Written into a copy of a brief: for each heat-map cell, its colour, opacity, the computed ink
/// of the number after it and the chart's background, one line each in `<pre id="probe">`.
const HEAT_PROBE: &str = r#"<script>
var lines = [];
document.querySelectorAll(".chart-svg rect.cell").forEach(function (cell) {
  var number = cell.nextElementSibling;
  var ink = number && number.matches("text.value") ? getComputedStyle(number).fill : "none";
  var background = getComputedStyle(cell.closest(".chart")).backgroundColor;
  lines.push([cell.getAttribute("fill"), cell.getAttribute("fill-opacity"), ink, background,
    number ? number.textContent : ""].join("|"));
});
var probe = document.createElement("pre");
probe.id = "probe";
probe.textContent = lines.join("\n");
document.body.appendChild(probe);
</script>"#;

/// An sRGB colour from `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)` (the alpha is dropped).
fn colour(css: &str) -> [f64; 3] {
    let css = css.trim();
    if let Some(hex) = css.strip_prefix('#') {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        return [channel(0), channel(2), channel(4)];
    }
    let inside = &css[css.find('(').unwrap() + 1..css.find(')').unwrap()];
    let numbers: Vec<f64> = inside
        .split([',', ' ', '/'])
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().unwrap())
        .collect();
    [numbers[0], numbers[1], numbers[2]]
}

/// WCAG 2 relative luminance.
fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio of two colours.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn a_heat_map_cell_s_number_is_readable_on_its_cell_light_and_dark() {
    if skipped(&missing(false)) {
        return;
    }
    let served = bundled();
    let mut lowest = f64::INFINITY;
    let mut darkest_cells = 0;
    for page in brief_pages() {
        let html = std::fs::read_to_string(served.public.join(&page)).unwrap();
        if first_text(&html, ".chart-svg .cell title").is_empty() {
            continue;
        }
        // After the end of the page, a script is parsed into the body (minified pages have no
        // `</body>`).
        let probe_page = page.replace("index.html", "heat-probe.html");
        std::fs::write(served.public.join(&probe_page), html + HEAT_PROBE).unwrap();
        for (scheme, flags) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
            let args = [flags, &["--virtual-time-budget=5000", "--dump-dom"]].concat();
            let dom = chromium(&args, &format!("{}/{probe_page}", served.base));
            let probe = first_text(&dom, "#probe");
            assert!(
                !probe.is_empty(),
                "{page}: no heat-map cells probed:\n{dom}"
            );
            for line in probe.lines() {
                let [fill, opacity, ink, background, number] =
                    line.split('|').collect::<Vec<_>>()[..]
                else {
                    panic!("{page}: probe line {line:?}");
                };
                assert_ne!(ink, "none", "{page}: a cell without its number after it");
                // The cell as seen: its colour at its opacity over the chart's background.
                let alpha: f64 = opacity.parse().unwrap();
                let (fill, under) = (colour(fill), colour(background));
                let seen = [0, 1, 2].map(|i| fill[i] * alpha + under[i] * (1.0 - alpha));
                let ratio = contrast(colour(ink), seen);
                assert!(
                    ratio >= 3.0,
                    "{page} ({scheme}): the number {number} is {ink} on a cell of {seen:?}: {ratio:.2}:1"
                );
                lowest = lowest.min(ratio);
                darkest_cells += usize::from(alpha > 0.75);
            }
        }
    }
    assert!(darkest_cells > 0, "no dark cell in the bundled heat maps");
    eprintln!("lowest contrast of a heat-map number: {lowest:.2}:1");
}

#[test]
fn the_service_catalogue_prints_whole_on_a4_whatever_the_filter_shows() {
    if skipped(&missing(true)) {
        return;
    }
    let served = bundled();
    let pdfs = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(served.public.join("about/services/index.html")).unwrap();
    // On screen this address shows only the services for the public (training).
    let url = format!("{}/about/services/?audiences=public", served.base);
    let pdf = print_to_pdf(&url, pdfs.path(), "catalogue.pdf");
    let sizes = page_sizes(&std::fs::read(&pdf).unwrap());
    assert!(sizes.len() >= 2, "{sizes:?}");
    for (w, h) in &sizes {
        assert!(
            (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
            "{w} x {h} pt, not A4"
        );
    }
    let text = squeeze(&pdf_text(&pdf));
    let rows = table_rows(&html);
    assert_eq!(rows.len(), 14, "a header and 13 services: {rows:?}");
    for row in &rows[1..] {
        assert!(text.contains(&squeeze(&row[0])), "{} not printed", row[0]);
    }
    for absent in ["筛选服务", "检索本站"] {
        assert!(!text.contains(absent), "{absent} printed");
    }
}
