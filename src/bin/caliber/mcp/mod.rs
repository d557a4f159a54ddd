//! `caliber mcp`: the evidence served to an AI assistant over the Model Context
//! Protocol (stdio), on the official Rust SDK. A third front door beside the CLI and
//! the app: each tool makes the library calls the matching command makes, and
//! answers with the JSON that command prints with `--json`. Nothing here decides a
//! rule of the domain, and nothing leaves the machine: the only channel is the
//! assistant's own standard input and output.

mod guide;
mod handler;
mod params;
mod tools;

use std::sync::{Arc, Mutex};

use caliber::{Error, ErrorKind, ErrorReport, Result, Store};
use rmcp::handler::server::router::prompt::PromptRouter;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{CallToolResult, ContentBlock};
use rmcp::{ErrorData, ServiceExt};

/// The tools that change the database: not offered by `caliber mcp --read-only`.
pub(super) const WRITERS: &[&str] = &["log_win"];

/// The server: one open database for the whole session, as the app holds one.
#[derive(Clone)]
pub struct Caliber {
    store: Arc<Mutex<Store>>,
    /// What `check_draft` read of the ledger, kept while the data stays the same.
    checks: Arc<Mutex<caliber::check::LedgerCache>>,
    read_only: bool,
    tool_router: ToolRouter<Caliber>,
    prompt_router: PromptRouter<Caliber>,
}

/// Serves the database on standard input and output until the client hangs up.
pub fn serve(store: Store, read_only: bool) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("could not start the MCP server", e))?;
    runtime.block_on(async move {
        let service = Caliber::new(store, read_only)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| Error::internal(format!("the MCP session could not start: {e}")))?;
        service
            .waiting()
            .await
            .map_err(|e| Error::internal(format!("the MCP session ended abnormally: {e}")))?;
        Ok(())
    })
}

impl Caliber {
    fn new(store: Store, read_only: bool) -> Self {
        let mut tool_router = Self::tool_router();
        if read_only {
            for name in WRITERS {
                tool_router.remove_route(name);
            }
        }
        Caliber {
            store: Arc::new(Mutex::new(store)),
            checks: Arc::default(),
            read_only,
            tool_router,
            prompt_router: Self::prompt_router(),
        }
    }

    /// Runs `f` on the database; the library's error becomes a protocol error.
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T, ErrorData> {
        let mut store = self.store.lock().map_err(|_| {
            ErrorData::internal_error("an earlier request failed midway; restart the server", None)
        })?;
        f(&mut store).map_err(|e| refusal(&e))
    }

    /// Runs `f` on the database and the checker's kept ledger (locked after the
    /// database, always in that order).
    fn with_checks<T>(
        &self,
        f: impl FnOnce(&mut Store, &mut caliber::check::LedgerCache) -> Result<T>,
    ) -> Result<T, ErrorData> {
        self.with_store(|store| {
            // A check that failed midway leaves nothing half-kept: start afresh.
            let mut cache = self.checks.lock().unwrap_or_else(|poisoned| {
                let mut c = poisoned.into_inner();
                *c = caliber::check::LedgerCache::default();
                c
            });
            f(store, &mut cache)
        })
    }

    /// Whether the assistant can reach `check_draft` (the prompts mention it then).
    fn offers(&self, tool: &str) -> bool {
        self.tool_router.has_route(tool)
    }
}

/// A library error as a protocol error: what the caller gave that cannot be used
/// (bad input, an id that does not exist) is "invalid params", with the library's
/// message; anything else is an internal error, with its message too.
pub fn refusal(e: &Error) -> ErrorData {
    let report = ErrorReport::from(e);
    let data = serde_json::to_value(report.kind)
        .ok()
        .map(|kind| serde_json::json!({ "kind": kind }));
    match report.kind {
        ErrorKind::InvalidInput | ErrorKind::NotFound => {
            ErrorData::invalid_params(report.message, data)
        }
        _ => ErrorData::internal_error(report.message, data),
    }
}

/// A tool's answer: JSON (or the outline's text) as one text block.
fn answer(text: String) -> Result<CallToolResult, ErrorData> {
    Ok(CallToolResult::success(vec![ContentBlock::text(text)]))
}

/// [`answer`] with a value as JSON.
fn answer_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<CallToolResult, ErrorData> {
    answer(serde_json::to_string_pretty(value).map_err(|e| refusal(&Error::json(e)))?)
}
