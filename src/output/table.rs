//! kubectl-style tables: upper-case headers, no borders, columns separated by three spaces,
//! `<none>` for empty cells, no trailing blanks — rendered whole, or streamed row by row.

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, presets};

/// Cell text for a missing value.
pub const NONE: &str = "<none>";

/// Render rows under `headers` (upper-cased); without headers when `no_headers`.
pub fn render(headers: &[&str], rows: &[Vec<String>], no_headers: bool) -> String {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if !no_headers {
        table.set_header(headers.iter().map(|h| h.to_uppercase()));
    }
    for row in rows {
        table.add_row(row.iter().map(|cell| {
            if cell.is_empty() {
                NONE.to_string()
            } else {
                cell.clone()
            }
        }));
    }
    let columns = headers.len();
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if index + 1 == columns { 0 } else { 3 }));
        column.set_cell_alignment(CellAlignment::Left);
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Streamed tables (rows written as they are made, widths from a first pass) use the same
/// layout as [`render`]: these two functions are that layout, cell by cell.
/// A cell's width in a streamed table (an empty cell shows as `<none>`).
pub fn column_width(cell: &str) -> usize {
    if cell.is_empty() {
        NONE.len()
    } else {
        cell.chars().count()
    }
}

/// Cells left-aligned in their columns, three spaces apart, `<none>` for empty ones, no
/// trailing blanks.
pub fn write_line(
    out: &mut impl std::io::Write,
    line: &mut String,
    widths: &[usize],
    cells: &[std::borrow::Cow<'_, str>],
) -> std::io::Result<()> {
    line.clear();
    let last = cells.len().saturating_sub(1);
    for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
        let text: &str = if cell.is_empty() { NONE } else { cell };
        line.push_str(text);
        if index < last {
            let pad = width.saturating_sub(text.chars().count()) + 3;
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    out.write_all(line.trim_end().as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_kubectl() {
        let text = render(
            &["job", "workers", "age"],
            &[
                vec!["alice-wc-1".into(), "4/4".into(), "5m".into()],
                vec!["b".into(), String::new(), "2d".into()],
            ],
            false,
        );
        assert_eq!(
            text,
            "JOB          WORKERS   AGE\nalice-wc-1   4/4       5m\nb            <none>    2d\n"
        );
    }

    #[test]
    fn no_headers() {
        let text = render(&["a", "b"], &[vec!["x".into(), "y".into()]], true);
        assert_eq!(text, "x   y\n");
    }
}
