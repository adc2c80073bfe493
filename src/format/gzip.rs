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
    let mut out = Vec::new();
    MultiGzDecoder::new(bytes)
        .take(MAX_INPUT + 1)
        .read_to_end(&mut out)
        .map_err(|error| ParseErrorKind::Gzip(error.to_string()))?;
    if out.len() as u64 > MAX_INPUT {
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
    if !is_gzip_path(path) {
        return atomic::write(path, bytes);
    }
    atomic::write_with(path, |out| {
        let mut encoder = GzEncoder::new(out, Compression::default());
        encoder.write_all(bytes)?;
        encoder.finish()?;
        Ok(())
    })
}
