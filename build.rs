//! Build-time facts for the binary:
//! - the default theme is compiled in (see `src/templates/mod.rs`): rebuild when it changes;
//! - `ipportal --version` names the git commit and the target it was built from and for.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_string());
    println!("cargo:rustc-env=IPPORTAL_TARGET={target}");
    println!("cargo:rustc-env=IPPORTAL_COMMIT={}", commit());
    for path in git_files_naming_the_commit() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The short hash of the commit being built, or `unknown` without git or outside a repository
/// (a crate downloaded from crates.io, a source tarball).
fn commit() -> String {
    git(&["rev-parse", "--short=9", "HEAD"]).unwrap_or_else(|| "unknown".to_string())
}

/// The files whose change means another commit is checked out: `HEAD`, the branch it points to,
/// and `packed-refs`. Watching only these keeps incremental builds incremental; without git, none.
fn git_files_naming_the_commit() -> Vec<PathBuf> {
    let mut names = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    names
        .iter()
        .filter_map(|name| git(&["rev-parse", "--git-path", name]))
        .map(PathBuf::from)
        .filter(|path| path.exists())
        .collect()
}

/// What `git args…` prints, trimmed, if it succeeds.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}
