//! Where something is written in a document: the line and column of each key and list item,
//! found by its path (`["sessions", 1, "online"]`) and taken from the parsers' own positions —
//! YAML's from [`crate::base::yaml::locate`], TOML's from [`locate_toml`]. Errors are located
//! with it rather than by searching the text, which finds a key inside a comment, a longer key
//! or another table.

use crate::base::text::line_column;

/// One step of a path into a document: a key of a map (a TOML table) or an index into a list
/// (an array).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key, as the parser read it (without quotes).
    Key(&'a str),
    /// A 0-based list index.
    Index(usize),
}

impl<'a> From<&'a str> for Step<'a> {
    fn from(key: &'a str) -> Self {
        Step::Key(key)
    }
}

impl From<usize> for Step<'_> {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// A 1-based line and column in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The deepest nesting located; a deeper value is located at its nearest located ancestor. Far
/// deeper than any front matter, data file or `site.toml` needs, and it bounds a lookup's path.
pub const MAX_DEPTH: usize = 128;

/// The positions of a document's keys and list items, in document order.
#[derive(Debug, Default)]
pub struct Locations {
    nodes: Vec<Node>,
}

/// A key or list item: its depth (1 for the document's top-level keys), what it is called in
/// its parent, and where it starts (a key's position is the key's, an item's the item's).
#[derive(Debug)]
struct Node {
    depth: usize,
    step: OwnedStep,
    position: Position,
}

/// A [`Step`] that owns its key, for a path kept beyond the text it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnedStep {
    /// A key.
    Key(Box<str>),
    /// A 0-based list index.
    Index(usize),
}

impl OwnedStep {
    /// The step, borrowed.
    pub fn as_step(&self) -> Step<'_> {
        match self {
            OwnedStep::Key(key) => Step::Key(key),
            OwnedStep::Index(index) => Step::Index(*index),
        }
    }

    fn is(&self, step: Step) -> bool {
        self.as_step() == step
    }
}

impl From<&str> for OwnedStep {
    fn from(key: &str) -> Self {
        OwnedStep::Key(key.into())
    }
}

impl From<usize> for OwnedStep {
    fn from(index: usize) -> Self {
        OwnedStep::Index(index)
    }
}

impl Locations {
    /// Records the next key or item in document order, `depth` levels down (1 = top level).
    pub(in crate::base) fn push(&mut self, depth: usize, step: Step, position: Position) {
        let step = match step {
            Step::Key(key) => OwnedStep::Key(key.into()),
            Step::Index(index) => OwnedStep::Index(index),
        };
        self.nodes.push(Node {
            depth,
            step,
            position,
        });
    }

    /// Where the value at `path` is written, if it is.
    pub fn position(&self, path: &[Step]) -> Option<Position> {
        let node = self.index_of(path)??;
        Some(self.nodes[node].position)
    }

    /// The position of `path`, else of its nearest written ancestor (a setting left at its
    /// default is reported at the table it belongs in); `None` when not even the first step is
    /// written.
    pub fn nearest(&self, path: &[Step]) -> Option<Position> {
        (1..=path.len())
            .rev()
            .find_map(|len| self.position(&path[..len]))
    }

    /// The 1-based line of `path`, if it is written.
    pub fn line(&self, path: &[Step]) -> Option<usize> {
        self.position(path).map(|p| p.line)
    }

    /// The positions of the items of the list at `path`, by index (empty when there is none).
    pub fn items(&self, path: &[Step]) -> Vec<Position> {
        let Some(parent) = self.index_of(path) else {
            return Vec::new();
        };
        self.children(parent, path.len())
            .filter(|&i| matches!(self.nodes[i].step, OwnedStep::Index(_)))
            .map(|i| self.nodes[i].position)
            .collect()
    }

    /// The node at `path` (`Some(None)` for the empty path: the document itself), or `None`
    /// when it is not written.
    fn index_of(&self, path: &[Step]) -> Option<Option<usize>> {
        let mut found = None;
        for (depth, step) in path.iter().enumerate() {
            found = Some(self.child(found, depth, *step)?);
        }
        Some(found)
    }

    /// The child `step` of `parent` (at `depth`; `None` and 0 for the document).
    fn child(&self, parent: Option<usize>, depth: usize, step: Step) -> Option<usize> {
        self.children(parent, depth)
            .find(|&i| self.nodes[i].step.is(step))
    }

    /// The direct children of `parent`, which is at `depth`: the nodes one level deeper that
    /// follow it, up to the next node at its depth or above (the nodes are in document order).
    fn children(&self, parent: Option<usize>, depth: usize) -> impl Iterator<Item = usize> + '_ {
        let start = parent.map_or(0, |p| p + 1);
        self.nodes[start..]
            .iter()
            .take_while(move |node| node.depth > depth)
            .enumerate()
            .filter(move |(_, node)| node.depth == depth + 1)
            .map(move |(i, _)| start + i)
    }
}

/// The positions of a TOML document's keys and array items (none when it does not parse: the
/// caller has reported that error already, with the parser's own position).
pub fn locate_toml(text: &str) -> Locations {
    let mut locations = Locations::default();
    if let Ok(table) = toml::de::DeTable::parse(text) {
        add_table(&mut locations, text, table.get_ref(), 1);
    }
    locations
}

fn add_table(locations: &mut Locations, text: &str, table: &toml::de::DeTable, depth: usize) {
    for (key, value) in table {
        let position = position_at(text, key.span().start);
        locations.push(depth, Step::Key(key.get_ref()), position);
        add_value(locations, text, value.get_ref(), depth + 1);
    }
}

fn add_value(locations: &mut Locations, text: &str, value: &toml::de::DeValue, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        toml::de::DeValue::Table(table) => add_table(locations, text, table, depth),
        toml::de::DeValue::Array(items) => {
            for (index, item) in items.into_iter().enumerate() {
                let position = position_at(text, item.span().start);
                locations.push(depth, Step::Index(index), position);
                add_value(locations, text, item.get_ref(), depth + 1);
            }
        }
        _ => {}
    }
}

fn position_at(text: &str, offset: usize) -> Position {
    let (line, column) = line_column(text, offset);
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(locations: &Locations, path: &[Step]) -> Option<usize> {
        locations.line(path)
    }

    #[test]
    fn toml_keys_are_found_where_the_parser_saw_them() {
        let text = "# timeout = 1 in a comment\ntitle = \"x\"\ncheck.timeout = 5\n[extra]\nname = 1\n[[taxonomies]]\nname = \"a\"\n[[taxonomies]]\nname = \"b\"\nterms.k = { zh = \"k\" }\n";
        let at = locate_toml(text);
        assert_eq!(line(&at, &["check".into(), "timeout".into()]), Some(3));
        assert_eq!(line(&at, &["extra".into(), "name".into()]), Some(5));
        let second = ["taxonomies".into(), 1.into(), "name".into()];
        assert_eq!(line(&at, &second), Some(9));
        let term = ["taxonomies".into(), 1.into(), "terms".into(), "k".into()];
        assert_eq!(line(&at, &term), Some(10));
        assert_eq!(line(&at, &["timeout".into()]), None);
        let nearest = at.nearest(&["check".into(), "concurrency".into()]);
        assert_eq!(nearest.map(|p| p.line), Some(3));
        assert_eq!(at.nearest(&["nothing".into()]), None);
    }
}
