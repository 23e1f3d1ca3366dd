//! Events API requests (`application/json` on the same entry point as interactivity): the
//! envelope told apart — `url_verification` answered with its challenge, `event_callback` routed
//! by event type through one declarative table ([`EVENT_RULES`]) — and anything else refused.

use serde::Deserialize;
use serde_json::{json, Value};

use super::payload::parse_guarded;
use super::{id_excerpt, PayloadError};
use crate::slack_id::SlackUserId;

/// Longest `challenge` we echo: Slack's are ~50 characters; a huge one is not Slack.
pub const MAX_CHALLENGE_CHARS: usize = 200;
/// Slack's event ids (`Ev…`) are short; a long one is not Slack and would be a long cache key.
pub const MAX_EVENT_ID_CHARS: usize = 64;

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
}

/// What a matched event rule hands the event to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventHandler {
    AppHomeOpened,
}

/// One row of the event table: the inner event's `type` → its handler.
#[derive(Debug, Clone, Copy)]
pub struct EventRule {
    pub event_type: &'static str,
    pub handler: EventHandler,
}

/// The event table (the bot events the manifest subscribes to).
pub static EVENT_RULES: &[EventRule] = &[EventRule {
    event_type: "app_home_opened",
    handler: EventHandler::AppHomeOpened,
}];

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
}

impl EventRoute {
    /// Handler name as seen by Python.
    pub fn handler(&self) -> &'static str {
        match self {
            Self::UrlVerification { .. } => "url_verification",
            Self::AppHomeOpened { .. } => "app_home_opened",
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
                None => Err(PayloadError::UnknownEvent(id_excerpt(event_type))),
            }
        }
        other => Err(PayloadError::UnknownType(id_excerpt(other))),
    }
}
