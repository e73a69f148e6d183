//! Where the families go: for each jurisdiction, the records whose simple family has a member
//! there (a record counts under each of its family's jurisdictions), as horizontal bars.

use super::hbars::{Ranking, ranking_figure};
use super::parts::{num, title, unit};
use crate::base::i18n::Strings;
use crate::ip::brief::BriefData;

/// Jurisdictions drawn as bars; the table lists every one.
const TOP_JURISDICTIONS: usize = 15;

/// The family jurisdictions chart, when the export gives the simple family.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    let all = &data.jurisdictions;
    if all.is_empty() {
        return None;
    }
    let unit = unit(data, strings);
    let heading = title(data, strings, "chart_jurisdictions_title");
    let abroad = all.iter().filter(|(code, _)| code != &all[0].0).count();
    let desc = strings.fill(
        "chart_jurisdictions_desc",
        &[
            ("count", &all.len().to_string()),
            ("unit", unit),
            ("unit_lowercase", &unit.to_lowercase()),
            ("first", &all[0].0),
            ("value", &num(all[0].1, strings)),
            ("others", &abroad.to_string()),
        ],
    );
    Some(ranking_figure(
        &Ranking {
            kind: "jurisdictions",
            heading: &heading,
            desc: &desc,
            axis: strings.get("chart_jurisdictions_axis"),
            head: [strings.get("chart_jurisdiction"), unit],
            drawn: &all[..all.len().min(TOP_JURISDICTIONS)],
            listed: all,
        },
        strings,
    ))
}
