//! `corolife info`: what a pattern file says about itself and, with
//! `--gens`, what the pattern does or becomes (see
//! [`analysis::settle`](corolife::analysis::settle)), with a census of
//! what it leaves when it settles.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Context;
use corolife::Pattern;
use corolife::escape::escape;
use corolife::{analysis, load};

use super::args::InfoArgs;
use super::input;

pub fn info(args: &InfoArgs) -> anyhow::Result<()> {
    let mut source = input::load(&args.pattern.value)?;
    if let Some(rule) = args.rule.get_beside(Some(&args.pattern.value))? {
        source.pattern.rule = Some(rule);
    }
    let report = describe(&source.pattern, source.bundle.as_ref(), args.gens)
        .with_context(|| source.label.clone())?;
    let mut out = super::output::stdout();
    out.write_all(report.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `W × H (width × height)`, from a macrocell tree without listing its
/// cells, or `empty`.
fn bounding_box(pattern: &Pattern) -> String {
    let size = match pattern.macrocell() {
        Some(tree) => tree.bounds().map(|b| (b.width(), b.height())),
        None => pattern.bounding_box().map(|b| (b.width(), b.height())),
    };
    match size {
        Some((width, height)) => format!("{width} × {height} (width × height)"),
        None => "empty".into(),
    }
}

/// The number of live cells, from a macrocell tree without listing them.
fn population(pattern: &Pattern) -> String {
    match pattern.macrocell() {
        Some(tree) => tree.population().to_string(),
        None => pattern.population().to_string(),
    }
}

/// The report: one `label  value` line per fact, comments last, one line
/// each. The file's own text (name, author, comments) is escaped, so that
/// a control character in it is shown rather than obeyed by the terminal.
fn describe(
    pattern: &Pattern,
    bundle: Option<&load::Bundled>,
    generations: Option<u64>,
) -> anyhow::Result<String> {
    let rule = load::rule(None, pattern);
    let mut lines: Vec<(&str, String)> = vec![
        (
            "name",
            pattern
                .name
                .as_deref()
                .map_or_else(|| "(none)".into(), shown),
        ),
        (
            "author",
            pattern
                .author
                .as_deref()
                .map_or_else(|| "(none)".into(), shown),
        ),
        (
            "rule",
            match pattern.rule {
                Some(rule) => match rule.named_rule() {
                    Some(named) => {
                        format!("{rule} ({}, {} states)", rule.family(), named.states())
                    }
                    None => rule.to_string(),
                },
                None => format!("{rule} (none given)"),
            },
        ),
        ("box", bounding_box(pattern)),
        ("population", population(pattern)),
    ];
    if pattern.generation != 0 {
        lines.push(("generation", pattern.generation.to_string()));
    }
    if let Some(named) = pattern.rule.and_then(|rule| rule.named_rule()) {
        let mut notes = named.notes().iter();
        if let Some(first) = notes.next() {
            lines.push(("rule notes", shown(first)));
            lines.extend(notes.map(|note| ("", shown(note))));
        }
    }
    if let Some(bundle) = bundle {
        lines.push((
            "bundle",
            format!(
                "{} entries; ran {}",
                bundle.entries.len(),
                shown(&bundle.pattern)
            ),
        ));
        lines.extend(bundle.entries.iter().map(|entry| {
            (
                "",
                format!(
                    "{:<7}  {} ({} bytes)",
                    entry.kind.name(),
                    shown(&entry.path),
                    entry.size
                ),
            )
        }));
    }
    if let Some(generations) = generations {
        let settlement = analysis::settle(pattern, rule, generations)?;
        lines.push(("behaviour", settlement.outcome.to_string()));
        if let Some(census) = settlement.census {
            lines.push(("census", census.to_string()));
        }
    }
    let mut comments = pattern.comments.iter();
    lines.push((
        "comments",
        comments
            .next()
            .map_or_else(|| "(none)".into(), |comment| shown(comment)),
    ));
    lines.extend(comments.map(|comment| ("", shown(comment))));

    let width = lines
        .iter()
        .map(|(label, _)| label.len())
        .max()
        .unwrap_or(0);
    let mut report = String::new();
    for (label, value) in lines {
        let _ = writeln!(report, "{label:<width$}  {value}");
    }
    Ok(report)
}

/// Text from the file, escaped.
fn shown(text: &str) -> String {
    escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_pattern_says_what_it_lacks() {
        let pattern = corolife::format::parse("x = 3, y = 1\n3o!", None).expect("valid");
        let report = describe(&pattern, None, Some(10)).expect("Life");
        assert_eq!(
            report,
            "name        (none)\n\
             author      (none)\n\
             rule        B3/S23 (none given)\n\
             box         3 × 1 (width × height)\n\
             population  3\n\
             behaviour   oscillator, period 2\n\
             comments    (none)\n"
        );
    }

    #[test]
    fn a_settled_pattern_has_a_census_after_its_behaviour() {
        // A glider flying away from a block.
        let pattern =
            corolife::format::parse("x = 8, y = 8\n3o$o$bo4$6b2o$6b2o!", None).expect("valid");
        let report = describe(&pattern, None, Some(20)).expect("Life");
        assert!(
            report.contains(
                "population  9\n\
                 behaviour   settles at generation 0 into still lifes, 9 cells\n\
                 census      1 block, 1 glider\n\
                 comments    (none)\n"
            ),
            "{report}"
        );
    }

    #[test]
    fn a_macrocell_tree_is_measured_without_listing_its_cells() {
        // A level-40 square full of copies of one 8x8 leaf of one cell.
        let mut text = String::from("[M2]\n#G 1024\n*$\n");
        for level in 4..=40 {
            let n = level - 3;
            text += &format!("{level} {n} {n} {n} {n}\n");
        }
        let pattern = corolife::format::parse(&text, None).expect("valid");
        let report = describe(&pattern, None, None).expect("no analysis");
        let side = (1u64 << 40) - 7;
        assert!(
            report.contains(&format!(
                "box         {side} × {side} (width × height)\n\
                 population  {}\n\
                 generation  1024\n",
                1u128 << 74
            )),
            "{report}"
        );
        let error = describe(&pattern, None, Some(4)).expect_err("too many to run");
        assert!(error.to_string().contains("cells"), "{error}");
    }

    #[test]
    fn an_empty_pattern_has_no_box() {
        let report = describe(&Pattern::default(), None, Some(5)).expect("Life");
        assert!(report.contains("box         empty\n"), "{report}");
        assert!(report.contains("behaviour   empty\n"), "{report}");
    }

    #[test]
    fn the_file_rule_is_used_and_b0_cannot_be_classified() {
        let highlife =
            corolife::format::parse("x = 3, y = 1, rule = B36/S23\n3o!", None).expect("valid");
        assert!(
            describe(&highlife, None, None)
                .expect("no analysis")
                .contains("rule        B36/S23\n")
        );
        let b0 =
            corolife::format::parse("x = 2, y = 2, rule = B03/S23\n2o$2o!", None).expect("valid");
        assert!(describe(&b0, None, None).is_ok());
        let error = describe(&b0, None, Some(3)).expect_err("B0 has no plane");
        assert!(error.to_string().contains("B0"), "{error}");
    }

    #[test]
    fn the_file_s_own_text_is_escaped() {
        let text = "#N Evil\u{1b}]2;PWNED\u{7}\n#O \u{9b}31m\n#C a\u{202e}b\nx = 1, y = 1\no!";
        let pattern = corolife::format::parse(text, None).expect("valid");
        let report = describe(&pattern, None, None).expect("no analysis");
        assert!(
            report.contains("name        Evil\\u{1b}]2;PWNED\\u{7}\n"),
            "{report}"
        );
        assert!(report.contains("author      \\u{9b}31m\n"), "{report}");
        assert!(report.contains("comments    a\\u{202e}b\n"), "{report}");
        assert!(!report.contains('\u{1b}'), "{report}");
    }
}
