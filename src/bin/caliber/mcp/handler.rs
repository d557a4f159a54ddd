//! The protocol's entry points for Caliber: which tools a session is offered (and
//! why a call is refused before it reaches one), the resources, and the answer to
//! a request the SDK could not read.

use rmcp::handler::server::tool::ToolCallContext;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, InitializeResult, ServerCapabilities,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};

use super::{Caliber, WRITERS, guide};

/// The methods this server answers whose params can be malformed, with their shape.
const ANSWERED: &[(&str, &str)] = &[
    (
        "tools/call",
        "{\"name\": a tool's name, \"arguments\": an object}",
    ),
    ("resources/read", "{\"uri\": a resource's URI}"),
    (
        "prompts/get",
        "{\"name\": a prompt's name, \"arguments\": an object of strings}",
    ),
];

#[rmcp::tool_handler(router = self.tool_router)]
#[rmcp::prompt_handler(router = self.prompt_router)]
impl ServerHandler for Caliber {
    fn get_info(&self) -> InitializeResult {
        InitializeResult::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_prompts()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("caliber", env!("CARGO_PKG_VERSION")))
        .with_instructions(guide::instructions(
            self.read_only,
            self.offers("check_draft"),
        ))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if self.read_only && WRITERS.contains(&name.as_str()) {
            return Err(ErrorData::invalid_params(
                format!(
                    "{name} would change your evidence, and this server is read-only (`caliber mcp --read-only`): nothing was changed. Log the win yourself with `caliber log`, or start the server without --read-only"
                ),
                None,
            ));
        }
        if !self.tool_router.has_route(&name) {
            let mut offered: Vec<String> = self
                .tool_router
                .list_all()
                .into_iter()
                .map(|t| t.name.to_string())
                .collect();
            offered.sort();
            return Err(ErrorData::invalid_params(
                format!(
                    "there is no tool '{name}'; the tools are: {}",
                    offered.join(", ")
                ),
                None,
            ));
        }
        self.tool_router
            .call(ToolCallContext::new(self, request, context))
            .await
    }

    /// A request the SDK could not read as any it knows comes here. For a method
    /// this server answers, that means its params do not fit: say so, rather than
    /// the SDK's "method not found".
    async fn on_custom_request(
        &self,
        request: rmcp::model::CustomRequest,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::CustomResult, ErrorData> {
        let method = request.method;
        if let Some(shape) = ANSWERED.iter().find(|(m, _)| *m == method).map(|(_, s)| s) {
            return Err(ErrorData::invalid_params(
                format!("the params of {method} do not fit the protocol: it takes {shape}"),
                None,
            ));
        }
        Err(ErrorData::new(
            rmcp::model::ErrorCode::METHOD_NOT_FOUND,
            format!("there is no method '{method}' here"),
            None,
        ))
    }

    async fn list_resources(
        &self,
        _request: Option<rmcp::model::PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::ListResourcesResult, ErrorData> {
        Ok(rmcp::model::ListResourcesResult::with_all_items(
            guide::resources(),
        ))
    }

    async fn read_resource(
        &self,
        request: rmcp::model::ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::ReadResourceResponse, ErrorData> {
        let text = guide::read(self, &request.uri)?;
        Ok(rmcp::model::ReadResourceResult::new(vec![
            rmcp::model::ResourceContents::text(text, request.uri.clone())
                .with_mime_type("application/json"),
        ])
        .into())
    }
}
