//! The preview is never stale: random sequences of the edits an editor makes (a body, a title, a
//! summary or a date, a tag added or removed, a draft toggled, a page created, deleted or renamed,
//! a link to another page or a `download` of a static file, a template or a partial, an interface
//! string, a static file added, changed or removed, a brief's data) are applied to the files of a
//! small bilingual portal; after each, the preview's [`Rebuilder`] is told of the
//! changed paths, as the watcher would tell it, and every file it serves is compared with a
//! fresh in-memory build of the same files. When the fresh build fails (a link to a deleted
//! page, a missing attachment), the preview must report the error and keep serving; the edits
//! after it must bring it back to the fresh build.
//!
//! Pages, feeds, the sitemap and every other file must be the same bytes (the live-reload script
//! is added only as a page is served, so it is in neither). The search index is compared by what
//! it finds: the preview keeps the shard boundaries, document numbers and average page length of
//! its first build, so that one edit rewrites only the shards it touched; what must match is, for
//! every term, the pages (and piece of page) it finds, every page's result entry and its facets,
//! and the index must name only files that are served, and serve no file it does not name.
//!
//! The number of cases is [`CASES`] (documented in CONTRIBUTING.md); `IPPORTAL_PROPTEST_SEED`
//! explores other sequences.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

use crate::common::Site as Portal;
use ipportal::Site;
use ipportal::output::Output;
use ipportal::serve::{Rebuilder, preview_options};

/// Sequences tried; each applies up to [`MAX_EDITS`] edits.
const CASES: u32 = 24;
const MAX_EDITS: usize = 8;

const WORDS: &[&str] = &[
    "专利", "检索", "claims", "许可", "novelty", "转化", "布局", "PCT",
];
const TAGS: &[&str] = &["专利检索", "检索式", "许可", "claims"];

/// One generated guide, as its file says.
#[derive(Debug, Clone)]
struct Guide {
    file: String,
    title: String,
    summary: String,
    day: u8,
    tags: Vec<String>,
    draft: bool,
    body: String,
}

impl Guide {
    fn text(&self) -> String {
        let tags = self.tags.join(", ");
        format!(
            "---\ntitle: {}\ndate: 2025-03-{:02}\nsummary: {}\ntags: [{tags}]\ndraft: {}\n---\n\n{}\n",
            self.title, self.day, self.summary, self.draft, self.body
        )
    }
}

/// An edit; numbers pick a page, a word or a day modulo what there is.
#[derive(Debug, Clone)]
enum Edit {
    Body(usize, usize),
    Title(usize, usize),
    Summary(usize, usize),
    Date(usize, u8),
    Weight(usize, u8),
    TagAdded(usize, usize),
    TagRemoved(usize),
    Draft(usize),
    Created(usize, bool),
    Deleted(usize),
    Renamed(usize),
    Template(usize),
    Partial(usize),
    String(usize),
    Link(usize, usize),
    Download(usize, usize),
    StaticAdded(usize),
    StaticChanged(usize),
    StaticRemoved(usize),
    BriefData(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = || 0usize..64;
    prop_oneof![
        (n(), n()).prop_map(|(p, w)| Edit::Body(p, w)),
        (n(), n()).prop_map(|(p, w)| Edit::Title(p, w)),
        (n(), n()).prop_map(|(p, w)| Edit::Summary(p, w)),
        (n(), 1u8..28).prop_map(|(p, d)| Edit::Date(p, d)),
        (n(), 1u8..9).prop_map(|(p, w)| Edit::Weight(p, w)),
        (n(), n()).prop_map(|(p, t)| Edit::TagAdded(p, t)),
        n().prop_map(Edit::TagRemoved),
        n().prop_map(Edit::Draft),
        (n(), any::<bool>()).prop_map(|(w, en)| Edit::Created(w, en)),
        n().prop_map(Edit::Deleted),
        n().prop_map(Edit::Renamed),
        n().prop_map(Edit::Template),
        n().prop_map(Edit::Partial),
        n().prop_map(Edit::String),
        (n(), n()).prop_map(|(p, q)| Edit::Link(p, q)),
        (n(), n()).prop_map(|(p, f)| Edit::Download(p, f)),
        n().prop_map(Edit::StaticAdded),
        n().prop_map(Edit::StaticChanged),
        n().prop_map(Edit::StaticRemoved),
        (1u8..200).prop_map(Edit::BriefData),
    ]
}

/// The portal under edit, and the guides it generated.
struct World {
    portal: Portal,
    root: PathBuf,
    guides: Vec<Guide>,
    created: usize,
}

impl World {
    fn new() -> World {
        let portal = Portal::fixture("bilingual");
        let root = std::fs::canonicalize(&portal.root).unwrap();
        let mut world = World {
            portal,
            root,
            guides: Vec::new(),
            created: 0,
        };
        for i in 0..4 {
            world.create(i, i % 2 == 0);
        }
        world
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        self.portal.write(relative, text);
        self.root.join(relative)
    }

    fn save(&self, guide: &Guide) -> PathBuf {
        self.write(&guide.file, &guide.text())
    }

    fn create(&mut self, word: usize, english: bool) -> PathBuf {
        let n = self.created;
        self.created += 1;
        let lang = if english { ".en" } else { "" };
        let guide = Guide {
            file: format!("content/guides/gen-{n}{lang}.md"),
            title: format!("指南 {n} {}", WORDS[word % WORDS.len()]),
            summary: format!("摘要 {n}。"),
            day: (n % 27 + 1) as u8,
            tags: vec![TAGS[n % TAGS.len()].to_string()],
            draft: false,
            body: format!(
                "正文 {n}：{}。\n\n## 小节\n\n更多内容。",
                WORDS[n % WORDS.len()]
            ),
        };
        let path = self.save(&guide);
        self.guides.push(guide);
        path
    }

    /// Applies `edit` to the files; returns the paths it touched.
    fn apply(&mut self, edit: &Edit) -> Vec<PathBuf> {
        let count = self.guides.len();
        let word = |w: usize| WORDS[w % WORDS.len()];
        match (*edit).clone() {
            Edit::Created(w, english) => vec![self.create(w, english)],
            _ if count == 0 => vec![self.create(0, false)],
            Edit::Body(p, w) => self.change(p, |g| g.body = format!("新正文：{}。", word(w))),
            Edit::Title(p, w) => self.change(p, |g| g.title = format!("{} {}", g.title, word(w))),
            Edit::Summary(p, w) => self.change(p, |g| g.summary = format!("{}。", word(w))),
            Edit::Date(p, day) => self.change(p, |g| g.day = day),
            Edit::TagAdded(p, t) => self.change(p, |g| {
                let tag = TAGS[t % TAGS.len()].to_string();
                if !g.tags.contains(&tag) {
                    g.tags.push(tag);
                }
            }),
            Edit::TagRemoved(p) => self.change(p, |g| {
                g.tags.pop();
            }),
            Edit::Draft(p) => self.change(p, |g| g.draft = !g.draft),
            Edit::Deleted(p) => {
                let guide = self.guides.remove(p % count);
                self.portal.remove(&guide.file);
                vec![self.root.join(&guide.file)]
            }
            Edit::Renamed(p) => {
                let old = self.guides[p % count].file.clone();
                let new = old.replacen("gen-", "moved-gen-", 1);
                std::fs::rename(self.root.join(&old), self.root.join(&new)).unwrap();
                self.guides[p % count].file = new.clone();
                vec![self.root.join(old), self.root.join(new)]
            }
            Edit::Weight(l, w) => {
                let file = format!("content/courses/intro/lesson-{}.md", l % 3 + 1);
                vec![self.replace_line(&file, "weight:", &format!("weight: {w}"))]
            }
            Edit::Template(n) => vec![self.append(
                "themes/mini/templates/section.html",
                &format!("<!-- section {n} -->"),
            )],
            Edit::Partial(n) => vec![self.replace_line(
                "themes/mini/templates/macros.html",
                "{% macro head() %}",
                &format!(
                    "{{% macro head() %}}<meta name=\"v\" content=\"{n}\"><title>{{{{ site.title }}}}</title>{{% endmacro %}}"
                ),
            )],
            Edit::String(n) => vec![self.replace_line(
                "themes/mini/i18n/zh.toml",
                "no_translation",
                &format!("no_translation = \"本页暂无该语言版本（{n}）\""),
            )],
            Edit::Link(p, q) => {
                let target = self.guides[q % count].file.replacen("content/", "", 1);
                self.change(p, |g| g.body = format!("见[另一篇](@/{target})。"))
            }
            Edit::Download(p, f) => self.change(p, |g| {
                g.body = format!("{{{{< download file=\"/{}\" title=\"附件\" >}}}}", attachment(f));
            }),
            Edit::StaticAdded(f) => {
                let text = "文件".repeat(f % 5 + 1);
                vec![self.write(&format!("static/{}", attachment(f)), &text)]
            }
            Edit::StaticChanged(n) => vec![self.write("static/humans.txt", &format!("团队 {n}\n"))],
            Edit::StaticRemoved(f) => {
                let path = self.root.join("static").join(attachment(f));
                let _ = std::fs::remove_file(&path);
                vec![path]
            }
            Edit::BriefData(c) => vec![self.replace_line(
                "content/briefs/civil/data.yaml",
                "  - {year: 2023",
                &format!("  - {{year: 2023, applications: {c}, grants: 35}}"),
            )],
        }
    }

    fn change(&mut self, p: usize, change: impl FnOnce(&mut Guide)) -> Vec<PathBuf> {
        let count = self.guides.len();
        change(&mut self.guides[p % count]);
        vec![self.save(&self.guides[p % count])]
    }

    fn replace_line(&self, file: &str, starts: &str, line: &str) -> PathBuf {
        let text = std::fs::read_to_string(self.root.join(file)).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .map(|l| if l.starts_with(starts) { line } else { l })
            .collect();
        self.write(file, &(lines.join("\n") + "\n"))
    }

    fn append(&self, file: &str, text: &str) -> PathBuf {
        let old = std::fs::read_to_string(self.root.join(file)).unwrap();
        self.write(file, &format!("{old}{text}"))
    }
}

/// One of three attachments under `static/`, which pages may name in a `download`.
fn attachment(n: usize) -> String {
    format!("files/f{}.txt", n % 3)
}

type Files = HashMap<String, Vec<u8>>;

/// A fresh build of the files as they are now; `None` when it fails (a broken link, a missing
/// attachment).
fn fresh_build(root: &Path, address: SocketAddr) -> Option<Files> {
    let files: Arc<ipportal::output::MemoryFiles> = Arc::default();
    let mut site = Site::load(&preview_options(root, address)).ok()?;
    site.write(&Output::memory(files.clone())).ok()?;
    Some(files.read().unwrap().clone())
}

/// Compares what the preview serves with a fresh build; the first difference, if any.
fn compare(preview: &Files, fresh: &Files) -> Result<(), String> {
    let is_index = |path: &str| path.starts_with("search-index/");
    let names = |files: &Files| -> BTreeSet<String> {
        files.keys().filter(|p| !is_index(p)).cloned().collect()
    };
    let (served, built) = (names(preview), names(fresh));
    if served != built {
        let extra: Vec<_> = served.difference(&built).collect();
        let missing: Vec<_> = built.difference(&served).collect();
        return Err(format!(
            "files served but not built: {extra:?}; built but not served: {missing:?}"
        ));
    }
    for path in &built {
        if preview[path] != fresh[path] {
            return Err(format!(
                "{path} differs\n--- preview:\n{}\n--- fresh build:\n{}",
                String::from_utf8_lossy(&preview[path]),
                String::from_utf8_lossy(&fresh[path])
            ));
        }
    }
    for lang in ["zh", "en"] {
        let served = SearchView::read(preview, lang)?;
        let built = SearchView::read(fresh, lang)?;
        if served != built {
            return Err(format!(
                "search index ({lang}) differs\n--- preview:\n{served:#?}\n--- fresh build:\n{built:#?}"
            ));
        }
    }
    Ok(())
}

/// What a language's search index finds: per term, the pages (URL and piece); per page, its
/// result entry (head and pieces) and facet values.
#[derive(Debug, PartialEq, Default)]
pub(crate) struct SearchView {
    terms: BTreeMap<String, BTreeSet<(String, u64)>>,
    pages: BTreeMap<String, Vec<Value>>,
    facets: BTreeMap<(String, String), Value>,
    synonyms: Value,
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn varint(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

impl SearchView {
    /// The index of `lang` in `files`, which must hold every file it names and no other.
    fn read(files: &Files, lang: &str) -> Result<SearchView, String> {
        let dir = format!("search-index/{lang}/");
        let mut named: BTreeSet<String> = BTreeSet::new();
        let view = SearchView::read_with(|name| {
            let path = format!("{dir}{name}");
            let bytes = files
                .get(&path)
                .ok_or_else(|| format!("{path} is named but not served"))?;
            named.insert(path);
            Ok(bytes.clone())
        })?;
        let unnamed: Vec<&String> = files
            .keys()
            .filter(|p| p.starts_with(&dir) && !named.contains(*p))
            .collect();
        if !unnamed.is_empty() {
            return Err(format!(
                "index files served that the index no longer names: {unnamed:?}"
            ));
        }
        Ok(view)
    }

    /// An index whose files (by name in the language's folder: `entry.bin`, `s/<hash>.bin`…)
    /// `fetch` gives.
    pub(crate) fn read_with(
        mut fetch: impl FnMut(String) -> Result<Vec<u8>, String>,
    ) -> Result<SearchView, String> {
        let mut get = |name: String| fetch(name).map(|bytes| gunzip(&bytes));
        let entry: Value = serde_json::from_slice(&get("entry.bin".into())?).unwrap();
        let mut view = SearchView {
            synonyms: entry["synonyms"].clone(),
            ..SearchView::default()
        };
        // Document id → URL, from the tables and the fragments they name.
        let mut urls: Vec<Option<String>> = Vec::new();
        for table in entry["tables"].as_array().unwrap() {
            let hashes: Vec<Option<String>> =
                serde_json::from_slice(&get(format!("t/{}.bin", table.as_str().unwrap()))?)
                    .unwrap();
            for hash in hashes {
                let Some(hash) = hash else {
                    urls.push(None);
                    continue;
                };
                let head: Value = serde_json::from_slice(&get(format!("f/{hash}.bin"))?).unwrap();
                let url = head["url"].as_str().unwrap().to_string();
                let mut entry = vec![head.clone()];
                for k in 1..head["pieces"].as_u64().unwrap() {
                    let piece = get(format!("f/{hash}-{k}.bin"))?;
                    entry.push(serde_json::from_slice(&piece).unwrap());
                }
                view.pages.insert(url.clone(), entry);
                urls.push(Some(url));
            }
        }
        for shard in entry["shards"].as_array().unwrap() {
            let bytes = get(format!("s/{}.bin", shard[1].as_str().unwrap()))?;
            view.read_shard(&bytes, &urls)?;
        }
        let facets = get(format!("facets-{}.bin", entry["facets"].as_str().unwrap()))?;
        let facets: Value = serde_json::from_slice(&facets).unwrap();
        for facet in facets.as_array().unwrap() {
            let values = &facet["values"];
            for (id, doc) in facet["docs"].as_array().unwrap().iter().enumerate() {
                let Some(Some(url)) = urls.get(id) else {
                    continue;
                };
                let picked: Vec<Value> = match doc {
                    Value::Number(n) => vec![values[n.as_u64().unwrap() as usize].clone()],
                    Value::Array(all) => all
                        .iter()
                        .map(|n| values[n.as_u64().unwrap() as usize].clone())
                        .collect(),
                    _ => continue,
                };
                let name = facet["name"].as_str().unwrap().to_string();
                view.facets.insert((url.clone(), name), Value::from(picked));
            }
        }
        Ok(view)
    }

    /// The title of the result entry of the page whose URL ends with `path`.
    pub(crate) fn title(&self, path: &str) -> Option<&str> {
        let (_, entry) = self.pages.iter().find(|(url, _)| url.ends_with(path))?;
        entry[0]["title"].as_str()
    }

    /// The pages `term` finds.
    pub(crate) fn finds(&self, term: &str) -> Vec<&str> {
        let found = self.terms.get(term).into_iter().flatten();
        found.map(|(url, _)| url.as_str()).collect()
    }

    fn read_shard(&mut self, bytes: &[u8], urls: &[Option<String>]) -> Result<(), String> {
        let mut at = 0;
        for _ in 0..varint(bytes, &mut at) {
            let length = varint(bytes, &mut at) as usize;
            let term = String::from_utf8(bytes[at..at + length].to_vec()).unwrap();
            at += length;
            let mut doc = 0;
            for _ in 0..varint(bytes, &mut at) {
                doc += varint(bytes, &mut at);
                let mut piece = 0;
                if bytes[at] == 0 {
                    at += 1;
                    piece = varint(bytes, &mut at);
                }
                at += 1; // the impact: depends on the average page length (see the module)
                let url =
                    urls.get(doc as usize).cloned().flatten().ok_or_else(|| {
                        format!("`{term}` finds document {doc}, which has no entry")
                    })?;
                self.terms
                    .entry(term.clone())
                    .or_default()
                    .insert((url, piece));
            }
        }
        Ok(())
    }
}

fn runner() -> TestRunner {
    let seed: u64 = std::env::var("IPPORTAL_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(21);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = RunnerConfig {
        cases: CASES,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    )
}

#[test]
fn after_any_sequence_of_saves_the_preview_equals_a_fresh_build() {
    let address = SocketAddr::from(([127, 0, 0, 1], 1111));
    let result = runner().run(&proptest::collection::vec(edit(), 1..=MAX_EDITS), |edits| {
        let mut world = World::new();
        let lines = Arc::new(Mutex::new(Vec::<String>::new()));
        let log = {
            let lines = lines.clone();
            Arc::new(move |line: String| lines.lock().unwrap().push(line))
        };
        let mut rebuilder = Rebuilder::new(preview_options(&world.root, address), log);
        for (n, edit) in edits.iter().enumerate() {
            let paths = world.apply(edit);
            lines.lock().unwrap().clear();
            rebuilder.changed(&paths);
            let said = lines.lock().unwrap().join("\n");
            let Some(fresh) = fresh_build(&world.root, address) else {
                // The same error a build gives, over the last good version.
                prop_assert!(said.contains("Still serving the last good build"), "{said}");
                continue;
            };
            let preview = rebuilder.files().read().unwrap().clone();
            compare(&preview, &fresh)
                .map_err(|e| TestCaseError::fail(format!("after edit {n} ({edit:?}): {e}")))?;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
