//! The typed values of a service's front matter, read from text: a turnaround (`5-10 working
//! days`), a fee (`free`, `2000 元`), a standard's title from the built-in list. Pure functions;
//! the caller locates the errors.

use serde::Serialize;

/// How long a service takes: `min` to `max` of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Turnaround {
    /// The shortest span (equal to `max` for a single figure).
    pub min: u32,
    /// The longest span.
    pub max: u32,
    /// The unit.
    pub unit: Unit,
}

/// The unit of a [`Turnaround`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Hours.
    Hours,
    /// Working days (Monday to Friday).
    WorkingDays,
    /// Calendar days.
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
}

/// The words each unit is written with, longest first within a language so that `工作日` is not
/// read as `日`.
const UNITS: &[(&str, Unit)] = &[
    ("working days", Unit::WorkingDays),
    ("working day", Unit::WorkingDays),
    ("business days", Unit::WorkingDays),
    ("个工作日", Unit::WorkingDays),
    ("工作日", Unit::WorkingDays),
    ("hours", Unit::Hours),
    ("hour", Unit::Hours),
    ("个小时", Unit::Hours),
    ("小时", Unit::Hours),
    ("days", Unit::Days),
    ("day", Unit::Days),
    ("自然日", Unit::Days),
    ("天", Unit::Days),
    ("日", Unit::Days),
    ("weeks", Unit::Weeks),
    ("week", Unit::Weeks),
    ("个星期", Unit::Weeks),
    ("星期", Unit::Weeks),
    ("周", Unit::Weeks),
    ("months", Unit::Months),
    ("month", Unit::Months),
    ("个月", Unit::Months),
    ("月", Unit::Months),
];

impl Unit {
    /// The unit's key in the theme's strings (`turnaround_working_days`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Hours => "hours",
            Unit::WorkingDays => "working_days",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
        }
    }

    /// About how many working days one unit is, to sort and compare turnarounds.
    fn working_days(self) -> f64 {
        match self {
            Unit::Hours => 1.0 / 8.0,
            Unit::WorkingDays => 1.0,
            Unit::Days => 5.0 / 7.0,
            Unit::Weeks => 5.0,
            Unit::Months => 21.0,
        }
    }
}

impl Turnaround {
    /// The longest span in working days, rounded up: what the catalogue sorts by.
    pub fn sort_days(&self) -> u32 {
        (f64::from(self.max) * self.unit.working_days()).ceil() as u32
    }
}

/// Reads `5-10 working days`, `5–10 个工作日`, `3 周`, `1 month`; `None` for anything else.
pub fn parse_turnaround(text: &str) -> Option<Turnaround> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !(c.is_ascii_digit() || " -–—~～至到".contains(c)))
        .unwrap_or(text.len());
    let (span, unit) = text.split_at(digits_end);
    let unit = UNITS
        .iter()
        .find(|(word, _)| unit.trim().eq_ignore_ascii_case(word))?
        .1;
    let mut figures = span
        .split(|c: char| "-–—~～至到".contains(c))
        .map(|part| part.trim().parse::<u32>());
    let min = figures.next()?.ok()?;
    let max = match figures.next() {
        Some(figure) => figure.ok()?,
        None => min,
    };
    let fits = figures.next().is_none() && min > 0 && min <= max && max <= 1000;
    fits.then_some(Turnaround { min, max, unit })
}

/// What a service costs one audience.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fee {
    /// No charge.
    Free,
    /// The centre's costs only (database fees, printing).
    AtCost,
    /// Agreed case by case.
    ByAgreement,
    /// A sum of money.
    Amount {
        /// The figure, as written (`2000`, `1500.5`).
        amount: String,
        /// ISO 4217 code; `CNY` unless written otherwise.
        currency: String,
        /// What the sum is for (`项`, `report`), when written after a `/`.
        per: Option<String>,
    },
}

/// The words each kind of fee is written with.
const FEE_WORDS: &[(&str, Fee)] = &[
    ("free", Fee::Free),
    ("免费", Fee::Free),
    ("at_cost", Fee::AtCost),
    ("at cost", Fee::AtCost),
    ("成本价", Fee::AtCost),
    ("按成本收费", Fee::AtCost),
    ("by_agreement", Fee::ByAgreement),
    ("by agreement", Fee::ByAgreement),
    ("面议", Fee::ByAgreement),
    ("协商", Fee::ByAgreement),
];

/// Reads `free`, `at cost`, `by agreement` (or 免费, 成本价, 面议), or an amount: `2000`,
/// `2000 元`, `¥2000/项`, `CNY 1500`, `USD 300 / report`; `None` for anything else.
pub fn parse_fee(text: &str) -> Option<Fee> {
    let text = text.trim();
    if let Some((_, fee)) = FEE_WORDS
        .iter()
        .find(|(word, _)| text.eq_ignore_ascii_case(word))
    {
        return Some(fee.clone());
    }
    let (sum, per) = match text.split_once('/') {
        Some((sum, per)) if !per.trim().is_empty() => (sum.trim(), Some(per.trim().to_string())),
        Some(_) => return None,
        None => (text, None),
    };
    let mut currency = "CNY".to_string();
    let mut figure = sum;
    // The signs and words of the yuan, before or after the figure.
    for mark in ["¥", "￥", "元", "yuan"] {
        figure = figure
            .trim_start_matches(mark)
            .trim_end_matches(mark)
            .trim();
    }
    let words: Vec<&str> = figure.split_whitespace().collect();
    let figure = match words.as_slice() {
        [one] => *one,
        [code, figure] | [figure, code] if is_currency(code) => {
            currency = code.to_ascii_uppercase();
            *figure
        }
        _ => return None,
    };
    let plain = figure.replace(',', "");
    let is_amount = plain.parse::<f64>().is_ok_and(|n| n > 0.0 && n.is_finite())
        && plain.chars().all(|c| c.is_ascii_digit() || c == '.');
    is_amount.then_some(Fee::Amount {
        amount: plain,
        currency,
        per,
    })
}

fn is_currency(word: &str) -> bool {
    word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// The national standards on IP information services a service may name, with their titles.
/// A standard not listed here is shown with the title the editor gives (or none).
pub const STANDARDS: &[(&str, &str, &str)] = &[
    (
        "GB/T 39551.1",
        "专利导航指南 第1部分：总则",
        "Guidelines for patent navigation — Part 1: General",
    ),
    (
        "GB/T 39551.7",
        "专利导航指南 第7部分：专利导航服务要求",
        "Guidelines for patent navigation — Part 7: Requirements for patent navigation services",
    ),
    (
        "GB/T 39551",
        "专利导航指南",
        "Guidelines for patent navigation",
    ),
    (
        "GB/T 37286",
        "知识产权分析评议服务 服务规范",
        "Intellectual property analysis and evaluation services — Service specification",
    ),
    (
        "GB/T 42748",
        "专利评估指引",
        "Guidelines for patent valuation",
    ),
    (
        "GB/T 33251",
        "高等学校知识产权管理规范",
        "Specification for intellectual property management in higher education institutions",
    ),
];

/// The built-in titles (Chinese, English) of the standard `code`: `GB/T 39551.7-2020`,
/// `gb/t39551.7` and `GB/T 39551.7` are the same standard.
pub fn standard_titles(code: &str) -> Option<(&'static str, &'static str)> {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase()
    };
    let written = squeeze(code);
    // The year of the edition (`-2020`) does not change which standard it is.
    let written = match written.rsplit_once(['-', '—']) {
        Some((number, year)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            number.to_string()
        }
        _ => written,
    };
    STANDARDS
        .iter()
        .find(|(known, _, _)| squeeze(known) == written)
        .map(|(_, zh, en)| (*zh, *en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turnarounds_are_read_in_both_languages() {
        let t = parse_turnaround("5-10 working days").unwrap();
        assert_eq!((t.min, t.max, t.unit), (5, 10, Unit::WorkingDays));
        let t = parse_turnaround("5–10 个工作日").unwrap();
        assert_eq!((t.min, t.max, t.unit), (5, 10, Unit::WorkingDays));
        let t = parse_turnaround("3 周").unwrap();
        assert_eq!(
            (t.min, t.max, t.unit, t.sort_days()),
            (3, 3, Unit::Weeks, 15)
        );
        assert_eq!(parse_turnaround("1至2个月").unwrap().sort_days(), 42);
        assert_eq!(parse_turnaround("2 Days").unwrap().unit, Unit::Days);
        assert_eq!(parse_turnaround("48 小时").unwrap().sort_days(), 6);
        for bad in [
            "",
            "soon",
            "5-10",
            "10-5 days",
            "0 days",
            "5 fortnights",
            "1-2-3 weeks",
            "-3 days",
            "五个工作日",
        ] {
            assert_eq!(parse_turnaround(bad), None, "{bad}");
        }
    }

    #[test]
    fn fees_are_words_or_amounts() {
        assert_eq!(parse_fee("免费"), Some(Fee::Free));
        assert_eq!(parse_fee("At cost"), Some(Fee::AtCost));
        assert_eq!(parse_fee("面议"), Some(Fee::ByAgreement));
        let amount = |a: &str, c: &str, per: Option<&str>| Fee::Amount {
            amount: a.into(),
            currency: c.into(),
            per: per.map(str::to_string),
        };
        assert_eq!(parse_fee("2000"), Some(amount("2000", "CNY", None)));
        assert_eq!(
            parse_fee("2,000 元/项"),
            Some(amount("2000", "CNY", Some("项")))
        );
        assert_eq!(parse_fee("¥800"), Some(amount("800", "CNY", None)));
        assert_eq!(
            parse_fee("USD 300 / report"),
            Some(amount("300", "USD", Some("report")))
        );
        for bad in ["cheap", "", "0", "-5", "2000 dollars", "12/", "1e9", "NaN"] {
            assert_eq!(parse_fee(bad), None, "{bad}");
        }
    }

    #[test]
    fn standards_are_known_by_number_whatever_the_edition() {
        assert_eq!(
            standard_titles("GB/T 39551.7-2020").unwrap().0,
            "专利导航指南 第7部分：专利导航服务要求"
        );
        assert_eq!(
            standard_titles("gb/t37286").unwrap().0,
            "知识产权分析评议服务 服务规范"
        );
        assert_eq!(standard_titles("GB/T 39551").unwrap().0, "专利导航指南");
        assert_eq!(standard_titles("ISO 9001"), None);
    }
}
