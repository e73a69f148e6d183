//! The rows of an export file, streamed: CSV in UTF-8 (with or without a BOM) or GB18030, and
//! the first sheet of an `.xlsx` workbook. Rows are handed over one at a time, so memory does not
//! grow with the file.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::NaiveDate;

/// The longest cell read, in bytes; the rest of a longer one is ignored.
pub const MAX_CELL_BYTES: usize = 16 * 1024;

/// The most columns read from a row.
pub const MAX_COLUMNS: usize = 512;

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every CSV cell).
    Text(String),
    /// An Excel date cell.
    Date(NaiveDate),
    /// An Excel number cell.
    Number(f64),
}

/// The text of a cell, for the roles read as text.
pub fn text(cell: Option<&Cell>) -> Cow<'_, str> {
    match cell {
        Some(Cell::Text(t)) => Cow::Borrowed(t),
        Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
            Cow::Owned(format!("{}", *n as i64))
        }
        Some(Cell::Number(n)) => Cow::Owned(n.to_string()),
        Some(Cell::Date(d)) => Cow::Owned(d.to_string()),
        Some(Cell::Empty) | None => Cow::Borrowed(""),
    }
}

/// What reads the rows: the header first, then each row with its 1-based line (CSV) or row
/// (spreadsheet) number.
pub trait Rows {
    /// The header row; returns the columns to read (the others arrive as [`Cell::Empty`]: an
    /// export's abstracts and family lists are most of its bytes); an error stops the reading.
    fn header(&mut self, names: &[String]) -> Result<Vec<usize>, String>;
    /// A data row.
    fn row(&mut self, line: usize, cells: &[Cell]);
}

/// Reads the export at `path` into `rows`: `.xlsx` as a workbook, anything else as CSV.
pub fn read(path: &Path, rows: &mut impl Rows) -> Result<(), String> {
    let is = |ext: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    if is("xlsx") {
        read_xlsx(path, rows)
    } else if is("xls") {
        Err("old Excel files (.xls) are not read: save the export as .xlsx or CSV".into())
    } else {
        read_csv(path, rows)
    }
}

/// Whether the bytes at the start of a file are UTF-8 (a character cut at the end is allowed).
pub fn looks_utf8(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn read_csv(path: &Path, rows: &mut impl Rows) -> Result<(), String> {
    let mut file = File::open(path).map_err(|e| format!("cannot read the export: {e}"))?;
    let mut head = vec![0; 64 * 1024];
    let n = read_up_to(&mut file, &mut head).map_err(|e| format!("cannot read the export: {e}"))?;
    head.truncate(n);
    // Chinese databases write GB18030 (a superset of GBK and GB2312) when not UTF-8; the header
    // row, in Chinese, tells them apart.
    let encoding = (!looks_utf8(&head)).then_some(encoding_rs::GB18030);
    let joined = std::io::Cursor::new(head).chain(file);
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .strip_bom(true)
        .build(joined);
    // Lines end at `\n` (a `\r` before it is trimmed with the cell): with CRLF as the
    // terminator, the reader would number each row after the header one line short.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(BufReader::new(decoded));
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut wanted: Option<Vec<bool>> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => return Err(format!("cannot read the export as CSV: {e}")),
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        cells.clear();
        match &wanted {
            None => {
                cells.extend(record.iter().take(MAX_COLUMNS).map(text_cell));
                wanted = Some(columns(rows.header(&texts(&cells))?));
            }
            Some(wanted) => {
                let read = |(i, field)| match wanted.get(i) {
                    Some(true) => text_cell(field),
                    _ => Cell::Empty,
                };
                cells.extend(record.iter().take(MAX_COLUMNS).enumerate().map(read));
                if cells.iter().any(|c| *c != Cell::Empty) {
                    rows.row(line, &cells);
                }
            }
        }
    }
}

/// Column indices → a flag per column.
fn columns(indices: Vec<usize>) -> Vec<bool> {
    let mut wanted = vec![false; MAX_COLUMNS];
    for i in indices.into_iter().filter(|i| *i < MAX_COLUMNS) {
        wanted[i] = true;
    }
    wanted
}

fn read_up_to(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn text_cell(bytes: &[u8]) -> Cell {
    let bytes = &bytes[..bytes.len().min(MAX_CELL_BYTES)];
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_string())
    }
}

fn texts(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        })
        .collect()
}

fn read_xlsx(path: &Path, rows: &mut impl Rows) -> Result<(), String> {
    use calamine::Reader;
    let unreadable = |e: calamine::XlsxError| format!("cannot read the workbook: {e}");
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(unreadable)?;
    let sheet = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or("the workbook has no sheet")?;
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(unreadable)?;
    // Cells come row by row; a row is handed over when the next one starts.
    let mut current: Option<u32> = None;
    let mut cells: Vec<Cell> = Vec::new();
    let mut wanted: Option<Vec<bool>> = None;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        if let Some(previous) = current.filter(|r| *r != row) {
            deliver(rows, &mut wanted, previous, &mut cells)?;
        }
        current = Some(row);
        let column = column as usize;
        let read = wanted.as_ref().is_none_or(|w| w.get(column) == Some(&true));
        if read {
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = xlsx_cell(cell.get_value());
        }
    }
    match current {
        Some(row) => deliver(rows, &mut wanted, row, &mut cells),
        None => Ok(()),
    }
}

/// Hands over one spreadsheet row (0-based `row`): the first as the header, which says which
/// columns to read.
fn deliver(
    rows: &mut impl Rows,
    wanted: &mut Option<Vec<bool>>,
    row: u32,
    cells: &mut Vec<Cell>,
) -> Result<(), String> {
    if wanted.is_none() {
        let header = rows.header(&texts(cells));
        cells.clear();
        *wanted = Some(columns(header?));
        return Ok(());
    }
    if cells.iter().any(|c| *c != Cell::Empty) {
        rows.row(row as usize + 1, cells);
    }
    cells.clear();
    Ok(())
}

fn xlsx_cell(value: &calamine::DataRef) -> Cell {
    use calamine::DataRef;
    let text = |s: &str| text_cell(s.as_bytes());
    match value {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => text(&b.to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::DateTime(dt) if dt.is_datetime() => dt
            .as_datetime()
            .map_or(Cell::Number(dt.as_f64()), |d| Cell::Date(d.date())),
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_told_from_gb18030() {
        assert!(looks_utf8("公开号,申请日".as_bytes()));
        // A character cut by the end of the sample is still UTF-8.
        assert!(looks_utf8(&"公开号".as_bytes()[..8]));
        let (gb, _, _) = encoding_rs::GB18030.encode("公开号,申请日");
        assert!(!looks_utf8(&gb));
    }
}
