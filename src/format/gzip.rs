//! gzip-compressed pattern files: told by their first bytes, read up to
//! [`MAX_INPUT`] bytes, and written through [`atomic`](crate::atomic).

use std::io::{self, Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

use super::{MAX_INPUT, ParseErrorKind};
use crate::atomic;

/// The first two bytes of every gzip stream.
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The first four bytes of a zip archive.
const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";

/// Whether `bytes` start as gzip data does.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Whether `bytes` start as a zip archive does.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(&ZIP_MAGIC)
}

/// The bytes that gzip data `bytes` holds (every member, as `gzip -d`
/// reads them), refusing more than [`MAX_INPUT`].
pub(crate) fn decompress(bytes: &[u8]) -> Result<Vec<u8>, ParseErrorKind> {
    decompress_at_most(bytes, MAX_INPUT)
}

/// [`decompress`] with a limit of `limit` bytes; the stream is read no
/// further than one byte past it, so a small file that would expand
/// enormously costs no more than the limit.
fn decompress_at_most(bytes: &[u8], limit: u64) -> Result<Vec<u8>, ParseErrorKind> {
    let mut out = Vec::new();
    MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|error| ParseErrorKind::Gzip(error.to_string()))?;
    if out.len() as u64 > limit {
        return Err(ParseErrorKind::InputTooLarge);
    }
    Ok(out)
}

/// Whether `path` names a gzip file: its name ends in `.gz` (any case).
pub fn is_gzip_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("gz"))
}

/// Writes `bytes` to `path` atomically ([`atomic::write`]), gzip-compressed
/// when the name ends in `.gz` ([`is_gzip_path`]): a failure leaves
/// neither a partial file nor a partial stream.
///
/// ```
/// use corolife::format::{self, Format};
///
/// let dir = std::env::temp_dir().join(format!("corolife-gzip-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("blinker.mc.gz");
/// let blinker = format::parse("x = 3, y = 1\n3o!", None)?;
/// format::write_file(&path, Format::from_path(&path).expect("mc").write(&blinker)?.as_bytes())?;
/// assert_eq!(std::fs::read(&path)?[..2], [0x1f, 0x8b]);
/// assert_eq!(format::load(&path)?.cells(), blinker.cells());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), atomic::WriteError<io::Error>> {
    write_file_with(path, |out| out.write_all(bytes))
}

/// [`write_file`] with the bytes made by `write` as it goes, so that a
/// large output need not be held whole.
pub fn write_file_with<F, E>(path: &Path, write: F) -> Result<(), atomic::WriteError<E>>
where
    F: FnOnce(&mut dyn Write) -> Result<(), E>,
    E: From<io::Error> + std::fmt::Display,
{
    if !is_gzip_path(path) {
        return atomic::write_with(path, |out| write(out));
    }
    atomic::write_with(path, |out| {
        let mut encoder = GzEncoder::new(out, Compression::default());
        write(&mut encoder)?;
        encoder.finish()?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{self, Format, ParseError};

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    #[test]
    fn every_format_is_read_compressed_by_its_content() {
        let glider = format::parse("x = 3, y = 3\nbo$2bo$3o!", None).expect("valid");
        for format in Format::ALL.into_iter().filter(|f| f.is_writable()) {
            let text = format.write(&glider).expect("two states");
            let read = format::parse_bytes(&gzip(text.as_bytes()), None).expect("gzip");
            assert_eq!(
                read.cells(),
                format.parse(&text).expect("valid").cells(),
                "{format}"
            );
        }
        // Two members, as `cat a.gz b.gz` makes, are one file.
        let mut two = gzip(b"x = 3, y = 1\n");
        two.extend(gzip(b"3o!\n"));
        assert_eq!(
            format::parse_bytes(&two, None).map(|p| p.population()),
            Ok(3)
        );
    }

    #[test]
    fn broken_gzip_is_refused_as_such_not_as_text() {
        let whole = gzip(b"x = 3, y = 1\n3o!\n");
        let cut = &whole[..whole.len() / 2];
        let mut garbled = whole.clone();
        garbled[12] ^= 0xff;
        for bytes in [cut, &garbled, &[0x1f, 0x8b][..]] {
            let error = format::parse_bytes(bytes, Some("rle")).expect_err("broken");
            assert!(matches!(error.kind, ParseErrorKind::Gzip(_)), "{error}");
            let message = error.to_string();
            assert!(
                message.starts_with("the gzip-compressed data cannot be read"),
                "{message}"
            );
            assert!(
                !message.contains("UTF-8") && !message.contains("line"),
                "{message}"
            );
        }
        let zip = format::parse_bytes(b"PK\x03\x04rest", None).expect_err("zip");
        assert_eq!(zip.kind, ParseErrorKind::Zip);
    }

    #[test]
    fn the_limit_is_on_the_decompressed_size() {
        let big = gzip(&vec![b'.'; 10_000]);
        assert!(big.len() < 1_000);
        assert_eq!(
            decompress_at_most(&big, 10_000).map(|b| b.len()),
            Ok(10_000)
        );
        assert_eq!(
            decompress_at_most(&big, 9_999),
            Err(ParseErrorKind::InputTooLarge)
        );
        assert_eq!(
            ParseError::new(1, 1, ParseErrorKind::InputTooLarge).to_string(),
            format!(
                "the gzip-compressed file holds more than {MAX_INPUT} bytes, the most corolife reads"
            )
        );
    }

    #[test]
    fn gz_names_are_told_in_any_case() {
        assert!(is_gzip_path(Path::new("a/b.mc.GZ")));
        assert!(!is_gzip_path(Path::new("a/b.mc")));
        assert!(!is_gzip_path(Path::new("gz")));
    }
}
