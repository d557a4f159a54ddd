//! How the CLI shows things: compact text for people, JSON for scripts. Text goes
//! to standard output; confirmations go to standard error so that
//! `id=$(caliber log ...)` captures only the id.

use std::io::Write;

use caliber::ladder::PrincipleSet;
use caliber::names::NameTaken;
use caliber::people::{PeopleOverview, PersonOverview};
use caliber::review::Review;
use caliber::suggest::Suggestion;
use caliber::{Cycle, Error, Feedback, Ladder, Person, Result, Win, WinView};
use serde::Serialize;

pub struct Out {
    json: bool,
    /// Names taken as someone whose name they are not exactly, for JSON output.
    taken: std::cell::RefCell<Vec<NameTaken>>,
}

/// Writes to standard output; a closed pipe (`caliber list | head`) is not an error.
pub fn stdout(text: &str) -> Result<()> {
    let mut o = std::io::stdout().lock();
    match o.write_all(text.as_bytes()).and_then(|_| o.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("could not write to standard output", e)),
    }
}

fn json_text<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(Error::json)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The columns text may take: `COLUMNS` when set (as scripts and tests do), else
/// the width of the terminal on standard output, else 80 (a pipe or a file).
fn width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n.max(20);
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(w, _)| usize::from(w.0))
        .filter(|n| *n > 0)
        .unwrap_or(80)
}

/// Wraps every line of `text` longer than `width` at spaces. The part that fits
/// keeps its own spacing (columns stay aligned); the rest continues under it,
/// indented two more columns than the line, or to the text of a numbered item
/// (" 1. "). A word longer than a line is left whole.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let lead = line.len() - line.trim_start_matches(' ').len();
        let body = &line[lead..];
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let hang = if digits > 0 && body[digits..].starts_with(". ") {
            lead + digits + 2
        } else {
            lead + 2
        };
        let mut rest = line.to_string();
        let mut indent = lead;
        loop {
            if rest.chars().count() <= width {
                out.push_str(&rest);
                out.push('\n');
                break;
            }
            // The last space that leaves the line within the width, past the indent;
            // else the first one after it (the word is longer than a line).
            let limit = rest
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(i, _)| i);
            let cut = rest[..limit]
                .rfind(' ')
                .filter(|i| *i > indent && !rest[indent..*i].trim().is_empty())
                .or_else(|| rest[limit..].find(' ').map(|i| i + limit));
            let Some(cut) = cut else {
                out.push_str(&rest);
                out.push('\n');
                break;
            };
            out.push_str(rest[..cut].trim_end());
            out.push('\n');
            let tail = rest[cut..].trim_start();
            if tail.is_empty() {
                break;
            }
            indent = hang.min(width / 2);
            rest = format!("{}{tail}", " ".repeat(indent));
        }
    }
    out
}

/// The words of `text` in lines of at most `room` characters (a longer word on a
/// line of its own).
fn lines_of(text: &str, room: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// "at", or "below (default)" when it comes from the relation, or "-".
fn seniority_text(p: &Person) -> String {
    match (p.seniority, p.seniority_or_default()) {
        (Some(s), _) => s.to_string(),
        (None, Some(s)) => format!("{s} (default)"),
        (None, None) => "-".into(),
    }
}

fn win_line(w: &Win) -> String {
    let mut line = format!("{:>5}  {}  {}", w.id, w.date, w.title);
    if let Some(m) = &w.metric {
        line.push_str(&format!("  ({m})"));
    }
    if !w.expectations.is_empty() {
        let tags: Vec<String> = w
            .expectations
            .iter()
            .map(|t| {
                if t.confirmed {
                    t.id.clone()
                } else {
                    format!("{}?", t.id)
                }
            })
            .collect();
        line.push_str(&format!("  [{}]", tags.join(", ")));
    }
    line
}

/// A value with the notes the library gave about it (a date outside the review
/// window): `warnings` beside the value's own fields in JSON, left out when empty.
#[derive(Serialize)]
struct Noted<'a, T: Serialize + ?Sized> {
    #[serde(flatten)]
    value: &'a T,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

impl Out {
    pub fn new(json: bool) -> Out {
        Out {
            json,
            taken: Default::default(),
        }
    }

    /// Says which typed names were taken as whom: a sentence each on standard error,
    /// or, in JSON, a `names_taken` field of the object printed next (on standard
    /// error when what follows is a list).
    pub fn took(&self, notes: Vec<NameTaken>, list_follows: bool) {
        if notes.is_empty() {
            return;
        }
        if !self.json || list_follows {
            for n in &notes {
                let _ = writeln!(std::io::stderr(), "{}", n.sentence());
            }
        } else {
            self.taken.borrow_mut().extend(notes);
        }
    }

    /// JSON of an object, with the names taken on the way, if any.
    fn json_object<T: Serialize + ?Sized>(&self, v: &T) -> Result<String> {
        let taken = self.taken.borrow();
        if taken.is_empty() {
            return json_text(v);
        }
        let mut value = serde_json::to_value(v).map_err(Error::json)?;
        if let Some(o) = value.as_object_mut() {
            o.insert(
                "names_taken".into(),
                serde_json::to_value(&*taken).map_err(Error::json)?,
            );
        }
        json_text(&value)
    }

    /// Notes about what was saved: each on stderr as "note: ..." for a person (JSON
    /// carries them in `warnings` instead).
    pub fn warnings(&self, warnings: &[String]) {
        for w in warnings {
            self.note(&format!("note: {w}"));
        }
    }

    /// [`Out::done`] with the library's notes about the value.
    pub fn done_noted<T: Serialize + ?Sized>(
        &self,
        value: &T,
        warnings: &[String],
        sentence: &str,
    ) -> Result<()> {
        self.done(&Noted { value, warnings }, sentence)?;
        self.warnings(warnings);
        Ok(())
    }

    /// A confirmation: the value as JSON, or the sentence for a person (on stderr).
    pub fn done<T: Serialize + ?Sized>(&self, value: &T, sentence: &str) -> Result<()> {
        if self.json {
            stdout(&self.json_object(value)?)
        } else {
            self.note(sentence);
            Ok(())
        }
    }

    /// A check's findings, each as FILE:LINE:COLUMN, kind, text and what to do,
    /// then what was checked.
    pub fn check_report(&self, file: &str, r: &caliber::check::Report) -> Result<()> {
        if self.json {
            return stdout(&json_text(r)?);
        }
        let mut text = String::new();
        for f in &r.findings {
            text.push_str(&format!(
                "{file}:{}:{}: {}: {}\n    {}\n",
                f.line,
                f.column,
                f.kind.as_str(),
                clip(&f.text, 120),
                f.suggestion
            ));
        }
        let c = &r.checked;
        text.push_str(&format!(
            "Checked {} sentences, {} figures, {} citations: {}.\n",
            c.sentences,
            c.figures,
            c.citations,
            match r.findings.len() {
                0 => "no findings".to_string(),
                1 => "1 finding".to_string(),
                n => format!("{n} findings"),
            }
        ));
        stdout(&text)
    }

    /// What the next undos and redos would do, the next one first.
    pub fn history(&self, h: &caliber::store::History) -> Result<()> {
        if self.json {
            return stdout(&json_text(h)?);
        }
        let mut text = String::new();
        for (i, s) in h.undo.iter().enumerate() {
            text.push_str(&format!("{:>3}. {}\n", i + 1, s.sentence));
        }
        match &h.stop {
            Some(stop) => text.push_str(&format!("     ({stop})\n")),
            None if h.undo.is_empty() => text.push_str("Nothing to undo.\n"),
            None => {}
        }
        if !h.redo.is_empty() {
            text.push_str("Redo would:\n");
            for (i, s) in h.redo.iter().enumerate() {
                text.push_str(&format!("{:>3}. {}\n", i + 1, s.sentence));
            }
        }
        stdout(&text)
    }

    /// True when `--json` was asked for.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// A sentence for the person at the keyboard, on standard error.
    pub fn note(&self, sentence: &str) {
        if !self.json {
            let _ = writeln!(std::io::stderr(), "{sentence}");
        }
    }

    pub fn logged(&self, w: &Win, warnings: &[String]) -> Result<()> {
        if self.json {
            let view = WinView::from(w);
            return stdout(&self.json_object(&Noted {
                value: &view,
                warnings,
            })?);
        }
        stdout(&format!("{}\n", w.id))?;
        let mut s = format!("Logged win {} on {}: {}", w.id, w.date, w.title);
        let suggested: Vec<&str> = w
            .expectations
            .iter()
            .filter(|t| !t.confirmed)
            .map(|t| t.id.as_str())
            .collect();
        let confirmed: Vec<&str> = w
            .expectations
            .iter()
            .filter(|t| t.confirmed)
            .map(|t| t.id.as_str())
            .collect();
        if !confirmed.is_empty() {
            s.push_str(&format!("\n  evidence for: {}", confirmed.join(", ")));
        }
        if !suggested.is_empty() {
            s.push_str(&format!(
                "\n  suggested: {} (confirm with `caliber edit {} --confirm`)",
                suggested.join(", "),
                w.id
            ));
        }
        self.note(&s);
        self.warnings(warnings);
        Ok(())
    }

    pub fn wins(&self, wins: &[Win], views: &[WinView]) -> Result<()> {
        if self.json {
            return stdout(&json_text(views)?);
        }
        if wins.is_empty() {
            self.note("No wins match. Log one with `caliber log \"what happened\"`.");
            return Ok(());
        }
        let mut text = String::new();
        for w in wins {
            text.push_str(&win_line(w));
            text.push('\n');
        }
        stdout(&text)
    }

    pub fn win(&self, w: &Win, view: &WinView) -> Result<()> {
        if self.json {
            return stdout(&json_text(view)?);
        }
        let mut t = format!(
            "Win {}  ·  {}  ·  scope: {}  ·  from {}\n{}\n",
            w.id, w.date, w.scope, w.source, w.title
        );
        for (label, v) in [
            ("Metric", &w.metric),
            ("Situation", &w.situation),
            ("Action", &w.action),
            ("Result", &w.result),
            ("Notes", &w.notes),
        ] {
            if let Some(v) = v {
                t.push_str(&format!("{label}: {v}\n"));
            }
        }
        if !w.expectations.is_empty() {
            let tags: Vec<String> = w
                .expectations
                .iter()
                .map(|e| {
                    if e.confirmed {
                        e.id.clone()
                    } else {
                        format!("{} (suggested)", e.id)
                    }
                })
                .collect();
            t.push_str(&format!("Evidence for: {}\n", tags.join(", ")));
        }
        for l in &view.levels {
            t.push_str(&format!(
                "Level for {}: {}{} ({})\n",
                l.expectation,
                l.level,
                if l.source == caliber::LevelSource::Set {
                    ", set by you"
                } else {
                    ""
                },
                l.reason
            ));
        }
        if !w.principles.is_empty() {
            t.push_str(&format!("Principles: {}\n", w.principles.join(", ")));
        }
        if !w.people.is_empty() {
            let names: Vec<String> = w
                .people
                .iter()
                .map(|p| {
                    if p.vouches {
                        format!("{} (can vouch)", p.name)
                    } else {
                        p.name.clone()
                    }
                })
                .collect();
            t.push_str(&format!("People: {}\n", names.join(", ")));
        }
        if !w.tags.is_empty() {
            t.push_str(&format!(
                "Tags: {}\n",
                w.tags
                    .iter()
                    .map(|x| format!("#{x}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        for l in &w.links {
            t.push_str(&format!("Link: {l}\n"));
        }
        t.push_str(&format!(
            "Logged {}\n",
            w.logged_at.format("%Y-%m-%d %H:%M UTC")
        ));
        stdout(&t)
    }

    pub fn ladders(&self, ladders: &[Ladder], current: &str) -> Result<()> {
        if self.json {
            #[derive(Serialize)]
            struct Row<'a> {
                id: &'a str,
                name: &'a str,
                expectations: usize,
                current: bool,
            }
            let rows: Vec<Row> = ladders
                .iter()
                .map(|l| Row {
                    id: &l.id,
                    name: &l.name,
                    expectations: l.expectations.len(),
                    current: l.id == current,
                })
                .collect();
            return stdout(&json_text(&rows)?);
        }
        let mut t = String::new();
        for l in ladders {
            let mark = if l.id == current { "*" } else { " " };
            t.push_str(&format!(
                "{mark} {:<22} {} ({} expectations)\n",
                l.id,
                l.name,
                l.expectations.len()
            ));
        }
        stdout(&t)
    }

    pub fn ladder(&self, l: &Ladder) -> Result<()> {
        if self.json {
            return stdout(&json_text(l)?);
        }
        let mut t = format!(
            "{} — {} → {}\n{}\n",
            l.name, l.current_level, l.target_level, l.summary
        );
        for e in &l.expectations {
            t.push_str(&format!("\n{}  {}\n  {}\n", e.id, e.title, e.description));
            if !e.strong_evidence.is_empty() {
                t.push_str("  Strong evidence:\n");
                for s in &e.strong_evidence {
                    t.push_str(&format!("    - {s}\n"));
                }
            }
            if !e.panel_questions.is_empty() {
                t.push_str("  The panel asks:\n");
                for s in &e.panel_questions {
                    t.push_str(&format!("    - {s}\n"));
                }
            }
        }
        let doc = l.document();
        let headings: Vec<String> = doc
            .sections
            .iter()
            .map(|s| match s.max_words {
                Some(n) => format!("{} ({n} words)", s.heading),
                None => s.heading.clone(),
            })
            .collect();
        t.push_str(&format!(
            "\nDocument (`caliber outline`): {}: {}\n",
            doc.name,
            headings.join("; ")
        ));
        let short = l.short_review();
        let texts: Vec<String> = short
            .texts
            .iter()
            .map(|x| format!("{} ({} words)", x.heading, x.max_words))
            .collect();
        t.push_str(&format!(
            "Short texts (`caliber outline --short-review`): {}: {}\n",
            short.name,
            texts.join("; ")
        ));
        if let Some(src) = &l.source {
            t.push_str(&format!(
                "Sources, last checked {}: {}.",
                src.checked,
                src.titles.join("; ")
            ));
            if !src.note.is_empty() {
                t.push_str(&format!(" {}", src.note));
            }
            t.push('\n');
        }
        stdout(&t)
    }

    pub fn principles(&self, set: &PrincipleSet) -> Result<()> {
        if self.json {
            return stdout(&json_text(set)?);
        }
        let mut t = format!("{}\n", set.name);
        for p in &set.principles {
            t.push_str(&format!("  {:<46} {}\n", p.id, p.name));
        }
        stdout(&t)
    }

    pub fn cycle(&self, c: &Cycle, warnings: &[String]) -> Result<()> {
        if self.json {
            return stdout(&json_text(&Noted { value: c, warnings })?);
        }
        self.warnings(warnings);
        let mut t = format!(
            "Ladder: {}\nLevel: {} → {}\nWindow: {} to {}\n",
            c.ladder, c.current_level, c.target_level, c.start, c.end
        );
        if let Some(d) = c.target_date {
            t.push_str(&format!("Target date: {d}\n"));
        }
        if c.is_default {
            t.push_str("(default: the last 12 months; set yours with `caliber cycle set --from D --to D`)\n");
        }
        stdout(&t)
    }

    pub fn people(&self, rows: &[PersonOverview]) -> Result<()> {
        if self.json {
            return stdout(&json_text(&rows)?);
        }
        if rows.is_empty() {
            self.note("No people yet. Add one with `caliber people add NAME --relation peer`.");
            return Ok(());
        }
        let width = width();
        let mut t = String::new();
        for r in rows {
            let p = &r.person;
            let row = format!(
                "{:>4}  {:<22} {:<18} {:<14} {:<15}",
                p.id,
                clip(&p.name, 22),
                p.relation
                    .map(|r| r.to_string())
                    .unwrap_or_else(|| "-".into()),
                clip(p.org.as_deref().unwrap_or("-"), 14),
                seniority_text(p),
            );
            let vouches = format!("vouches for {} win(s)", r.vouches_for);
            // Beside the row when it fits, else under the name.
            if row.chars().count() + 1 + vouches.len() <= width {
                t.push_str(&format!("{row} {vouches}\n"));
            } else {
                t.push_str(&format!("{}\n      {vouches}\n", row.trim_end()));
            }
        }
        stdout(&fit(&t, width))
    }

    pub fn people_overview(&self, o: &PeopleOverview) -> Result<()> {
        if self.json {
            return stdout(&json_text(o)?);
        }
        let mut t = format!(
            "Who vouches for what, {} to {}\n",
            o.cycle.start, o.cycle.end
        );
        for c in &o.coverage {
            let who = if c.vouched == 0 {
                "nobody vouches yet".to_string()
            } else {
                c.vouchers.join(", ")
            };
            t.push_str(&format!(
                "  {:<22} {}/{} win(s) vouched for  {who}\n",
                c.id, c.vouched, c.wins
            ));
        }
        t.push_str(&format!("\n{}\n", o.providers.summary));
        match (&o.own_org, o.own_org_guessed) {
            (Some(org), false) => t.push_str(&format!("Your org is set to \"{org}\".\n")),
            (Some(org), true) => t.push_str(&format!(
                "Your org is taken to be \"{org}\", where most of your reports sit.\n"
            )),
            (None, _) => t.push_str("Your org is not set, so only partners count as outside.\n"),
        }
        stdout(&fit(&t, width()))
    }

    pub fn person(&self, p: &Person, wins: &[Win], fb: &[Feedback]) -> Result<()> {
        if self.json {
            #[derive(Serialize)]
            struct Full<'a> {
                #[serde(flatten)]
                person: &'a Person,
                effective_seniority: Option<caliber::Seniority>,
                wins: Vec<WinView>,
                feedback: &'a [Feedback],
            }
            return stdout(&self.json_object(&Full {
                person: p,
                effective_seniority: p.seniority_or_default(),
                wins: wins.iter().map(WinView::from).collect(),
                feedback: fb,
            })?);
        }
        let mut t = format!(
            "{} (person {})  ·  {}  ·  {}  ·  seniority {}\n",
            p.name,
            p.id,
            p.relation
                .map(|r| r.to_string())
                .unwrap_or_else(|| "relation unknown".into()),
            p.org.as_deref().unwrap_or("org unknown"),
            seniority_text(p)
        );
        if let Some(n) = &p.notes {
            t.push_str(&format!("{n}\n"));
        }
        t.push_str(&format!("\nWins ({}):\n", wins.len()));
        for w in wins {
            t.push_str(&win_line(w));
            t.push('\n');
        }
        t.push_str(&format!("\nFeedback ({}):\n", fb.len()));
        for f in fb {
            t.push_str(&format!("{:>5}  {}  \"{}\"\n", f.id, f.date, f.quote));
        }
        stdout(&t)
    }

    pub fn feedback(&self, fb: &[Feedback]) -> Result<()> {
        if self.json {
            return stdout(&json_text(fb)?);
        }
        if fb.is_empty() {
            self.note(
                "No feedback yet. Record some with `caliber feedback add NAME \"what they said\"`.",
            );
            return Ok(());
        }
        let mut t = String::new();
        for f in fb {
            t.push_str(&format!(
                "{:>5}  {}  {:<20} \"{}\"",
                f.id,
                f.date,
                clip(&f.person_name, 20),
                f.quote
            ));
            if let Some(e) = &f.expectation {
                t.push_str(&format!("  [{e}]"));
            }
            t.push('\n');
        }
        stdout(&t)
    }

    pub fn feedback_plan(&self, plan: &caliber::feedback_plan::FeedbackPlan) -> Result<()> {
        if self.json {
            return stdout(&json_text(plan)?);
        }
        stdout(&caliber::feedback_plan::render_text(plan))
    }

    pub fn suggestions(&self, list: &[Suggestion]) -> Result<()> {
        if self.json {
            return stdout(&json_text(list)?);
        }
        if list.is_empty() {
            self.note("No suggestion: nothing in the text points to an expectation. Tag it yourself with --expect.");
            return Ok(());
        }
        let mut t = String::new();
        for s in list {
            t.push_str(&format!("{:<28} {:.2}\n", s.id, s.score));
        }
        stdout(&t)
    }

    /// The rehearsal: each question with its id, why a panel asks it and the answer
    /// kept, if any.
    pub fn rehearsal(&self, r: &caliber::rehearse::Rehearsal) -> Result<()> {
        if self.json {
            return stdout(&json_text(r)?);
        }
        if r.questions.is_empty() {
            return stdout("No questions: the evidence has no weak spot a panel would probe.\n");
        }
        let answered = r.questions.iter().filter(|q| q.answer.is_some()).count();
        let mut t = format!(
            "Rehearsal · {} questions a panel will ask, {answered} answered\n",
            r.questions.len()
        );
        for q in &r.questions {
            t.push_str(&format!(
                "\n[{}]\n  {}\n  Why: {}\n",
                q.id, q.question, q.why
            ));
            match &q.answer {
                Some(a) => t.push_str(&format!("  Your answer: {a}\n")),
                None => t.push_str(&format!(
                    "  Not answered: caliber rehearse answer {} \"...\"\n",
                    q.id
                )),
            }
        }
        stdout(&t)
    }

    pub fn review(&self, r: &Review) -> Result<()> {
        if self.json {
            return stdout(&json_text(r)?);
        }
        let mut t = format!(
            "Gap review · {} · {} to {}",
            r.ladder_name, r.cycle.start, r.cycle.end
        );
        if let Some(w) = r.weeks_left {
            t.push_str(&format!(" · {w} weeks to the target date"));
        }
        let width = width();
        // The "why" column needs room beside the others (73 columns), else it goes
        // on the lines under its row.
        let why_beside = width >= 73 + 30;
        t.push_str(&format!(
            "\n{}\n{}\n",
            r.readiness.summary, r.readiness.reason
        ));
        if !r.readiness.missing.is_empty() {
            t.push_str("Missing must-haves:\n");
            for m in &r.readiness.missing {
                t.push_str(&format!("  - {}: {}\n", m.id, m.title));
            }
        }
        t.push('\n');
        t.push_str(&format!(
            "{:<24} {:>5}  {:<15}  {:<10}  {:<10}  why\n",
            "expectation", "wins", "below/at/above", "latest", "strength"
        ));
        for e in &r.expectations {
            let latest = e
                .latest
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into());
            let strength = if e.gap {
                format!("{} GAP", e.strength.as_str())
            } else {
                e.strength.as_str().to_string()
            };
            let c = e.level_counts;
            let row = format!(
                "{:<24} {:>5}  {:<15}  {:<10}  {:<10}",
                clip(&e.id, 24),
                e.wins,
                format!("{}/{}/{}", c.below, c.at, c.above),
                latest,
                strength,
            );
            // The why beside the row, its further lines under its column; or, when
            // there is no room for it, under the row.
            let (first, indent) = if why_beside {
                (format!("{row}  "), row.chars().count() + 2)
            } else {
                (format!("{}\n", row.trim_end()), 4)
            };
            t.push_str(&first);
            for (k, line) in lines_of(&e.summary, width - indent).iter().enumerate() {
                if k > 0 || !why_beside {
                    t.push_str(&" ".repeat(indent));
                }
                t.push_str(line);
                t.push('\n');
            }
        }
        let advice: Vec<_> = r
            .expectations
            .iter()
            .filter(|e| !e.gap && e.next_step.is_some())
            .collect();
        if !advice.is_empty() {
            t.push_str("\nTo make the rest stronger:\n");
            for e in advice {
                if let Some(n) = &e.next_step {
                    t.push_str(&format!("  {} — Next: {n}\n", e.id));
                }
                if let Some(q) = &e.panel_question {
                    t.push_str(&format!("    The panel will ask: {q}\n"));
                }
            }
        }
        if r.gaps.is_empty() {
            t.push_str("\nNo gaps: every expectation has evidence that can stand.\n");
        } else {
            t.push_str("\nGaps, most urgent first:\n");
            for (i, g) in r.gaps.iter().enumerate() {
                t.push_str(&format!(
                    "{:>2}. {} — {}\n    Next: {}\n",
                    i + 1,
                    g.id,
                    g.reason,
                    g.next_step
                ));
                let missing: Vec<String> = r
                    .expectations
                    .iter()
                    .filter(|e| e.id == g.id)
                    .flat_map(|e| e.missing.iter().map(|m| format!("{} ({})", m.id, m.title)))
                    .collect();
                if !missing.is_empty() {
                    t.push_str(&format!("    Missing must-have: {}\n", missing.join("; ")));
                }
                if let Some(q) = &g.panel_question {
                    t.push_str(&format!("    The panel will ask: {q}\n"));
                }
            }
        }
        if let Some(w) = &r.sustained.warning {
            t.push_str(&format!("\nSustained performance: {w}\n"));
        }
        t.push_str(&format!("\nFeedback providers: {}\n", r.providers.summary));
        for m in &r.providers.missing_voices {
            t.push_str(&format!("  {m}\n"));
        }
        if !r.providers.ask.is_empty() {
            t.push_str(&format!("  Worth asking: {}\n", r.providers.ask.join(", ")));
        }
        if r.unconfirmed > 0 {
            t.push_str(&format!(
                "\n{} win(s) carry only suggested tags; confirm them with `caliber list --suggested` and `caliber edit ID --confirm`.\n",
                r.unconfirmed
            ));
        }
        t.push_str(&format!(
            "\nHow this was computed: {}\n",
            r.readiness.method
        ));
        stdout(&fit(&t, width))
    }
}
