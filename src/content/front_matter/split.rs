//! A content file's bytes → its text (UTF-8, LF line endings) → its front matter and body.

use super::FieldError;
use crate::base::diagnostics::Code;
use crate::msg;

/// A content file's text split at its front matter.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML, without the `---` lines.
    pub front_matter: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Decodes a content file: UTF-8 required, a byte-order mark dropped, CRLF line endings made LF.
pub fn decode(bytes: Vec<u8>) -> Result<String, FieldError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        FieldError::new(Code::FileEncoding, line, msg!("front_matter.not_utf8"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(
            Code::FrontMatterSyntax,
            1,
            msg!("front_matter.empty_file"),
        ));
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(FieldError::new(
            Code::FrontMatterSyntax,
            1,
            msg!("front_matter.no_opening"),
        ));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &rest[..offset],
                body: &rest[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(FieldError::new(
        Code::FrontMatterSyntax,
        1,
        msg!("front_matter.not_closed"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_handles_body_lines_and_missing_close() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert!(
            split("---\ntitle: a\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("").unwrap_err().message.contains("empty file"));
        assert!(split("# no front matter").is_err());
    }

    #[test]
    fn decode_strips_bom_and_crlf_and_rejects_bad_utf8() {
        assert_eq!(
            decode(b"\xef\xbb\xbf---\r\na\r\n".to_vec()).unwrap(),
            "---\na\n"
        );
        let err = decode(b"---\ntitle: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.line, 2);
    }
}
