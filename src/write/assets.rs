//! The theme's static files as they are written: stylesheets and scripts (the theme's, the
//! portal's `static/` and the generated `css/syntax.css`) minified when asked, then named after a
//! hash of their final bytes (`css/site.css` → `css/site.3f2a9c1d.css`), so a web server can let
//! browsers cache them forever: new content is a new name. Other files (images, fonts, PDFs) keep
//! their names: stylesheets refer to them by name, and they rarely change.
//!
//! Templates get the written names through `url(path="css/site.css")` and `site.stylesheets`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::minify;
use crate::base::diagnostics::{Code, Diagnostic, display_path};
use crate::templates::{StaticSource, Theme};

/// Where the generated highlighting stylesheet goes (before fingerprinting).
pub const SYNTAX_CSS: &str = "css/syntax.css";

/// The search engine script, into which the build writes the tokenizer's traditional → simplified
/// table.
const SEARCH_SCRIPT: &str = "js/search-engine.js";

/// The script with the table in it (see [`crate::search::fold::into_script`]).
fn with_fold_table(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(script) => crate::search::fold::into_script(&script).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// What to write at one output path.
#[derive(Debug)]
pub enum AssetSource {
    /// A static file copied as it is.
    Static(StaticSource),
    /// Bytes made by the build (a fingerprinted, possibly minified, stylesheet or script).
    Bytes(Vec<u8>),
}

/// Every static file of the site, by output path, and the names fingerprinting gave them.
#[derive(Debug, Default)]
pub struct Assets {
    /// Output path → what to write there.
    pub files: BTreeMap<String, AssetSource>,
    /// Path under `static/` (`css/site.css`) → output path (`css/site.3f2a9c1d.css`), for the
    /// fingerprinted files only.
    pub renamed: BTreeMap<String, String>,
}

impl Assets {
    /// Reads the theme's static files and adds `syntax_css`; stylesheets and scripts are
    /// minified when `minify` and fingerprinted. Fails with every stylesheet or script that could
    /// not be minified.
    pub fn prepare(
        root: &Path,
        theme: &Theme,
        syntax_css: &str,
        minify: bool,
    ) -> Result<Assets, Vec<Diagnostic>> {
        let mut assets = Assets::default();
        let mut text_files = vec![(
            SYNTAX_CSS.to_string(),
            PathBuf::from("(generated) css/syntax.css"),
            syntax_css.as_bytes().to_vec(),
        )];
        for (path, source) in &theme.static_files {
            if is_fingerprinted(path) {
                let mut bytes = read(source).map_err(|e| vec![e])?;
                if path == SEARCH_SCRIPT {
                    bytes = with_fold_table(bytes);
                }
                text_files.push((path.clone(), origin(root, path, source), bytes));
            } else {
                assets
                    .files
                    .insert(path.clone(), AssetSource::Static(source.clone()));
            }
        }
        let finished: Vec<Result<(String, Vec<u8>), Diagnostic>> = text_files
            .into_par_iter()
            .map(|(path, origin, bytes)| {
                let bytes = if minify {
                    minified(&path, &origin, bytes)?
                } else {
                    bytes
                };
                Ok((path, bytes))
            })
            .collect();
        let mut errors = Vec::new();
        for result in finished {
            match result {
                Ok((path, bytes)) => {
                    let name = fingerprinted_name(&path, &bytes);
                    assets.renamed.insert(path, name.clone());
                    assets.files.insert(name, AssetSource::Bytes(bytes));
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(assets)
        } else {
            Err(errors)
        }
    }

    /// The output path of the static file `path` (`css/site.css` → `css/site.3f2a9c1d.css`);
    /// `path` itself when it is not renamed.
    pub fn output_path<'a>(&'a self, path: &'a str) -> &'a str {
        let path = path.trim_start_matches('/');
        self.renamed.get(path).map_or(path, String::as_str)
    }
}

/// Stylesheets and scripts get content-hashed names.
pub fn is_fingerprinted(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `css/site.css` → `css/site.<hash of bytes>.css`.
pub fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let hash = fingerprint(bytes);
    match path.rsplit_once('.') {
        Some((stem, extension)) if !stem.ends_with('/') && !stem.is_empty() => {
            format!("{stem}.{hash}.{extension}")
        }
        _ => format!("{path}.{hash}"),
    }
}

/// A short content hash (FNV-1a, 32 bits, as 8 hex digits): stable across Rust versions and
/// machines, so the same bytes always get the same name.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

fn minified(path: &str, origin: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(
            Code::AssetInvalid,
            crate::untranslated!("cannot minify the file: it is not UTF-8 text"),
        )
        .in_file(origin)
    })?;
    let code = if path.ends_with(".css") {
        minify::css(&text, origin)?
    } else {
        minify::js(&text, origin)?
    };
    Ok(code.into_bytes())
}

fn read(source: &StaticSource) -> Result<Vec<u8>, Diagnostic> {
    match source {
        StaticSource::Disk(path) => std::fs::read(path).map_err(|e| {
            Diagnostic::error(Code::FileUnreadable, crate::msg!("file.unreadable", e)).in_file(path)
        }),
        StaticSource::Embedded(bytes) => Ok(bytes.to_vec()),
    }
}

/// The file a static file came from, as errors show it.
fn origin(root: &Path, path: &str, source: &StaticSource) -> PathBuf {
    match source {
        StaticSource::Disk(file) => display_path(root, file),
        StaticSource::Embedded(_) => {
            PathBuf::from(format!("(built-in default theme)/static/{path}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_before_the_extension() {
        let name = fingerprinted_name("css/site.css", b"body{}");
        assert_eq!(name, format!("css/site.{}.css", fingerprint(b"body{}")));
        assert_ne!(fingerprint(b"body{}"), fingerprint(b"body{ }"));
        assert_eq!(fingerprint(b"").len(), 8);
    }

    #[test]
    fn only_stylesheets_and_scripts_are_renamed() {
        let mut theme = Theme::default();
        for (path, bytes) in [
            ("css/site.css", &b"a { color: red }"[..]),
            ("js/site.js", b"var x = 1;"),
            ("img/logo.svg", b"<svg/>"),
        ] {
            theme
                .static_files
                .insert(path.into(), StaticSource::Embedded(bytes));
        }
        let assets = Assets::prepare(Path::new("."), &theme, ".hl{}", false).unwrap();
        assert_eq!(assets.output_path("img/logo.svg"), "img/logo.svg");
        for path in ["css/site.css", "/js/site.js", SYNTAX_CSS] {
            let name = assets.output_path(path);
            assert_ne!(name, path.trim_start_matches('/'));
            assert!(assets.files.contains_key(name), "{name}");
        }
        assert_eq!(assets.files.len(), 4);
    }
}
