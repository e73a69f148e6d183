//! Production builds of the bundled portal (the default theme: scripts, inline SVG icons,
//! highlighted code, search), run through the command line: `--minify` keeps every page's
//! structure, text and links, stylesheets and scripts still parse, everything gets smaller and
//! two runs give the same bytes; stylesheets and scripts have content-hashed names that match
//! their bytes; `--base-url` moves every absolute URL.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Site;
use scraper::{ElementRef, Html, Node};

/// The bundled portal plus a page with the markup a minifier could break.
fn portal() -> Site {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    site.write(
        "content/guides/markup-check.md",
        common::page(
            "summary: markup a minifier must keep\n",
            "Text with <b>bold</b> <i>and</i> <code>inline  code</code> words.\n\n\
             ```python\ndef f(x):\n    return  x   * 2\n```\n\n\
             <svg viewBox=\"0 0 10 10\" width=\"10\" height=\"10\"><title>A  square</title>\
             <rect x=\"1\" y=\"1\" width=\"8\" height=\"8\"/></svg>\n\n\
             <script type=\"application/ld+json\">\n{ \"@context\": \"https://schema.org\",\n  \"name\": \"a  b\" }\n</script>\n\n\
             <script type=\"application/json\" id=\"data\">[1,  2, {\"k\": \"v  w\"}]</script>\n\n\
             <p data-keys=\" one  two \" id=\"keys\">x</p>\n",
        ),
    );
    site
}

/// Runs `ipportal build` with `args` into `<root>/<output>` and returns that folder.
fn build(site: &Site, output: &str, args: &[&str]) -> PathBuf {
    let out = site.root.join(output);
    let result = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(&out)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    out
}

/// Every file of a built site: relative path → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// FNV-1a (64 bits), its upper half in hex: the fingerprint ARCHITECTURE.md documents ("Production builds").
fn fnv(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// `css/site.3f2a9c1d.css` → (`css/site.css`, `3f2a9c1d`).
fn split_fingerprint(path: &str) -> Option<(String, String)> {
    let (rest, extension) = path.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let is_hash = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    is_hash.then(|| (format!("{stem}.{extension}"), hash.to_string()))
}

/// Elements that start a new line of text: whitespace around them is never shown.
const BLOCKS: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "header",
    "footer",
    "main",
    "nav",
    "section",
    "article",
    "aside",
    "div",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "blockquote",
    "pre",
    "hr",
    "br",
    "details",
    "summary",
    "select",
    "option",
    "template",
    "svg",
    "script",
    "style",
    "noscript",
];

/// Marks the text of a `<pre>` in [`visible_text`].
const PRE_START: char = '\u{1}';
const PRE_END: char = '\u{2}';

/// The text a reader sees in `element`: scripts, styles and `hidden` elements left out,
/// whitespace collapsed, a break at every block. `<pre>` and `<textarea>` are kept exactly.
fn visible_text(element: ElementRef) -> String {
    fn walk(element: ElementRef, out: &mut String) {
        let name = element.value().name();
        // minify-html drops whitespace between the children of a `div`: the hidden labels the
        // search script reads one by one lose the spaces nobody sees.
        if name == "script" || name == "style" || element.value().attr("hidden").is_some() {
            return;
        }
        if name == "noscript" {
            // A browser with scripts (as html5ever pretends to be) keeps it as text: read that
            // text as the markup it is.
            let markup: String = element.text().collect();
            let fragment = Html::parse_fragment(&markup);
            out.push('\n');
            walk(fragment.root_element(), out);
            out.push('\n');
            return;
        }
        if name == "pre" || name == "textarea" {
            let exact: String = element.text().collect();
            out.push_str(&format!("{PRE_START}{exact}{PRE_END}"));
            return;
        }
        let block = BLOCKS.contains(&name);
        if block {
            out.push('\n');
        }
        for child in element.children() {
            if let Node::Text(t) = child.value() {
                out.push_str(t);
            } else if let Some(child) = ElementRef::wrap(child) {
                walk(child, out);
            }
        }
        if block {
            out.push('\n');
        }
    }
    let mut raw = String::new();
    walk(element, &mut raw);
    // Collapse whitespace outside the preformatted parts, which stay as they are.
    let collapse = |flowing: &str| flowing.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = raw.split(PRE_START);
    let mut out = collapse(parts.next().unwrap_or(""));
    for part in parts {
        let (exact, flowing) = part.split_once(PRE_END).unwrap_or((part, ""));
        out.push_str(&format!(" [{exact}] {}", collapse(flowing)));
    }
    out.trim().to_string()
}

/// An element's name and attributes, values as the browser reads them (class as a set, asset
/// URLs without their fingerprint).
fn signature(element: ElementRef) -> String {
    let tag = element.value().name();
    let mut attributes: Vec<String> = element
        .value()
        .attrs()
        .filter(|(name, value)| !is_default_attribute(tag, name, value))
        .map(|(name, value)| {
            if name == "class" {
                let classes: BTreeSet<&str> = value.split_whitespace().collect();
                format!("class={classes:?}")
            } else if name == "style" || (tag == "meta" && name == "content") {
                // Declarations and viewport settings lose the spaces after `:` and `,`.
                let value: String = value.split_whitespace().collect();
                format!("{name}={value:?}")
            } else {
                // The two builds' assets have different hashes: compare the names without.
                let value = split_fingerprint(value).map_or(value.to_string(), |(v, _)| v);
                format!("{name}={value:?}")
            }
        })
        .collect();
    attributes.sort();
    format!("<{tag} {}>", attributes.join(" "))
}

/// Attributes that state the HTML default, which `minify-html` drops.
fn is_default_attribute(tag: &str, name: &str, value: &str) -> bool {
    matches!(
        (tag, name, value),
        ("input", "type", "text")
            | ("script", "type", "text/javascript")
            | ("button", "type", "submit")
    )
}

/// Element signatures and visible texts in document order, plus the JSON of every JSON script.
fn outline(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut lines = Vec::new();
    for node in document.root_element().descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        lines.push(signature(element));
        lines.push(visible_text(element));
        let kind = element.value().attr("type").unwrap_or("");
        if element.value().name() == "script" && kind.contains("json") {
            let json: String = element.text().collect();
            let value: serde_json::Value = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("invalid JSON in a script ({e}): {json}"));
            lines.push(value.to_string());
        }
    }
    lines
}

/// Class names (`.name`) a stylesheet mentions outside comments.
fn class_names(css: &str) -> BTreeSet<String> {
    let mut css = css.to_string();
    while let Some(start) = css.find("/*") {
        let end = css[start..].find("*/").map_or(css.len(), |e| start + e + 2);
        css.replace_range(start..end, " ");
    }
    let css = css.as_str();
    let bytes = css.as_bytes();
    let mut names = BTreeSet::new();
    for (i, _) in css.match_indices('.') {
        let starts_name = bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-' || *b == b'_');
        let after_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        if starts_name && !after_digit {
            let name: String = css[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

fn parses_as_css(css: &str, file: &str) {
    let options = lightningcss::stylesheet::ParserOptions::default();
    if let Err(e) = lightningcss::stylesheet::StyleSheet::parse(css, options) {
        panic!("{file} is not valid CSS: {e}");
    }
}

fn parses_as_js(js: &str, file: &str) {
    let allocator = oxc_allocator::Allocator::default();
    let source_type = oxc_span::SourceType::cjs();
    let parsed = oxc_parser::Parser::new(&allocator, js, source_type).parse();
    assert!(
        parsed.errors.is_empty(),
        "{file} is not valid JavaScript: {:?}",
        parsed.errors
    );
}

/// The minified file for a plain one: same path, or same name before the fingerprint.
fn counterpart<'a>(
    plain_path: &str,
    minified: &'a BTreeMap<String, Vec<u8>>,
) -> (&'a String, &'a Vec<u8>) {
    let unhashed = split_fingerprint(plain_path).map_or(plain_path.to_string(), |(p, _)| p);
    minified
        .iter()
        .find(|(path, _)| {
            *path == plain_path || split_fingerprint(path).is_some_and(|(p, _)| p == unhashed)
        })
        .unwrap_or_else(|| panic!("the minified build has no {plain_path}"))
}

#[test]
fn minified_output_keeps_structure_text_and_links_and_is_smaller() {
    let site = portal();
    let plain = files(&build(&site, "plain", &[]));
    let minified = files(&build(&site, "minified", &["--minify"]));
    assert_eq!(plain.len(), minified.len(), "same number of files");
    let mut sizes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut differences = BTreeMap::new();
    for (path, bytes) in &plain {
        let (min_path, min_bytes) = counterpart(path, &minified);
        let kind = path.rsplit('.').next().unwrap();
        if ["html", "css", "js"].contains(&kind) {
            let entry = sizes.entry(kind).or_default();
            entry.0 += bytes.len();
            entry.1 += min_bytes.len();
        }
        match kind {
            "html" => {
                let (before, after) = (outline(text(bytes)), outline(text(min_bytes)));
                assert_eq!(before.len(), after.len(), "{path}: element count");
                // The innermost differing element says most: report only that one.
                let first = before.iter().zip(&after).position(|(b, a)| b != a);
                let last = before.iter().zip(&after).rposition(|(b, a)| b != a);
                if let (Some(_), Some(last)) = (first, last) {
                    let element = &before[last - last % 2];
                    let difference = format!(
                        "{element}\n  before: {}\n  after:  {}",
                        before[last], after[last]
                    );
                    differences.entry(difference).or_insert(path);
                }
            }
            "css" => {
                parses_as_css(text(min_bytes), min_path);
                assert_eq!(
                    class_names(text(bytes)),
                    class_names(text(min_bytes)),
                    "{path}: the same classes are styled"
                );
                assert!(min_bytes.len() < bytes.len(), "{path} got smaller");
            }
            "js" => {
                parses_as_js(text(min_bytes), min_path);
                assert!(min_bytes.len() < bytes.len(), "{path} got smaller");
            }
            // Everything else (images, feeds, the search index) is written as it is.
            _ => assert_eq!(bytes, min_bytes, "{path} is unchanged"),
        }
    }
    assert!(
        differences.is_empty(),
        "minified pages differ:\n{}",
        differences
            .into_iter()
            .map(|(difference, path)| format!("{difference}\n  (first in {path})"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (kind, (before, after)) in &sizes {
        assert!(after < before, "{kind}: {after} bytes minified vs {before}");
    }
    assert!(sizes.contains_key("js") && sizes.contains_key("css"));

    // The markup page: code whitespace, inline SVG, JSON and data attributes as written.
    let page = text(&minified["guides/markup-check/index.html"]);
    let document = Html::parse_document(page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let code: String = document
        .select(&select("pre code"))
        .next()
        .expect("a code block")
        .text()
        .collect();
    assert!(code.contains("def f(x):\n    return  x   * 2"), "{code}");
    assert!(page.contains("inline  code"), "inline code whitespace");
    let svg = document
        .select(&select("svg rect"))
        .next()
        .expect("svg rect");
    assert_eq!(svg.value().attr("width"), Some("8"));
    let keys = document.select(&select("#keys")).next().unwrap();
    assert_eq!(keys.value().attr("data-keys"), Some(" one  two "));
}

#[test]
fn assets_have_content_hashed_names_referenced_from_every_page() {
    let site = portal();
    for (output, args) in [("plain", &[][..]), ("minified", &["--minify"][..])] {
        let out = files(&build(&site, output, args));
        let mut referenced = BTreeSet::new();
        for (path, bytes) in out.iter().filter(|(p, _)| p.ends_with(".html")) {
            let html = text(bytes);
            assert!(!html.contains("?v="), "{output}/{path} has a ?v= URL");
            let document = Html::parse_document(html);
            for element in document
                .root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
            {
                for attribute in ["href", "src"] {
                    let Some(url) = element.value().attr(attribute) else {
                        continue;
                    };
                    let Some(local) = url.strip_prefix('/') else {
                        continue;
                    };
                    if !(local.ends_with(".css") || local.ends_with(".js")) {
                        continue;
                    }
                    let (_, hash) = split_fingerprint(local)
                        .unwrap_or_else(|| panic!("{output}/{path}: {url} has no fingerprint"));
                    let bytes = out
                        .get(local)
                        .unwrap_or_else(|| panic!("{output}/{path}: {url} does not exist"));
                    assert_eq!(fnv(bytes), hash, "{url}: the name matches the bytes");
                    referenced.insert(local.to_string());
                }
            }
        }
        // The theme's two stylesheets and two scripts, each under one name only.
        for unhashed in [
            "css/site.css",
            "css/syntax.css",
            "js/site.js",
            "js/search.js",
        ] {
            assert!(
                !out.contains_key(unhashed),
                "{output}: {unhashed} is written"
            );
            let named: Vec<&String> = referenced
                .iter()
                .filter(|r| split_fingerprint(r).is_some_and(|(p, _)| p == unhashed))
                .collect();
            assert_eq!(named.len(), 1, "{output}: {unhashed} as {named:?}");
        }
        // Feeds and the sitemap list pages, never assets.
        assert!(!text(&out["sitemap.xml"]).contains(".css"));
        assert!(!text(&out["atom.xml"]).contains(".js\""));
    }
}

#[test]
fn minified_builds_are_byte_identical() {
    let site = portal();
    let first = files(&build(&site, "first", &["--minify"]));
    let second = files(&build(&site, "second", &["--minify"]));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn a_stylesheet_that_cannot_be_minified_fails_the_build_with_its_line() {
    let site = Site::fixture("bilingual");
    site.write(
        "themes/mini/static/css/site.css",
        "body { color: red }\n\na { color: blue }} b { color: green }\n",
    );
    site.write("public/index.html", "previous build")
        .write("public/.ipportal-output", "");
    let options = ipportal::BuildOptions {
        minify: true,
        ..site.options()
    };
    let errors = ipportal::build(&options).expect_err("invalid CSS");
    let error = common::find(&errors, "cannot minify the stylesheet");
    assert_eq!(
        error.file.as_deref(),
        Some(Path::new("themes/mini/static/css/site.css"))
    );
    assert_eq!(error.line, Some(3), "{}", error.render());
    assert_eq!(site.read("index.html"), "previous build");
    // Without --minify the file is copied as it is.
    site.build_ok();
    let css = site.fingerprinted("css/site.css").expect("the stylesheet");
    assert!(site.read(&css).contains("a { color: blue }}"));
}

#[test]
fn base_url_on_the_command_line_moves_every_absolute_url() {
    let site = portal();
    let out = files(&build(
        &site,
        "preview",
        &[
            "--base-url",
            "https://preview.example.net/pr-7/",
            "--minify",
        ],
    ));
    let mut canonical = 0;
    for (path, bytes) in &out {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue; // compressed search index files
        };
        assert!(
            !text.contains("ipis.example.edu.cn/"),
            "{path} still has the site.toml base URL"
        );
        if !path.ends_with(".html") {
            continue;
        }
        let document = Html::parse_document(text);
        for element in document
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            for attribute in ["href", "src", "action", "data-index", "content"] {
                let Some(url) = element.value().attr(attribute) else {
                    continue;
                };
                if url.starts_with('/') && !url.starts_with("//") {
                    assert!(url.starts_with("/pr-7/"), "{path}: {attribute}={url}");
                }
            }
            // The page's own absolute URLs: canonical, language versions, Open Graph.
            let own = match element.value().attr("rel") {
                Some("canonical" | "alternate") => element.value().attr("href"),
                _ => (element.value().attr("property") == Some("og:url"))
                    .then(|| element.value().attr("content"))
                    .flatten(),
            };
            if let Some(url) = own.filter(|u| u.starts_with("http")) {
                assert!(
                    url.starts_with("https://preview.example.net/pr-7/"),
                    "{path}: {url}"
                );
            }
            if element.value().attr("rel") == Some("canonical") {
                canonical += 1;
            }
        }
    }
    assert!(canonical > 50, "canonical links checked: {canonical}");
    let sitemap = text(&out["sitemap.xml"]);
    assert!(sitemap.contains("<loc>https://preview.example.net/pr-7/guides/</loc>"));
    assert!(sitemap.contains("hreflang=\"en\" href=\"https://preview.example.net/pr-7/en/"));
    assert!(text(&out["atom.xml"]).contains("href=\"https://preview.example.net/pr-7/atom.xml\""));
    assert!(text(&out["robots.txt"]).contains("https://preview.example.net/pr-7/sitemap.xml"));
}
