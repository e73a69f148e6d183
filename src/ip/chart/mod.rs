//! [`BriefData`] → accessible SVG charts, drawn at build time with no JavaScript: filings by
//! year (bars, grants as a line, unpublished years shaded), the technology life cycle (a
//! connected scatter), top applicants and inventors, family jurisdictions and the shares of IPC
//! subclasses and legal statuses (horizontal bars), the technology–effect matrix (bubbles). Each chart is a `<figure>` with a title, an
//! SVG (`role="img"`, `<title>`, `<desc>`, axis labels), a text description and the data table,
//! all in the page's language: every word comes from the theme's strings (`chart_*` keys).
//!
//! One file per chart kind; `parts.rs` holds what they share (scales, the SVG frame, legends,
//! the figure and its table, numbers in the reader's language) and `hbars.rs` the horizontal
//! bar chart five kinds draw.

mod applicants;
mod applicants_by_year;
mod by_year;
mod hbars;
mod inventors;
mod ipc;
mod jurisdictions;
mod legal_status;
mod life_cycle;
mod matrix;
mod note;
mod parts;

use std::collections::BTreeMap;

use super::brief::BriefData;
use crate::base::i18n::Strings;
pub use parts::number;

/// The charts a brief can have, in the order templates show them.
pub const KINDS: [&str; 9] = [
    "by_year",
    "life_cycle",
    "applicants",
    "applicants_by_year",
    "inventors",
    "jurisdictions",
    "ipc",
    "matrix",
    "legal_status",
];

/// The strings the charts use: every theme must have them in each language.
pub const STRING_KEYS: &[&str] = &[
    "number_thousands_separator",
    "chart_zero_note",
    "chart_unit_families",
    "chart_unit_applications",
    "chart_unit_publications",
    "chart_illustrative",
    "chart_caption",
    "chart_share",
    "chart_by_year_title",
    "chart_by_year_desc",
    "chart_by_year_desc_grants",
    "chart_by_year_incomplete",
    "chart_by_year_caption",
    "chart_year_application",
    "chart_year_priority",
    "chart_year_publication",
    "chart_year",
    "chart_granted",
    "chart_inventions",
    "chart_utility_models",
    "chart_legend_filed",
    "chart_legend_unpublished",
    "chart_applicants_title",
    "chart_applicants_desc",
    "chart_applicant",
    "chart_applicants_ties",
    "chart_applicants_by_year_title",
    "chart_applicants_by_year_desc",
    "chart_ipc_title",
    "chart_ipc_desc",
    "chart_ipc_desc_every",
    "chart_ipc_desc_first",
    "chart_ipc_axis",
    "chart_ipc_axis_first",
    "chart_ipc_rest",
    "chart_ipc_caption",
    "chart_ipc_code",
    "chart_ipc_count",
    "chart_ipc_other",
    "chart_legal_title",
    "chart_legal_desc",
    "chart_legal_status",
    "legal_status_active",
    "legal_status_pending",
    "legal_status_lapsed",
    "legal_status_expired",
    "legal_status_withdrawn",
    "legal_status_rejected",
    "legal_status_invalidated",
    "legal_status_unknown",
    "chart_data_note",
    "chart_lacking_dates",
    "chart_lacking_applicants",
    "chart_lacking_ipc",
    "chart_lacking_legal_status",
    "chart_lacking_cited_by",
    "chart_lacking_inventors",
    "chart_lacking_jurisdictions",
    "chart_life_cycle_title",
    "chart_life_cycle_desc",
    "chart_life_cycle_applicants",
    "chart_inventors_title",
    "chart_inventors_desc",
    "chart_inventors_ties",
    "chart_inventor",
    "chart_jurisdictions_title",
    "chart_jurisdictions_desc",
    "chart_jurisdictions_axis",
    "chart_jurisdiction",
    "chart_matrix_title",
    "chart_matrix_desc",
    "chart_matrix_densest",
    "chart_matrix_unassigned",
    "chart_matrix_corner",
    "chart_matrix_no_branch",
    "chart_matrix_no_effect",
];

/// Every chart the data allows, as HTML by kind (and `data_note`, the method note, when an
/// export lacks a column), in the language of `strings`.
pub fn render_all(data: &BriefData, strings: &Strings) -> BTreeMap<String, String> {
    let mut charts = BTreeMap::new();
    let mut add = |kind: &str, html: Option<String>| {
        if let Some(html) = html {
            charts.insert(kind.to_string(), html);
        }
    };
    add("by_year", by_year::chart(data, strings));
    add("life_cycle", life_cycle::chart(data, strings));
    add("applicants", applicants::chart(data, strings));
    add(
        "applicants_by_year",
        applicants_by_year::chart(data, strings),
    );
    add("inventors", inventors::chart(data, strings));
    add("jurisdictions", jurisdictions::chart(data, strings));
    add("ipc", ipc::chart(data, strings));
    add("matrix", matrix::chart(data, strings));
    add("legal_status", legal_status::chart(data, strings));
    // Not a chart: the method note, which the brief template shows after the charts.
    add("data_note", note::data_note(data, strings));
    charts
}
