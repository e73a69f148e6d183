//! Dates as patent databases export them: `2019-03-05`, `2019.03.05`, `2019/3/5`, `20190305`,
//! `2019年3月5日`, with or without a time after them, in full-width digits or not; Excel date
//! cells arrive already as dates (see `source.rs`).

use chrono::{Datelike, NaiveDate};

/// Text that is not a date in any of the spellings read, or a date outside [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

/// The years an export's dates may have: anything else is a typo or a placeholder (`1900-01-01`
/// is Excel's empty date), and would stretch the years chart over centuries.
pub const YEARS: std::ops::RangeInclusive<i32> = 1901..=2100;

/// The date written in `text`: `Ok(None)` for an empty cell, `Err(NotADate)` for text that is not one
/// of the spellings above or not a date of the calendar.
pub fn parse(text: &str) -> Result<Option<NaiveDate>, NotADate> {
    let folded: String = text.trim().chars().map(fold).collect();
    if folded.is_empty() {
        return Ok(None);
    }
    // A time after the date (`2019-03-05 00:00:00`, `2019-03-05T08:00`) is dropped.
    let day = folded.split([' ', 'T']).next().unwrap_or("");
    let day = day.strip_suffix('日').unwrap_or(day);
    let parts: Vec<&str> = day.split(['-', '.', '/', '年', '月']).collect();
    let date = match parts.as_slice() {
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            ymd_date(&ymd[..4], &ymd[4..6], &ymd[6..])
        }
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            ymd_date(y, m, d)
        }
        _ => None,
    };
    date.filter(in_range).map(Some).ok_or(NotADate)
}

/// A date from an Excel cell, kept only within [`YEARS`].
pub fn checked(date: NaiveDate) -> Result<Option<NaiveDate>, NotADate> {
    Some(date).filter(in_range).map(Some).ok_or(NotADate)
}

fn in_range(date: &NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

fn ymd_date(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Full-width digits and separators (`２０１９／３／５`) as ASCII.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// An Excel number in a date column: `20190305` written as a number, or a date serial.
pub fn excel_number(n: f64) -> Result<Option<NaiveDate>, NotADate> {
    if n.fract() != 0.0 {
        return Err(NotADate);
    }
    if (19_010_101.0..=21_001_231.0).contains(&n) {
        return parse(&(n as u64).to_string());
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(NotADate)?;
    let day = (1.0..=73_050.0)
        .contains(&n)
        .then(|| epoch.checked_add_days(chrono::Days::new(n as u64)))
        .flatten()
        .ok_or(NotADate)?;
    checked(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_spellings_exports_use() {
        for text in [
            "2019-03-05",
            "2019.03.05",
            "2019/3/5",
            "20190305",
            "2019年3月5日",
            " 2019-3-05 ",
            "2019-03-05 00:00:00",
            "2019-03-05T08:30",
            "２０１９／３／５",
        ] {
            assert_eq!(parse(text), Ok(day(2019, 3, 5)), "{text}");
        }
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("  "), Ok(None));
    }

    #[test]
    fn not_dates() {
        for text in [
            "2019-13-05",
            "2019-02-30",
            "201903",
            "2019",
            "19-03-05",
            "05/03/2019",
            "2019-03-05-01",
            "n/a",
            "1900-01-01",
            "2190-01-01",
            "２０１９",
            "2019-+3-05",
        ] {
            assert_eq!(parse(text), Err(NotADate), "{text}");
        }
    }

    #[test]
    fn excel_dates_are_range_checked() {
        assert_eq!(checked(day(2019, 3, 5).unwrap()), Ok(day(2019, 3, 5)));
        assert_eq!(checked(day(1899, 12, 31).unwrap()), Err(NotADate));
    }

    #[test]
    fn excel_numbers_in_date_columns() {
        let day = NaiveDate::from_ymd_opt(2019, 3, 5);
        assert_eq!(excel_number(20190305.0), Ok(day));
        assert_eq!(excel_number(43529.0), Ok(day));
        assert_eq!(excel_number(43529.5), Err(NotADate));
        assert_eq!(excel_number(-3.0), Err(NotADate));
    }
}
