//! The located reader of one front matter: reads values of each kind, and reports each problem
//! on the line the YAML parser saw the field (or list item, or nested key) on, keeping the first
//! [`MAX_ERRORS_PER_FILE`] errors and counting the rest.

use std::cell::OnceCell;

use chrono::{DateTime, NaiveDate};

use super::{Date, FieldError};
use crate::base::diagnostics::{Code, MAX_ERRORS_PER_FILE, more_errors};
use crate::base::locate::{Locations, Step};
use crate::base::messages::Text;
use crate::base::yaml::{FRONT_MATTER, locate};
use crate::msg;

pub(super) struct Reader<'a> {
    yaml: &'a str,
    /// Where each key and item is written: found on first use, since most front matter needs
    /// none (no error, no taxonomy term).
    locations: OnceCell<Locations>,
    /// The first [`MAX_ERRORS_PER_FILE`] errors.
    errors: Vec<FieldError>,
    /// How many more were found, and the line of the first of them.
    more: usize,
    first_left_out: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `yaml`, front matter that starts on line 2 of its file.
    pub(super) fn new(yaml: &'a str) -> Self {
        Reader {
            yaml,
            locations: OnceCell::new(),
            errors: Vec::new(),
            more: 0,
            first_left_out: 1,
        }
    }

    /// The file line of `path` (the front matter starts on line 2), else of its nearest written
    /// ancestor, else 1.
    pub(super) fn line(&self, path: &[Step]) -> usize {
        self.locations()
            .nearest(path)
            .map_or(1, |position| position.line + 1)
    }

    fn locations(&self) -> &Locations {
        self.locations
            .get_or_init(|| locate(self.yaml, FRONT_MATTER))
    }

    /// The file line of the top-level field `key`, else 1.
    pub(super) fn line_of(&self, key: &str) -> usize {
        self.line(&[Step::Key(key)])
    }

    /// The file lines of the items of the list `key`, by index (the key's line for an item not
    /// located).
    pub(super) fn item_lines(&self, key: &str) -> impl Fn(usize) -> usize + use<> {
        let items = self.locations().items(&[Step::Key(key)]);
        let key_line = self.line_of(key);
        move |index| items.get(index).map_or(key_line, |p| p.line + 1)
    }

    /// True once [`MAX_ERRORS_PER_FILE`] errors are kept: further ones are only counted.
    pub(super) fn full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS_PER_FILE
    }

    /// True when an error found now is only counted, so its line need not be found.
    pub(super) fn only_counting(&self) -> bool {
        self.full() && self.more > 0
    }

    /// An error about the top-level field `key`, on its line.
    pub(super) fn error(&mut self, code: Code, key: &str, message: Text, help: Option<Text>) {
        let line = if self.only_counting() {
            1
        } else {
            self.line_of(key)
        };
        self.error_at_line(code, line, message, help);
    }

    /// An error on file line `line`.
    pub(super) fn error_at_line(
        &mut self,
        code: Code,
        line: usize,
        message: Text,
        help: Option<Text>,
    ) {
        if self.full() {
            if self.more == 0 {
                self.first_left_out = line;
            }
            self.more += 1;
            return;
        }
        let mut e = FieldError::new(code, line, message);
        e.help = help;
        self.errors.push(e);
    }

    /// The errors, the ones only counted summed up in a last one.
    pub(super) fn finish(mut self) -> Vec<FieldError> {
        if self.more > 0 {
            let summary = more_errors(self.more);
            let code = Code::FrontMatterInvalidValue;
            self.errors
                .push(FieldError::new(code, self.first_left_out, summary));
        }
        self.errors
    }

    pub(super) fn wrong_type(&mut self, key: &str, expected: Text, value: &serde_yaml::Value) {
        let found = describe(value);
        let message = msg!("front_matter.wrong_type", key, expected => expected, found => found);
        self.error(Code::FrontMatterInvalidValue, key, message, None);
    }

    pub(super) fn string(&mut self, key: &str, value: &serde_yaml::Value) -> Option<String> {
        match value {
            serde_yaml::Value::String(s) => Some(s.clone()),
            // Numbers in a text field (`title: 2025`) are almost always meant as text.
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            _ => {
                self.wrong_type(key, msg!("front_matter.expected_text"), value);
                None
            }
        }
    }

    pub(super) fn bool(&mut self, key: &str, value: &serde_yaml::Value) -> bool {
        value.as_bool().unwrap_or_else(|| {
            self.wrong_type(key, msg!("front_matter.expected_bool"), value);
            false
        })
    }

    pub(super) fn date(&mut self, key: &str, value: &serde_yaml::Value) -> Option<Date> {
        let text = self.string(key, value)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.error(
                Code::FrontMatterInvalidValue,
                key,
                msg!("front_matter.invalid_date", text, key),
                None,
            );
        }
        date
    }

    /// The text items of the list `key`, each with its index in the list.
    pub(super) fn strings(&mut self, key: &str, value: &serde_yaml::Value) -> Vec<(usize, String)> {
        match value {
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| Some((index, self.string(key, item)?)))
                .collect(),
            serde_yaml::Value::Null => Vec::new(),
            _ => {
                self.wrong_type(key, msg!("front_matter.expected_list"), value);
                Vec::new()
            }
        }
    }
}

fn parse_date(text: &str) -> Option<Date> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(Date { day, time: None });
    }
    let time = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z"))
        .ok()?;
    Some(Date {
        day: time.date_naive(),
        time: Some(time),
    })
}

fn describe(value: &serde_yaml::Value) -> Text {
    match value {
        serde_yaml::Value::Null => msg!("front_matter.found_nothing"),
        serde_yaml::Value::Bool(b) => Text::value(format!("`{b}`")),
        serde_yaml::Value::Number(n) => msg!("front_matter.found_number", n),
        serde_yaml::Value::String(s) => msg!("front_matter.found_text", s),
        serde_yaml::Value::Sequence(_) => msg!("front_matter.found_list"),
        serde_yaml::Value::Mapping(_) => msg!("front_matter.found_map"),
        serde_yaml::Value::Tagged(_) => msg!("front_matter.found_tagged"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert!(parse_date("2025-03-01").is_some());
        assert!(parse_date("2025-03-01T09:30:00+08:00").is_some());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("March 1").is_none());
    }

    #[test]
    fn lines_come_from_the_parser_not_from_searching_the_text() {
        let yaml = "# title: in a comment\nsummary: \"title: inside a value\"\ntitle: x\nextra:\n  title: nested\n";
        let reader = Reader::new(yaml);
        assert_eq!(reader.line_of("title"), 4);
        assert_eq!(reader.line(&["extra".into(), "title".into()]), 6);
        assert_eq!(reader.line(&["extra".into(), "nothing".into()]), 5);
        assert_eq!(reader.line_of("missing"), 1);
    }
}
