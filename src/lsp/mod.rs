//! The language server behind `ybc lsp`: diagnostics as the teacher types,
//! completion, hover, go to definition, the outline, formatting and quick fixes,
//! all from the same library calls as the command line.
//!
//! The server is synchronous: one loop reads a message, handles it and writes
//! the answers, so a routine is always compiled against the text the editor
//! last sent. A class-sized routine compiles in about a tenth of a millisecond
//! (docs/performance.md), so nothing needs a thread. [`Server::handle`] turns
//! one message into the messages to send back, which keeps the whole protocol
//! testable without a process.
//!
//! The messages come from lsp-server (rust-analyzer's), the protocol's types
//! from lsp-types; the framing is read here (in `transport.rs`) so that a malformed
//! message gets an error response instead of ending the server, and a message
//! with a wrong `Content-Length` costs nothing after it.

mod actions;
mod cards;
mod completion;
mod definition;
mod diagnostics;
mod documents;
mod formatting;
mod hover;
mod position;
mod symbols;
mod target;
mod transport;

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, InitializeResult, MarkupKind, OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use documents::{Document, Setups, path_of};
use position::Encoding;

/// Where the server is in the protocol's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Waiting for `initialize`.
    Starting,
    /// Serving.
    Running,
    /// `shutdown` received; waiting for `exit`.
    ShuttingDown,
}

/// What the loop does after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on reading.
    Continue,
    /// Stop, with this exit code (0 after a clean shutdown, 1 otherwise).
    Exit(i32),
}

/// The language server's state: the open routines and what was negotiated.
pub struct Server {
    stage: Stage,
    encoding: Encoding,
    /// Whether hovers may be markdown.
    markdown: bool,
    /// Whether completion documentation may be markdown.
    completion_markdown: bool,
    documents: HashMap<Uri, Document>,
    setups: Setups,
    outbox: Vec<Message>,
}

/// A request's failure: a JSON-RPC error code and a message.
struct Failure(ErrorCode, String);

type Answer = Result<Value, Failure>;

impl Server {
    /// A server checking routines against `base`: the built-in catalog plus the
    /// `--catalog` files, loaded by [`crate::workspace`] as the command line loads them.
    pub fn new(base: crate::workspace::Setup) -> Self {
        Self {
            stage: Stage::Starting,
            encoding: Encoding::Utf16,
            markdown: true,
            completion_markdown: true,
            documents: HashMap::new(),
            setups: Setups::new(base),
            outbox: Vec::new(),
        }
    }

    /// The messages to send, in order, since the last call.
    pub fn take_outgoing(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.outbox)
    }

    /// Handles one message from the client.
    pub fn handle(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(request))).unwrap_or_else(|_| {
                    Err(Failure(ErrorCode::InternalError, "ybc hit an internal error answering this request.".into()))
                });
                self.outbox.push(Message::Response(match answer {
                    Ok(value) => Response { id, response_result: Ok(value) },
                    Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
                }));
                Flow::Continue
            }
            Message::Notification(notification) => {
                if notification.method == note::Exit::METHOD {
                    return Flow::Exit(if self.stage == Stage::ShuttingDown { 0 } else { 1 });
                }
                // A notification has no answer to carry an error; a bad one is dropped.
                let _ = catch_unwind(AssertUnwindSafe(|| self.notification(notification)));
                Flow::Continue
            }
            // The server sends no requests, so there are no responses to read.
            Message::Response(_) => Flow::Continue,
        }
    }

    fn request(&mut self, request: Request) -> Answer {
        match (self.stage, request.method.as_str()) {
            (Stage::Starting, req::Initialize::METHOD) => {
                let params: InitializeParams = params(request.params)?;
                let result = self.initialize(&params.capabilities);
                self.stage = Stage::Running;
                to_value(result)
            }
            (Stage::Starting, _) => {
                Err(Failure(ErrorCode::ServerNotInitialized, "The server has not been initialized yet.".into()))
            }
            (Stage::ShuttingDown, _) => {
                Err(Failure(ErrorCode::InvalidRequest, "The server is shutting down; only `exit` is expected.".into()))
            }
            (Stage::Running, req::Initialize::METHOD) => {
                Err(Failure(ErrorCode::InvalidRequest, "The server is already initialized.".into()))
            }
            (Stage::Running, req::Shutdown::METHOD) => {
                self.stage = Stage::ShuttingDown;
                Ok(Value::Null)
            }
            (Stage::Running, method) => self.feature(method, request.params),
        }
    }

    /// Answers the requests for the language features.
    fn feature(&mut self, method: &str, raw: Value) -> Answer {
        let encoding = self.encoding;
        match method {
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = params(raw)?;
                let at = &p.text_document_position;
                let Some(doc) = self.documents.get(&at.text_document.uri) else { return Ok(Value::Null) };
                let offset = doc.offset(at.position, encoding);
                let style = completion::Style { markdown: self.completion_markdown, encoding };
                to_value(completion::complete(doc, offset, style))
            }
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(raw)?;
                let at = &p.text_document_position_params;
                let Some(doc) = self.documents.get(&at.text_document.uri) else { return Ok(Value::Null) };
                to_value(hover::hover(doc, doc.offset(at.position, encoding), encoding, self.markdown))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(raw)?;
                let at = &p.text_document_position_params;
                let uri = &at.text_document.uri;
                let Some(doc) = self.documents.get(uri) else { return Ok(Value::Null) };
                let offset = doc.offset(at.position, encoding);
                to_value(definition::definition(uri, doc, offset, encoding))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = params(raw)?;
                let Some(doc) = self.documents.get(&p.text_document.uri) else { return Ok(Value::Null) };
                to_value(symbols::symbols(doc, encoding))
            }
            req::Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = params(raw)?;
                let Some(doc) = self.documents.get(&p.text_document.uri) else { return Ok(Value::Null) };
                to_value(formatting::edits(doc, encoding))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(raw)?;
                let uri = &p.text_document.uri;
                let Some(doc) = self.documents.get(uri) else { return Ok(Value::Null) };
                let only = p.context.only.as_deref();
                to_value(actions::actions(uri, doc, doc.span(p.range, encoding), encoding, only))
            }
            _ => Err(Failure(ErrorCode::MethodNotFound, format!("ybc does not handle `{method}`."))),
        }
    }

    /// Negotiates the position encoding and markup, and says what the server can do.
    fn initialize(&mut self, capabilities: &ClientCapabilities) -> InitializeResult {
        self.encoding =
            Encoding::negotiate(capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        // Markdown unless the client lists the formats it shows and markdown is not one.
        let text = capabilities.text_document.as_ref();
        self.markdown = text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|formats| formats.contains(&MarkupKind::Markdown));
        self.completion_markdown = text
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.documentation_format.as_ref())
            .is_none_or(|formats| formats.contains(&MarkupKind::Markdown));
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".into(), ",".into(), "(".into()]),
                    ..CompletionOptions::default()
                }),
                hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
                    ..CodeActionOptions::default()
                })),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo { name: "ybc".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.stage != Stage::Running {
            return;
        }
        let encoding = self.encoding;
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification.params) else { return };
                let item = p.text_document;
                let path = path_of(&item.uri);
                let setup = self.setups.for_file(path.as_deref());
                let doc = Document::new(item.text, item.version, path, setup);
                self.documents.insert(item.uri.clone(), doc);
                self.publish(&item.uri);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification.params) else { return };
                let uri = p.text_document.uri;
                if let Some(doc) = self.documents.get_mut(&uri) {
                    doc.change(p.text_document.version, p.content_changes, encoding);
                    self.publish(&uri);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                // A saved ybc.toml or studio catalog may change how every open routine is checked.
                let uris: Vec<Uri> = self.documents.keys().cloned().collect();
                for uri in uris {
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        let setup = self.setups.for_file(doc.path.as_deref());
                        if !Arc::ptr_eq(&setup, &doc.setup) {
                            doc.recompile(setup);
                            self.publish(&uri);
                        }
                    }
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification.params) else { return };
                if self.documents.remove(&p.text_document.uri).is_some() {
                    let clear = PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                    self.notify(note::PublishDiagnostics::METHOD, clear);
                }
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once),
            // `$/setTrace`, configuration changes and anything unknown: nothing to do.
            _ => {}
        }
    }

    /// Sends a document's diagnostics.
    fn publish(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else { return };
        let diagnostics = diagnostics::convert_all(uri, doc, self.encoding);
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(doc.version));
        self.notify(note::PublishDiagnostics::METHOD, params);
    }

    fn notify(&mut self, method: &str, params: impl Serialize) {
        self.outbox.push(Message::Notification(Notification::new(method.to_owned(), params)));
    }
}

fn params<P: DeserializeOwned>(raw: Value) -> Result<P, Failure> {
    serde_json::from_value(raw).map_err(|e| Failure(ErrorCode::InvalidParams, format!("Invalid parameters: {e}.")))
}

fn to_value(value: impl Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

/// Serves the protocol over `input` and `output` (stdin and stdout for `ybc lsp`)
/// until `exit` or the end of the input; returns the process's exit code.
pub fn serve(input: &mut impl BufRead, output: &mut impl Write, mut server: Server) -> io::Result<i32> {
    let mut input = transport::Reader::new(input);
    loop {
        let frame = match input.read() {
            Ok(Some(frame)) => frame,
            // The client went away without `exit`.
            Ok(None) => return Ok(if server.stage == Stage::ShuttingDown { 0 } else { 1 }),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(1),
            Err(e) => return Err(e),
        };
        let flow = match frame {
            transport::Frame::Message(message) => server.handle(message),
            transport::Frame::Recovered { message, note } => {
                transport::write_log(output, &note)?;
                server.handle(message)
            }
            transport::Frame::Malformed { id, code, message } => {
                transport::write_error(output, &id, code, &message)?;
                Flow::Continue
            }
        };
        for message in server.take_outgoing() {
            transport::write(output, &message)?;
        }
        if let Flow::Exit(code) = flow {
            return Ok(code);
        }
    }
}
