//! Events API requests (`application/json` on the same entry point as interactivity): the
//! envelope told apart — `url_verification` answered with its challenge, `event_callback` routed
//! by event type through one declarative table ([`EVENT_RULES`]) — and anything else refused.

use serde::Deserialize;
use serde_json::{json, Value};

use super::payload::parse_guarded;
use super::steps::{lookup_step, read_inputs, StepInputError, StepInputs, StepSpec};
use super::{id_excerpt, PayloadError};
use crate::slack_id::SlackUserId;

/// Longest `challenge` we echo: Slack's are ~50 characters; a huge one is not Slack.
pub const MAX_CHALLENGE_CHARS: usize = 200;
/// Slack's event ids (`Ev…`) are short; a long one is not Slack and would be a long cache key.
pub const MAX_EVENT_ID_CHARS: usize = 64;
/// Slack's function execution ids (`Fx…`) are short, like event ids.
pub const MAX_EXECUTION_ID_CHARS: usize = 64;
/// A workflow token (`xwfp-…`) is ~100 characters; a huge one is not Slack.
pub const MAX_STEP_TOKEN_CHARS: usize = 512;

#[derive(Debug, Deserialize)]
struct EventEnvelope {
    #[serde(rename = "type")]
    kind: Option<String>,
    challenge: Option<String>,
    event_id: Option<String>,
    event: Option<InnerEvent>,
}

#[derive(Debug, Deserialize)]
struct InnerEvent {
    #[serde(rename = "type")]
    kind: Option<String>,
    user: Option<String>,
    tab: Option<String>,
    function: Option<FunctionRef>,
    inputs: Option<Value>,
    function_execution_id: Option<String>,
    bot_access_token: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FunctionRef {
    callback_id: Option<String>,
}

/// The short-lived token Slack gives a step's execution to complete it with; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct StepToken(String);

impl StepToken {
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for StepToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StepToken(…)")
    }
}

/// What a matched event rule hands the event to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventHandler {
    AppHomeOpened,
    FunctionExecuted,
}

/// One row of the event table: the inner event's `type` → its handler.
#[derive(Debug, Clone, Copy)]
pub struct EventRule {
    pub event_type: &'static str,
    pub handler: EventHandler,
}

/// The event table (the bot events the manifest subscribes to).
pub static EVENT_RULES: &[EventRule] = &[
    EventRule {
        event_type: "app_home_opened",
        handler: EventHandler::AppHomeOpened,
    },
    EventRule {
        event_type: "function_executed",
        handler: EventHandler::FunctionExecuted,
    },
];

/// Looks an event type up in [`EVENT_RULES`].
pub fn lookup_event(event_type: &str) -> Option<EventHandler> {
    EVENT_RULES
        .iter()
        .find(|r| r.event_type == event_type)
        .map(|r| r.handler)
}

/// A routed Events API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventRoute {
    /// Slack checks the request URL: answer the challenge (only ever for a verified request).
    UrlVerification { challenge: String },
    /// The user opened the app's Home (or Messages) tab.
    AppHomeOpened {
        event_id: String,
        user_id: SlackUserId,
        tab: String,
    },
    /// A workflow ran one of the app's steps ([`STEPS`](super::steps::STEPS)): its inputs read,
    /// or why they cannot be used (the step is then completed with that error).
    FunctionExecuted {
        event_id: String,
        execution_id: String,
        token: StepToken,
        step: &'static StepSpec,
        inputs: Result<StepInputs, StepInputError>,
    },
}

impl EventRoute {
    /// Handler name as seen by Python.
    pub fn handler(&self) -> &'static str {
        match self {
            Self::UrlVerification { .. } => "url_verification",
            Self::AppHomeOpened { .. } => "app_home_opened",
            Self::FunctionExecuted { .. } => "function_executed",
        }
    }

    /// The dict `route_event` returns.
    pub fn to_value(&self) -> Value {
        let handler = self.handler();
        match self {
            Self::UrlVerification { challenge } => {
                json!({"handler": handler, "challenge": challenge})
            }
            Self::AppHomeOpened {
                event_id,
                user_id,
                tab,
            } => json!({
                "handler": handler,
                "event_id": event_id,
                "user_id": user_id.as_str(),
                "tab": tab,
            }),
            Self::FunctionExecuted {
                event_id,
                execution_id,
                token,
                step,
                inputs,
            } => {
                let (inputs, invalid) = match inputs {
                    Ok(inputs) => (inputs.to_value(), Value::Null),
                    Err(e) => (Value::Null, e.to_value()),
                };
                json!({
                    "handler": handler,
                    "event_id": event_id,
                    "execution_id": execution_id,
                    "token": token.as_str(),
                    "step": step.handler,
                    "inputs": inputs,
                    "invalid": invalid,
                })
            }
        }
    }
}

fn bounded(value: Option<String>, field: &'static str, max: usize) -> Result<String, PayloadError> {
    let value = value
        .filter(|v| !v.is_empty())
        .ok_or(PayloadError::MissingField(field))?;
    let len = value.chars().count();
    if len > max {
        return Err(PayloadError::invalid(
            field,
            format!("{len} characters; at most {max}"),
        ));
    }
    Ok(value)
}

/// Parses an Events API body and routes it.
pub fn route_event(body: &[u8]) -> Result<EventRoute, PayloadError> {
    let env: EventEnvelope = parse_guarded(body)?;
    let kind = env
        .kind
        .as_deref()
        .ok_or(PayloadError::MissingField("type"))?;
    match kind {
        "url_verification" => Ok(EventRoute::UrlVerification {
            challenge: bounded(env.challenge, "challenge", MAX_CHALLENGE_CHARS)?,
        }),
        "event_callback" => {
            let event_id = bounded(env.event_id, "event_id", MAX_EVENT_ID_CHARS)?;
            let event = env.event.ok_or(PayloadError::MissingField("event"))?;
            let event_type = event
                .kind
                .as_deref()
                .ok_or(PayloadError::MissingField("event.type"))?;
            match lookup_event(event_type) {
                Some(EventHandler::AppHomeOpened) => {
                    let user = event.user.ok_or(PayloadError::MissingField("event.user"))?;
                    let user_id = SlackUserId::parse(&user)
                        .map_err(|e| PayloadError::invalid("event.user", e.to_string()))?;
                    let tab = event.tab.unwrap_or_else(|| "home".to_owned());
                    if !matches!(tab.as_str(), "home" | "messages") {
                        return Err(PayloadError::invalid("event.tab", id_excerpt(&tab)));
                    }
                    Ok(EventRoute::AppHomeOpened {
                        event_id,
                        user_id,
                        tab,
                    })
                }
                Some(EventHandler::FunctionExecuted) => {
                    let callback_id = event
                        .function
                        .and_then(|f| f.callback_id)
                        .ok_or(PayloadError::MissingField("event.function.callback_id"))?;
                    let step = lookup_step(&callback_id).ok_or_else(|| {
                        PayloadError::invalid(
                            "event.function.callback_id",
                            id_excerpt(&callback_id),
                        )
                    })?;
                    Ok(EventRoute::FunctionExecuted {
                        event_id,
                        execution_id: bounded(
                            event.function_execution_id,
                            "event.function_execution_id",
                            MAX_EXECUTION_ID_CHARS,
                        )?,
                        token: StepToken(bounded(
                            event.bot_access_token,
                            "event.bot_access_token",
                            MAX_STEP_TOKEN_CHARS,
                        )?),
                        step,
                        inputs: read_inputs(step, event.inputs.as_ref()),
                    })
                }
                None => Err(PayloadError::UnknownEvent(id_excerpt(event_type))),
            }
        }
        other => Err(PayloadError::UnknownType(id_excerpt(other))),
    }
}
