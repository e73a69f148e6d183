//! Legal-status words of the databases → our states. Lens writes one word per record (`ACTIVE`,
//! `PENDING`, `DISCONTINUED`, `EXPIRED`, `INACTIVE`); Chinese databases a simple status
//! (有效, 审中, 失效) or a finer one (驳回, 撤回, 届满, 未缴年费, 放弃, 全部无效…), sometimes several
//! in one cell (`有效;部分无效`): the first word that maps decides.

use crate::ip::brief::Status;

/// The words each state is written as, compared after trimming and ignoring case.
const WORDS: &[(&str, Status)] = &[
    // Lens, and our own names.
    ("active", Status::Active),
    ("granted", Status::Active),
    ("patented", Status::Active),
    ("in force", Status::Active),
    ("pending", Status::Pending),
    ("discontinued", Status::Lapsed),
    ("inactive", Status::Lapsed),
    ("lapsed", Status::Lapsed),
    ("ceased", Status::Lapsed),
    ("expired", Status::Expired),
    ("withdrawn", Status::Withdrawn),
    ("abandoned", Status::Withdrawn),
    ("rejected", Status::Rejected),
    ("refused", Status::Rejected),
    ("invalidated", Status::Invalidated),
    ("revoked", Status::Invalidated),
    ("unknown", Status::Unknown),
    // Chinese databases: simple statuses, then the events behind them.
    ("有效", Status::Active),
    ("授权", Status::Active),
    ("部分无效", Status::Active),
    ("审中", Status::Pending),
    ("在审", Status::Pending),
    ("公开", Status::Pending),
    ("实质审查", Status::Pending),
    ("实审", Status::Pending),
    ("失效", Status::Lapsed),
    ("未缴年费", Status::Lapsed),
    ("权利终止", Status::Lapsed),
    ("专利权终止", Status::Lapsed),
    ("放弃", Status::Lapsed),
    ("避重放弃", Status::Lapsed),
    ("期限届满", Status::Expired),
    ("届满", Status::Expired),
    ("撤回", Status::Withdrawn),
    ("视为撤回", Status::Withdrawn),
    ("主动撤回", Status::Withdrawn),
    ("驳回", Status::Rejected),
    ("全部无效", Status::Invalidated),
    ("无效", Status::Invalidated),
    ("未确认", Status::Unknown),
];

/// What a legal-status cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing written.
    Empty,
    /// A state we know.
    Known(Status),
    /// Words we do not know (counted as unknown, listed in a warning).
    Unmapped(String),
}

/// Reads one cell: its first word with a mapping, else the cell's text as an unmapped word.
pub fn read(cell: &str) -> Reading {
    let words: Vec<&str> = cell
        .split([';', '；', ',', '，', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Reading::Empty;
    }
    match words.iter().find_map(|w| map(w)) {
        Some(status) => Reading::Known(status),
        None => Reading::Unmapped(words.join(";")),
    }
}

/// One word's state, if it has one.
pub fn map(word: &str) -> Option<Status> {
    let word = word.trim().to_lowercase();
    let word = word.replace('_', " ");
    WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, status)| *status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lens_and_chinese_words() {
        assert_eq!(read("ACTIVE"), Reading::Known(Status::Active));
        assert_eq!(read("DISCONTINUED"), Reading::Known(Status::Lapsed));
        assert_eq!(read("Expired"), Reading::Known(Status::Expired));
        assert_eq!(read("INACTIVE"), Reading::Known(Status::Lapsed));
        assert_eq!(read(" 有效 "), Reading::Known(Status::Active));
        assert_eq!(read("审中"), Reading::Known(Status::Pending));
        assert_eq!(read("未缴年费"), Reading::Known(Status::Lapsed));
        assert_eq!(read("驳回"), Reading::Known(Status::Rejected));
        assert_eq!(read("全部无效"), Reading::Known(Status::Invalidated));
        assert_eq!(read("UNKNOWN"), Reading::Known(Status::Unknown));
    }

    #[test]
    fn the_first_word_that_maps_decides() {
        assert_eq!(read("有效;部分无效"), Reading::Known(Status::Active));
        assert_eq!(
            read("PCT进入国家阶段；撤回"),
            Reading::Known(Status::Withdrawn)
        );
    }

    #[test]
    fn unknown_words_and_empty_cells() {
        assert_eq!(read("  "), Reading::Empty);
        assert_eq!(read("; ;"), Reading::Empty);
        assert_eq!(read("SLEEPING"), Reading::Unmapped("SLEEPING".into()));
        assert_eq!(read("休眠；冻结"), Reading::Unmapped("休眠;冻结".into()));
    }
}
