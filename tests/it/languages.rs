//! A third language: every word ipportal writes itself (chart titles, shortcode labels, patent
//! buttons, dates) comes from the theme's strings, so `[languages.fr]` in site.toml and an
//! `i18n/fr.toml` are all it takes, and a French page shows no Chinese or English engine words.

use std::path::Path;

use crate::common::{Site, find, render};
use ipportal::templates;

const FRENCH: &str = include_str!("../fixtures/trilingual/fr.toml");

const BRIEF: &str = "---
title: Brevets du génie civil
date: 2025-05-01
illustrative: true
data: data.yaml
topic: Bâtiments préfabriqués
disciplines: [civil-engineering]
---

Les chiffres sont fictifs. Voir CN 112345678 B et le {{< term zh=\"专利族\" en=\"patent family\" >}}.

{{< callout >}}
À lire d'abord.
{{< /callout >}}

{{< download file=\"data.yaml\" >}}

{{< chart kind=\"by_year\" >}}
";

/// The bilingual fixture with French added: site.toml, the strings at the portal root, a home
/// page, the briefs section and the brief (with the same data file as the other languages).
fn trilingual() -> Site {
    let site = Site::fixture("bilingual");
    let config = std::fs::read_to_string(site.root.join("site.toml"))
        .unwrap()
        .replace(
            "en = \"Disciplines\"",
            "en = \"Disciplines\", fr = \"Disciplines\"",
        )
        .replace(
            "en = \"Civil Engineering\"",
            "en = \"Civil Engineering\", fr = \"Génie civil\"",
        )
        .replace(
            "en = \"Environmental Science\"",
            "en = \"Environmental Science\", fr = \"Environnement\"",
        )
        .replace("en = \"Tags\"", "en = \"Tags\", fr = \"Mots-clés\"");
    site.write(
        "site.toml",
        format!(
            "{config}\n[languages.fr]\nname = \"Français\"\ntitle = \"Centre PI\"\ndescription = \"Portail de test\"\n\n[patents]\ndatabase = \"cnipa\"\n"
        ),
    )
    .write("i18n/fr.toml", FRENCH)
    .write("content/_index.fr.md", "---\ntitle: Accueil\n---\n")
    .write(
        "content/briefs/_index.fr.md",
        "---\ntitle: Notes de brevets\ntype: brief\n---\n",
    )
    .write("content/briefs/civil/index.fr.md", BRIEF);
    site
}

#[test]
fn a_third_language_gets_the_engine_words_from_its_strings() {
    let site = trilingual();
    site.build_ok();
    let html = site.read("fr/briefs/civil/index.html");
    for french in [
        "Dépôts par année (données fictives)",
        "Principaux déposants (données fictives)",
        "Sous-classes CIB (données fictives)",
        "Situation juridique (données fictives)",
        "Familles de brevets par année, 2022–2024 (barres), dont délivrés (courbe).",
        "Les données à partir de 2024 sont incomplètes",
        "Année de dépôt",
        "En vigueur",
        "<span class=\"visually-hidden\">Télécharger: </span>data.yaml",
        "<p class=\"callout-title\">Remarque</p>",
        "hidden>Copier le numéro</button>",
        ">Rechercher à la CNIPA</a>",
        "<span class=\"term-other\"> [<span lang=\"zh\">专利族</span>]</span>",
        "1 mai 2025",
    ] {
        assert!(html.contains(french), "{french:?} not in {html}");
    }
    // The other languages keep their words.
    assert!(
        site.read("briefs/civil/index.html")
            .contains("历年专利申请趋势（示例数据）")
    );
    assert!(
        site.read("en/briefs/civil/index.html")
            .contains("Filings by year (illustrative data)")
    );
}

#[test]
fn no_chinese_or_english_engine_word_leaks_onto_a_french_page() {
    let site = trilingual();
    site.build_ok();
    let html = site.read("fr/briefs/civil/index.html");
    // Bilingual data (applicant names, the term's other language) may show: only the words
    // ipportal writes itself are checked, each piece of text between placeholders.
    for lang in ["zh", "en"] {
        let strings = templates::default_strings(lang).unwrap();
        for key in ipportal::site::engine_string_keys() {
            let french = FRENCH
                .lines()
                .find(|l| l.starts_with(&format!("{key} = ")))
                .unwrap_or("");
            // A word French shares ("Publications") is no leak.
            for piece in pieces(&strings[key])
                .into_iter()
                .filter(|p| !french.contains(p.as_str()))
            {
                assert!(
                    !contains_word(&html, &piece),
                    "the {lang} string {key} ({piece:?}) is on the French page: {html}"
                );
            }
        }
    }
}

/// Whether `piece` is in `text` as whole words ("Note" is not in "Notes de brevets").
fn contains_word(text: &str, piece: &str) -> bool {
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + piece.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The text of a string between its placeholders, where it is long enough to be a word of that
/// language rather than punctuation ("IPC", "（" are left out).
fn pieces(text: &str) -> Vec<String> {
    text.split(['{', '}'])
        .step_by(2)
        .map(|p| p.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()))
        .filter(|p| {
            let cjk = !p.is_ascii();
            p.chars().count() >= if cjk { 2 } else { 4 }
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn a_missing_engine_string_in_a_third_language_is_an_error_naming_key_and_file() {
    let site = trilingual();
    let without: String = FRENCH
        .lines()
        .filter(|l| !l.starts_with("chart_by_year_title"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("i18n/fr.toml", without);
    let errors = site.build_errors();
    let e = find(
        &errors,
        "missing interface string `chart_by_year_title` for language `fr`",
    );
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("i18n/fr.toml")),
        "{}",
        render(&errors)
    );
    assert_eq!(e.code.as_str(), "strings/invalid");
    // Reported once, not again as missing beside the other languages' files.
    let mentions = errors
        .iter()
        .filter(|e| e.message.contains("`chart_by_year_title`"))
        .count();
    assert_eq!(mentions, 1, "{}", render(&errors));
}

#[test]
fn a_theme_without_the_engine_strings_gets_the_default_ones_in_chinese_and_english() {
    // The fixture's `mini` theme has two strings of its own and none of the engine's.
    let site = Site::fixture("bilingual");
    site.build_ok();
    assert!(
        site.read("briefs/civil/index.html")
            .contains("历年专利申请趋势（示例数据）")
    );
    assert!(
        site.read("en/briefs/civil/index.html")
            .contains("1 May 2025")
    );
}

#[test]
fn a_reading_speed_that_is_not_a_number_is_an_error() {
    let site = trilingual();
    site.write(
        "i18n/fr.toml",
        FRENCH.replace(
            "reading_words_per_minute = \"200\"",
            "reading_words_per_minute = \"vite\"",
        ),
    );
    let errors = site.build_errors();
    let e = find(&errors, "`reading_words_per_minute` for language `fr`");
    assert_eq!(e.file.as_deref(), Some(Path::new("i18n/fr.toml")));
}

#[test]
fn the_default_theme_has_every_engine_string_in_both_languages() {
    for lang in ["zh", "en"] {
        let strings = templates::default_strings(lang).unwrap();
        for key in ipportal::site::engine_string_keys() {
            assert!(strings.contains_key(key), "{lang}: {key}");
        }
    }
}

#[test]
fn a_built_in_theme_string_missing_in_a_third_language_is_added_to_the_portal_s_i18n() {
    let site = trilingual();
    std::fs::remove_dir_all(site.root.join("themes")).unwrap();
    site.edit("site.toml", |t| {
        t.replace("theme = \"mini\"", "theme = \"default\"")
    });
    let errors = site.build_errors();
    let e = find(
        &errors,
        "missing interface string `skip_to_content` for language `fr` (it is in (built-in default theme)/i18n/",
    );
    // Not beside the built-in theme's file, which no one can edit.
    assert_eq!(e.file.as_deref(), Some(Path::new("i18n/fr.toml")));
}
