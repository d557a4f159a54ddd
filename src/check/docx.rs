//! The text of a Word document, for the checker: the paragraphs of
//! `word/document.xml`, one a line, read with the zip and quick-xml crates (the
//! same ones the outline's DOCX writer brings in). A heading's line starts with
//! `# `, a list paragraph's with `- ` after two spaces a level, and a table row is
//! one line with its cells between ` | `: what the checker's reader of DOCX text
//! (`draft`) reads back.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::{Error, Result};

/// The most bytes of XML read from a document: far beyond any real draft, and a
/// stop for a file that inflates without end.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The document's paragraphs, one a line (tabs and line breaks as spaces), marked
/// as the module says.
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
    let mut para = String::new();
    let mut heading = false;
    let mut level: Option<usize> = None;
    let mut in_text = false;
    let mut cells: Vec<String> = Vec::new();
    let mut table_depth = 0usize;
    let mut buf = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart<'_>| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"val")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => table_depth += 1,
                b"tr" => cells.clear(),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" | b"br" => para.push(' '),
                b"pStyle" => {
                    heading = attr(&e).is_some_and(|v| {
                        v.starts_with("Heading") || v == "Title" || v == "Subtitle"
                    })
                }
                b"ilvl" => level = attr(&e).and_then(|v| v.parse().ok()),
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut para).replace('\n', " ");
                    if table_depth > 0 {
                        cells.push(text);
                    } else {
                        if heading {
                            out.push_str("# ");
                        } else if let Some(l) = level {
                            out.push_str(&"  ".repeat(l.min(8)));
                            out.push_str("- ");
                        }
                        out.push_str(&text);
                        out.push('\n');
                    }
                    heading = false;
                    level = None;
                }
                b"tr" => {
                    // A table row is one line, so a citation covers its cells.
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                    cells.clear();
                }
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t.decode().map_err(|e| not_docx(e.to_string()))?;
                let s = quick_xml::escape::unescape(&s).map_err(|e| not_docx(e.to_string()))?;
                para.push_str(&s);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = r.decode().map_err(|e| not_docx(e.to_string()))?;
                let entity = format!("&{name};");
                let s =
                    quick_xml::escape::unescape(&entity).map_err(|e| not_docx(e.to_string()))?;
                para.push_str(&s);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(not_docx(e.to_string())),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
