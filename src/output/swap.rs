//! Putting a finished build in the place of the previous output, so that the output folder is
//! never missing: on Linux the two folders trade places in one step (`renameat2` with
//! `RENAME_EXCHANGE`); elsewhere, or on a file system without it, by two renames.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io;
use std::path::Path;

use super::guard::{Claim, Layout};

/// Replaces the claimed output folder by the staging folder, then removes the previous output
/// (which the claim found to be ipportal's, empty, or given up with `--force`).
pub fn replace(claim: &Claim) -> io::Result<()> {
    match &claim.layout {
        Layout::Beside { old } => replace_folder(&claim.staging, &claim.folder, old),
        Layout::InPlace => replace_entries(&claim.staging, &claim.folder),
    }
}

fn replace_folder(staging: &Path, folder: &Path, old: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(folder).is_err() {
        return std::fs::rename(staging, folder);
    }
    match exchange(staging, folder) {
        // The staging folder's name now holds the previous output.
        Ok(()) => std::fs::remove_dir_all(staging),
        Err(e) if exchange_unsupported(&e) => {
            swap_by_renames(staging, folder, old)?;
            std::fs::remove_dir_all(old)
        }
        Err(e) => Err(e),
    }
}

/// The fallback where paths cannot trade places in one step (macOS, Windows, some file systems):
/// `to` moves aside to `aside`, then `from` takes its name. If the second rename fails, `to` is
/// put back rather than left missing.
fn swap_by_renames(from: &Path, to: &Path, aside: &Path) -> io::Result<()> {
    std::fs::rename(to, aside)?;
    if let Err(e) = std::fs::rename(from, to) {
        std::fs::rename(aside, to)?;
        return Err(e);
    }
    Ok(())
}

/// Moves every entry of `staging` (which lies inside `folder`) into `folder`, trading places with
/// the entry of the same name, then moves the previous entries the new tree has no more into
/// `staging`, and removes it. The folder itself, a mount point, stays where it is.
pub(super) fn replace_entries(staging: &Path, folder: &Path) -> io::Result<()> {
    let new_names = names(staging)?;
    for name in &new_names {
        let (from, to) = (staging.join(name), folder.join(name));
        if std::fs::symlink_metadata(&to).is_err() {
            std::fs::rename(&from, &to)?;
            continue;
        }
        match exchange(&from, &to) {
            Ok(()) => {}
            Err(e) if exchange_unsupported(&e) => {
                let previous = staging.join(".ipportal-previous");
                swap_by_renames(&from, &to, &previous)?;
                std::fs::rename(&previous, &from)?;
            }
            Err(e) => return Err(e),
        }
    }
    let staging_name = staging.file_name().unwrap_or_default();
    for name in names(folder)? {
        let ours = name == staging_name || name == super::guard::INNER_LOCK;
        if !ours && !new_names.contains(&name) {
            std::fs::rename(folder.join(&name), staging.join(&name))?;
        }
    }
    std::fs::remove_dir_all(staging)
}

fn names(folder: &Path) -> io::Result<HashSet<OsString>> {
    std::fs::read_dir(folder)?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect()
}

/// Swaps the two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the system or file system cannot swap two paths in one step.
fn exchange_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || error.kind() == io::ErrorKind::InvalidInput // EINVAL: the file system lacks the flag
        || error.raw_os_error() == Some(38) // ENOSYS: a kernel before 3.15
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(folder: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = folder.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn entries_are_replaced_inside_a_folder_that_stays() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("mounted");
        let staging = folder.join(".ipportal-new");
        tree(
            &folder,
            &[
                ("index.html", "old"),
                ("gone/a.html", "old"),
                (".ipportal-lock", ""),
            ],
        );
        tree(&staging, &[("index.html", "new"), ("guides/x.html", "new")]);
        replace_entries(&staging, &folder).unwrap();
        assert_eq!(read(&folder.join("index.html")), "new");
        assert_eq!(read(&folder.join("guides/x.html")), "new");
        assert!(!folder.join("gone").exists());
        assert!(!staging.exists());
        assert!(folder.join(".ipportal-lock").exists(), "the lock stays");
    }

    #[test]
    fn folders_trade_places_and_the_old_one_goes() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, folder) = (dir.path().join(".p.new"), dir.path().join("p"));
        tree(&folder, &[("index.html", "old"), ("gone.html", "old")]);
        tree(&staging, &[("index.html", "new")]);
        replace_folder(&staging, &folder, &dir.path().join(".p.old")).unwrap();
        assert_eq!(read(&folder.join("index.html")), "new");
        assert!(!folder.join("gone.html").exists());
        assert!(!staging.exists());
    }

    #[test]
    fn the_two_rename_fallback_swaps_and_puts_back_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let (new, folder, aside) = (
            dir.path().join("new"),
            dir.path().join("p"),
            dir.path().join("aside"),
        );
        tree(&folder, &[("index.html", "old")]);
        tree(&new, &[("index.html", "new")]);
        swap_by_renames(&new, &folder, &aside).unwrap();
        assert_eq!(read(&folder.join("index.html")), "new");
        assert_eq!(read(&aside.join("index.html")), "old");

        // The second rename fails (its source is gone): the previous output is put back.
        std::fs::remove_dir_all(&aside).unwrap();
        let missing = dir.path().join("missing");
        assert!(swap_by_renames(&missing, &folder, &aside).is_err());
        assert_eq!(read(&folder.join("index.html")), "new");
        assert!(!aside.exists());
    }

    #[test]
    fn only_a_missing_exchange_falls_back_to_renames() {
        for (error, falls_back) in [
            (io::Error::from(io::ErrorKind::Unsupported), true),
            (io::Error::from_raw_os_error(22), true), // EINVAL: the file system lacks the flag
            (io::Error::from_raw_os_error(38), true), // ENOSYS: an old kernel
            (io::Error::from(io::ErrorKind::PermissionDenied), false),
            (io::Error::from(io::ErrorKind::NotFound), false),
        ] {
            assert_eq!(exchange_unsupported(&error), falls_back, "{error:?}");
        }
    }
}
