//! The one door to the YAML library: every YAML document of a portal (front matter, brief data
//! files) is parsed by [`parse`], so the deprecated `serde_yaml` can be swapped for another parser
//! in one place, and the limits that keep a hostile document from taking the build down live here.
//!
//! The limits: a document may be at most [`Limits::max_bytes`] long, and may expand to at most as
//! many values as it has bytes (at least [`MIN_NODE_BUDGET`]). Without aliases no document can
//! exceed that (every value takes at least a byte), so the budget only stops alias bombs
//! (`b: &b [*a, *a, …]`, `c: [*b, *b, …]`), which would otherwise expand to billions of values.
//! Nesting deeper than 128 levels is refused by `serde_yaml` itself ("recursion limit exceeded").

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

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
    fn long_documents_are_refused_unread() {
        let text = format!("x: \"{}\"\n", "a".repeat(FRONT_MATTER.max_bytes));
        let error = parse::<serde_yaml::Value>(&text, FRONT_MATTER).unwrap_err();
        assert!(error.message.contains("at most 256 KiB"), "{error:?}");
    }
}
