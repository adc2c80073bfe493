//! The chart as an SVG document: each mark one element, each group a `<g>`
//! with its class, each series a `<polyline>` with `data-series` naming it.

use std::io::{self, Write};

use super::chart::{Anchor, HEIGHT, Mark, WIDTH};

/// Writes `marks` as an SVG document.
pub fn write(marks: &[Mark], mut out: impl Write) -> io::Result<()> {
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">"#
    )?;
    for mark in marks {
        write_mark(mark, &mut out, 1)?;
    }
    writeln!(out, "</svg>")?;
    out.flush()
}

fn write_mark(mark: &Mark, out: &mut impl Write, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    match mark {
        Mark::Group { class, marks } => {
            writeln!(out, r#"{indent}<g class="{}">"#, xml(class))?;
            for mark in marks {
                write_mark(mark, out, depth + 1)?;
            }
            writeln!(out, "{indent}</g>")
        }
        Mark::Rect {
            x,
            y,
            width,
            height,
            fill,
            stroke,
        } => {
            let fill = fill.map_or_else(|| "none".to_owned(), |c| c.hex());
            let stroke = stroke.map_or_else(String::new, |c| format!(r#" stroke="{}""#, c.hex()));
            writeln!(
                out,
                r#"{indent}<rect x="{x:.2}" y="{y:.2}" width="{width:.2}" height="{height:.2}" fill="{fill}"{stroke}/>"#
            )
        }
        Mark::Line {
            from,
            to,
            colour,
            width,
        } => writeln!(
            out,
            r#"{indent}<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{}" stroke-width="{width}"/>"#,
            from.0,
            from.1,
            to.0,
            to.1,
            colour.hex()
        ),
        Mark::Polyline {
            name,
            points,
            colour,
            width,
        } => {
            write!(
                out,
                r#"{indent}<polyline data-series="{}" fill="none" stroke="{}" stroke-width="{width}" stroke-linejoin="round" points=""#,
                xml(name),
                colour.hex()
            )?;
            for (i, (x, y)) in points.iter().enumerate() {
                let gap = if i == 0 { "" } else { " " };
                write!(out, "{gap}{x:.2},{y:.2}")?;
            }
            writeln!(out, r#""/>"#)
        }
        Mark::Text {
            at,
            text,
            anchor,
            size,
            colour,
        } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            writeln!(
                out,
                r#"{indent}<text x="{:.2}" y="{:.2}" text-anchor="{anchor}" font-size="{}" fill="{}">{}</text>"#,
                at.0,
                at.1,
                size.pixels(),
                colour.hex(),
                xml(text)
            )
        }
    }
}

/// `text` with XML's special characters escaped, and control characters
/// (which XML 1.0 cannot hold) shown as `?`.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c if c.is_control() => escaped.push('?'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            xml(r#"a<b & "c">'d'"#),
            "a&lt;b &amp; &quot;c&quot;&gt;&apos;d&apos;"
        );
        assert_eq!(xml("bell\u{7}tab\t"), "bell?tab?");
        assert_eq!(xml("Œuf"), "Œuf");
    }
}
