//! The one door to the YAML library: every YAML document of a portal (front matter, brief data
//! files) is parsed by [`parse`], so the deprecated `serde_yaml` can be swapped for another parser
//! in one place, and the limits that keep a hostile document from taking the build down live here.
//!
//! The limits: a document may be at most [`Limits::max_bytes`] long, and may expand to at most as
//! many values as it has bytes (at least [`MIN_NODE_BUDGET`]). Without aliases no document can
//! exceed that (every value takes at least a byte), so the budget only stops alias bombs
//! (`b: &b [*a, *a, …]`, `c: [*b, *b, …]`), which would otherwise expand to billions of values.
//! Nesting deeper than 128 levels is refused by `serde_yaml` itself ("recursion limit exceeded").
//!
//! `serde_yaml` gives no positions for values, so [`locate`] reads the same text once more with
//! `saphyr-parser`'s event stream, whose events carry their line and column, into the
//! [`Locations`] every located error is taken from. It builds no values and expands no alias.

use std::cell::Cell;
use std::fmt;

use saphyr_parser::{Event, Parser};
use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use crate::base::locate::{Locations, MAX_DEPTH, Position, Step};

/// How large a YAML document may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest document accepted, in bytes.
    pub max_bytes: usize,
    /// What the document is, for messages ("front matter", "data file").
    pub what: &'static str,
}

/// Front matter: a few hundred lines at most in practice.
pub const FRONT_MATTER: Limits = Limits {
    max_bytes: 256 * 1024,
    what: "front matter",
};

/// A brief's data file: room for hundreds of thousands of rows.
pub const DATA_FILE: Limits = Limits {
    max_bytes: 64 * 1024 * 1024,
    what: "data file",
};

/// The fewest values any document may expand to, however short.
pub const MIN_NODE_BUDGET: usize = 100_000;

/// Why a document was not read: 1-based line and column in the document, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses `text` into `T` within `limits`; errors have the line and column of the offending
/// value.
pub fn parse<T: de::DeserializeOwned>(text: &str, limits: Limits) -> Result<T, Error> {
    if text.len() > limits.max_bytes {
        return Err(Error {
            line: 1,
            column: 1,
            message: format!(
                "the {} is {} KiB long: at most {} KiB is read",
                limits.what,
                text.len().div_ceil(1024),
                limits.max_bytes / 1024
            ),
        });
    }
    // Only an alias can make a document expand beyond its size: count the values first when
    // there may be one (every alias starts with `*`), so a bomb is stopped before it is built.
    if text.contains('*') {
        let budget = Cell::new(text.len().max(MIN_NODE_BUDGET));
        let counted =
            Count { budget: &budget }.deserialize(serde_yaml::Deserializer::from_str(text));
        match counted {
            // The library locates the value being expanded, deep inside the anchor: the
            // aliases are what the editor has to change.
            Err(_) if budget.get() == 0 => {
                return Err(Error {
                    line: first_alias_line(text).unwrap_or(1),
                    column: 1,
                    message: TOO_MANY_VALUES.into(),
                });
            }
            Err(e) => return Err(from_library(e)),
            Ok(()) => {}
        }
    }
    serde_yaml::from_str(text).map_err(from_library)
}

fn from_library(error: serde_yaml::Error) -> Error {
    let (line, column) = error
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    // serde_yaml repeats the location at the end of its message: keep only the reason.
    let message = error.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    Error {
        line,
        column,
        message,
    }
}

/// The line of the first `*name` that looks like an alias (after a space, `[`, `,` or `-`).
fn first_alias_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.match_indices('*').any(|(i, _)| {
                i == 0 || matches!(l.as_bytes()[i - 1], b' ' | b'[' | b',' | b'-' | b'{' | b':')
            })
        })
        .map(|i| i + 1)
}

const TOO_MANY_VALUES: &str = "the aliases (`*name`) expand to too many values: more values than the text has bytes (an \"alias bomb\"); repeat the values instead of aliasing them";

/// Where each key and list item of `text` is written, within `limits` (an empty answer for a
/// longer text). Only the first document is read; a syntax error or nesting deeper than
/// [`MAX_DEPTH`] ends the reading, keeping what was located before it.
pub fn locate(text: &str, limits: Limits) -> Locations {
    let mut locations = Locations::default();
    if text.len() > limits.max_bytes {
        return locations;
    }
    // The open maps and lists: for a map, whether its next node is a value (else a key); for a
    // list, the index of its next item.
    let mut open: Vec<Open> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let position = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        match event {
            Event::Scalar(..) | Event::Alias(_) => {
                let key = match &event {
                    Event::Scalar(value, ..) => value,
                    _ => "",
                };
                node_starts(&mut open, &mut locations, key, position);
                node_ends(&mut open);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if open.len() >= MAX_DEPTH {
                    break;
                }
                node_starts(&mut open, &mut locations, "", position);
                open.push(match event {
                    Event::SequenceStart(..) => Open::List { next: 0 },
                    _ => Open::Map { value_next: false },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
                node_ends(&mut open);
            }
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => {}
        }
    }
    locations
}

/// A map or list being read by [`locate`].
enum Open {
    Map { value_next: bool },
    List { next: usize },
}

/// Records a node that starts at `position` inside the innermost open map or list: a map's key
/// (`text` is the key; a key that is not a scalar is recorded as `""`) or a list's item. A
/// map's value is not recorded: its key stands for it.
fn node_starts(open: &mut [Open], locations: &mut Locations, text: &str, position: Position) {
    let depth = open.len();
    match open.last_mut() {
        Some(Open::Map { value_next: false }) => locations.push(depth, Step::Key(text), position),
        Some(Open::List { next }) => {
            locations.push(depth, Step::Index(*next), position);
            *next += 1;
        }
        Some(Open::Map { value_next: true }) | None => {}
    }
}

/// After a whole node is read: in a map, a key is followed by its value and a value by a key.
fn node_ends(open: &mut [Open]) {
    if let Some(Open::Map { value_next }) = open.last_mut() {
        *value_next = !*value_next;
    }
}

/// Counts the values of a document as it expands, failing once `budget` is spent; builds nothing.
#[derive(Clone, Copy)]
struct Count<'a> {
    budget: &'a Cell<usize>,
}

impl Count<'_> {
    fn spend<E: de::Error>(self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_MANY_VALUES)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.spend()
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.spend()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        self.spend()?;
        let ((), value) = data.variant_seed(self)?;
        value.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `a` has `width` zeros, and each next key `width` aliases of the one before.
    fn bomb(levels: usize, width: usize) -> String {
        let mut text = format!("a0: &a0 [{}]\n", vec!["0"; width].join(","));
        for level in 1..levels {
            let aliases = vec![format!("*a{}", level - 1); width].join(",");
            text.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
        }
        text
    }

    #[test]
    fn an_alias_bomb_is_stopped_at_its_first_alias() {
        let text = bomb(4, 1000);
        let started = std::time::Instant::now();
        let error = parse::<serde_yaml::Value>(&text, FRONT_MATTER).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(error.message.contains("alias"), "{error:?}");
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn modest_aliases_are_expanded() {
        let value: serde_yaml::Value =
            parse("a: &x [1, 2]\nb: *x\nc: \"5 * 3\"\n", FRONT_MATTER).unwrap();
        assert_eq!(value["b"][1].as_u64(), Some(2));
    }

    #[test]
    fn deep_nesting_is_refused_with_its_line() {
        let text = format!("x: 1\ny: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let error = parse::<serde_yaml::Value>(&text, FRONT_MATTER).unwrap_err();
        assert!(error.message.contains("recursion limit"), "{error:?}");
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn keys_and_items_are_located_by_their_path() {
        let text = "# title: in a comment\ntitle: x\nipc:\n  - G06F\n  - \"H01M\"\nsessions:\n  - date: 2025-10-14\n    online: a\n  - {date: 2025-10-15,\n     online: b}\nextra: {sessions: 1}\n";
        let at = locate(text, FRONT_MATTER);
        assert_eq!(at.line(&["title".into()]), Some(2));
        let items: Vec<usize> = at.items(&["ipc".into()]).iter().map(|p| p.line).collect();
        assert_eq!(items, [4, 5]);
        let online = |i: usize| at.line(&["sessions".into(), i.into(), "online".into()]);
        assert_eq!((online(0), online(1)), (Some(8), Some(10)));
        assert_eq!(at.line(&["extra".into(), "sessions".into()]), Some(11));
        assert_eq!(at.line(&["sessions".into(), 2.into()]), None);
    }

    #[test]
    fn locating_builds_no_alias_and_stops_at_its_depth() {
        let at = locate(&bomb(8, 1000), FRONT_MATTER);
        assert_eq!(at.line(&["a7".into()]), Some(8));
        let deep = format!("x: 1\ny: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let at = locate(&deep, FRONT_MATTER);
        assert_eq!(at.line(&["y".into()]), Some(2));
        assert!(locate("a: [\n", FRONT_MATTER).line(&["a".into()]).is_some());
    }

    #[test]
    fn long_documents_are_refused_unread() {
        let text = format!("x: \"{}\"\n", "a".repeat(FRONT_MATTER.max_bytes));
        let error = parse::<serde_yaml::Value>(&text, FRONT_MATTER).unwrap_err();
        assert!(error.message.contains("at most 256 KiB"), "{error:?}");
    }
}
