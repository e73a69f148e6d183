//! Syntax highlighting of fenced code with syntect, as CSS classes (no inline styles), and the
//! stylesheet that colours those classes in light and dark mode.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::base::text::escape_html;

/// Prefixed classes (`hl-keyword`) cannot collide with the theme's own class names.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loaded once per process: parsing the bundled syntax definitions is the slow part.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights code blocks, remembering work already done. Shared by the threads rendering pages.
///
/// Two caches: whole blocks (a translation usually repeats its original's code verbatim, so a
/// bilingual portal highlights each block once) and single lines by parser state (imports,
/// boilerplate and query templates recur across blocks). Parsing a line with the same state
/// always gives the same result, so both caches are exact.
#[derive(Default)]
pub struct Highlighter {
    blocks: Mutex<HashMap<(String, String), Arc<str>>>,
}

/// A line's scope operations and the parser state after it.
type ParsedLine = (Vec<(usize, ScopeStackOp)>, ParseState);

/// Lines remembered per thread before the cache starts over (bounds memory in `serve`).
const LINE_CACHE_LIMIT: usize = 100_000;

thread_local! {
    // Per thread because syntect's `ParseState` may hold regex regions that cannot cross threads.
    static LINES: RefCell<HashMap<(String, String), ParsedLine>> = RefCell::new(HashMap::new());
}

impl Highlighter {
    /// The HTML of a code block with fence info `info`.
    pub fn block(&self, code: &str, info: &str) -> Arc<str> {
        let key = (info.to_string(), code.to_string());
        if let Some(html) = lock(&self.blocks).get(&key) {
            return html.clone();
        }
        // Highlight outside the lock: two threads may rarely do the same block twice, which is
        // cheaper than making every other thread wait.
        let html: Arc<str> = self.render_block(code, info).into();
        lock(&self.blocks).insert(key, html.clone());
        html
    }

    fn render_block(&self, code: &str, info: &str) -> String {
        let lang = info.split([' ', ',', '{']).next().unwrap_or("").trim();
        let inner = self
            .highlight_code(code, lang)
            .unwrap_or_else(|| escape_html(code));
        wrap_block(&inner, lang)
    }

    /// What syntect's `ClassedHTMLGenerator` does, with each line's parse looked up first.
    fn highlight_code(&self, code: &str, lang: &str) -> Option<String> {
        if lang.is_empty() || matches!(lang, "text" | "txt" | "plain") {
            return None;
        }
        let set = syntaxes();
        let syntax = set.find_syntax_by_token(lang)?;
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut html = String::with_capacity(code.len() * 4);
        let mut open_spans: isize = 0;
        for line in LinesWithEndings::from(code) {
            let ops = Self::parse_line(&mut state, line, set)?;
            let (spans, delta) =
                line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()?;
            open_spans += delta;
            html.push_str(&spans);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Some(html)
    }

    fn parse_line(
        state: &mut ParseState,
        line: &str,
        set: &SyntaxSet,
    ) -> Option<Vec<(usize, ScopeStackOp)>> {
        // `ParseState` has no `Hash`; its `Debug` form names every field, so it is an exact key.
        let key = (format!("{state:?}"), line.to_string());
        LINES.with(|lines| {
            let mut lines = lines.borrow_mut();
            if let Some((ops, next)) = lines.get(&key) {
                *state = next.clone();
                return Some(ops.clone());
            }
            let ops = state.parse_line(line, set).ok()?;
            if lines.len() >= LINE_CACHE_LIMIT {
                lines.clear();
            }
            lines.insert(key, (ops.clone(), state.clone()));
            Some(ops)
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A code block. `tabindex="0"`: a block wider than a phone scrolls sideways, and a keyboard user
/// can scroll it only once it can take focus (axe-core's `scrollable-region-focusable`).
fn wrap_block(inner: &str, lang: &str) -> String {
    if lang.is_empty() {
        format!("<pre class=\"code\" tabindex=\"0\"><code>{inner}</code></pre>\n")
    } else {
        let lang = escape_html(lang);
        format!(
            "<pre class=\"code\" data-lang=\"{lang}\" tabindex=\"0\"><code class=\"language-{lang}\">{inner}</code></pre>\n"
        )
    }
}

/// The highlighting stylesheet: a light theme, and a dark one under `prefers-color-scheme`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    format!(
        "/* Generated by ipportal from syntect's InspiredGitHub and base16-ocean.dark themes. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight_block(code: &str, info: &str) -> String {
        Highlighter::default().block(code, info).to_string()
    }

    #[test]
    fn python_gets_classes_not_styles() {
        let html = highlight_block("def f():\n    return 1\n", "python");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("data-lang=\"python\""));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight_block("a < b && c", "no-such-lang");
        assert!(html.contains("a &lt; b &amp;&amp; c"), "{html}");
    }

    #[test]
    fn cached_lines_give_the_same_html_as_fresh_ones() {
        let code = "import csv\ns = \"\"\"a\nimport csv\n\"\"\"\nimport csv\n";
        let shared = Highlighter::default();
        shared.block("import csv\nx = 1\n", "python");
        let warm = shared.block(code, "python");
        let cold = Highlighter::default().block(code, "python");
        assert_eq!(warm, cold);
        // Inside the string, `import` is not a keyword: the state is part of the key.
        assert_eq!(
            cold.matches("hl-keyword hl-control hl-import").count(),
            2,
            "{cold}"
        );
    }

    #[test]
    fn output_matches_syntects_own_generator() {
        let samples = [
            (
                "python",
                "def f(x):\n    \"\"\"doc\n    more\"\"\"\n    return x  # c\n",
            ),
            ("rust", "fn main() {\n    let s = \"a\\\"b\";\n}\n"),
            ("sh", "cat <<EOF\n$HOME\nEOF\necho done\n"),
            ("sql", "SELECT * FROM t WHERE a = 'x';\n"),
        ];
        let shared = Highlighter::default();
        for (lang, code) in samples {
            let set = syntaxes();
            let syntax = set.find_syntax_by_token(lang).unwrap();
            let mut generator =
                syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .unwrap();
            }
            let expected = wrap_block(&generator.finalize(), lang);
            // Warm the line cache with a block holding the same lines, then read from it.
            shared.block(&format!("{code}{code}"), lang);
            assert_eq!(&*shared.block(code, lang), expected, "{lang}");
        }
    }

    #[test]
    fn stylesheet_has_both_modes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
