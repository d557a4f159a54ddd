//! The text of a Word document, for the checker: the paragraphs of
//! `word/document.xml`, one a line, read with the zip and quick-xml crates (the
//! same ones the outline's DOCX writer brings in).

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::{Error, Result};

/// The most bytes of XML read from a document: far beyond any real draft, and a
/// stop for a file that inflates without end.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The document's paragraphs, one a line (tabs and line breaks as spaces).
pub(super) fn text(bytes: &[u8], what: &str) -> Result<String> {
    let not_docx = |why: String| {
        Error::BadFile(format!(
            "{what} cannot be read as a Word document ({why}); save it again as .docx, or as Markdown or plain text"
        ))
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_docx(e.to_string()))?;
    let mut xml = Vec::new();
    zip.by_name("word/document.xml")
        .map_err(|_| not_docx("it has no word/document.xml".into()))?
        .take(MAX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|e| not_docx(e.to_string()))?;
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"t" => in_text = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" | b"br" => out.push(' '),
                b"p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t.decode().map_err(|e| not_docx(e.to_string()))?;
                let s = quick_xml::escape::unescape(&s).map_err(|e| not_docx(e.to_string()))?;
                out.push_str(&s);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = r.decode().map_err(|e| not_docx(e.to_string()))?;
                let entity = format!("&{name};");
                let s =
                    quick_xml::escape::unescape(&entity).map_err(|e| not_docx(e.to_string()))?;
                out.push_str(&s);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_docx(e.to_string())),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
