//! Helpers shared by the integration tests: a portal copied into a temporary folder, edited file
//! by file, built, and its output read back.
#![allow(dead_code)] // not every helper is used in every configuration

use std::path::{Path, PathBuf};

use ipportal::{BuildOptions, BuildReport, Diagnostic};

/// A portal in a temporary folder.
pub struct Site {
    _dir: tempfile::TempDir,
    /// The portal root.
    pub root: PathBuf,
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        Site::copy_of(&source)
    }

    /// A copy of the portal in `source` (content, config, themes; not its output).
    pub fn copy_of(source: &Path) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_portal(source, &root);
        Site { _dir: dir, root }
    }

    /// Writes (or replaces) a file of the portal.
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Replaces a file of the portal with `change` of its text.
    pub fn edit(&self, relative: &str, change: impl FnOnce(String) -> String) -> &Self {
        let text = std::fs::read_to_string(self.root.join(relative)).unwrap();
        self.write(relative, change(text))
    }

    /// Runs `ipportal check --root <portal> <args>` in English (`LC_ALL=C`, whatever the
    /// tester's locale); returns the exit code, stdout and stderr.
    pub fn check(&self, args: &[&str]) -> (Option<i32>, String, String) {
        self.check_in_locale(&[("LC_ALL", "C")], args)
    }

    /// [`Site::check`] with only the locale variables `locale` set (`LANG`, `LC_ALL`, …).
    pub fn check_in_locale(
        &self,
        locale: &[(&str, &str)],
        args: &[&str],
    ) -> (Option<i32>, String, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ipportal"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .envs(locale.iter().copied())
            .args(["check", "--root", self.root.to_str().unwrap()])
            .args(args)
            .output()
            .expect("the binary runs");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    }

    /// Deletes a file of the portal.
    pub fn remove(&self, relative: &str) -> &Self {
        std::fs::remove_file(self.root.join(relative)).unwrap();
        self
    }

    /// Options to build into `<root>/public`.
    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(&self.root)
    }

    /// Builds with default options.
    pub fn build(&self) -> Result<BuildReport, Vec<Diagnostic>> {
        ipportal::build(&self.options())
    }

    /// Builds and panics with the rendered diagnostics if the build fails.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(diagnostics) => panic!("build failed:\n{}", render(&diagnostics)),
        }
    }

    /// Builds, expecting failure; returns the errors.
    pub fn build_errors(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(_) => panic!("build succeeded but errors were expected"),
            Err(diagnostics) => diagnostics.into_iter().filter(|d| d.is_error()).collect(),
        }
    }

    /// A file of the output.
    pub fn read(&self, relative: &str) -> String {
        let path = self.root.join("public").join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Whether the output has that file.
    pub fn exists(&self, relative: &str) -> bool {
        self.root.join("public").join(relative).exists()
    }

    /// The output path of a stylesheet or script, which carries a content hash:
    /// `css/site.css` → `css/site.3f2a9c1d.css`, if the output has one.
    pub fn fingerprinted(&self, relative: &str) -> Option<String> {
        let (stem, extension) = relative.rsplit_once('.')?;
        let folder = self
            .root
            .join("public")
            .join(relative)
            .parent()?
            .to_path_buf();
        let prefix = format!("{}.", stem.rsplit('/').next()?);
        let dir = relative.rsplit_once('/').map_or("", |(d, _)| d);
        std::fs::read_dir(folder).ok()?.find_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            let hash = name
                .strip_prefix(&prefix)?
                .strip_suffix(&format!(".{extension}"))?;
            let is_hash = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit());
            is_hash.then(|| {
                if dir.is_empty() {
                    name.clone()
                } else {
                    format!("{dir}/{name}")
                }
            })
        })
    }
}

/// Copies a portal's sources (content, config, themes; not its output or build folders, nor
/// the Node packages of `tests/a11y`).
pub fn copy_portal(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "node_modules");
    for entry in walk {
        let entry = entry.expect("readable portal");
        let relative = entry.path().strip_prefix(from).unwrap();
        let first = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_owned());
        if matches!(
            first.as_ref().and_then(|f| f.to_str()),
            Some("public" | "target" | ".git")
        ) {
            continue;
        }
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All diagnostics rendered, for failure messages.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic whose message contains `needle`.
pub fn find<'a>(diagnostics: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no diagnostic contains {needle:?}:\n{}",
                render(diagnostics)
            )
        })
}

/// A minimal valid page with the given extra front matter lines and body.
pub fn page(front_matter: &str, body: &str) -> String {
    format!("---\ntitle: Test page\n{front_matter}---\n\n{body}\n")
}

/// The number of files of the site under `dir` and their total size in bytes (the marker
/// `.ipportal-output` is the build's bookkeeping, not a file of the site).
pub fn folder_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("readable output"))
        .filter(|entry| {
            entry.file_type().is_file() && entry.file_name() != ipportal::output::guard::MARKER
        })
        .fold((0, 0), |(files, bytes), entry| {
            (files + 1, bytes + entry.metadata().unwrap().len())
        })
}

/// The law texts of `tests/fixtures/laws-zh` (not its README), sorted by file name.
pub fn law_files() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/laws-zh");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("the law texts {} are missing: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .filter(|path| !path.ends_with("README.md"))
        .collect();
    files.sort();
    files
}
