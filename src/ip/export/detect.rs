//! An export's header row → which column plays which role. Lens.org's header and the Chinese
//! databases' headers (with full-width or ASCII parentheses, an optional `当前` prefix and the
//! usual variants) are known; any other export names its columns in a `columns:` map.

use unicode_normalization::UnicodeNormalization;

use super::applicants::Separator;

/// What a column of an export is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Publication number (deduplication, key patents).
    Number,
    /// Earliest priority date.
    PriorityDate,
    /// Application (filing) date.
    ApplicationDate,
    /// Publication date.
    PublicationDate,
    /// Applicants, several per cell.
    Applicants,
    /// Main IPC code.
    IpcMain,
    /// IPC codes, several per cell.
    Ipc,
    /// Legal status.
    LegalStatus,
    /// Times cited by later patents.
    CitedBy,
    /// Title.
    Title,
    /// Abstract (read only for the technology–effect rules' keywords).
    Abstract,
    /// Inventors, several per cell.
    Inventors,
    /// The jurisdictions of the simple family's members (Lens), several per cell.
    FamilyJurisdictions,
    /// The simple family's members, several per cell: their jurisdictions are the numbers'
    /// first two letters (read when the export has no jurisdictions column).
    FamilyMembers,
    /// CPC codes, several per cell (read only for the technology–effect rules).
    Cpc,
}

/// Every role, in the order messages list them.
pub const ROLES: [Role; 15] = [
    Role::Number,
    Role::PriorityDate,
    Role::ApplicationDate,
    Role::PublicationDate,
    Role::Applicants,
    Role::IpcMain,
    Role::Ipc,
    Role::LegalStatus,
    Role::CitedBy,
    Role::Title,
    Role::Abstract,
    Role::Inventors,
    Role::FamilyJurisdictions,
    Role::FamilyMembers,
    Role::Cpc,
];

impl Role {
    /// The name used in `columns:` (`priority_date`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Number => "number",
            Role::PriorityDate => "priority_date",
            Role::ApplicationDate => "application_date",
            Role::PublicationDate => "publication_date",
            Role::Applicants => "applicants",
            Role::IpcMain => "ipc_main",
            Role::Ipc => "ipc",
            Role::LegalStatus => "legal_status",
            Role::CitedBy => "cited_by",
            Role::Title => "title",
            Role::Abstract => "abstract",
            Role::Inventors => "inventors",
            Role::FamilyJurisdictions => "family_jurisdictions",
            Role::FamilyMembers => "family_members",
            Role::Cpc => "cpc",
        }
    }

    /// The role called `name` in `columns:`.
    pub fn from_name(name: &str) -> Option<Role> {
        ROLES.into_iter().find(|r| r.name() == name)
    }

    /// The headers databases give this role, most specific first (compared with [`fold`]).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Role::Number => &[
                "Display Key",
                "公开（公告）号",
                "公开公告号",
                "公开号",
                "公告号",
                "Publication Number",
            ],
            Role::PriorityDate => &[
                "Earliest Priority Date",
                "最早优先权日",
                "优先权日",
                "Priority Date",
            ],
            Role::ApplicationDate => &["Application Date", "申请日", "Filing Date"],
            Role::PublicationDate => &[
                "Publication Date",
                "公开（公告）日",
                "公开公告日",
                "公开日",
                "公告日",
            ],
            Role::Applicants => &[
                "Applicants",
                "申请（专利权）人",
                "申请专利权人",
                "申请人",
                "专利权人",
                "Applicant",
            ],
            Role::IpcMain => &["主分类号", "IPC主分类", "IPC主分类号", "主IPC", "Main IPC"],
            Role::Ipc => &[
                "IPCR Classifications",
                "分类号",
                "IPC",
                "IPC分类号",
                "IPC分类",
                "IPC Classifications",
            ],
            Role::LegalStatus => &["Legal Status", "法律状态", "简单法律状态", "法律状态/事件"],
            Role::CitedBy => &[
                "Cited by Patent Count",
                "被引证次数",
                "被引用次数",
                "被引证专利数",
                "Cited By",
            ],
            Role::Title => &["Title", "标题", "名称", "发明名称"],
            Role::Abstract => &["Abstract", "摘要"],
            Role::Inventors => &["Inventors", "发明（设计）人", "发明人", "Inventor"],
            Role::FamilyJurisdictions => &["Simple Family Member Jurisdictions"],
            Role::FamilyMembers => &["Simple Family Members", "简单同族", "简单同族成员"],
            Role::Cpc => &["CPC Classifications", "CPC", "CPC分类号"],
        }
    }
}

/// Which database wrote the export, as far as it matters for reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Lens.org.
    Lens,
    /// A Chinese database (CNIPA, incoPat, PatSnap, 佰腾…).
    Chinese,
    /// Named by a `columns:` map, or English headers of another database.
    Other,
}

/// The columns of an export.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The database.
    pub format: Format,
    /// The column index of each role found.
    pub columns: Vec<(Role, usize)>,
    /// The header names, as written.
    pub headers: Vec<String>,
}

impl Layout {
    /// The column of `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| *c)
    }

    /// How the export separates the values of a cell.
    pub fn separator(&self) -> Separator {
        match self.format {
            Format::Lens => Separator::DoubleSemicolon,
            _ => Separator::Any,
        }
    }
}

/// A header name as compared: NFKC (full-width brackets folded), no spaces, brackets or BOM,
/// lower case, without a leading `当前` ("current").
pub fn fold(header: &str) -> String {
    let folded: String = header
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '\u{feff}' | '"' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .strip_prefix("当前")
        .map(str::to_string)
        .unwrap_or(folded)
}

/// Finds the role of each column. `mapping` (the brief's `columns:`) names columns for roles;
/// the other roles are found by the databases' usual headers. The publication number is
/// required, and at least one other role.
pub fn detect(headers: &[String], mapping: &[(Role, String)]) -> Result<Layout, String> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut columns = Vec::new();
    for (role, name) in mapping {
        let Some(i) = folded.iter().position(|h| *h == fold(name)) else {
            return Err(format!(
                "`columns:` names `{name}` for `{}`, but the export has no such column{}; {}",
                role.name(),
                closest(name, headers)
                    .map(|c| format!(" (closest: `{c}`)"))
                    .unwrap_or_default(),
                found(headers)
            ));
        };
        columns.push((*role, i));
    }
    for role in ROLES {
        if columns.iter().any(|(r, _)| *r == role) {
            continue;
        }
        let known = role.headers().iter().map(|h| fold(h));
        let position = known
            .into_iter()
            .find_map(|k| folded.iter().position(|h| *h == k));
        if let Some(i) = position {
            columns.push((role, i));
        }
    }
    let format = if folded.iter().any(|h| h == "lensid" || h == "displaykey") {
        Format::Lens
    } else if headers
        .iter()
        .any(|h| h.chars().any(crate::base::text::is_cjk))
    {
        Format::Chinese
    } else {
        Format::Other
    };
    let layout = Layout {
        format,
        columns,
        headers: headers.to_vec(),
    };
    if layout.column(Role::Number).is_none() || layout.columns.len() < 2 {
        return Err(unmatched(headers));
    }
    Ok(layout)
}

/// The error for a header that matches too little: the roles, the headers found, and for each
/// role missing the header closest to one of its usual names.
fn unmatched(headers: &[String]) -> String {
    let roles: Vec<&str> = ROLES.iter().map(|r| r.name()).collect();
    let mut message = format!(
        "the export's header row does not name a publication number and at least one other role; roles: {}; {}",
        roles.join(", "),
        found(headers)
    );
    let near: Vec<String> = ROLES
        .iter()
        .filter_map(|role| {
            let best = role
                .headers()
                .iter()
                .filter_map(|known| closest(known, headers).map(|h| (known, h)))
                .next()?;
            Some(format!("`{}` for {} (`{}`)", best.1, role.name(), best.0))
        })
        .collect();
    if !near.is_empty() {
        message.push_str(&format!("; closest matches: {}", near.join(", ")));
    }
    message
}

/// "headers found: …", at most 40 of them.
fn found(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(40)
        .map(|h| format!("`{}`", h.chars().take(60).collect::<String>()))
        .collect();
    let more = headers.len().saturating_sub(40);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("headers found: {}{more}", shown.join(", "))
}

/// The header most like `name`, when one is close.
fn closest<'a>(name: &str, headers: &'a [String]) -> Option<&'a str> {
    let target = fold(name);
    headers
        .iter()
        .take(1000)
        .map(|h| (strsim::jaro_winkler(&target, &fold(h)), h.as_str()))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    const LENS: &str = "#,Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Application Number,Application Date,Priority Numbers,Earliest Priority Date,Title,Abstract,Applicants,Inventors,Owners,URL,Document Type,Has Full Text,Cites Patent Count,Cited by Patent Count,Simple Family Size,CPC Classifications,IPCR Classifications,Legal Status";

    #[test]
    fn lens_header() {
        let layout = detect(&headers(LENS), &[]).unwrap();
        assert_eq!(layout.format, Format::Lens);
        assert_eq!(layout.column(Role::Number), Some(3));
        assert_eq!(layout.column(Role::PriorityDate), Some(10));
        assert_eq!(layout.column(Role::Applicants), Some(13));
        assert_eq!(layout.column(Role::CitedBy), Some(20));
        assert_eq!(layout.column(Role::Ipc), Some(23));
        assert_eq!(layout.column(Role::LegalStatus), Some(24));
        assert_eq!(layout.column(Role::IpcMain), None);
        assert_eq!(layout.separator(), Separator::DoubleSemicolon);
    }

    #[test]
    fn chinese_headers_in_their_variants() {
        let layout = detect(
            &headers("\u{feff}序号,公开(公告)号,公开（公告）日,申请号,申请日,当前申请（专利权）人,IPC主分类,IPC,当前法律状态,最早优先权日,被引用次数,名称"),
            &[],
        )
        .unwrap();
        assert_eq!(layout.format, Format::Chinese);
        let roles = [
            (Role::Number, 1),
            (Role::PublicationDate, 2),
            (Role::ApplicationDate, 4),
            (Role::Applicants, 5),
            (Role::IpcMain, 6),
            (Role::Ipc, 7),
            (Role::LegalStatus, 8),
            (Role::PriorityDate, 9),
            (Role::CitedBy, 10),
            (Role::Title, 11),
        ];
        for (role, column) in roles {
            assert_eq!(layout.column(role), Some(column), "{role:?}");
        }
        assert_eq!(layout.separator(), Separator::Any);
    }

    #[test]
    fn the_applicant_column_is_preferred_to_the_owner_column() {
        let layout = detect(&headers("公开号,专利权人,申请人"), &[]).unwrap();
        assert_eq!(layout.column(Role::Applicants), Some(2));
    }

    #[test]
    fn a_mapping_names_other_columns() {
        let mapping = [
            (Role::Number, "Pub No".to_string()),
            (Role::ApplicationDate, "Filed".to_string()),
        ];
        let layout = detect(&headers("Pub No,Filed,Owner"), &mapping).unwrap();
        assert_eq!(layout.format, Format::Other);
        assert_eq!(layout.column(Role::ApplicationDate), Some(1));
        let error = detect(&headers("Pub Nr,Filed"), &mapping).unwrap_err();
        assert!(error.contains("`Pub No` for `number`"), "{error}");
        assert!(error.contains("closest: `Pub Nr`"), "{error}");
    }

    #[test]
    fn a_header_that_matches_nothing_lists_roles_headers_and_closest() {
        let error = detect(&headers("Publication No,Aplicants,Filing"), &[]).unwrap_err();
        assert!(error.contains("roles: number, priority_date"), "{error}");
        assert!(
            error.contains("headers found: `Publication No`, `Aplicants`, `Filing`"),
            "{error}"
        );
        assert!(error.contains("`Aplicants` for applicants"), "{error}");
        assert!(error.contains("`Publication No` for number"), "{error}");
    }
}
