//! A page's text, as the result list shows it, cut into pieces of about [`PIECE_BYTES`]. A result
//! needs the few lines around the query's words, not the whole page: the index records, per
//! posting, the piece where the term is densest, and the browser fetches that piece alone. A short
//! page is one piece.
//!
//! Sizes are in UTF-8 bytes, not characters: a byte of Chinese text and a byte of English
//! compress to about the same (1,500 Chinese characters or 4,500 English letters, about 2 KB
//! gzipped), and what a piece must bound is what a visitor downloads.
//!
//! The indexer (which piece holds a term) and the encoder (one file per piece) cut the same way,
//! by calling [`pieces`].

use crate::markdown::TextSection;

/// Bytes of page text kept for excerpts and sub-results (more are searched, but never shown in an
/// excerpt): a bound on the fragment files of a hostile or enormous page.
pub const FRAGMENT_BYTES: usize = 300_000;
/// Bytes of text in a piece, at most.
pub const PIECE_BYTES: usize = 4_500;

/// The text of one section that falls in one piece: the whole text, or the part of a longer
/// text that continues in the next piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// The section's index in the document.
    pub section: usize,
    /// The section's heading belongs to this part (its first).
    pub starts_section: bool,
    /// The text.
    pub text: &'a str,
}

/// The document's sections cut into pieces: at least one, none empty but the first, each of at
/// most [`PIECE_BYTES`] of text, together the first [`FRAGMENT_BYTES`] of it, in order. A
/// section's text is cut where a line or sentence ends if it can be; a section that starts when
/// the piece is nearly full starts the next piece.
pub fn pieces(sections: &[TextSection]) -> Vec<Vec<Part<'_>>> {
    let mut pieces = vec![Vec::new()];
    let mut room = PIECE_BYTES;
    let mut left = FRAGMENT_BYTES;
    for (section, s) in sections.iter().enumerate() {
        let mut text = &s.text[..s.text.floor_char_boundary(left)];
        left -= text.len();
        if text.len() > room && room < PIECE_BYTES / 4 {
            room = 0;
        }
        let mut starts_section = true;
        loop {
            if room == 0 {
                pieces.push(Vec::new());
                room = PIECE_BYTES;
            }
            let (head, rest) = cut(text, room);
            pieces.last_mut().expect("one piece at least").push(Part {
                section,
                starts_section,
                text: head,
            });
            if rest.is_empty() {
                room -= head.len();
                break;
            }
            (text, room, starts_section) = (rest, 0, false);
        }
    }
    pieces
}

/// `text` split in two, the first part at most `room` bytes: after the last line break or
/// sentence end in the second half of that room if there is one, else after the last space
/// there, else at the last character that fits (a character longer than `room` goes whole).
fn cut(text: &str, room: usize) -> (&str, &str) {
    if text.len() <= room {
        return (text, "");
    }
    let limit = match text.floor_char_boundary(room) {
        0 => text.ceil_char_boundary(1),
        limit => limit,
    };
    let half = limit / 2;
    let after_last = |found: &dyn Fn(char) -> bool| {
        text[..limit]
            .char_indices()
            .rev()
            .take_while(|&(i, _)| i >= half)
            .find(|&(_, c)| found(c))
            .map(|(i, c)| i + c.len_utf8())
    };
    let at = after_last(&|c| c == '\n')
        .or_else(|| after_last(&|c| "。！？；.!?;".contains(c)))
        .or_else(|| after_last(&char::is_whitespace))
        .unwrap_or(limit);
    text.split_at(at)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A section of text, for tests.
    pub(crate) fn section(id: &str, heading: &str, text: &str) -> TextSection {
        TextSection {
            id: id.into(),
            heading: heading.into(),
            text: text.into(),
            code: String::new(),
        }
    }

    fn bytes(piece: &[Part]) -> usize {
        piece.iter().map(|p| p.text.len()).sum()
    }

    #[test]
    fn a_short_page_is_one_piece() {
        let sections = [section("", "", "引言"), section("a", "第一章", "正文")];
        let pieces = pieces(&sections);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].len(), 2);
        assert!(pieces[0].iter().all(|p| p.starts_section));
    }

    #[test]
    fn a_long_section_is_cut_after_a_sentence_and_continues_in_the_next_piece() {
        let sentence = "第一条 为了保护专利权人的合法权益，鼓励发明创造。";
        let text = sentence.repeat(200);
        let sections = [section("ch1", "第一章", &text)];
        let pieces = pieces(&sections);
        assert!(pieces.len() > 2, "{}", pieces.len());
        for piece in &pieces {
            assert!(bytes(piece) <= PIECE_BYTES);
            assert!(piece[0].text.ends_with('。'), "{:?}", piece[0].text);
        }
        assert!(pieces[0][0].starts_section);
        assert!(!pieces[1][0].starts_section);
        assert_eq!(pieces[1][0].section, 0);
        let joined: String = pieces.iter().flatten().map(|p| p.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_section_starting_in_a_nearly_full_piece_starts_the_next() {
        let sections = [
            section("", "", &"字".repeat(PIECE_BYTES / 3 - 10)),
            section("b", "第二章", &"文".repeat(100)),
        ];
        let pieces = pieces(&sections);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[1][0].section, 1);
        assert!(pieces[1][0].starts_section);
    }

    #[test]
    fn text_after_the_fragment_limit_is_left_out_but_headings_stay() {
        let sections = [
            section("", "", &"字".repeat(FRAGMENT_BYTES / 3 + 5)),
            section("z", "附则", "最后"),
        ];
        let pieces = pieces(&sections);
        let kept: usize = pieces.iter().map(|p| bytes(p)).sum();
        assert_eq!(kept, FRAGMENT_BYTES);
        let last = pieces.last().unwrap().last().unwrap();
        assert_eq!((last.section, last.text), (1, ""));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn pieces_cover_the_kept_text_in_order_and_stay_small(
            texts in proptest::collection::vec("[a-z 。\\n专利]{0,12000}", 0..6)
        ) {
            let sections: Vec<TextSection> = texts.iter().map(|t| section("h", "H", t)).collect();
            let pieces = pieces(&sections);
            prop_assert!(!pieces.is_empty());
            for (k, piece) in pieces.iter().enumerate() {
                prop_assert!(bytes(piece) <= PIECE_BYTES);
                prop_assert!(k == 0 || !piece.is_empty());
            }
            for (i, text) in texts.iter().enumerate() {
                let parts: Vec<&Part> = pieces.iter().flatten().filter(|p| p.section == i).collect();
                let joined: String = parts.iter().map(|p| p.text).collect();
                prop_assert_eq!(&joined, text);
                prop_assert!(parts[0].starts_section);
                prop_assert!(parts[1..].iter().all(|p| !p.starts_section));
            }
            let order: Vec<usize> = pieces.iter().flatten().map(|p| p.section).collect();
            prop_assert!(order.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
