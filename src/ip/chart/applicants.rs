//! The top applicants chart: the applicants with the most filings as horizontal bars, and their
//! table.

use super::hbars::{Ranking, ranking_figure};
use super::parts::{add_zero_note, num, title, unit};
use crate::base::i18n::Strings;
use crate::ip::brief::BriefData;

/// Applicants shown, the largest first.
const TOP_APPLICANTS: usize = 10;

/// The top applicants chart, when the data names applicants.
pub(super) fn chart(data: &BriefData, strings: &Strings) -> Option<String> {
    if data.applicants.is_empty() {
        return None;
    }
    // Names are data in Chinese and English: another language shows the English one.
    let lang = strings.lang();
    let mut list: Vec<_> = data.applicants.iter().collect();
    list.sort_by_key(|a| std::cmp::Reverse(a.count));
    // Applicants left out with as many as the last one shown: named in the description.
    let tied = list
        .get(TOP_APPLICANTS.saturating_sub(1))
        .map_or(0, |last| {
            list[TOP_APPLICANTS..]
                .iter()
                .filter(|a| a.count == last.count && a.count > 0)
                .count()
        });
    list.truncate(TOP_APPLICANTS);
    let unit = unit(data, strings);
    let heading = title(data, strings, "chart_applicants_title");
    let mut desc = strings.fill(
        "chart_applicants_desc",
        &[
            ("count", &list.len().to_string()),
            ("unit", unit),
            ("unit_lowercase", &unit.to_lowercase()),
            ("name", list[0].name(lang)),
            ("value", &num(list[0].count, strings)),
        ],
    );
    if tied > 0 {
        let last = list[list.len() - 1].count;
        desc.push_str(&strings.fill(
            "chart_applicants_ties",
            &[
                ("more", &tied.to_string()),
                ("unit", unit),
                ("unit_lowercase", &unit.to_lowercase()),
                ("value", &num(last, strings)),
            ],
        ));
    }
    if list[0].count == 0 {
        add_zero_note(&mut desc, strings);
    }
    let named: Vec<(String, u64)> = list
        .iter()
        .map(|a| (a.name(lang).to_string(), a.count))
        .collect();
    Some(ranking_figure(
        &Ranking {
            kind: "applicants",
            heading: &heading,
            desc: &desc,
            axis: unit,
            head: [strings.get("chart_applicant"), unit],
            drawn: &named,
            listed: &named,
        },
        strings,
    ))
}
