//! Default-language files named with their language (`x.md` → `x.zh.md`), so that the CMS opens
//! them: Decap CMS's `multiple_files` i18n finds an entry by its default-language file
//! `x.<lang>.md` and has no option (3.16.3) to read `x.md`. ipportal reads both names the same.
//!
//! Input: the portal's root and configuration. Output: the [`Rename`]s that `ipportal cms
//! --rename` lists and, with `--apply`, carries out; the `cms/file-name` warning of `check`.

use std::path::Path;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::Config;
use crate::content::discover::discover;

/// One Markdown file of the default language to be named with its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// Its path from the portal's root (`content/cases/x.md`).
    pub from: String,
    /// The path it gets (`content/cases/x.zh.md`).
    pub to: String,
    /// Whether a file is already at `to`: then it is left as it is (never overwritten).
    pub blocked: bool,
}

/// The default-language files under `content/` whose name does not say their language, in
/// path order: pages, bundles' `index.md` and sections' `_index.md`.
pub fn plan(root: &Path, config: &Config) -> Vec<Rename> {
    let found = discover(root, &root.join("content"), config);
    let suffix = format!(".{}.md", config.default_language);
    let mut renames: Vec<Rename> = found
        .sections
        .iter()
        .chain(&found.pages)
        .filter(|f| f.lang == config.default_language && !f.relative.ends_with(&suffix))
        .map(|f| {
            let stem = f.relative.trim_end_matches(".md");
            let to = format!("content/{stem}{suffix}");
            Rename {
                from: format!("content/{}", f.relative),
                blocked: root.join(&to).exists(),
                to,
            }
        })
        .collect();
    renames.sort_by(|a, b| a.from.cmp(&b.from));
    renames
}

/// Carries out `renames` that are not blocked, never replacing a file: one that appeared at a
/// target since [`plan`] is left alone. Returns the renames done and those that failed, why.
pub fn apply(root: &Path, renames: &[Rename]) -> (Vec<Rename>, Vec<(Rename, std::io::Error)>) {
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for rename in renames.iter().filter(|r| !r.blocked) {
        let to = root.join(&rename.to);
        let result = if to.exists() {
            Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
        } else {
            std::fs::rename(root.join(&rename.from), &to)
        };
        match result {
            Ok(()) => done.push(rename.clone()),
            Err(e) => failed.push((rename.clone(), e)),
        }
    }
    (done, failed)
}

/// With `[cms]`, one warning when default-language files lack their language in the name: the
/// CMS cannot open them. It names the first and counts the others.
pub fn unnamed_language(root: &Path, config: &Config) -> Option<Diagnostic> {
    config.cms.as_ref()?;
    let renames = plan(root, config);
    let first = renames.first()?;
    let lang = &config.default_language;
    let message = match renames.len() - 1 {
        0 => crate::msg!("cms.file_name", lang),
        others => crate::msg!("cms.file_name_and_others", lang, others),
    };
    Some(
        Diagnostic::warning(Code::CmsFileName, message)
            .in_file(&first.from)
            .with_help(crate::msg!("cms.file_name_help")),
    )
}
