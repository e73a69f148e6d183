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
<script>CMS.registerPreviewStyle({stylesheet});
{ENTRY_FILES}</script>
</body>
</html>
"#
    )
}

/// Corrections to Decap, made by wrapping each registered backend so that `config.yml` stays
/// plain Decap (which Sveltia CMS reads too):
/// - A collection's list keeps to its entries' files. Decap lists every Markdown file of a
///   collection's folder to the depth of its `path`, and with the local proxy, GitLab and Gitea
///   does not match them against the `path`: a section's own `_index.en.md` would show as a page
///   of its section, and a course's lessons as courses. A folder's own `_index` files are
///   dropped; one folder down (a brief's `x/index`, a course's `x/_index`) only index files stay.
/// - A section's `_index` is saved without `slug`: the form of a course asks for one to name
///   the course's folder, but a section takes its URL from its folder and has no `slug` field.
/// - A saved file has no `key: null` lines. Decap copies each field the languages share
///   (`i18n: duplicate`) into every language's file even when it has no value, as `null`, which
///   ipportal refuses ("found nothing"); such lines, and maps they leave empty, are dropped.
const ENTRY_FILES: &str = r#"function frontMatter(raw, edit) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  if (!m) return raw;
  return "---\n" + edit(m[1].split("\n")).join("\n") + "\n---\n" + raw.slice(m[0].length);
}
function withoutNulls(lines) {
  lines = lines.filter((l) => !/^\s*[^\s:#][^:]*: null$/.test(l));
  for (let pass = 0; pass < 3; pass++) {
    lines = lines.filter((l, i) => {
      const key = /^(\s*)[^\s:#][^:]*:$/.exec(l);
      return !key || (i + 1 < lines.length && lines[i + 1].search(/\S/) > key[1].length);
    });
  }
  return lines;
}
const withoutSlug = (lines) => lines.filter((l) => !/^slug:/.test(l));
for (const name of ["proxy", "github", "gitlab", "gitea", "git-gateway", "bitbucket"]) {
  const backend = CMS.getBackend(name);
  if (!backend) continue;
  const init = backend.init;
  backend.init = (...args) => {
    const b = init(...args);
    const keep = (folder, depth) => (e) => {
      const inside = e.file.path.slice(folder.length + 1);
      return depth > 1 ? /^[^/]+\/_?index\.[^/]+$/.test(inside) : !/^_index\./.test(inside);
    };
    for (const method of ["entriesByFolder", "allEntriesByFolder"]) {
      const list = b[method] && b[method].bind(b);
      if (!list) continue;
      b[method] = async (folder, extension, depth, ...rest) => {
        const all = await list(folder, extension, depth, ...rest);
        const kept = all.filter(keep(folder, depth));
        // Decap keeps its paging cursor on the list under a symbol.
        for (const s of Object.getOwnPropertySymbols(all)) kept[s] = all[s];
        return kept;
      };
    }
    const persist = b.persistEntry.bind(b);
    b.persistEntry = (entry, options) => {
      const dataFiles = entry.dataFiles.map((f) => {
        const section = /(^|\/)_index\.[^/]+$/.test(f.path);
        const edit = (lines) => (section ? withoutSlug(withoutNulls(lines)) : withoutNulls(lines));
        return { ...f, raw: frontMatter(f.raw, edit) };
      });
      return persist({ ...entry, dataFiles }, options);
    };
    return b;
  };
}"#;
