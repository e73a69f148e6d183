//! Which folder a build may replace, and the lock that keeps two builds out of each other's way.
//!
//! A build replaces its output folder whole, so that folder must be one ipportal wrote — it
//! carries the file [`MARKER`] — or be empty. `--force` lifts that rule for someone else's folder,
//! but nothing lifts it for the portal itself, a folder that contains the portal, a folder in or
//! under one of its source folders, or a folder with a file system mounted inside it. Paths are
//! compared after resolving symbolic links and `..`.

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::io_error;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::layout::SOURCE_FOLDERS;

/// The file every output folder ipportal writes carries, and what it says to a curious reader.
pub const MARKER: &str = ".ipportal-output";
pub(super) const MARKER_TEXT: &str = "This folder was written by `ipportal build`, which replaces \
    it whole on every build.\nKeep no files of your own here: they would be deleted.\n";

/// Folders of a portal that no output may touch besides its sources: its version history.
const KEPT_FOLDERS: [&str; 1] = [".git"];

/// The staging folder's name inside an output folder that is a mount point.
pub(super) const INNER_STAGING: &str = ".ipportal-new";
pub(super) const INNER_LOCK: &str = ".ipportal-lock";

/// How a finished build replaces the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The staging folder lies beside the output folder and takes its place whole; `old` is where
    /// the previous output goes where the two cannot be swapped in one step.
    Beside {
        /// The previous output's name while it is removed.
        old: PathBuf,
    },
    /// The output folder cannot be renamed (a mount point): the staging folder lies inside it,
    /// and its entries replace the folder's one by one.
    InPlace,
}

/// Where a build may write, checked, and locked for as long as this value lives.
#[derive(Debug)]
pub struct Claim {
    /// The output folder, symbolic links resolved (it may not exist yet).
    pub folder: PathBuf,
    /// Where the new tree is written before it replaces `folder`.
    pub staging: PathBuf,
    /// How the new tree replaces the old one.
    pub layout: Layout,
    /// Whether `--force` allows replacing a folder of someone else's.
    force: bool,
    /// Held open with an exclusive lock; released when dropped.
    _lock: File,
}

impl Claim {
    /// Checks that `target` may be replaced by a build of the portal at `root`, takes the output
    /// lock, and clears a staging folder left by a build that was killed.
    pub fn take(target: &Path, root: &Path, force: bool) -> Result<Claim, Diagnostic> {
        let folder = resolve(target).map_err(|e| io_error(target, "resolve", e))?;
        let root = resolve(root).map_err(|e| io_error(root, "resolve", e))?;
        refuse_portal_folders(&folder, &root, target)?;
        refuse_mounts_inside(&folder, target)?;
        if !force {
            refuse_foreign(&folder, target)?;
        } else if folder.exists() && !folder.is_dir() {
            return Err(unsafe_output(target, "it is a file, not a folder"));
        }
        let (staging, lock_path, layout) = layout_for(&folder)?;
        let lock = lock(&lock_path, target)?;
        clear_stale(&staging)?;
        if let Layout::Beside { old } = &layout {
            clear_stale(old)?;
        }
        Ok(Claim {
            folder,
            staging,
            layout,
            force,
            _lock: lock,
        })
    }

    /// Checks again, just before the swap, that the folder is still one a build may replace:
    /// files may have been put into it, or a file system mounted, while the site was built.
    pub fn recheck(&self) -> Result<(), Diagnostic> {
        refuse_mounts_inside(&self.folder, &self.folder)?;
        if self.force {
            return Ok(());
        }
        refuse_foreign(&self.folder, &self.folder)
    }
}

/// The staging folder, the lock file and the layout for the output `folder`: beside it, or
/// inside it when it is a mount point (its parent's folder may be another file system).
fn layout_for(folder: &Path) -> Result<(PathBuf, PathBuf, Layout), Diagnostic> {
    if folder.is_dir() && is_mount_point(folder) {
        let inside = |name: &str| folder.join(name);
        return Ok((inside(INNER_STAGING), inside(INNER_LOCK), Layout::InPlace));
    }
    let parent = folder.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create folder", e))?;
    let name = folder.file_name().unwrap_or_default().to_string_lossy();
    let beside = |suffix: &str| parent.join(format!(".{name}.ipportal-{suffix}"));
    let old = beside("old");
    Ok((beside("new"), beside("lock"), Layout::Beside { old }))
}

/// What to do instead, for a folder that can never be an output.
const PICK_ANOTHER: &str = "a build replaces its output folder whole, and it must stay apart from \
    the sources it is built from; pick a folder of its own, such as the default `public` \
    (--force does not change this)";

/// The portal root, a folder containing it, its source folders, a folder inside one of them or
/// containing one (a source folder may be a link to elsewhere) can never be an output.
fn refuse_portal_folders(folder: &Path, root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let refuse =
        |what: &str| Err(unsafe_output(target, what).with_help(crate::untranslated!(PICK_ANOTHER)));
    if folder == root {
        return refuse("it is the portal's own folder");
    }
    if root.starts_with(folder) || same_as_or_inside(root, folder) {
        return refuse("it contains the portal");
    }
    for source in SOURCE_FOLDERS.iter().chain(&KEPT_FOLDERS) {
        let source_folder = resolve(&root.join(source)).unwrap_or_else(|_| root.join(source));
        if folder == source_folder {
            return refuse(&format!("it is the portal's source folder `{source}/`"));
        }
        if folder.starts_with(&source_folder) || same_as_or_inside(folder, &source_folder) {
            return refuse(&format!(
                "it is inside the portal's source folder `{source}/`"
            ));
        }
        if source_folder.starts_with(folder) || same_as_or_inside(&source_folder, folder) {
            return refuse(&format!(
                "it contains the portal's source folder `{source}/`"
            ));
        }
    }
    Ok(())
}

/// Whether `inner`, or a folder above it, is the very folder `outer` (the same device and inode),
/// whatever path leads there: a bind mount, another spelling on a case-insensitive disk.
fn same_as_or_inside(inner: &Path, outer: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let id = |path: &Path| std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()));
        let Some(outer_id) = id(outer) else {
            return false;
        };
        inner.ancestors().any(|folder| id(folder) == Some(outer_id))
    }
    #[cfg(not(unix))]
    {
        let _ = (inner, outer);
        false
    }
}

/// A folder that neither carries the marker nor is empty holds someone else's files.
fn refuse_foreign(folder: &Path, target: &Path) -> Result<(), Diagnostic> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory || folder.is_file() => {
            return Err(
                unsafe_output(target, "it is a file, not a folder").with_help(
                    crate::untranslated!("name a folder with --output; the file was left as it is"),
                ),
            );
        }
        Err(e) => return Err(io_error(target, "read", e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(target, "read", e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // What a failed or killed build into a mount point leaves: its lock and staging.
        if name == INNER_LOCK || name == INNER_STAGING {
            continue;
        }
        names.push(match entry.file_type() {
            Ok(kind) if kind.is_dir() => format!("{name}/"),
            _ => name,
        });
    }
    if names.is_empty() || names.iter().any(|name| name == MARKER) {
        return Ok(());
    }
    let what = format!(
        "it holds files that ipportal did not write ({}) and has no `{MARKER}` file",
        listing(names)
    );
    Err(
        unsafe_output(target, &what).with_help(crate::untranslated!(format!(
            "a build replaces its output folder whole. Pick another folder with --output (a new or \
         empty one, or one an earlier build wrote), or, if everything in {} may be deleted, \
         build again with --force",
            target.display()
        ))),
    )
}

/// `a.md, b/ and 3 more`, sorted, for an error message.
fn listing(mut names: Vec<String>) -> String {
    const SHOWN: usize = 5;
    names.sort();
    let more = names.len().saturating_sub(SHOWN);
    names.truncate(SHOWN);
    let shown = names.join(", ");
    match more {
        0 => shown,
        n => format!("{shown} and {n} more"),
    }
}

/// Takes the lock file at `path`, failing at once if another build holds it.
fn lock(path: &Path, target: &Path) -> Result<File, Diagnostic> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| io_error(path, "create the lock file", e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Diagnostic::error(
            Code::OutputLocked,
            crate::untranslated!(format!(
                "another build is writing into {} (it holds the lock file {})",
                target.display(),
                path.display()
            )),
        )
        .with_help(crate::untranslated!(
            "wait for it to finish, then build again"
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(io_error(path, "lock", e)),
    }
}

/// Removes a staging folder a killed build left behind — but only one ipportal wrote.
fn clear_stale(staging: &Path) -> Result<(), Diagnostic> {
    if std::fs::symlink_metadata(staging).is_err() {
        return Ok(());
    }
    let ours = staging.join(MARKER).is_file()
        || std::fs::read_dir(staging).is_ok_and(|mut entries| entries.next().is_none());
    if !ours {
        return Err(unsafe_output(
            staging,
            "ipportal stages its builds under this name, but this folder is not one it wrote",
        )
        .with_help(crate::untranslated!("move it away, then build again")));
    }
    std::fs::remove_dir_all(staging).map_err(|e| io_error(staging, "remove", e))
}

/// Whether `folder` is a mount point (a Docker bind mount, a mounted disk), which cannot be
/// renamed: on another device than its parent, or listed as a mount point by the kernel.
fn is_mount_point(folder: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let device = |path: &Path| std::fs::metadata(path).map(|m| m.dev()).ok();
        if let Some(parent) = folder.parent()
            && device(folder) != device(parent)
        {
            return true;
        }
    }
    // Bind mounts of the same file system share the device; the kernel's table names them.
    mount_points().iter().any(|mount| mount == folder)
}

/// Every mount point the kernel lists (`/proc/self/mountinfo`); none where there is no such table.
fn mount_points() -> Vec<PathBuf> {
    let table = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    table
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .map(|mount| PathBuf::from(unescape_mount_path(mount)))
        .collect()
}

/// A file system mounted inside the output would be emptied with it: never, even with `--force`.
fn refuse_mounts_inside(folder: &Path, target: &Path) -> Result<(), Diagnostic> {
    let mut inside: Vec<String> = mount_points()
        .into_iter()
        .filter(|mount| mount != folder && mount.starts_with(folder))
        .map(|mount| mount.display().to_string())
        .collect();
    if inside.is_empty() {
        return Ok(());
    }
    inside.sort();
    let what = format!("a file system is mounted inside it ({})", listing(inside));
    Err(unsafe_output(target, &what).with_help(crate::untranslated!(
        "a build replaces its output folder whole and would delete what is mounted there; \
         unmount it, or pick another folder with --output (--force does not change this)"
    )))
}

/// Mount paths in `/proc/self/mountinfo` write space, tab, newline and `\` as octal escapes.
fn unescape_mount_path(path: &str) -> String {
    path.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

/// `path` made absolute with every symbolic link and `..` resolved, like `realpath`, except that
/// the path (or its end) need not exist yet.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    resolve_within(path, 40)
}

fn resolve_within(path: &Path, links_left: u32) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                match std::fs::read_link(&next) {
                    Ok(link) if links_left == 0 => {
                        return Err(io::Error::other(format!(
                            "too many levels of symbolic links at {}",
                            link.display()
                        )));
                    }
                    Ok(link) => resolved = resolve_within(&resolved.join(link), links_left - 1)?,
                    Err(_) => resolved = next,
                }
            }
        }
    }
    Ok(resolved)
}

fn unsafe_output(target: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::OutputUnsafe,
        crate::untranslated!(format!(
            "refusing to write the site into {}: {why}",
            target.display()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)] // symbolic links need no privilege to create here
    #[test]
    fn resolving_follows_links_and_parents_and_allows_missing_ends() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("real")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(resolve(&base.join("link")).unwrap(), base.join("real"));
        assert_eq!(
            resolve(&base.join("link/../real/new/x")).unwrap(),
            base.join("real/new/x")
        );
        std::os::unix::fs::symlink(base.join("loop"), base.join("loop")).unwrap();
        assert!(resolve(&base.join("loop")).is_err());
    }

    #[test]
    fn files_put_into_the_output_during_a_build_stop_the_swap() {
        let dir = tempfile::tempdir().unwrap();
        let (root, public) = (dir.path().join("site"), dir.path().join("site/public"));
        std::fs::create_dir_all(&public).unwrap();
        let claim = Claim::take(&public, &root, false).unwrap();
        std::fs::write(public.join("notes.md"), "written meanwhile").unwrap();
        assert_eq!(claim.recheck().unwrap_err().code, Code::OutputUnsafe);
    }

    #[test]
    fn listings_name_five_then_count() {
        let names = (1..=7).map(|i| format!("f{i}")).collect();
        assert_eq!(listing(names), "f1, f2, f3, f4, f5 and 2 more");
    }

    #[test]
    fn mount_paths_are_unescaped() {
        assert_eq!(unescape_mount_path("/a\\040b"), "/a b");
    }

    #[test]
    fn the_root_file_system_is_a_mount_point() {
        assert!(is_mount_point(Path::new("/")));
    }
}
