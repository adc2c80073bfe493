//! `corolife list`: the built-in patterns, one line each.

use std::fmt::Write as _;
use std::io::Write;

use corolife::library;

pub fn list() -> anyhow::Result<()> {
    let mut out = super::output::stdout();
    out.write_all(table().as_bytes())?;
    out.flush()?;
    Ok(())
}

/// One line per built-in pattern: the name to type, the pattern's own name
/// (`#N`) and the first sentence of its description, in aligned columns.
fn table() -> String {
    let rows: Vec<(&str, String, String)> = library::names()
        .map(|name| {
            let pattern = library::pattern(name).unwrap_or_default();
            let title = pattern.name.unwrap_or_default();
            (name, title, first_sentence(&pattern.comments))
        })
        .collect();
    let name_width = rows.iter().map(|(n, _, _)| n.len()).max().unwrap_or(0);
    let title_width = rows
        .iter()
        .map(|(_, t, _)| t.chars().count())
        .max()
        .unwrap_or(0);
    let mut table = String::new();
    for (name, title, summary) in rows {
        let line = format!("{name:<name_width$}  {title:<title_width$}  {summary}");
        let _ = writeln!(table, "{}", line.trim_end());
    }
    table
}

/// The first sentence of a description given as comment lines, leaving out
/// the `Source:` line that cites where the pattern comes from.
fn first_sentence(comments: &[String]) -> String {
    let text = comments
        .iter()
        .filter(|line| !line.starts_with("Source:"))
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_spans_lines_and_skips_the_source() {
        let comments = [
            "A 6-cell still life. It is the second".to_owned(),
            "most common one.".to_owned(),
            "Source: LifeWiki, https://conwaylife.com/wiki/Beehive".to_owned(),
        ];
        assert_eq!(first_sentence(&comments), "A 6-cell still life.");
        let comments = [
            "An oscillator of period 15 that a row".to_owned(),
            "of 10 cells evolves into".to_owned(),
        ];
        assert_eq!(
            first_sentence(&comments),
            "An oscillator of period 15 that a row of 10 cells evolves into"
        );
        assert_eq!(first_sentence(&[]), "");
    }

    #[test]
    fn every_built_in_pattern_has_a_line() {
        let table = table();
        let names: Vec<&str> = library::names().collect();
        assert_eq!(table.lines().count(), names.len());
        for (line, name) in table.lines().zip(names) {
            assert!(line.starts_with(&format!("{name} ")), "{line}");
        }
    }
}
