//! What the assistant is told: the server's instructions, the two prompts (a
//! promotion document from the evidence; preparing for the calibration panel), and
//! the resources it can read (the ladder in use and the cycle).

use rmcp::model::{GetPromptResult, PromptMessage, Resource, Role};
use rmcp::{ErrorData, prompt, prompt_router};

use super::{Caliber, refusal};

const LADDER: &str = "caliber://ladder";
const CYCLE: &str = "caliber://cycle";

/// The server's instructions to the assistant, sent when the session starts.
pub fn instructions(read_only: bool, checks: bool) -> String {
    let mut t = String::from(
        "Caliber keeps the user's promotion evidence: wins (dated, with figures and the people who can vouch), feedback, and the ladder of expectations of the level they are going for. Work only from what the tools return. Cite a win by its id as [#ID]; never invent a figure, a name or a quote. ",
    );
    if read_only {
        t.push_str("This server only reads: it cannot log or change anything. ");
    } else {
        t.push_str("log_win records a win the user tells you about, in their words; its expectations stay suggestions until the user confirms them. ");
    }
    if checks {
        t.push_str("Before showing the user a draft, run check_draft on it and fix every finding.");
    }
    t
}

/// The steps both prompts end with: cite, check, admit what is thin.
fn rules(checks: bool) -> String {
    let mut t = String::from(
        "Rules: every claim cites the win it rests on as [#ID] (the ids the tools return). Use only figures, names and quotes that the wins and feedback hold, exactly as written; where the evidence is thin, say so and say what the user could log or ask for, instead of filling the gap.",
    );
    if checks {
        t.push_str(" Before you answer, run check_draft on your text, fix every finding it reports, and run it again until it comes back clean.");
    }
    t
}

#[prompt_router(vis = "pub(super)")]
impl Caliber {
    /// Draft my promotion document from the evidence
    #[prompt(name = "draft_promotion_document")]
    fn draft_promotion_document(&self) -> Result<GetPromptResult, ErrorData> {
        let text = format!(
            "Draft my promotion document from the evidence in Caliber.\n\nFirst read get_review (which expectations of my ladder are strong, thin or missing), then get_outline (the outline Caliber built from my wins), and use search_wins and get_win for the details of a win. Write the document grouped by the ladder's expectations (the caliber://ladder resource), each with its strongest dated evidence and its figures, in my voice.\n\n{}",
            rules(self.offers("check_draft"))
        );
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description("Draft my promotion document from the evidence"),
        )
    }

    /// Prepare me for the calibration panel
    #[prompt(name = "prepare_calibration_panel")]
    fn prepare_calibration_panel(&self) -> Result<GetPromptResult, ErrorData> {
        let text = format!(
            "Prepare me for the calibration panel.\n\nRead get_review: the gaps, the must-haves and the readiness are what the panel will probe. For each expectation of my ladder (the caliber://ladder resource), tell me the question a panel would ask and the answer my evidence supports, with the wins to name; then the weak spots, and what I can still do about each before the target date (the caliber://cycle resource). get_feedback_plan says whose word I still need.\n\n{}",
            rules(self.offers("check_draft"))
        );
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description("Prepare me for the calibration panel"),
        )
    }
}

/// The resources: the ladder in use and the cycle, as `caliber ladder show --json`
/// and `caliber cycle show --json` print them.
pub fn resources() -> Vec<Resource> {
    vec![
        Resource::new(LADDER, "ladder")
            .with_title("The ladder in use")
            .with_description("The expectations of the level the user is going for, with what strong evidence looks like and what a panel asks")
            .with_mime_type("application/json"),
        Resource::new(CYCLE, "cycle")
            .with_title("The promotion cycle")
            .with_description("The ladder, the current and target levels, the review window and the target date")
            .with_mime_type("application/json"),
    ]
}

/// The text of a resource.
pub fn read(server: &Caliber, uri: &str) -> Result<String, ErrorData> {
    let text = match uri {
        LADDER => server.with_store(|store| {
            serde_json::to_string_pretty(&store.current_ladder()?).map_err(caliber::Error::json)
        })?,
        CYCLE => server.with_store(|store| {
            serde_json::to_string_pretty(&store.cycle()?).map_err(caliber::Error::json)
        })?,
        other => {
            return Err(refusal(&caliber::Error::NotFound(format!(
                "there is no resource '{other}'; the resources are {LADDER} and {CYCLE}"
            ))));
        }
    };
    Ok(text)
}
