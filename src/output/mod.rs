//! Writing the portal: every file goes into a fresh staging folder beside the output folder,
//! which replaces the previous output only once the whole build has succeeded. A failed build
//! leaves the previous site untouched. Only a folder ipportal wrote (or an empty one) is ever
//! replaced: [`guard`] decides. `serve` writes into memory instead, `check` nowhere.

pub mod guard;
mod swap;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::base::diagnostics::{Code, Diagnostic};
use guard::Claim;

/// Files of a site held in memory, by output path (`guides/x/index.html`): what `serve` serves.
pub type MemoryFiles = std::sync::RwLock<std::collections::HashMap<String, Vec<u8>>>;

/// Where built files go.
pub struct Output {
    target: Target,
    /// Bytes written so far; an atomic, as pages are written from many threads.
    bytes: AtomicU64,
}

enum Target {
    /// A staging folder, put in the place of the claimed folder by [`Output::commit`].
    Disk(Claim),
    /// An in-memory file map.
    Memory(std::sync::Arc<MemoryFiles>),
    /// Nothing is kept (`check`).
    DryRun,
}

impl Output {
    /// Claims `target` as the output of the portal at `root` (see [`guard`]: refused unless
    /// ipportal wrote it or it is empty, or `force`; never the portal or its sources) and prepares
    /// a staging folder on the same file system, marked as ipportal's.
    pub fn create(target: &Path, root: &Path, force: bool) -> Result<Self, Diagnostic> {
        let claim = Claim::take(target, root, force)?;
        let staging = &claim.staging;
        std::fs::create_dir_all(staging).map_err(|e| io_error(staging, "create folder", e))?;
        let marker = staging.join(guard::MARKER);
        std::fs::write(&marker, guard::MARKER_TEXT).map_err(|e| io_error(&marker, "write", e))?;
        Ok(Output::new(Target::Disk(claim)))
    }

    /// An output that writes nothing, for `check`.
    pub fn dry_run() -> Self {
        Output::new(Target::DryRun)
    }

    /// An output into `files`, for `serve`.
    pub fn memory(files: std::sync::Arc<MemoryFiles>) -> Self {
        Output::new(Target::Memory(files))
    }

    fn new(target: Target) -> Self {
        Output {
            target,
            bytes: AtomicU64::new(0),
        }
    }

    /// The size of every file written or copied so far, in bytes (0 for a dry run).
    pub fn bytes_written(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    fn count_bytes(&self, bytes: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes `bytes` to `relative` (a path with `/` separators) inside the output.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_relative(relative)?;
        match &self.target {
            Target::Disk(claim) => {
                let path = with_parent(&claim.staging, relative)?;
                std::fs::write(&path, bytes).map_err(|e| io_error(&path, "write", e))?;
                self.count_bytes(bytes.len() as u64);
                Ok(())
            }
            Target::Memory(files) => {
                files
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .insert(relative.to_string(), bytes.to_vec());
                self.count_bytes(bytes.len() as u64);
                Ok(())
            }
            Target::DryRun => Ok(()),
        }
    }

    /// Copies the file `source` to `relative` inside the output.
    pub fn copy(&self, source: &Path, relative: &str) -> Result<(), Diagnostic> {
        check_relative(relative)?;
        match &self.target {
            Target::Disk(claim) => {
                let path = with_parent(&claim.staging, relative)?;
                let bytes =
                    std::fs::copy(source, &path).map_err(|e| io_error(source, "copy", e))?;
                self.count_bytes(bytes);
                Ok(())
            }
            Target::Memory(_) => {
                let bytes = std::fs::read(source).map_err(|e| io_error(source, "read", e))?;
                self.write(relative, &bytes)
            }
            Target::DryRun => Ok(()),
        }
    }

    /// Whether `relative` has been written (always `false` for a dry run).
    pub fn contains(&self, relative: &str) -> bool {
        match &self.target {
            Target::Disk(claim) => claim.staging.join(relative).exists(),
            Target::Memory(files) => files
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .contains_key(relative),
            Target::DryRun => false,
        }
    }

    /// Removes `relative` from the output, if it is there: a file an earlier write put in memory
    /// that the site no longer has (`serve`). A build on disk starts from an empty staging
    /// folder, so only files it wrote itself can be removed there.
    pub fn remove(&self, relative: &str) -> Result<(), Diagnostic> {
        check_relative(relative)?;
        match &self.target {
            Target::Disk(claim) => {
                let path = claim.staging.join(relative);
                match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        Err(io_error(&path, "remove", e))
                    }
                    _ => Ok(()),
                }
            }
            Target::Memory(files) => {
                files
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .remove(relative);
                Ok(())
            }
            Target::DryRun => Ok(()),
        }
    }

    /// Replaces the previous output by the new one (a no-op for memory and dry runs).
    pub fn commit(self) -> Result<(), Diagnostic> {
        let Target::Disk(claim) = &self.target else {
            return Ok(());
        };
        claim.recheck()?;
        swap::replace(claim).map_err(|e| io_error(&claim.folder, "replace", e))
    }

    /// Throws the staging folder away, leaving the previous output as it was.
    pub fn discard(self) {
        if let Target::Disk(claim) = &self.target {
            let _ = std::fs::remove_dir_all(&claim.staging);
        }
    }
}

/// `relative` inside `staging`, its folder created.
fn with_parent(staging: &Path, relative: &str) -> Result<PathBuf, Diagnostic> {
    let path = staging.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create folder", e))?;
    }
    Ok(path)
}

/// Rejects paths that would escape the output folder (`../`, absolute paths).
fn check_relative(relative: &str) -> Result<(), Diagnostic> {
    let inside = !relative.is_empty()
        && !relative.starts_with('/')
        && relative
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != "." && !part.contains('\\'));
    let why = if !inside {
        "output paths must stay inside the output folder"
    } else if relative.starts_with(".ipportal-") {
        "the names `.ipportal-*` at the top of the output are the build's own (marker, staging, lock)"
    } else {
        return Ok(());
    };
    Err(Diagnostic::error(
        Code::OutputWrite,
        crate::untranslated!(format!("refusing to write `{relative}`: {why}")),
    ))
}

fn io_error(path: &Path, action: &str, error: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::OutputWrite,
        crate::untranslated!(format!("cannot {action} {}: {error}", path.display())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_cannot_escape_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::create(&dir.path().join("public"), dir.path(), false).unwrap();
        assert!(out.write("../evil.html", b"x").is_err());
        assert!(out.write("a/b.html", b"x").is_ok());
        out.commit().unwrap();
        assert!(dir.path().join("public/a/b.html").exists());
        assert!(!dir.path().join("evil.html").exists());
    }
}
