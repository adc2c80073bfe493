//! Telling the formats apart: by content first, by file extension second.

use std::path::Path;

use super::{Format, gzip, life105, life106, macrocell, mcell, rle};

impl Format {
    /// The format a file extension (without the dot, any case) stands for:
    /// `rle`; `cells` or `txt`; `lif` or `life`, which both Life formats use
    /// and which stands for Life 1.06, the one corolife writes; `mc`;
    /// `mcl` (MCell).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "rle" => Some(Format::Rle),
            "cells" | "txt" => Some(Format::Plaintext),
            "lif" | "life" => Some(Format::Life106),
            "mc" => Some(Format::Macrocell),
            "mcl" => Some(Format::MCell),
            _ => None,
        }
    }

    /// The format a file name stands for, by its extension
    /// ([`from_extension`](Format::from_extension)), or by the one before a
    /// final `.gz` (`glider.rle.gz` is RLE).
    ///
    /// ```
    /// use corolife::format::Format;
    /// use std::path::Path;
    ///
    /// assert_eq!(Format::from_path(Path::new("out/big.mc.gz")), Some(Format::Macrocell));
    /// assert_eq!(Format::from_path(Path::new("glider.CELLS")), Some(Format::Plaintext));
    /// assert_eq!(Format::from_path(Path::new("notes.gz")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let path = if gzip::is_gzip_path(path) {
            path.file_stem().map(Path::new)?
        } else {
            path
        };
        Format::from_extension(path.extension()?.to_str()?)
    }

    /// The format of `text`, judged by its content, or failing that by the
    /// file `extension` (without the dot).
    ///
    /// The first line that is not blank decides:
    ///
    /// * `[M2]`: macrocell;
    /// * `#MCell`: MCell;
    /// * `#Life 1.05` or `#Life 1.06` (in any case): that Life format;
    /// * `!`: plaintext;
    /// * another `#` line: RLE, unless the first line after the `#` lines is
    ///   a row of `.` and `*` with a `*` (Life 1.05 without its header) or
    ///   two integers (Life 1.06 without its header);
    /// * an RLE header `x = …`: RLE;
    /// * only `.`, `O` and `*`: plaintext;
    /// * two integers: Life 1.06.
    ///
    /// Otherwise the extension decides, as [`from_extension`](Format::from_extension)
    /// says.
    ///
    /// ```
    /// use corolife::format::Format;
    ///
    /// assert_eq!(Format::detect("#Life 1.06\n0 0\n", Some("rle")), Some(Format::Life106));
    /// assert_eq!(Format::detect("#N Blinker\nx = 3, y = 1\n3o!", None), Some(Format::Rle));
    /// assert_eq!(Format::detect("3o!", Some("rle")), Some(Format::Rle));
    /// assert_eq!(Format::detect("3o!", None), None);
    /// ```
    pub fn detect(text: &str, extension: Option<&str>) -> Option<Format> {
        let by_extension = || extension.and_then(Format::from_extension);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let Some(first) = lines.next() else {
            return by_extension();
        };
        if macrocell::is_header(first) {
            return Some(Format::Macrocell);
        }
        if first.starts_with(mcell::HEADER) {
            return Some(Format::MCell);
        }
        for (header, format) in [
            (life105::HEADER, Format::Life105),
            (life106::HEADER, Format::Life106),
        ] {
            if first
                .get(..header.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(header))
            {
                return Some(format);
            }
        }
        if first.starts_with('!') {
            return Some(Format::Plaintext);
        }
        if first.starts_with('#') {
            return match lines.find(|l| !l.starts_with('#')) {
                Some(body) if is_life105_row(body) => Some(Format::Life105),
                Some(body) if is_coordinates(body) => Some(Format::Life106),
                Some(_) => Some(Format::Rle),
                None => by_extension().or(Some(Format::Rle)),
            };
        }
        if rle::is_header(first) {
            return Some(Format::Rle);
        }
        if first.chars().all(|c| matches!(c, '.' | 'O' | '*')) {
            return Some(Format::Plaintext);
        }
        if is_coordinates(first) {
            return Some(Format::Life106);
        }
        by_extension()
    }
}

/// A row of a Life 1.05 block with at least one live cell.
fn is_life105_row(line: &str) -> bool {
    line.contains('*') && line.chars().all(|c| matches!(c, '.' | '*'))
}

/// Two integers separated by blanks: a Life 1.06 cell.
fn is_coordinates(line: &str) -> bool {
    let is_integer = |token: &str| {
        let digits = token.strip_prefix(['-', '+']).unwrap_or(token);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let mut tokens = line.split_whitespace();
    matches!(
        (tokens.next(), tokens.next(), tokens.next()),
        (Some(x), Some(y), None) if is_integer(x) && is_integer(y)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_prefers_content_over_extension() {
        assert_eq!(
            Format::detect("!Name: x\n.O.\n", Some("rle")),
            Some(Format::Plaintext)
        );
        assert_eq!(
            Format::detect("x = 3, y = 1\n3o!", Some("cells")),
            Some(Format::Rle)
        );
        assert_eq!(
            Format::detect("#N glider\nbo$2bo$3o!", None),
            Some(Format::Rle)
        );
        assert_eq!(Format::detect("OO\nOO\n", None), Some(Format::Plaintext));
        assert_eq!(Format::detect("3o!", Some("RLE")), Some(Format::Rle));
        assert_eq!(Format::detect("3o!", None), None);
    }

    #[test]
    fn life_headers_decide_before_anything_else() {
        let detect = |text| Format::detect(text, Some("rle"));
        assert_eq!(detect("\n#Life 1.05\n#P\n*\n"), Some(Format::Life105));
        assert_eq!(detect("#Life 1.06\n0 0\n"), Some(Format::Life106));
        assert_eq!(detect("#LIFE 1.06\r\n"), Some(Format::Life106));
        assert_eq!(detect("\n#MCell 4.20\r\n#L A\n"), Some(Format::MCell));
        // MCell's other lines look like RLE comments: only the header tells.
        assert_eq!(detect("#GOLLY WireWorld\n#L A\n"), Some(Format::Rle));
    }

    #[test]
    fn header_less_life_files_are_told_by_their_first_cell_line() {
        assert_eq!(
            Format::detect("#D acorn\n#P -3 -1\n.*\n", None),
            Some(Format::Life105)
        );
        assert_eq!(
            Format::detect("#D list\n1 -2\n", None),
            Some(Format::Life106)
        );
        assert_eq!(Format::detect("-1 4\n2 2\n", None), Some(Format::Life106));
        // A row of dead cells alone is valid RLE data.
        assert_eq!(Format::detect("#N x\n...\n3o!", None), Some(Format::Rle));
        assert_eq!(
            Format::detect("#D only comments", Some("lif")),
            Some(Format::Life106)
        );
        assert_eq!(Format::detect("#D only comments", None), Some(Format::Rle));
    }

    #[test]
    fn extensions_decide_what_the_content_does_not() {
        for (extension, format) in [
            ("rle", Some(Format::Rle)),
            ("cells", Some(Format::Plaintext)),
            ("TXT", Some(Format::Plaintext)),
            ("lif", Some(Format::Life106)),
            ("Life", Some(Format::Life106)),
            ("mc", Some(Format::Macrocell)),
            ("MCL", Some(Format::MCell)),
            ("gz", None),
        ] {
            assert_eq!(
                Format::detect("o$o!", Some(extension)),
                format,
                "{extension}"
            );
        }
    }
}
