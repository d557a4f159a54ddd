//! The tools: each makes the library calls of the matching `caliber` command and
//! answers with that command's `--json` output.

use caliber::dates::parse_date;
use caliber::outline::{self, OutlineFormat};
use caliber::{Error, ExpectationTag, PersonRef, Scope, Source, WinDraft, WinFilter};
use rmcp::model::CallToolResult;
use rmcp::{ErrorData, tool, tool_router};

use super::params::{
    CheckDraft, GetOutline, GetWin, ListWins, LogWin, Nothing, Parameters, SearchWins,
    SuggestExpectations,
};
use super::{Caliber, answer, answer_json, refusal};

#[tool_router(vis = "pub(super)")]
impl Caliber {
    /// Log a win (a piece of evidence of the user's work) in Caliber, when the user
    /// tells you something good that happened. Use the user's own words and figures;
    /// never invent one. Returns the win with its id. The win is marked as logged by
    /// an assistant, and the expectations you name stay suggestions until the user
    /// confirms them in Caliber.
    #[tool]
    fn log_win(&self, Parameters(p): Parameters<LogWin>) -> Result<CallToolResult, ErrorData> {
        self.with_store(|store| {
            let mut draft = WinDraft::titled(p.title);
            draft.source = Source::Assistant;
            draft.date = p.date.as_deref().map(parse_date).transpose()?;
            draft.expectations = p
                .expectations
                .iter()
                // Named as the user's `--expect` is; the library keeps a tag from an
                // assistant as a suggestion until the user confirms it.
                .map(|id| ExpectationTag {
                    id: id.trim().to_string(),
                    confirmed: true,
                })
                .collect();
            draft.principles = p.principles;
            if let Some(s) = &p.scope {
                draft.scope = s.parse::<Scope>()?;
            }
            draft.metric = p.metric;
            draft.people = p
                .people
                .into_iter()
                .map(|name| PersonRef {
                    name,
                    vouches: true,
                })
                .collect();
            let taken = store
                .resolve_people(&mut draft.people, p.new_person)
                .map_err(|e| match e {
                    Error::InvalidInput(m) => Error::InvalidInput(format!(
                        "{m} (here: set new_person to true, once the user has said the name is right)"
                    )),
                    other => other,
                })?;
            let win = caliber::suggest::log_win(store, &draft)?;
            let warnings: Vec<String> = caliber::dates::window_note(win.date, &store.cycle()?)
                .into_iter()
                .collect();
            let mut value = serde_json::to_value(caliber::level::view(store, &win)?)
                .map_err(Error::json)?;
            if let Some(o) = value.as_object_mut() {
                if !warnings.is_empty() {
                    o.insert("warnings".into(), warnings.into());
                }
                if !taken.is_empty() {
                    o.insert(
                        "names_taken".into(),
                        serde_json::to_value(&taken).map_err(Error::json)?,
                    );
                }
            }
            Ok(value)
        })
        .and_then(|v| answer_json(&v))
    }

    /// Search the user's wins by words, newest first: to find the evidence for a
    /// claim, or a win's id to cite.
    #[tool(annotations(read_only_hint = true))]
    fn search_wins(
        &self,
        Parameters(p): Parameters<SearchWins>,
    ) -> Result<CallToolResult, ErrorData> {
        let views = self.with_store(|store| {
            let wins = store.search(&p.query, Some(p.limit.unwrap_or(50)))?;
            caliber::level::views(store, &wins)
        })?;
        answer_json(&views)
    }

    /// List the user's wins, newest first, filtered by date, expectation, scope,
    /// person, tag, or whether their expectations are confirmed. Each win carries
    /// its id, its figures, who vouches for it and the level of work it shows.
    #[tool(annotations(read_only_hint = true))]
    fn list_wins(&self, Parameters(p): Parameters<ListWins>) -> Result<CallToolResult, ErrorData> {
        if p.suggested && p.confirmed {
            return Err(ErrorData::invalid_params(
                "suggested and confirmed cannot both be set: ask for one or the other",
                None,
            ));
        }
        let views = self.with_store(|store| {
            let filter = WinFilter {
                since: p.since.as_deref().map(parse_date).transpose()?,
                until: p.until.as_deref().map(parse_date).transpose()?,
                expectation: p
                    .expectation
                    .as_deref()
                    .map(|e| store.known_expectation(e))
                    .transpose()?,
                scope: p.scope.as_deref().map(str::parse::<Scope>).transpose()?,
                person: match &p.person {
                    Some(who) => Some(store.find_person(who)?.0.id),
                    None => None,
                },
                confirmed: if p.suggested {
                    Some(false)
                } else if p.confirmed {
                    Some(true)
                } else {
                    None
                },
                tag: p.tag,
                limit: p.limit,
                offset: None,
            };
            let wins = store.list_wins(&filter)?;
            caliber::level::views(store, &wins)
        })?;
        answer_json(&views)
    }

    /// One win in full, by id: its situation, action, result, notes, links, people
    /// and the level of work it shows.
    #[tool(annotations(read_only_hint = true))]
    fn get_win(&self, Parameters(p): Parameters<GetWin>) -> Result<CallToolResult, ErrorData> {
        let view = self.with_store(|store| caliber::level::view(store, &store.win(p.id)?))?;
        answer_json(&view)
    }

    /// Which of the ladder's expectations (or, with principles, which leadership
    /// principles) a text would be evidence for, best first, with a score.
    #[tool(annotations(read_only_hint = true))]
    fn suggest_expectations(
        &self,
        Parameters(p): Parameters<SuggestExpectations>,
    ) -> Result<CallToolResult, ErrorData> {
        let list = self.with_store(|store| {
            if p.principles {
                Ok(caliber::suggest::suggest_principles(&p.text))
            } else {
                caliber::suggest::suggest(store, &p.text)
            }
        })?;
        answer_json(&list)
    }

    /// The gap review before calibration: for each expectation of the ladder, how
    /// strong, thin, old, unproven or unvouched the evidence is, the gaps to close
    /// and what to do about them, and how ready the case is. Read it before drafting.
    #[tool(annotations(read_only_hint = true))]
    fn get_review(&self, Parameters(_): Parameters<Nothing>) -> Result<CallToolResult, ErrorData> {
        let review =
            self.with_store(|store| caliber::review::review_store(store, caliber::dates::today()))?;
        answer_json(&review)
    }

    /// The outline of the promotion document Caliber builds from the evidence,
    /// grouped by expectation, every claim citing its win as [#ID]; or, with forte,
    /// the yearly-review texts. Markdown by default; html or json on request.
    #[tool(annotations(read_only_hint = true))]
    fn get_outline(
        &self,
        Parameters(p): Parameters<GetOutline>,
    ) -> Result<CallToolResult, ErrorData> {
        let format = match p.format.as_deref() {
            Some(f) => f.parse::<OutlineFormat>().map_err(|e| refusal(&e))?,
            None => OutlineFormat::Markdown,
        };
        if format == OutlineFormat::Docx {
            return Err(ErrorData::invalid_params(
                "a Word document (docx) is a file, not text an assistant can read: ask for markdown, html or json, or have the user run `caliber outline -o case.docx`",
                None,
            ));
        }
        let bytes = self.with_store(|store| {
            let short = caliber::ladder::ShortForm::from_switches(p.forte, p.short_review)?;
            outline::write_store(store, caliber::dates::today(), short, &[], format)
        })?;
        answer(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Check a draft against the evidence before showing it to the user: every
    /// figure must be in the wins (and in the wins cited [#ID] next to it), every
    /// cited win must exist, every claim of a result must be cited, every quote must
    /// be one the feedback holds, and the ladder's expectations covered. Returns the
    /// findings, each with its line, column, text and what to do; fix them all and
    /// check again until there are none.
    #[tool(annotations(read_only_hint = true))]
    fn check_draft(
        &self,
        Parameters(p): Parameters<CheckDraft>,
    ) -> Result<CallToolResult, ErrorData> {
        use caliber::check::{self, CheckOptions, DraftFormat};
        let format = match p.format.as_deref().map(|f| f.trim().to_ascii_lowercase()) {
            None => DraftFormat::Markdown,
            Some(f) if f == "markdown" || f == "md" => DraftFormat::Markdown,
            Some(f) if f == "text" || f == "txt" => DraftFormat::Text,
            Some(other) => {
                return Err(ErrorData::invalid_params(
                    format!(
                        "format '{other}' is not one check_draft reads: give the draft's text as markdown or text (a Word document (docx) is checked with `caliber check FILE.docx`)"
                    ),
                    None,
                ));
            }
        };
        let report = self.with_checks(|store, cache| {
            // The same limits as a draft on `caliber check`'s standard input; what
            // is refused there is a bad argument here, and named as one.
            check::check_given(
                cache,
                store,
                &p.text,
                &CheckOptions {
                    short: caliber::ladder::ShortForm::from_switches(p.forte, p.short_review)?,
                    format,
                },
                "the text given to check_draft",
            )
        })?;
        answer_json(&report)
    }

    /// Who to ask for feedback before calibration, and why each voice counts, with
    /// a request drafted for each.
    #[tool(annotations(read_only_hint = true))]
    fn get_feedback_plan(
        &self,
        Parameters(_): Parameters<Nothing>,
    ) -> Result<CallToolResult, ErrorData> {
        let plan = self.with_store(|store| {
            caliber::feedback_plan::plan_store(store, caliber::dates::today())
        })?;
        answer_json(&plan)
    }
}
