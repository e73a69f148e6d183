//! Writing the portal: every file goes into a fresh temporary folder beside the output folder,
//! which replaces the previous output only once the whole build has succeeded. A failed build
//! leaves the previous site untouched.

pub mod feed;
pub mod sitemap;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Where built files go.
pub struct Output {
    /// The folder files are written to during the build; `None` when nothing is written (`check`).
    staging: Option<PathBuf>,
    /// The folder the site ends up in.
    target: PathBuf,
}

impl Output {
    /// Prepares a staging folder next to `target` (same file system, so the final rename is
    /// atomic per folder).
    pub fn create(target: &Path) -> Result<Self, Diagnostic> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create folder", e))?;
        let staging = parent.join(format!(".{name}.ipportal-new"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| io_error(&staging, "remove", e))?;
        }
        std::fs::create_dir_all(&staging).map_err(|e| io_error(&staging, "create folder", e))?;
        Ok(Output {
            staging: Some(staging),
            target: target.to_path_buf(),
        })
    }

    /// An output that writes nothing, for `check`.
    pub fn dry_run() -> Self {
        Output {
            staging: None,
            target: PathBuf::new(),
        }
    }

    /// Writes `bytes` to `relative` (a path with `/` separators) inside the output.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let Some(path) = self.path_of(relative)? else {
            return Ok(());
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create folder", e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_error(&path, "write", e))
    }

    /// Copies the file `source` to `relative` inside the output.
    pub fn copy(&self, source: &Path, relative: &str) -> Result<(), Diagnostic> {
        let Some(path) = self.path_of(relative)? else {
            return Ok(());
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create folder", e))?;
        }
        std::fs::copy(source, &path)
            .map(|_| ())
            .map_err(|e| io_error(source, "copy", e))
    }

    /// Rejects paths that would escape the output folder (`../`, absolute paths).
    fn path_of(&self, relative: &str) -> Result<Option<PathBuf>, Diagnostic> {
        let Some(staging) = &self.staging else {
            return Ok(None);
        };
        let safe = !relative.is_empty()
            && !relative.starts_with('/')
            && relative.split('/').all(|part| {
                !part.is_empty() && part != ".." && part != "." && !part.contains('\\')
            });
        if !safe {
            return Err(Diagnostic::error(format!(
                "refusing to write `{relative}`: output paths must stay inside the output folder"
            )));
        }
        Ok(Some(staging.join(relative)))
    }

    /// Replaces the previous output by the new one.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let Some(staging) = &self.staging else {
            return Ok(());
        };
        let old = staging.with_extension("ipportal-old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, "remove", e))?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, "move", e))?;
        }
        std::fs::rename(staging, &self.target).map_err(|e| io_error(staging, "move", e))?;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, "remove", e))?;
        }
        Ok(())
    }

    /// Throws the staging folder away, leaving the previous output as it was.
    pub fn discard(self) {
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

fn io_error(path: &Path, action: &str, error: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {action} {}: {error}", path.display()))
}

/// The output file for a URL path: `/guides/x/` → `guides/x/index.html`.
pub fn file_for_path(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// A page that sends visitors of an old URL to the new one.
pub fn redirect_page(to: &str) -> String {
    let to = crate::markdown::escape_html(to);
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Redirect</title>\
         <link rel=\"canonical\" href=\"{to}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\"></head>\
         <body><a href=\"{to}\">{to}</a></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_index_files() {
        assert_eq!(file_for_path("/"), "index.html");
        assert_eq!(file_for_path("/en/guides/x/"), "en/guides/x/index.html");
        assert_eq!(file_for_path("/old.html"), "old.html");
    }

    #[test]
    fn writes_cannot_escape_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::create(&dir.path().join("public")).unwrap();
        assert!(out.write("../evil.html", b"x").is_err());
        assert!(out.write("a/b.html", b"x").is_ok());
        out.commit().unwrap();
        assert!(dir.path().join("public/a/b.html").exists());
        assert!(!dir.path().join("evil.html").exists());
    }
}
