//! Output safety: a build replaces only a folder it wrote (or an empty one), never the portal or
//! its sources, follows a symlinked output, never leaves the output missing, and two builds never
//! write into one output at once.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Site;
use ipportal::base::diagnostics::Code;

/// Every file under `dir` with its bytes, sorted: to show a folder was left exactly as it was.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// Builds `site` into `output` with the library; returns the single error's code on failure.
fn build_into(site: &Site, output: &Path, force: bool) -> Result<(), Vec<ipportal::Diagnostic>> {
    let options = ipportal::BuildOptions {
        output: Some(output.to_path_buf()),
        force,
        ..site.options()
    };
    ipportal::build(&options).map(|_| ())
}

fn refused(site: &Site, output: &Path, force: bool) -> ipportal::Diagnostic {
    let errors = build_into(site, output, force).expect_err(&format!(
        "a build into {} must be refused",
        output.display()
    ));
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    errors.into_iter().next().unwrap()
}

/// Runs `ipportal build --root <root> <args>` from `cwd`; returns exit code and stderr.
fn cli_build(site: &Site, cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .current_dir(cwd)
        .args(["build", "--root", site.root.to_str().unwrap()])
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn output_into_content_is_refused_and_content_kept_even_with_force() {
    let site = Site::fixture("bilingual");
    let before = snapshot(&site.root);
    for force in [&[][..], &["--force"][..]] {
        let args = [&["--output", "content"][..], force].concat();
        let (code, stderr) = cli_build(&site, &site.root, &args);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("output/unsafe"), "{stderr}");
        assert!(
            stderr.contains("the portal's source folder `content/`"),
            "{stderr}"
        );
        assert!(!stderr.contains("Built "), "{stderr}");
    }
    assert_eq!(snapshot(&site.root), before, "the portal is untouched");
}

#[test]
fn the_portal_and_the_folders_holding_it_are_refused_even_with_force() {
    let site = Site::fixture("bilingual");
    let before = snapshot(&site.root);
    let parent = site.root.parent().unwrap();
    for output in [
        site.root.clone(),
        site.root.join("."),
        site.root.join("content/.."),
        parent.to_path_buf(),
        PathBuf::from("/"),
    ] {
        let error = refused(&site, &output, true);
        assert_eq!(error.code, Code::OutputUnsafe, "{}", error.render());
        assert!(
            error.message.contains("portal"),
            "{}: {}",
            output.display(),
            error.message
        );
    }
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn source_folders_and_folders_inside_them_are_refused_even_with_force() {
    let site = Site::fixture("bilingual");
    site.write("templates/.keep", "").write("i18n/.keep", "");
    std::fs::create_dir(site.root.join(".git")).unwrap();
    std::os::unix::fs::symlink(site.root.join("content"), site.root.join("linked")).unwrap();
    let before = snapshot(&site.root);
    for (output, source) in [
        ("content", "content"),
        ("content/public", "content"),
        ("static", "static"),
        ("static/site", "static"),
        ("templates", "templates"),
        ("themes/mini", "themes"),
        ("i18n", "i18n"),
        ("data", "data"),
        ("data/exports", "data"),
        (".git", ".git"),
        ("public/../content/guides", "content"),
        ("linked", "content"),
        ("linked/new", "content"),
    ] {
        let error = refused(&site, &site.root.join(output), true);
        assert_eq!(error.code, Code::OutputUnsafe, "{output}");
        assert!(
            error
                .message
                .contains(&format!("source folder `{source}/`")),
            "{output}: {}",
            error.message
        );
        assert!(error.help.as_deref().unwrap().contains("--force"));
    }
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn a_folder_ipportal_did_not_write_is_refused_then_replaced_with_force() {
    let site = Site::fixture("bilingual");
    let documents = site.root.parent().unwrap().join("Documents");
    std::fs::create_dir_all(documents.join("photos")).unwrap();
    std::fs::write(documents.join("notes.md"), "my only copy").unwrap();
    let before = snapshot(&documents);

    let (code, stderr) = cli_build(
        &site,
        &site.root,
        &["--output", documents.to_str().unwrap()],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("output/unsafe"), "{stderr}");
    assert!(stderr.contains("notes.md, photos/"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
    assert_eq!(snapshot(&documents), before, "nothing was touched");
    let leftovers: Vec<_> = std::fs::read_dir(documents.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("Documents.ipportal-new"))
        .collect();
    assert!(leftovers.is_empty(), "no staging left: {leftovers:?}");

    build_into(&site, &documents, true).unwrap();
    assert!(!documents.join("notes.md").exists(), "--force replaced it");
    assert!(documents.join("index.html").exists());
    assert!(documents.join(".ipportal-output").exists());
}

#[test]
fn an_empty_folder_and_a_folder_an_earlier_build_wrote_are_replaced() {
    let site = Site::fixture("bilingual");
    let public = site.root.join("public");
    std::fs::create_dir(&public).unwrap();
    site.build_ok();
    assert!(site.exists(".ipportal-output"));
    assert!(site.read(".ipportal-output").contains("ipportal build"));
    std::fs::write(public.join("stale.html"), "from an old build").unwrap();
    site.build_ok();
    assert!(site.exists("index.html"));
    assert!(!site.exists("stale.html"), "the whole folder is replaced");
    let beside: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert_eq!(
        beside,
        [".public.ipportal-lock"],
        "only the lock file stays"
    );
}

#[test]
fn an_existing_file_is_an_error_and_stays_where_and_as_it_was() {
    let site = Site::fixture("bilingual");
    site.write("notes.md", "my notes");
    let before = snapshot(&site.root);
    for force in [false, true] {
        let error = refused(&site, &site.root.join("notes.md"), force);
        assert_eq!(error.code, Code::OutputUnsafe);
        assert!(error.message.contains("it is a file"), "{}", error.message);
    }
    let (code, stderr) = cli_build(&site, &site.root, &["--output", "notes.md"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("it is a file, not a folder"), "{stderr}");
    assert_eq!(snapshot(&site.root), before, "no file moved or added");
    let names: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "no hidden files: {names:?}");
}

#[test]
fn a_symlinked_output_folder_is_followed_not_replaced() {
    let site = Site::fixture("bilingual");
    let www = site.root.parent().unwrap().join("www");
    std::fs::create_dir(&www).unwrap();
    let public = site.root.join("public");
    std::os::unix::fs::symlink(&www, &public).unwrap();
    for _ in 0..2 {
        site.build_ok();
        let link = std::fs::symlink_metadata(&public).unwrap();
        assert!(link.file_type().is_symlink(), "public is still a link");
        assert!(www.join("index.html").exists());
        assert!(www.join(".ipportal-output").exists());
    }
}

#[test]
fn a_staging_folder_left_by_a_killed_build_is_cleared_but_only_if_ours() {
    let site = Site::fixture("bilingual");
    let staging = site.root.join(".public.ipportal-new");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join(".ipportal-output"), "").unwrap();
    std::fs::write(staging.join("half-written.html"), "").unwrap();
    site.build_ok();
    assert!(!staging.exists(), "the killed build's staging is gone");
    assert!(!site.exists("half-written.html"));

    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("mine.txt"), "not ipportal's").unwrap();
    let error = site.build_errors().remove(0);
    assert_eq!(error.code, Code::OutputUnsafe);
    assert!(
        staging.join("mine.txt").exists(),
        "a foreign folder is kept"
    );
}

#[test]
fn a_second_build_into_a_locked_output_fails_clearly() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let before = snapshot(&site.root.join("public"));
    let lock = std::fs::File::open(site.root.join(".public.ipportal-lock")).unwrap();
    lock.lock().unwrap();
    let error = site.build_errors().remove(0);
    assert_eq!(error.code, Code::OutputLocked, "{}", error.render());
    assert!(error.message.contains("another build"), "{}", error.message);
    assert_eq!(snapshot(&site.root.join("public")), before);
    drop(lock);
    site.build_ok();
}

#[test]
fn a_failed_build_leaves_the_output_and_no_staging() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let before = snapshot(&site.root.join("public"));
    site.write("site.toml", "not = [valid");
    assert!(!site.build_errors().is_empty());
    assert_eq!(snapshot(&site.root.join("public")), before);
    assert!(!site.root.join(".public.ipportal-new").exists());
}

#[test]
fn the_output_folder_is_never_missing_while_a_build_replaces_it() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let index = site.root.join("public/index.html");
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let mut looks = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                assert!(
                    index.exists(),
                    "public/index.html vanished after {looks} looks"
                );
                looks += 1;
            }
        });
        for _ in 0..5 {
            site.build_ok();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        watcher.join().unwrap();
    });
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("bilingual");
    let before = snapshot(&site.root);
    let (code, _, stderr) = site.check(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(snapshot(&site.root), before);
    assert!(!site.root.join("public").exists());
}

/// A mount point made for a test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    /// Bind-mounts `source` on `target`, if this process may mount (root on Linux).
    fn bind(source: &Path, target: &Path) -> Option<Mount> {
        let status = Command::new("mount")
            .arg("--bind")
            .args([source, target])
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Mount(target.to_path_buf()))
    }
}

/// The fixture's `public/` made a bind mount of a folder `disk` beside the portal; `None`, said
/// on stderr, where this process may not mount.
fn mounted_output(site: &Site) -> Option<(PathBuf, Mount)> {
    let (disk, public) = (
        site.root.parent().unwrap().join("disk"),
        site.root.join("public"),
    );
    std::fs::create_dir(&disk).unwrap();
    std::fs::create_dir(&public).unwrap();
    let Some(mount) = Mount::bind(&disk, &public) else {
        eprintln!("skipped: cannot bind-mount here (needs root on Linux)");
        return None;
    };
    Some((disk, mount))
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_mount_point_output_is_updated_in_place() {
    let site = Site::fixture("bilingual");
    let Some((disk, _mount)) = mounted_output(&site) else {
        return;
    };
    site.build_ok();
    std::fs::write(site.root.join("public/stale.html"), "").unwrap();
    site.build_ok();
    assert!(
        disk.join("index.html").exists(),
        "written through the mount"
    );
    assert!(disk.join(".ipportal-output").exists());
    assert!(!disk.join("stale.html").exists(), "entries replaced");
    assert!(!disk.join(".ipportal-new").exists(), "no staging left");
}

#[test]
fn a_file_system_mounted_inside_the_output_is_never_emptied_even_with_force() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let (disk, shared) = (
        site.root.parent().unwrap().join("shared-disk"),
        site.root.join("public/shared"),
    );
    std::fs::create_dir(&disk).unwrap();
    std::fs::write(disk.join("thesis.docx"), "an editor's only copy").unwrap();
    std::fs::create_dir(&shared).unwrap();
    let Some(_mount) = Mount::bind(&disk, &shared) else {
        eprintln!("skipped: cannot bind-mount here (needs root on Linux)");
        return;
    };
    for force in [false, true] {
        let error = refused(&site, &site.root.join("public"), force);
        assert_eq!(error.code, Code::OutputUnsafe);
        assert!(
            error.message.contains("a file system is mounted inside it")
                && error.message.contains("public/shared"),
            "{}",
            error.message
        );
    }
    assert_eq!(
        std::fs::read_to_string(disk.join("thesis.docx")).unwrap(),
        "an editor's only copy"
    );
    assert!(
        site.root.join("public/index.html").exists(),
        "the previous output stays"
    );
}

#[test]
fn a_folder_holding_a_linked_source_folder_is_refused_even_with_force() {
    let site = Site::fixture("bilingual");
    let elsewhere = site.root.parent().unwrap().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::rename(site.root.join("content"), elsewhere.join("notes")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("notes"), site.root.join("content")).unwrap();
    let before = snapshot(&elsewhere);
    let error = refused(&site, &elsewhere, true);
    assert!(
        error
            .message
            .contains("contains the portal's source folder `content/`"),
        "{}",
        error.message
    );
    assert_eq!(snapshot(&elsewhere), before);
}

#[test]
fn the_portal_by_another_path_is_refused_even_with_force() {
    let site = Site::fixture("bilingual");
    let other_path = site.root.parent().unwrap().join("same-portal");
    std::fs::create_dir(&other_path).unwrap();
    let Some(_mount) = Mount::bind(&site.root, &other_path) else {
        eprintln!("skipped: cannot bind-mount here (needs root on Linux)");
        return;
    };
    let before = snapshot(&site.root);
    for output in [other_path.clone(), other_path.join("content")] {
        let error = refused(&site, &output, true);
        assert_eq!(error.code, Code::OutputUnsafe, "{}", error.render());
    }
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn a_failed_first_build_into_a_mount_point_does_not_block_the_next() {
    let site = Site::fixture("bilingual");
    let Some((disk, _mount)) = mounted_output(&site) else {
        return;
    };
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", "not = [valid");
    assert!(!site.build_errors().is_empty());
    site.write("site.toml", config);
    site.build_ok();
    assert!(disk.join("index.html").exists());
}

#[test]
fn a_static_file_cannot_take_the_builds_own_names() {
    let site = Site::fixture("bilingual");
    site.write("static/.ipportal-lock", "");
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("`.ipportal-lock`")),
        "{}",
        common::render(&errors)
    );
}
