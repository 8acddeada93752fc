//! Transparent decompression: gzip and zstd, recognised by their magic bytes.

use std::io::{self, BufRead, BufReader, Read};

/// Size of the buffer of compressed bytes, and of an uncompressed input's buffer.
const BUFFER: usize = 64 << 10;
/// Size of the buffer a decompressor writes into: the bigger, the fewer times a gzip decoder
/// stops and copies its output into its window.
const DECOMPRESSED: usize = 1 << 20;

/// How a stream of bytes is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed (or not in a way this tool knows).
    None,
    /// gzip (one or more members), as `.gz` files are.
    Gzip,
    /// Zstandard (one or more frames), as `.zst` files are.
    Zstd,
}

impl Compression {
    /// The compression whose magic number starts `head` (at least four bytes when there are).
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Reads the first bytes of `raw`, and returns a buffered reader of its decompressed bytes:
/// gunzipped or unzstd'ed when the magic number says so, as they are otherwise. Read errors of
/// a decompressor say which one failed ("gzip: corrupt deflate stream").
pub fn decompress(mut raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut head = [0u8; 4];
    let mut n = 0;
    while n < head.len() {
        match raw.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let compression = Compression::sniff(&head[..n]);
    let whole = BufReader::with_capacity(BUFFER, io::Cursor::new(head).take(n as u64).chain(raw));
    Ok(match compression {
        Compression::None => Box::new(whole),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            DECOMPRESSED,
            Labelled {
                inner: flate2::bufread::MultiGzDecoder::new(whole),
                label: "gzip",
            },
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            DECOMPRESSED,
            Labelled {
                inner: zstd::stream::read::Decoder::with_buffer(whole)?,
                label: "zstd",
            },
        )),
    })
}

/// A reader whose errors are prefixed with the name of the decompressor.
struct Labelled<R> {
    inner: R,
    label: &'static str,
}

impl<R: Read> Read for Labelled<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let what = match e.kind() {
                io::ErrorKind::UnexpectedEof => "the file ends in the middle".to_string(),
                _ => e.to_string(),
            };
            io::Error::new(
                e.kind(),
                format!("cannot decompress {}: {what}", self.label),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn read_all(bytes: Vec<u8>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        decompress(Box::new(io::Cursor::new(bytes)))?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn gzip_zstd_and_plain_are_told_apart() {
        let text = "الرقة Raqqa\n".repeat(1000).into_bytes();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&text).unwrap();
        let mut gz = gz.finish().unwrap();
        // A second member is read too.
        let mut second = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        second.write_all(b"tail").unwrap();
        gz.extend(second.finish().unwrap());
        let mut expected = text.clone();
        expected.extend(b"tail");
        assert_eq!(read_all(gz).unwrap(), expected);
        let zst = zstd::stream::encode_all(&text[..], 1).unwrap();
        assert_eq!(read_all(zst).unwrap(), text);
        assert_eq!(read_all(text.clone()).unwrap(), text);
        assert_eq!(read_all(b"ab".to_vec()).unwrap(), b"ab");
        assert_eq!(read_all(Vec::new()).unwrap(), b"");
    }

    #[test]
    fn truncated_gzip_is_an_error_that_says_so() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&[b'x'; 10_000]).unwrap();
        let gz = gz.finish().unwrap();
        let e = read_all(gz[..gz.len() / 2].to_vec()).unwrap_err();
        assert!(e.to_string().starts_with("cannot decompress gzip"), "{e}");
    }
}
