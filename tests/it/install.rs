//! Installing ipportal without compiling it: `ipportal --version`, `install.sh` and the install
//! steps of the CI templates `ipportal new` writes, each run against a mirror on 127.0.0.1 that
//! serves a release made here (an archive of the binary under test and its SHA256SUMS), laid out
//! as the release workflow publishes it: `<base>/<version>/ipportal-<target>.tar.gz`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The release the scripts and templates install by default: this crate's version.
const VERSION: &str = concat!("v", env!("CARGO_PKG_VERSION"));

/// What the release workflow builds for the CI runners (Linux x86_64).
const CI_TARGET: &str = "x86_64-unknown-linux-musl";

/// A static file server on 127.0.0.1 over a temporary folder, which records the paths asked for.
struct Mirror {
    dir: tempfile::TempDir,
    server: Arc<tiny_http::Server>,
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Mirror {
    fn start() -> Mirror {
        let dir = tempfile::tempdir().unwrap();
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a free port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (root, serving, asked) = (dir.path().to_path_buf(), server.clone(), requests.clone());
        std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let path = request.url().to_string();
                asked.lock().unwrap().push(path.clone());
                let file = root.join(path.trim_start_matches('/'));
                let _ = match std::fs::read(&file) {
                    Ok(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
                    Err(_) => request.respond(tiny_http::Response::empty(404)),
                };
            }
        });
        let base = format!("http://127.0.0.1:{port}/mirror/ipportal");
        Mirror {
            dir,
            server,
            base,
            requests,
        }
    }

    /// Publishes the binary under test as `VERSION`'s release for `target`, with SHA256SUMS.
    fn publish(&self, target: &str) -> PathBuf {
        let release = self.dir.path().join("mirror/ipportal").join(VERSION);
        let packed = release.join(format!("ipportal-{target}"));
        std::fs::create_dir_all(&packed).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_ipportal"), packed.join("ipportal")).unwrap();
        std::fs::write(packed.join("LICENSE"), "MIT").unwrap();
        let archive = format!("ipportal-{target}.tar.gz");
        let folder = format!("ipportal-{target}");
        run_ok(
            Command::new("tar")
                .args(["-czf", &archive, &folder])
                .current_dir(&release),
        );
        std::fs::remove_dir_all(&packed).unwrap();
        let sums = run_ok(
            Command::new("sh")
                .args(["-c", "sha256sum ipportal-*"])
                .current_dir(&release),
        );
        std::fs::write(release.join("SHA256SUMS"), sums.stdout).unwrap();
        release
    }

    /// Replaces the checksum of every archive in the release by a wrong one.
    fn corrupt_checksums(&self, release: &Path) {
        let sums = std::fs::read_to_string(release.join("SHA256SUMS")).unwrap();
        let wrong: String = sums
            .lines()
            .map(|line| format!("{}{}\n", "0".repeat(64), &line[64..]))
            .collect();
        std::fs::write(release.join("SHA256SUMS"), wrong).unwrap();
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn run_ok(command: &mut Command) -> Output {
    let out = command.output().expect("the command runs");
    assert!(out.status.success(), "{command:?}: {}", text(&out.stderr));
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repository_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The release target `install.sh` picks on this machine.
fn this_machine_target() -> String {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "macos" => format!("{arch}-apple-darwin"),
        _ => format!("{arch}-unknown-linux-musl"),
    }
}

fn version_line() -> String {
    let out = run_ok(Command::new(env!("CARGO_BIN_EXE_ipportal")).arg("--version"));
    text(&out.stdout).trim_end().to_string()
}

#[test]
fn version_names_the_commit_and_the_target() {
    let line = version_line();
    let rest = line
        .strip_prefix(concat!("ipportal ", env!("CARGO_PKG_VERSION"), " (commit "))
        .unwrap_or_else(|| panic!("{line}"));
    let (commit, target) = rest
        .strip_suffix(')')
        .and_then(|rest| rest.split_once(", "))
        .unwrap_or_else(|| panic!("{line}"));
    assert!(
        commit == "unknown" || (commit.len() == 9 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{line}"
    );
    assert!(target.starts_with(std::env::consts::ARCH), "{line}");
    assert!(target.contains(std::env::consts::OS), "{line}");
    let git = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|out| out.status.success());
    if let Some(git) = git {
        assert_eq!(commit, text(&git.stdout).trim(), "{line}");
    }
}

/// Runs `install.sh` with a mirror and a user folder of its own; returns the run and that folder.
fn run_install_sh(mirror: &Mirror, home: &Path) -> Output {
    Command::new("sh")
        .arg(repository_file("install.sh"))
        .env("HOME", home)
        .env("IPPORTAL_BASE_URL", &mirror.base)
        .env_remove("IPPORTAL_VERSION")
        .env_remove("IPPORTAL_INSTALL_DIR")
        .output()
        .expect("sh runs")
}

#[test]
fn install_sh_installs_this_machines_archive_from_the_mirror() {
    let mirror = Mirror::start();
    let target = this_machine_target();
    mirror.publish(&target);
    let home = tempfile::tempdir().unwrap();
    let out = run_install_sh(&mirror, home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let installed = home.path().join(".local/bin/ipportal");
    let version = run_ok(Command::new(&installed).arg("--version"));
    assert_eq!(text(&version.stdout).trim_end(), version_line());
    assert!(
        text(&out.stdout).contains("Installed ipportal"),
        "{}",
        text(&out.stdout)
    );
    let release = format!("/mirror/ipportal/{VERSION}");
    assert_eq!(
        mirror.requests(),
        [
            format!("{release}/ipportal-{target}.tar.gz"),
            format!("{release}/SHA256SUMS")
        ]
    );
}

#[test]
fn install_sh_refuses_a_wrong_checksum_and_keeps_the_installed_program() {
    let mirror = Mirror::start();
    let release = mirror.publish(&this_machine_target());
    mirror.corrupt_checksums(&release);
    let home = tempfile::tempdir().unwrap();
    let installed = home.path().join(".local/bin/ipportal");
    std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
    std::fs::write(&installed, "the previous ipportal").unwrap();
    let out = run_install_sh(&mirror, home.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("checksum mismatch"), "{stderr}");
    assert!(stderr.contains("nothing was installed"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&installed).unwrap(),
        "the previous ipportal"
    );
}

#[test]
fn install_sh_refuses_an_archive_its_checksums_do_not_list() {
    let mirror = Mirror::start();
    let release = mirror.publish(&this_machine_target());
    std::fs::write(release.join("SHA256SUMS"), "").unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = run_install_sh(&mirror, home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("does not list"),
        "{}",
        text(&out.stderr)
    );
    assert!(!home.path().join(".local/bin/ipportal").exists());
}

#[test]
fn install_sh_names_a_missing_release() {
    let mirror = Mirror::start();
    let home = tempfile::tempdir().unwrap();
    let out = run_install_sh(&mirror, home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot download"),
        "{}",
        text(&out.stderr)
    );
}

/// The scripts, the templates and the release agree on the default version and download place.
#[test]
fn every_installer_defaults_to_this_version_and_the_projects_releases() {
    let releases = "https://git.example.edu.cn/ipis/ipportal/releases/download";
    let portal = new_portal();
    let files = [
        repository_file("install.sh"),
        repository_file("install.ps1"),
        portal.path().join(".github/workflows/portal.yml"),
        portal.path().join(".gitlab-ci.yml"),
        portal.path().join("publish.sh"),
    ];
    for file in files {
        let script = std::fs::read_to_string(&file).unwrap();
        for expected in [VERSION, releases] {
            assert!(
                script.contains(expected),
                "{} lacks {expected}",
                file.display()
            );
        }
    }
}

/// A portal written by `ipportal new`, with its CI templates.
fn new_portal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    run_ok(Command::new(env!("CARGO_BIN_EXE_ipportal")).args(["new", root]));
    dir
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The script of the GitHub workflow's "Install ipportal" step.
fn github_install_step(portal: &Path) -> String {
    let workflow = yaml(&portal.join(".github/workflows/portal.yml"));
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = steps
        .iter()
        .find(|step| step["name"].as_str() == Some("Install ipportal"))
        .expect("an Install ipportal step");
    step["run"].as_str().unwrap().to_string()
}

/// Runs the GitHub template's install step as the runner does (`bash -e -o pipefail`); returns
/// the run, its wall time and the folder the program lands in.
fn run_github_install_step(mirror: &Mirror) -> (Output, Duration, PathBuf, tempfile::TempDir) {
    let portal = new_portal();
    let script = github_install_step(portal.path());
    let runner = tempfile::tempdir().unwrap();
    let temp = runner.path().join("temp");
    std::fs::create_dir(&temp).unwrap();
    let start = Instant::now();
    let out = Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            &script,
        ])
        .current_dir(portal.path())
        .env("HOME", runner.path())
        .env("RUNNER_TEMP", &temp)
        .env("IPPORTAL_VERSION", VERSION)
        .env("IPPORTAL_BASE_URL", &mirror.base)
        .output()
        .expect("bash runs");
    let took = start.elapsed();
    (out, took, runner.path().join(".ipportal/bin"), runner)
}

#[test]
fn the_github_template_downloads_the_release_and_checks_it() {
    let mirror = Mirror::start();
    mirror.publish(CI_TARGET);
    let (out, took, bin, _runner) = run_github_install_step(&mirror);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let version = run_ok(Command::new(bin.join("ipportal")).arg("--version"));
    assert_eq!(text(&version.stdout).trim_end(), version_line());
    // CONTRIBUTING.md quotes this figure: what a CI run spends installing ipportal.
    eprintln!(
        "the GitHub template's install step took {} ms",
        took.as_millis()
    );
}

#[test]
fn the_github_template_refuses_a_wrong_checksum() {
    let mirror = Mirror::start();
    let release = mirror.publish(CI_TARGET);
    mirror.corrupt_checksums(&release);
    let (out, _, bin, _runner) = run_github_install_step(&mirror);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("did NOT match"),
        "{}",
        text(&out.stderr)
    );
    assert!(!bin.join("ipportal").exists());
}

/// Runs the GitLab template's `before_script` with `sh -e` in the portal, as a runner does.
fn run_gitlab_before_script(mirror: &Mirror, portal: &Path) -> Output {
    let pipeline = yaml(&portal.join(".gitlab-ci.yml"));
    let lines: Vec<&str> = pipeline["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    Command::new("sh")
        .args(["-e", "-c", &lines.join("\n")])
        .current_dir(portal)
        .env("CI_PROJECT_DIR", portal)
        .env("IPPORTAL_VERSION", VERSION)
        .env("IPPORTAL_BASE_URL", &mirror.base)
        .output()
        .expect("sh runs")
}

#[test]
fn the_gitlab_template_downloads_once_into_its_cache() {
    let mirror = Mirror::start();
    let release = mirror.publish(CI_TARGET);
    let portal = new_portal();
    let out = run_gitlab_before_script(&mirror, portal.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&version_line()),
        "{}",
        text(&out.stdout)
    );
    assert!(portal.path().join(".ipportal/bin/ipportal").is_file());
    assert!(!portal.path().join(".ipportal/download").exists());
    let downloads = mirror.requests().len();
    assert_eq!(downloads, 2);
    // With the cached program (GitLab restores `.ipportal/bin/`), nothing is downloaded, even
    // where the checksums would no longer match.
    mirror.corrupt_checksums(&release);
    let again = run_gitlab_before_script(&mirror, portal.path());
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(mirror.requests().len(), downloads);
}

#[test]
fn the_gitlab_template_refuses_a_wrong_checksum() {
    let mirror = Mirror::start();
    let release = mirror.publish(CI_TARGET);
    mirror.corrupt_checksums(&release);
    let portal = new_portal();
    let out = run_gitlab_before_script(&mirror, portal.path());
    assert!(!out.status.success());
    assert!(!portal.path().join(".ipportal/bin/ipportal").exists());
}

/// `publish.sh` downloads the release for this machine, builds the new portal and hands `public/`
/// to rsync — here a stand-in on the PATH that copies it, as there may be no rsync.
#[test]
fn publish_sh_downloads_the_release_builds_and_deploys() {
    let mirror = Mirror::start();
    let release = mirror.publish(&this_machine_target());
    let portal = new_portal();
    let tools = tempfile::tempdir().unwrap();
    let rsync = tools.path().join("rsync");
    // Called as `rsync -az --delete public/ TARGET`.
    std::fs::write(
        &rsync,
        "#!/bin/sh\nmkdir -p \"$4\" && cp -R \"$3\". \"$4\"\n",
    )
    .unwrap();
    run_ok(Command::new("chmod").args(["755", rsync.to_str().unwrap()]));
    let deployed = tools.path().join("www");
    let path = format!(
        "{}:{}",
        tools.path().display(),
        std::env::var("PATH").unwrap()
    );
    let publish = || {
        Command::new("sh")
            .arg("./publish.sh")
            .current_dir(portal.path())
            .env("PATH", &path)
            .env("DEPLOY_TARGET", &deployed)
            .env("IPPORTAL_BASE_URL", &mirror.base)
            .env_remove("IPPORTAL")
            .env_remove("IPPORTAL_VERSION")
            .output()
            .expect("sh runs")
    };
    let out = publish();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(deployed.join("index.html").is_file());
    assert!(deployed.join("en/index.html").is_file());
    assert_eq!(mirror.requests().len(), 2);
    mirror.corrupt_checksums(&release);
    let again = publish();
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(
        mirror.requests().len(),
        2,
        "the downloaded program is reused"
    );
}

#[test]
fn publish_sh_refuses_a_wrong_checksum() {
    let mirror = Mirror::start();
    let release = mirror.publish(&this_machine_target());
    mirror.corrupt_checksums(&release);
    let portal = new_portal();
    let out = Command::new("sh")
        .arg("./publish.sh")
        .current_dir(portal.path())
        .env("DEPLOY_TARGET", portal.path().join("www"))
        .env("IPPORTAL_BASE_URL", &mirror.base)
        .env_remove("IPPORTAL")
        .env_remove("IPPORTAL_VERSION")
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("does not match SHA256SUMS"),
        "{}",
        text(&out.stderr)
    );
    assert!(!portal.path().join("public").exists());
}
