//! `build --minify`: HTML pages, stylesheets and scripts → the same documents with fewer bytes.
//! HTML goes through `minify-html` (which keeps `<pre>` and `<textarea>` as written, leaves
//! attribute values alone and minifies inline `<style>` and JavaScript `<script>`, not JSON ones);
//! standalone CSS through `lightningcss` and JavaScript through `oxc`, the two engines
//! `minify-html` itself uses. A stylesheet or script that does not parse is an error naming its
//! file and line: shipping it half-minified would hide the mistake.

use std::path::Path;

use crate::base::diagnostics::{Code, Diagnostic};

/// A minified HTML page. Never fails: `minify-html` copies what it does not understand.
pub fn html(page: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    minify_html::minify(page, &cfg)
}

/// A minified stylesheet; `file` names it in errors.
pub fn css(source: &str, file: &Path) -> Result<String, Diagnostic> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let located = |message: String, loc: Option<lightningcss::error::ErrorLocation>| {
        // lightningcss counts lines from 0 and columns from 1.
        let position = loc.map(|l| (l.line as usize + 1, l.column as usize));
        invalid("stylesheet", "CSS", message, file, source, position)
    };
    let options = ParserOptions {
        filename: file.display().to_string(),
        ..ParserOptions::default()
    };
    let mut sheet =
        StyleSheet::parse(source, options).map_err(|e| located(e.kind.to_string(), e.loc))?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| located(e.kind.to_string(), e.loc))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| located(e.kind.to_string(), e.loc))?;
    Ok(printed.code)
}

/// A minified classic script (not a module): top-level names stay as they are, since other
/// scripts of the page may use them; local names are shortened.
pub fn js(source: &str, file: &Path) -> Result<String, Diagnostic> {
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::cjs()).parse();
    if let Some(error) = parsed.errors.first() {
        let offset = error
            .labels
            .as_ref()
            .and_then(|labels| labels.first())
            .map_or(0, |label| label.offset());
        let position = crate::base::text::line_column(source, offset);
        let message = error.message.to_string();
        return Err(invalid(
            "script",
            "JavaScript",
            message,
            file,
            source,
            Some(position),
        ));
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        // `safest` keeps function and class names and never drops code it cannot prove unused.
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = oxc_codegen::Codegen::new()
        .with_options(oxc_codegen::CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    Ok(code)
}

/// The error for a `kind` ("stylesheet") that is not valid `language` ("CSS").
fn invalid(
    kind: &str,
    language: &str,
    message: String,
    file: &Path,
    source: &str,
    position: Option<(usize, usize)>,
) -> Diagnostic {
    let d = Diagnostic::error(
        Code::AssetInvalid,
        crate::untranslated!(format!("cannot minify the {kind}: {message}")),
    )
    .in_file(file)
    .with_help(crate::untranslated!(format!(
        "expected valid {language}; `ipportal build` without --minify copies the file as it is"
    )));
    match position {
        Some((line, column)) => d.at(source, line, column),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preformatted_text_and_attribute_values_survive() {
        let page = b"<!DOCTYPE html>\n<html>\n  <body>\n    <pre><code>a  =  1\n    b</code></pre>\n    <p data-terms=\" x  y \" id=\"q\">one   two</p>\n  </body>\n</html>\n";
        let out = String::from_utf8(html(page)).unwrap();
        assert!(
            out.contains("<pre><code>a  =  1\n    b</code></pre>"),
            "{out}"
        );
        assert!(out.contains("data-terms=\" x  y \""), "{out}");
        assert!(out.contains("one two"), "{out}");
        assert!(out.len() < page.len());
    }

    #[test]
    fn json_scripts_are_left_as_json() {
        let page = b"<script type=\"application/ld+json\">\n{ \"@type\": \"Organization\",  \"name\": \"a  b\" }\n</script><script type=\"application/json\" id=\"d\">[1, 2]</script>";
        let out = String::from_utf8(html(page)).unwrap();
        assert!(out.contains("\"name\": \"a  b\""), "{out}");
        assert!(out.contains("[1, 2]"), "{out}");
    }

    #[test]
    fn invalid_css_and_js_are_errors_at_their_line() {
        let e = css("a { color: red }\n}}} b {", Path::new("static/x.css"));
        let e = e.expect_err("invalid CSS");
        assert_eq!(e.file.as_deref(), Some(Path::new("static/x.css")));
        assert_eq!(e.line, Some(2), "{}", e.render());
        let e = js("var a = 1;\nfunction (", Path::new("static/x.js")).expect_err("invalid JS");
        assert_eq!(e.line, Some(2), "{}", e.render());
        assert!(e.message.contains("cannot minify the script"));
    }

    #[test]
    fn scripts_keep_their_global_names() {
        let out = js(
            "function tokenize(text) { var longName = text.trim(); return longName; }\n",
            Path::new("t.js"),
        )
        .unwrap();
        assert!(out.contains("function tokenize("), "{out}");
        assert!(!out.contains("longName"), "{out}");
    }
}
