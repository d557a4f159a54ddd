//! The HTML and Word renderers of the outline, checked against a hand-built outline
//! full of hostile text: nothing the user typed may become markup, only web links
//! become links, citations jump to the appendix, and the Word file is a real
//! document (converted with LibreOffice when it is installed).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caliber::outline::{
    AppendixRow, Concern, Evidence, ExpectationSection, Outline, OutlineFormat, Para,
    PrincipleSection, ProvidersSection, Quote, render,
};
use caliber::review::Strength;
use caliber::{Cycle, Relation, Scope};
use chrono::NaiveDate;

const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_QUOTE: &str = "Great work <script>alert(1)</script> & \"more\" 'too'";
const USER_LINK: &str = "https://example.com/pr/1?a=1&b=2";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn para(text: &str, cites: Vec<i64>) -> Para {
    Para {
        text: text.to_string(),
        cites,
    }
}

fn outline() -> Outline {
    let hostile = Evidence {
        id: 12,
        date: date(2025, 3, 4),
        title: HOSTILE_TITLE.to_string(),
        situation: Some("Checkout failed <b>twice</b> a week.".to_string()),
        action: Some("Rebuilt the retry path; see [#7].".to_string()),
        result: Some("Failures fell to zero [#12].".to_string()),
        metric: Some("p99 < 200ms & falling".to_string()),
        scope: Scope::Org,
        principles: vec!["Ownership".to_string()],
        vouchers: vec!["Dana \"DJ\" Jones".to_string()],
        links: vec![
            USER_LINK.to_string(),
            "javascript:alert(1)".to_string(),
            "file:///etc/passwd".to_string(),
        ],
    };
    let plain = Evidence {
        id: 7,
        date: date(2025, 1, 20),
        title: "Hired two managers".to_string(),
        situation: None,
        action: None,
        result: Some("Both teams staffed.".to_string()),
        metric: Some("2 managers".to_string()),
        scope: Scope::Team,
        principles: vec![],
        vouchers: vec![],
        links: vec![],
    };
    Outline {
        title: format!("Promotion case: {HOSTILE_TITLE}"),
        cycle: Cycle {
            ladder: "senior-manager".to_string(),
            current_level: "L6".to_string(),
            target_level: "L7".to_string(),
            start: date(2024, 7, 1),
            end: date(2025, 6, 30),
            target_date: Some(date(2025, 7, 15)),
            is_default: false,
        },
        ladder_name: "Senior manager <ladder>".to_string(),
        summary: vec![para(
            "I rebuilt checkout [#12] and hired two managers [#7]; also [#999] and [#x].",
            vec![12, 7],
        )],
        expectations: vec![
            ExpectationSection {
                id: "delivery".to_string(),
                title: "Delivers <em>results</em>".to_string(),
                strength: Strength::Strong,
                gap: false,
                narrative: para("I rebuilt the retry path [#12].", vec![12]),
                evidence: vec![hostile],
            },
            ExpectationSection {
                id: "hiring".to_string(),
                title: "Hires & grows managers".to_string(),
                strength: Strength::Thin,
                gap: true,
                narrative: para("I hired two managers [#7].", vec![7]),
                evidence: vec![plain],
            },
        ],
        principles: vec![PrincipleSection {
            id: "ownership".to_string(),
            name: "Ownership".to_string(),
            line: para("I rebuilt checkout [#12].", vec![12]),
        }],
        providers: ProvidersSection {
            summary: "Two people vouch for wins in the window.".to_string(),
            vouchers: vec!["Dana \"DJ\" Jones".to_string()],
            quotes: vec![Quote {
                person: "Sam <Lee>".to_string(),
                relation: Some(Relation::SkipLevelManager),
                date: date(2025, 4, 2),
                quote: HOSTILE_QUOTE.to_string(),
                expectation: Some("delivery".to_string()),
            }],
            ask: vec!["Priya".to_string()],
        },
        growth: vec![Concern {
            concern: "Hiring rests on one win.".to_string(),
            response: para("Plan: run the next loop [#7].", vec![7]),
        }],
        appendix: vec![
            AppendixRow {
                id: 7,
                date: date(2025, 1, 20),
                title: "Hired two managers".to_string(),
                metric: Some("2 managers".to_string()),
                expectations: vec!["hiring".to_string()],
            },
            AppendixRow {
                id: 12,
                date: date(2025, 3, 4),
                title: HOSTILE_TITLE.to_string(),
                metric: Some("p99 < 200ms & falling".to_string()),
                expectations: vec!["delivery".to_string()],
            },
        ],
        shape: caliber::ladder::default_document().clone(),
    }
}

fn html() -> String {
    String::from_utf8(render(&outline(), OutlineFormat::Html).expect("html renders"))
        .expect("html is UTF-8")
}

/// Every markup tag of a page, `<` to `>`.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn html_escapes_everything_the_user_typed() {
    let h = html();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(
        !h.to_ascii_lowercase().contains("<script"),
        "no script tag at all"
    );
    assert!(
        !h.contains("<img"),
        "the hostile title must not become an image"
    );
    assert!(!h.contains("<img src=x"));
    assert!(
        h.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the hostile title shows as text"
    );
    assert!(
        h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the hostile quote shows as text"
    );
    assert!(h.contains("&quot;more&quot; &#39;too&#39;"));
    assert!(h.contains("Senior manager &lt;ladder&gt;"));
    assert!(h.contains("Delivers &lt;em&gt;results&lt;/em&gt;"));
    assert!(h.contains("p99 &lt; 200ms &amp; falling"));
    assert!(!h.contains("<em>") && !h.contains("<b>"));
    for tag in tags(&h) {
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains("onerror"), "event handler in markup: {tag}");
        assert!(
            !lower.contains("onmouseover"),
            "event handler in markup: {tag}"
        );
        assert!(
            !lower.contains("javascript:"),
            "script URL in markup: {tag}"
        );
        assert!(
            !lower.contains("file:"),
            "non-web link became markup: {tag}"
        );
    }
    assert!(
        h.contains("javascript:alert(1)"),
        "a non-web link is still shown, as text"
    );
}

#[test]
fn html_is_self_contained_and_has_every_section_in_order() {
    let h = html();
    let headings = [
        "1. Summary",
        "2. The expectations of the level",
        "3. Leadership principles evidenced",
        "4. Feedback providers",
        "5. Areas for growth / reasons not to promote",
        "6. Appendix: every win in the window",
    ];
    let mut at = 0;
    for heading in headings {
        let found = h[at..].find(&format!("<h2>{heading}</h2>"));
        assert!(found.is_some(), "missing or out of order: {heading}");
        at += found.unwrap_or(0);
    }
    assert!(
        h.contains("2.1 Delivers"),
        "expectation headings are numbered"
    );
    assert!(h.contains("class=\"badge gap\">GAP<"), "a gap is flagged");
    assert!(h.contains(">strong</span>"), "the strength is shown");
    assert!(h.contains("<blockquote>"), "quotes are blockquotes");
    assert!(
        h.contains("<dt>Situation</dt>")
            && h.contains("<dt>Result</dt>")
            && h.contains("<dt>Scope</dt>")
    );
    assert!(h.contains("@media print") && h.contains("prefers-color-scheme: dark"));
    assert!(h.contains("<style>"));
    assert!(!h.contains("<link") && !h.contains("@import") && !h.contains("url("));

    // The only web address in the page is the user's own link, escaped.
    let escaped_link = "https://example.com/pr/1?a=1&amp;b=2";
    assert!(
        h.contains(&format!("<a href=\"{escaped_link}\"")),
        "the user's link is clickable"
    );
    assert_eq!(
        h.matches("http").count(),
        h.matches(escaped_link).count(),
        "no other http in the page"
    );
}

#[test]
fn html_citations_link_to_the_appendix() {
    let h = html();
    assert!(h.contains("<a class=\"cite\" href=\"#win-12\">[#12]</a>"));
    assert!(h.contains("<a class=\"cite\" href=\"#win-7\">[#7]</a>"));
    assert!(h.contains("<tr id=\"win-12\">") && h.contains("<tr id=\"win-7\">"));
    // Every citation link has its target, and a win the appendix lacks is not linked.
    for part in h.split("href=\"#win-").skip(1) {
        let id: String = part.chars().take_while(char::is_ascii_digit).collect();
        assert!(
            h.contains(&format!("id=\"win-{id}\"")),
            "dangling citation #{id}"
        );
    }
    assert!(!h.contains("#win-999"));
    assert!(h.contains("[#999]") && h.contains("[#x]"));
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Runs LibreOffice headless with a private profile, killing it after `limit`.
fn convert(office: &Path, to: &str, file: &Path, dir: &Path, limit: Duration) -> bool {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let child = Command::new(office)
        .arg(profile)
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

#[test]
fn docx_is_a_zip_with_a_document_that_libreoffice_opens() {
    let bytes = render(&outline(), OutlineFormat::Docx).expect("docx renders");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a ZIP local file header");
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"word/document.xml"), "the main document part");
    assert!(has(b"[Content_Types].xml"), "the content types part");
    assert!(has(b"PK\x05\x06"), "a ZIP end of central directory");
    assert!(
        !has(b"<img src=x"),
        "the hostile title is never raw markup in the package"
    );
    if has(b"<w:document") {
        // docx-rs stores its parts uncompressed: the XML escaping can be seen.
        assert!(
            has(b"&lt;img src=x onerror=alert(1)&gt;"),
            "the title is XML-escaped"
        );
    }

    let Some(office) = find_program(&["libreoffice", "soffice"]) else {
        println!("libreoffice not installed; skipping conversion check");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("outline.docx");
    std::fs::write(&file, &bytes).expect("write the docx");

    assert!(
        convert(&office, "pdf", &file, dir.path(), Duration::from_secs(120)),
        "LibreOffice converts to PDF"
    );
    let pdf = std::fs::metadata(dir.path().join("outline.pdf")).expect("the PDF exists");
    assert!(
        pdf.len() > 1024,
        "the PDF has content ({} bytes)",
        pdf.len()
    );

    // The text LibreOffice reads back has the hostile title as plain text.
    assert!(
        convert(
            &office,
            "txt:Text",
            &file,
            dir.path(),
            Duration::from_secs(120)
        ),
        "LibreOffice converts to text"
    );
    let text = std::fs::read_to_string(dir.path().join("outline.txt")).expect("the text exists");
    assert!(
        text.contains(HOSTILE_TITLE),
        "the win title is kept as text"
    );
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the quote is kept as text"
    );
    assert!(text.contains("6. Appendix: every win in the window"));
    assert!(text.contains(USER_LINK));
}

#[test]
fn a_long_appendix_is_written_as_lines_with_every_win_and_its_bookmark() {
    let has =
        |bytes: &[u8], needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let short = render(&outline(), OutlineFormat::Docx).expect("docx renders");
    assert!(has(&short, "<w:tbl>"), "a short appendix is a table");

    let mut long = outline();
    let cited: Vec<i64> = long.appendix.iter().map(|a| a.id).collect();
    let model = long.appendix[0].clone();
    let extra = caliber::outline::APPENDIX_TABLE_ROWS as i64 + 50;
    long.appendix.extend((0..extra).map(|i| AppendixRow {
        id: 1000 + i,
        title: format!("Win number {i}"),
        ..model.clone()
    }));
    let bytes = render(&long, OutlineFormat::Docx).expect("docx renders");
    assert!(
        !has(&bytes, "<w:tbl>"),
        "a long appendix is lines, not a table"
    );
    // The lines are grouped into paragraphs with line breaks, far fewer paragraphs
    // than wins (each paragraph is costly XML), and the dates start the lines.
    let count = |needle: &str| {
        bytes
            .windows(needle.len())
            .filter(|w| *w == needle.as_bytes())
            .count()
    };
    let lines = long.appendix.len();
    assert!(
        count("<w:p>") < lines / 4,
        "{} paragraphs for {lines} lines",
        count("<w:p>")
    );
    assert!(count("<w:br w:type=\"textWrapping\"") >= lines - lines / 30);
    // Every win has its line; only wins the text cites carry a bookmark to jump to.
    for id in [1000, 1000 + extra - 1] {
        assert!(has(&bytes, &format!("[#{id}]")), "line of #{id}");
        assert!(
            !has(&bytes, &format!("w:name=\"win_{id}\"")),
            "#{id} is not cited"
        );
    }
    let linked: Vec<i64> = cited
        .iter()
        .copied()
        .filter(|id| has(&bytes, &format!("w:anchor=\"win_{id}\"")))
        .collect();
    assert!(!linked.is_empty(), "the fixture's text cites wins");
    for id in linked {
        assert!(
            has(&bytes, &format!("w:name=\"win_{id}\"")),
            "bookmark of cited #{id}"
        );
    }
}
