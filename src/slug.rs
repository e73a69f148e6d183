//! Slugs for heading ids and free-form taxonomy terms: readable in every script, stable across
//! builds.

/// Lower-cases `text`, keeps letters and digits of any script (so Chinese stays readable), turns
/// whitespace, `-` and `_` into single hyphens and drops other punctuation.
///
/// `"Step 2: Build the query"` → `step-2-build-the-query`; `"检索式的构建"` → `检索式的构建`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("Step 2: Build the query"), "step-2-build-the-query");
        assert_eq!(slugify("检索式的构建"), "检索式的构建");
        assert_eq!(slugify("PCT 国际申请（概览）"), "pct-国际申请概览");
        assert_eq!(slugify("  --a__b--  "), "a-b");
        assert_eq!(slugify("？！"), "");
    }
}
