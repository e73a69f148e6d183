//! `/admin/`: the page that starts Decap CMS, and the pinned copy of Decap CMS it loads
//! (`vendor/decap-cms/`, built into ipportal), so the CMS works from mainland China and offline.

use include_dir::{Dir, include_dir};

use crate::base::text::escape_html;

/// The pinned Decap CMS: `decap-cms.js`, the chunks it loads from beside itself, its
/// WebAssembly files, its version and licences.
static DECAP: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/vendor/decap-cms");

/// Where the build writes the CMS, under the output folder.
pub const FOLDER: &str = "admin";

/// The version of Decap CMS built in.
pub fn decap_version() -> &'static str {
    DECAP
        .get_file("VERSION")
        .and_then(|f| f.contents_utf8())
        .map_or("", str::trim)
}

/// The files of the pinned Decap CMS, as (path under `admin/decap-cms/`, bytes).
pub fn decap_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    DECAP.files().filter_map(|f| {
        let path = f.path().to_str()?;
        Some((path, f.contents()))
    })
}

/// `admin/index.html`: loads the CMS from `admin/decap-cms/`, and gives its preview the
/// portal's stylesheet (`stylesheet`, the URL of the theme's fingerprinted `site.css`).
pub fn index_html(lang: &str, title: &str, stylesheet: &str) -> String {
    let lang = escape_html(lang);
    let title = escape_html(title);
    // The URL goes into a script as a JSON string (JSON's escapes are JavaScript's); `</` is
    // escaped so that it cannot close the script element.
    let stylesheet = serde_json::Value::String(stylesheet.to_string())
        .to_string()
        .replace("</", "<\\/");
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<script src="decap-cms/decap-cms.js"></script>
<script>CMS.registerPreviewStyle({stylesheet});</script>
</body>
</html>
"#
    )
}
