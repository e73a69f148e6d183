//! Sorting file-system events into what has to be rebuilt: a pure function, tested on its own.

use crate::base::layout::SOURCE_FOLDERS;
use std::path::{Path, PathBuf};

/// What a batch of changed paths asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing the portal is built from.
    Nothing,
    /// Markdown files under `content/`: try to update just those pages.
    Pages(Vec<PathBuf>),
    /// Static files only; `css_only` when every one is a stylesheet (swapped without a reload).
    Static {
        /// Whether only `.css` files changed.
        css_only: bool,
    },
    /// Configuration, templates, strings or content assets: build everything.
    Full,
}

/// The source folders among `paths` (absolute, under `root`): ones created, or created again,
/// after the watch started, which need a watch of their own.
pub fn source_folders(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = paths
        .iter()
        .filter(|path| {
            path.strip_prefix(root).is_ok_and(|relative| {
                SOURCE_FOLDERS
                    .iter()
                    .any(|name| relative == Path::new(name))
            })
        })
        .cloned()
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// Classifies the changed `paths` (absolute, under `root`).
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut pages = Vec::new();
    let mut statics = Vec::new();
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        match kind_of(relative) {
            Kind::Ignored => {}
            Kind::Page => pages.push(path.clone()),
            Kind::Static => statics.push(relative.to_path_buf()),
            Kind::Full => return Change::Full,
        }
    }
    match (pages.is_empty(), statics.is_empty()) {
        (true, true) => Change::Nothing,
        (false, true) => {
            pages.sort();
            pages.dedup();
            Change::Pages(pages)
        }
        (true, false) => Change::Static {
            css_only: statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css")),
        },
        (false, false) => Change::Full,
    }
}

enum Kind {
    Ignored,
    Page,
    Static,
    Full,
}

fn kind_of(relative: &Path) -> Kind {
    let parts: Vec<&str> = relative
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let Some(name) = parts.last() else {
        return Kind::Ignored;
    };
    if is_editor_noise(name) {
        return Kind::Ignored;
    }
    match parts.as_slice() {
        ["site.toml"] => Kind::Full,
        ["content", .., last] if last.ends_with(".md") => Kind::Page,
        ["content", ..] => Kind::Full,
        ["static", ..] => Kind::Static,
        ["themes", _, "static", ..] => Kind::Static,
        // `data/applicants.yaml`, the alias file briefs' exports are counted with.
        ["templates", ..] | ["i18n", ..] | ["themes", ..] | ["data", ..] => Kind::Full,
        _ => Kind::Ignored,
    }
}

/// Swap files, backups and probes that editors write next to the real file.
fn is_editor_noise(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_names(names: &[&str]) -> Change {
        let root = Path::new("/portal");
        let paths: Vec<PathBuf> = names.iter().map(|n| root.join(n)).collect();
        classify(root, &paths)
    }

    #[test]
    fn markdown_in_content_is_a_page_change() {
        assert_eq!(
            classify_names(&["content/guides/a.md", "content/guides/a.md"]),
            Change::Pages(vec![PathBuf::from("/portal/content/guides/a.md")])
        );
    }

    #[test]
    fn configuration_templates_and_assets_rebuild_everything() {
        for name in [
            "site.toml",
            "templates/page.html",
            "themes/default/templates/base.html",
            "themes/default/i18n/en.toml",
            "i18n/zh.toml",
            "content/guides/x/figure.png",
            "content/briefs/x/lens-export.csv",
            "data/applicants.yaml",
        ] {
            assert_eq!(classify_names(&[name]), Change::Full, "{name}");
        }
        assert_eq!(
            classify_names(&["content/a.md", "static/logo.svg"]),
            Change::Full
        );
    }

    #[test]
    fn stylesheets_alone_are_swapped() {
        assert_eq!(
            classify_names(&["themes/default/static/css/site.css"]),
            Change::Static { css_only: true }
        );
        assert_eq!(
            classify_names(&["static/css/a.css", "static/js/a.js"]),
            Change::Static { css_only: false }
        );
    }

    #[test]
    fn source_folders_at_the_root_are_picked_out() {
        let root = Path::new("/portal");
        let paths: Vec<PathBuf> = [
            "static",
            "content/static",
            "templates",
            "static",
            "public",
            "themes/mini",
            "site.toml",
        ]
        .iter()
        .map(|name| root.join(name))
        .collect();
        assert_eq!(
            source_folders(root, &paths),
            vec![root.join("static"), root.join("templates")]
        );
    }

    #[test]
    fn output_editor_noise_and_other_files_are_ignored() {
        assert_eq!(
            classify_names(&[
                "public/index.html",
                "target/release/ipportal",
                ".git/index",
                "content/guides/.a.md.swp",
                "content/guides/a.md~",
                "content/guides/4913",
                "README.md",
            ]),
            Change::Nothing
        );
        assert_eq!(
            classify(Path::new("/portal"), &[PathBuf::from("/elsewhere/a.md")]),
            Change::Nothing
        );
    }
}
