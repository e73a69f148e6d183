//! `[cms]` in `site.toml`: the git-based CMS (Decap CMS, which Sveltia CMS also reads) that the
//! build adds at `/admin/`, and where it saves. Without `[cms]` there is no `/admin/`.

use serde::Deserialize;

/// Where the CMS saves: the Git host (or the local proxy) its editors log in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// Netlify Identity and Git Gateway.
    GitGateway,
    /// GitHub, through an OAuth server (`base_url`).
    Github,
    /// GitLab (gitlab.com or a university's own), with an OAuth application (`app_id`).
    Gitlab,
    /// Gitea or Forgejo, with an OAuth application (`app_id`).
    Gitea,
    /// `npx decap-server` in the portal's folder: editing on one's own computer, saved to disk.
    Proxy,
}

impl Backend {
    /// The name Decap CMS gives the backend in `config.yml`.
    pub fn decap_name(self) -> &'static str {
        match self {
            Backend::GitGateway => "git-gateway",
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::Gitea => "gitea",
            Backend::Proxy => "proxy",
        }
    }

    /// Whether the backend is a Git host that needs `repo`.
    fn needs_repo(self) -> bool {
        matches!(self, Backend::Github | Backend::Gitlab | Backend::Gitea)
    }
}

/// `[cms]` in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmsSettings {
    /// Where the CMS saves (required).
    pub backend: Backend,
    /// `owner/name` of the portal's repository on GitHub, GitLab or Gitea (required there).
    pub repo: Option<String>,
    /// The branch the CMS commits to (default `main`).
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Where uploaded images go, from the portal's root (default `static/uploads`); a page
    /// bundle's (a brief's) images go in its own folder instead.
    #[serde(default = "default_media_folder")]
    pub media_folder: String,
    /// The OAuth server's address (GitHub: the authentication service the portal uses; Gitea:
    /// the Gitea server). Decap's default when not given.
    pub base_url: Option<String>,
    /// The path of the OAuth endpoint on `base_url` (Decap's default `auth`).
    pub auth_endpoint: Option<String>,
    /// The API of a self-hosted GitLab or Gitea (`https://git.example.edu.cn/api/v4`).
    pub api_root: Option<String>,
    /// The OAuth application's id (GitLab with PKCE, Gitea).
    pub app_id: Option<String>,
    /// The local proxy's address (`proxy` only; default `http://localhost:8081/api/v1`).
    pub proxy_url: Option<String>,
}

fn default_branch() -> String {
    "main".into()
}

fn default_media_folder() -> String {
    "static/uploads".into()
}

impl CmsSettings {
    /// Says what is wrong, if anything: the setting to report it on, and the message.
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        let backend = self.backend.decap_name();
        match &self.repo {
            None if self.backend.needs_repo() => {
                return Err((
                    "backend",
                    format!(
                        "[cms] backend = \"{backend}\" needs `repo`, the repository as owner/name (e.g. repo = \"library/ipis-portal\")"
                    ),
                ));
            }
            Some(repo) if !is_repo(repo) => {
                return Err((
                    "repo",
                    format!(
                        "[cms] repo `{repo}` is not owner/name: expected e.g. \"library/ipis-portal\""
                    ),
                ));
            }
            _ => {}
        }
        if self.backend == Backend::Gitea && self.app_id.is_none() {
            return Err((
                "backend",
                "[cms] backend = \"gitea\" needs `app_id`, the id of the OAuth application created on the Gitea server".into(),
            ));
        }
        let unused = [
            (
                "proxy_url",
                self.proxy_url.is_some() && self.backend != Backend::Proxy,
            ),
            (
                "app_id",
                self.app_id.is_some() && !matches!(self.backend, Backend::Gitlab | Backend::Gitea),
            ),
        ];
        if let Some((name, _)) = unused.iter().find(|(_, unused)| *unused) {
            return Err((
                name,
                format!("[cms] `{name}` is not used with backend = \"{backend}\""),
            ));
        }
        self.check_urls()?;
        self.check_folders()
    }

    fn check_urls(&self) -> Result<(), (&'static str, String)> {
        let urls = [
            ("base_url", &self.base_url),
            ("api_root", &self.api_root),
            ("proxy_url", &self.proxy_url),
        ];
        for (name, url) in urls {
            if let Some(url) = url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err((
                    name,
                    format!("[cms] {name} `{url}` must start with https:// or http://"),
                ));
            }
        }
        Ok(())
    }

    fn check_folders(&self) -> Result<(), (&'static str, String)> {
        let folder = &self.media_folder;
        let inside = !folder.is_empty()
            && !folder.starts_with('/')
            && !folder.contains('\\')
            && folder
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if !inside || !folder.starts_with("static/") {
            return Err((
                "media_folder",
                format!(
                    "[cms] media_folder `{folder}` must be a folder under static/ (e.g. \"static/uploads\"), so the build publishes the images"
                ),
            ));
        }
        if self.branch.trim().is_empty() || self.branch.contains(char::is_whitespace) {
            return Err((
                "branch",
                format!("[cms] branch `{}` is not a branch name", self.branch),
            ));
        }
        Ok(())
    }

    /// The URL path images in `media_folder` are published at, below the portal's base path:
    /// `static/uploads` → `uploads`.
    pub fn public_folder(&self) -> &str {
        self.media_folder
            .strip_prefix("static/")
            .unwrap_or(&self.media_folder)
    }
}

/// `owner/name`, or `group/subgroup/name` on GitLab.
fn is_repo(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}
