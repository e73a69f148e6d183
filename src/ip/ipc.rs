//! IPC classification codes: parsed from the ways they are written (`G06F 16/33`, `G06F16/33`,
//! `G06F 16/33 (2019.01)`, `G06F0016330000`), normalised to `G06F 16/33`, ordered the way the
//! scheme orders them (subgroups as decimals: 3/42 < 3/426 < 3/43), found in text and linked to
//! WIPO's IPCPUB, and titled by a bundled table of the sections and the classes portals use.

use std::cmp::Ordering;
use std::ops::Range;

use serde::Deserialize;

/// The `[ipc]` table of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpcSettings {
    /// Link codes found in page text (default true).
    #[serde(default = "yes")]
    pub link: bool,
    /// The link, with `{symbol}` (14-character form), `{code}` and `{lang}`; WIPO IPCPUB by
    /// default.
    #[serde(default = "ipcpub")]
    pub url: String,
}

fn yes() -> bool {
    true
}

fn ipcpub() -> String {
    "https://ipcpub.wipo.int/?notion=scheme&symbol={symbol}&menulang={lang}".into()
}

impl Default for IpcSettings {
    fn default() -> Self {
        IpcSettings {
            link: true,
            url: ipcpub(),
        }
    }
}

/// An IPC code: a subclass, optionally with a main group and subgroup.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IpcCode {
    /// `G06F`.
    pub subclass: String,
    /// Main group and subgroup digits: (16, "33") for `16/33`; `None` for a bare subclass.
    pub group: Option<(u32, String)>,
}

impl IpcCode {
    /// `G06F 16/33`, or `G06F`.
    pub fn display(&self) -> String {
        match &self.group {
            Some((main, sub)) => format!("{} {main}/{sub}", self.subclass),
            None => self.subclass.clone(),
        }
    }

    /// The section letter (`G`).
    pub fn section(&self) -> &str {
        &self.subclass[..1]
    }

    /// The class (`G06`).
    pub fn class(&self) -> &str {
        &self.subclass[..3]
    }

    /// The main group this code belongs to (`G06F 16/00`), `None` for a bare subclass.
    pub fn main_group(&self) -> Option<IpcCode> {
        self.group.as_ref().map(|(main, _)| IpcCode {
            subclass: self.subclass.clone(),
            group: Some((*main, "00".into())),
        })
    }

    /// The 14-character form WIPO's tools use (`G06F0016330000`).
    pub fn symbol(&self) -> String {
        let (main, sub) = self.group.clone().unwrap_or((0, "00".into()));
        format!("{}{main:04}{sub:0<6}", self.subclass)
    }

    /// The URL of the code in `settings`' database.
    pub fn url(&self, settings: &IpcSettings, lang: &str) -> String {
        let lang = if lang.starts_with("zh") { "zh" } else { "en" };
        settings
            .url
            .replace("{symbol}", &self.symbol())
            .replace("{code}", &self.display().replace(' ', ""))
            .replace("{lang}", lang)
    }
}

impl Ord for IpcCode {
    /// Scheme order: subclass, main group as a number, subgroup as the digits after a decimal
    /// point (`/42` < `/426` < `/43`), a bare subclass first.
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |c: &IpcCode| {
            c.group
                .as_ref()
                .map(|(main, sub)| (*main, format!("{sub:0<6}")))
        };
        self.subclass
            .cmp(&other.subclass)
            .then_with(|| key(self).cmp(&key(other)))
    }
}

impl PartialOrd for IpcCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Parses one code as written: `G06F 16/33`, `G06F16/33`, `G06F 16/33 (2019.01)`,
/// `G06F0016330000`, or a bare subclass `G06F`. Sections A–H only (CPC's Y is not IPC).
pub fn parse(text: &str) -> Option<IpcCode> {
    let text = text.trim();
    let text = match text.split_once('(') {
        Some((code, version)) if version.trim_end().ends_with(')') => code.trim_end(),
        _ => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let (end, code) = code_at(&chars, 0, true)?;
    (end == chars.len()).then_some(code)
}

/// The code at `i` and where it ends; `bare` allows a subclass without a group.
fn code_at(chars: &[char], i: usize, bare: bool) -> Option<(usize, IpcCode)> {
    let head = chars.get(i..i + 4)?;
    let valid = matches!(head[0], 'A'..='H')
        && head[1].is_ascii_digit()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_uppercase();
    if !valid {
        return None;
    }
    let subclass: String = head.iter().collect();
    let rest: String = chars[i + 4..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    // The 14-character form: 4 digits of main group, 6 of subgroup.
    if rest.len() == 10 {
        let main: u32 = rest[..4].parse().ok()?;
        let sub = rest[4..].trim_end_matches('0');
        let sub = format!("{sub:0<2}");
        return Some((
            i + 14,
            IpcCode {
                subclass,
                group: Some((main, sub)),
            },
        ));
    }
    let mut at = i + 4;
    if chars.get(at) == Some(&' ') {
        at += 1;
    }
    let main: String = chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let after_main = at + main.len();
    let sub: String = chars
        .get(after_main + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let grouped = (1..=4).contains(&main.len())
        && chars.get(after_main) == Some(&'/')
        && (2..=6).contains(&sub.len());
    if grouped {
        let end = after_main + 1 + sub.len();
        let main = main.parse().ok()?;
        Some((
            end,
            IpcCode {
                subclass,
                group: Some((main, sub)),
            },
        ))
    } else if bare && rest.is_empty() {
        Some((
            i + 4,
            IpcCode {
                subclass,
                group: None,
            },
        ))
    } else {
        None
    }
}

/// Every IPC code with a group (`E04B 1/98`) in `text`: a bare subclass in running text could
/// be anything, so it is not recognised.
pub fn find(text: &str) -> Vec<(Range<usize>, IpcCode)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let plain: Vec<char> = chars.iter().map(|(_, c)| *c).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < plain.len() {
        let starts_word =
            i == 0 || !(plain[i - 1].is_ascii_alphanumeric() || "/=.-_".contains(plain[i - 1]));
        if starts_word
            && let Some((end, code)) = code_at(&plain, i, false)
            && plain
                .get(end)
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != '/')
        {
            let stop = chars.get(end).map_or(text.len(), |(b, _)| *b);
            found.push((chars[i].0..stop, code));
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// A code in HTML: linked when the settings say so, always with its normalised form.
pub fn html(code: &IpcCode, written: &str, settings: &IpcSettings, lang: &str) -> String {
    let written = crate::base::text::escape_html(written);
    let display = code.display();
    if settings.link {
        format!(
            "<a class=\"ipc-code\" href=\"{}\" data-ipc=\"{display}\" rel=\"external noopener\">{written}</a>",
            crate::base::text::escape_html(&code.url(settings, lang))
        )
    } else {
        format!("<span class=\"ipc-code\" data-ipc=\"{display}\">{written}</span>")
    }
}

/// The title of a section (`G`) or class (`G06`) in `lang` (Chinese or English).
pub fn title(code: &str, lang: &str) -> String {
    TITLES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| if lang.starts_with("zh") { *zh } else { *en })
        .unwrap_or("")
        .to_string()
}

/// The eight sections and the classes the portals' disciplines use, in Chinese and English
/// (IPC 2025.01 titles, shortened where the official title is a long enumeration).
const TITLES: [(&str, &str, &str); 31] = [
    ("A", "人类生活必需", "Human necessities"),
    ("B", "作业；运输", "Performing operations; transporting"),
    ("C", "化学；冶金", "Chemistry; metallurgy"),
    ("D", "纺织；造纸", "Textiles; paper"),
    ("E", "固定建筑物", "Fixed constructions"),
    (
        "F",
        "机械工程；照明；加热；武器；爆破",
        "Mechanical engineering; lighting; heating; weapons; blasting",
    ),
    ("G", "物理", "Physics"),
    ("H", "电学", "Electricity"),
    (
        "A01",
        "农业；林业；畜牧业；狩猎；诱捕；捕鱼",
        "Agriculture; forestry; animal husbandry; hunting; trapping; fishing",
    ),
    (
        "A61",
        "医学或兽医学；卫生学",
        "Medical or veterinary science; hygiene",
    ),
    (
        "B01",
        "一般的物理或化学的方法或装置",
        "Physical or chemical processes or apparatus in general",
    ),
    (
        "B09",
        "固体废物的处理；被污染土壤的再生",
        "Disposal of solid waste; reclamation of contaminated soil",
    ),
    ("B60", "一般车辆", "Vehicles in general"),
    (
        "B62",
        "无轨陆用车辆",
        "Land vehicles for travelling otherwise than on rails",
    ),
    (
        "C02",
        "水、废水、污水或污泥的处理",
        "Treatment of water, waste water, sewage, or sludge",
    ),
    (
        "C04",
        "水泥；混凝土；人造石；陶瓷；耐火材料",
        "Cements; concrete; artificial stone; ceramics; refractories",
    ),
    (
        "C08",
        "有机高分子化合物",
        "Organic macromolecular compounds",
    ),
    (
        "E01",
        "道路、铁路或桥梁的建筑",
        "Construction of roads, railways, or bridges",
    ),
    (
        "E02",
        "水利工程；基础；疏浚",
        "Hydraulic engineering; foundations; soil shifting",
    ),
    ("E03", "给水；排水", "Water supply; sewerage"),
    ("E04", "建筑物", "Building"),
    (
        "E06",
        "门、窗、百叶窗或卷辊遮帘；梯子",
        "Doors, windows, shutters, or roller blinds; ladders",
    ),
    ("F16", "工程元件或部件", "Engineering elements and units"),
    ("F24", "供热；炉灶；通风", "Heating; ranges; ventilating"),
    ("G01", "测量；测试", "Measuring; testing"),
    (
        "G06",
        "计算；推算或计数",
        "Computing; calculating or counting",
    ),
    ("G08", "信号装置", "Signalling"),
    ("H01", "基本电气元件", "Electric elements"),
    (
        "H02",
        "发电、变电或配电",
        "Generation; conversion or distribution of electric power",
    ),
    ("H04", "电通信技术", "Electric communication technique"),
    (
        "H05",
        "其他类目不包含的电技术",
        "Electric techniques not otherwise provided for",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form_normalises_alike() {
        for text in [
            "G06F 16/33",
            "G06F16/33",
            "G06F 16/33 (2019.01)",
            "G06F0016330000",
        ] {
            assert_eq!(parse(text).unwrap().display(), "G06F 16/33", "{text}");
        }
        assert_eq!(parse("E04B 1/98").unwrap().symbol(), "E04B0001980000");
        assert_eq!(parse("H01M 10/6556").unwrap().symbol(), "H01M0010655600");
        assert_eq!(parse("G06F").unwrap().display(), "G06F");
        for bad in [
            "Y02E 10/50",
            "G06F 16",
            "G6F 16/33",
            "G06F 16/3",
            "g06f 16/33",
            "G06F 16/33x",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn subgroups_sort_as_decimals() {
        let mut codes: Vec<IpcCode> = [
            "H01M 10/63",
            "H01M 10/625",
            "H01M 3/43",
            "H01M 3/426",
            "H01M 3/42",
            "H01M",
            "B60L 58/26",
        ]
        .iter()
        .map(|c| parse(c).unwrap())
        .collect();
        codes.sort();
        let shown: Vec<String> = codes.iter().map(IpcCode::display).collect();
        assert_eq!(
            shown,
            [
                "B60L 58/26",
                "H01M",
                "H01M 3/42",
                "H01M 3/426",
                "H01M 3/43",
                "H01M 10/625",
                "H01M 10/63"
            ]
        );
    }

    #[test]
    fn codes_are_found_in_text_but_not_inside_other_words() {
        let text = "分类号G06F16/33与 E04B 1/98，但不是 XG06F16/33、Y02E 10/50 或 G06F。";
        let found: Vec<String> = find(text).into_iter().map(|(_, c)| c.display()).collect();
        assert_eq!(found, ["G06F 16/33", "E04B 1/98"]);
        let (range, _) = &find(text)[1];
        assert_eq!(&text[range.clone()], "E04B 1/98");
    }

    #[test]
    fn titles_and_links() {
        assert_eq!(title("E04", "zh"), "建筑物");
        assert_eq!(title("G", "en"), "Physics");
        let code = parse("G06F 16/33").unwrap();
        assert_eq!(
            code.url(&IpcSettings::default(), "zh"),
            "https://ipcpub.wipo.int/?notion=scheme&symbol=G06F0016330000&menulang=zh"
        );
        assert_eq!(code.main_group().unwrap().display(), "G06F 16/00");
    }
}
