//! The arguments of each tool, with the JSON schema an assistant reads to call it.
//! The doc comments are the schema's descriptions: they are written for an
//! assistant, and say what the matching `caliber` option says.

use rmcp::ErrorData;
use rmcp::handler::server::common::FromContextPart;
use rmcp::handler::server::tool::ToolCallContext;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// A tool's arguments, read strictly: a field the tool does not have, or of the
/// wrong type, is refused with its name (the SDK's own wrapper leaves the name out).
pub struct Parameters<P>(pub P);

impl<P: JsonSchema> JsonSchema for Parameters<P> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        P::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        P::json_schema(generator)
    }
}

impl<S, P: DeserializeOwned> FromContextPart<ToolCallContext<'_, S>> for Parameters<P> {
    fn from_context_part(context: &mut ToolCallContext<S>) -> Result<Self, ErrorData> {
        let arguments = context.arguments.take().unwrap_or_default();
        serde_path_to_error::deserialize(serde_json::Value::Object(arguments))
            .map(Parameters)
            .map_err(|e| {
                let path = e.path().to_string();
                let what = e.into_inner();
                let message = if path == "." {
                    format!("bad arguments: {what}")
                } else {
                    format!("bad arguments: {path}: {what}")
                };
                ErrorData::invalid_params(message, None)
            })
    }
}

/// Arguments of `log_win`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogWin {
    /// What happened, in one line, in the user's words: "Hired two managers for the
    /// payments org". Put the figure in it too if the user gave one.
    pub title: String,
    /// When it happened: YYYY-MM-DD, or "yesterday", "3 days ago", "last friday",
    /// "Oct 3". Default: today. Never a future day.
    #[serde(default)]
    pub date: Option<String>,
    /// Ids of the ladder's expectations it is evidence for (the caliber://ladder
    /// resource lists them; suggest_expectations ranks them). They are kept as
    /// suggestions until the user confirms them. Leave empty to let Caliber suggest.
    #[serde(default)]
    pub expectations: Vec<String>,
    /// The impact exactly as the user stated it: "35%", "$4.1M", "3 teams". Never
    /// invent or round a figure.
    #[serde(default)]
    pub metric: Option<String>,
    /// How far it reached: team, org, company or industry. Default: team.
    #[serde(default)]
    pub scope: Option<String>,
    /// People who can vouch for it, by name as the user knows them (a close spelling
    /// of someone already in Caliber is taken as them).
    #[serde(default)]
    pub people: Vec<String>,
    /// Leadership principles it shows, by name or id ("Earn Trust").
    #[serde(default)]
    pub principles: Vec<String>,
    /// True only when the user confirmed that a name in `people` is someone new to
    /// add; otherwise a name that fits nobody (or several people) is refused.
    #[serde(default)]
    pub new_person: bool,
}

/// Arguments of `search_wins`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchWins {
    /// Words to look for; "a quoted phrase" for a phrase; a word with a leading
    /// minus ("payments -strategy") excludes it.
    pub query: String,
    /// At most this many wins, newest first. Default: 50.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Arguments of `list_wins`: every filter is optional, and they combine.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListWins {
    /// Only wins on or after this date (YYYY-MM-DD or "3 months ago").
    #[serde(default)]
    pub since: Option<String>,
    /// Only wins on or before this date.
    #[serde(default)]
    pub until: Option<String>,
    /// Only wins tagged with this expectation id.
    #[serde(default)]
    pub expectation: Option<String>,
    /// Only wins of this scope: team, org, company or industry.
    #[serde(default)]
    pub scope: Option<String>,
    /// Only wins naming this person (name or id).
    #[serde(default)]
    pub person: Option<String>,
    /// Only wins with this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Only wins with an expectation still to be confirmed by the user.
    #[serde(default)]
    pub suggested: bool,
    /// Only wins with a confirmed expectation.
    #[serde(default)]
    pub confirmed: bool,
    /// At most this many, newest first.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Arguments of `get_win`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetWin {
    /// The win's id, as other tools return it (and as a draft cites it: [#ID]).
    pub id: i64,
}

/// Arguments of `suggest_expectations`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestExpectations {
    /// The text of a win, or of what the user is about to log.
    pub text: String,
    /// Rank leadership principles instead of expectations.
    #[serde(default)]
    pub principles: bool,
}

/// Arguments of `get_outline`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetOutline {
    /// markdown (default), html or json.
    #[serde(default)]
    pub format: Option<String>,
    /// Amazon's yearly-review (Forte) texts (accomplishments, superpowers, areas
    /// for growth) instead of the promotion document.
    #[serde(default)]
    pub forte: bool,
    /// The short review texts of the cycle's ladder instead of the promotion
    /// document: Meta's PSC highlights, Google's self-assessment, Microsoft's
    /// Connect answers (Forte on Amazon's ladders).
    #[serde(default)]
    pub short_review: bool,
}

/// Arguments of `check_draft`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckDraft {
    /// The draft's full text: a promotion document, a self-review, a Forte or other short review text,
    /// an answer for the panel. Cite wins in it as [#ID].
    pub text: String,
    /// markdown (default) or text (paragraphs separated by blank lines).
    #[serde(default)]
    pub format: Option<String>,
    /// Forte mode: each text (a paragraph or list item) at most 60 words, and the
    /// ladder's coverage is not asked.
    #[serde(default)]
    pub forte: bool,
    /// Short review mode: each text within the word limit of the cycle's ladder's
    /// short review text its heading names (else the longest), and the ladder's
    /// coverage is not asked.
    #[serde(default)]
    pub short_review: bool,
}

/// No arguments.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nothing {}
