//! `/admin/` of a portal with `[cms]`: the page that starts Decap CMS, its configuration
//! generated from the portal's model, and the pinned Decap CMS. A portal's own
//! `static/admin/index.html` or `static/admin/config.yml` replaces the generated one.

use super::Writer;
use super::claims::Claim;
use crate::base::diagnostics::Diagnostic;
use crate::cms::{self, admin};

impl Writer<'_> {
    pub(super) fn cms_admin(&self) -> Result<(), Diagnostic> {
        if self.config.cms.is_none() {
            return Ok(());
        }
        let folder = admin::FOLDER;
        let index = format!("{folder}/index.html");
        if !self.assets.files.contains_key(&index) {
            let lang = &self.config.default_language;
            let title = self.config.language(lang).map_or("", |l| l.title.as_str());
            let stylesheet = self
                .urls
                .url(&format!("/{}", self.assets.output_path("css/site.css")));
            let html = admin::index_html(lang, &format!("CMS · {title}"), &stylesheet);
            self.write(&index, html.as_bytes(), Claim::generated("the CMS page"))?;
        }
        let config = format!("{folder}/config.yml");
        if !self.assets.files.contains_key(&config) {
            let yml = cms::config_yml(self.root, self.config);
            let by = Claim::generated("the CMS configuration");
            self.write(&config, yml.as_bytes(), by)?;
        }
        for (path, bytes) in admin::decap_files() {
            let by = Claim::generated("the pinned Decap CMS");
            self.write(&format!("{folder}/decap-cms/{path}"), bytes, by)?;
        }
        Ok(())
    }
}
