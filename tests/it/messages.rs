//! Messages in the editor's language: Chinese when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`)
//! starts with `zh`, English otherwise, and `--lang` overrides both; codes and JSON keys never
//! change.

use crate::common::{Site, page};

/// The bilingual fixture with a page whose front matter has a misspelt field and a bad date.
fn broken() -> Site {
    let s = Site::fixture("bilingual");
    s.write(
        "content/guides/bad.md",
        page("titel: x\ndate: 2025-13-01\n", "x"),
    );
    s
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

fn assert_chinese(stdout: &str) {
    for needle in [
        "error[front-matter/unknown-field]: 页面没有 `titel` 这个字段",
        "= help: 是不是想写 `title`？自定义的值请写在 `extra:` 下",
        "error[front-matter/invalid-value]: `date` 中的日期 `2025-13-01` 写法不对",
        "==> content/guides/bad.md (3 个错误，1 个警告) <==",
        "content/guides/bad.md:4:1",
        "检查未通过：",
    ] {
        assert!(stdout.contains(needle), "{needle} in\n{stdout}");
    }
    assert!(!stdout.contains("unknown page field"), "{stdout}");
}

fn assert_english(stdout: &str) {
    for needle in [
        "error[front-matter/unknown-field]: unknown page field `titel`",
        "= help: did you mean `title`? Free values go under `extra:`",
        "error[front-matter/invalid-value]: invalid date `2025-13-01` in `date`",
        "==> content/guides/bad.md (3 errors, 1 warning) <==",
        "Failed: ",
    ] {
        assert!(stdout.contains(needle), "{needle} in\n{stdout}");
    }
    assert!(!stdout.contains("页面没有"), "{stdout}");
}

#[test]
fn check_speaks_chinese_under_a_chinese_locale_and_english_under_c() {
    let s = broken();
    let (code, zh, _) = s.check_in_locale(ZH, &[]);
    assert_eq!(code, Some(1));
    assert_chinese(&zh);
    let (code, en, _) = s.check_in_locale(C, &[]);
    assert_eq!(code, Some(1));
    assert_english(&en);
    // No locale at all is English too.
    assert_english(&s.check_in_locale(&[], &[]).1);
}

#[test]
fn the_locale_variables_are_read_in_posix_order() {
    let s = broken();
    let all_c = [("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")];
    assert_english(&s.check_in_locale(&all_c, &[]).1);
    let messages_zh = [("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")];
    assert_chinese(&s.check_in_locale(&messages_zh, &[]).1);
    let empty_all = [("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")];
    assert_chinese(&s.check_in_locale(&empty_all, &[]).1);
}

#[test]
fn lang_overrides_the_locale_before_or_after_the_subcommand() {
    let s = broken();
    assert_english(&s.check_in_locale(ZH, &["--lang", "en"]).1);
    assert_chinese(&s.check_in_locale(C, &["--lang", "zh"]).1);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .env("LC_ALL", "C")
        .args(["--lang", "zh", "check", "--root", s.root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_chinese(&String::from_utf8_lossy(&out.stdout));
    let (code, _, stderr) = s.check_in_locale(C, &["--lang", "fr"]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn json_and_github_reports_keep_codes_and_keys_and_translate_the_text() {
    let s = broken();
    let (_, zh, _) = s.check_in_locale(ZH, &["--format", "json"]);
    let (_, en, _) = s.check_in_locale(C, &["--format", "json"]);
    let zh: serde_json::Value = serde_json::from_str(&zh).unwrap();
    let en: serde_json::Value = serde_json::from_str(&en).unwrap();
    let find = |report: &serde_json::Value, code: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in {report}"))
    };
    let (zh_d, en_d) = (
        find(&zh, "front-matter/unknown-field"),
        find(&en, "front-matter/unknown-field"),
    );
    assert_eq!(zh_d["message"], "页面没有 `titel` 这个字段");
    assert_eq!(en_d["message"], "unknown page field `titel`");
    let keys = |d: &serde_json::Value| d.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&zh_d), keys(&en_d));
    assert_eq!(zh["errors"], en["errors"]);
    let (_, github, _) = s.check_in_locale(ZH, &["--format", "github"]);
    assert!(
        github.contains(
            "title=front-matter/unknown-field::页面没有 `titel` 这个字段%0A是不是想写 `title`？"
        ),
        "{github}"
    );
}
