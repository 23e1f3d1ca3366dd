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
/// Links of one `link_shared` event read: Slack documents no count, and a message with more
/// desk links than this is not one to preview card by card (the rest are left as links).
pub const MAX_SHARED_LINKS: usize = 5;
/// A channel id, a message ts, an `unfurl_id` (Slack's examples are ~100 characters) or a source
/// longer than this is not Slack's.
pub const MAX_UNFURL_FIELD_CHARS: usize = 255;
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
    channel: Option<String>,
    message_ts: Option<String>,
    unfurl_id: Option<String>,
    source: Option<String>,
    links: Option<Vec<SharedLink>>,
    function: Option<FunctionRef>,
    inputs: Option<Value>,
    function_execution_id: Option<String>,
    bot_access_token: Option<String>,
}

/// One of a `link_shared` event's `links` (`{"domain", "url"}`).
#[derive(Debug, Deserialize)]
struct SharedLink {
    url: Option<String>,
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
    LinkShared,
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
        event_type: "link_shared",
        handler: EventHandler::LinkShared,
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
    /// Someone posted (or is composing) a message with links on the app's unfurl domain.
    LinkShared {
        event_id: String,
        user_id: SlackUserId,
        target: UnfurlTarget,
        /// The links' URLs as Slack sent them (at most [`MAX_SHARED_LINKS`]).
        urls: Vec<String>,
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

/// Where `chat.unfurl` attaches its cards: the posted message (`channel` + `ts`), or the link
/// Slack named (`unfurl_id` + `source`, also for a link still in the composer). Slack takes
/// either pair (https://api.slack.com/methods/chat.unfurl).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnfurlTarget {
    Message { channel: String, ts: String },
    Link { unfurl_id: String, source: String },
}

impl UnfurlTarget {
    /// The fields `chat.unfurl` takes beside `unfurls`.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Message { channel, ts } => json!({"channel": channel, "ts": ts}),
            Self::Link { unfurl_id, source } => json!({"unfurl_id": unfurl_id, "source": source}),
        }
    }
}

impl EventRoute {
    /// Handler name as seen by Python.
    pub fn handler(&self) -> &'static str {
        match self {
            Self::UrlVerification { .. } => "url_verification",
            Self::AppHomeOpened { .. } => "app_home_opened",
            Self::LinkShared { .. } => "link_shared",
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
            Self::LinkShared {
                event_id,
                user_id,
                target,
                urls,
            } => json!({
                "handler": handler,
                "event_id": event_id,
                "user_id": user_id.as_str(),
                "target": target.to_value(),
                "urls": urls,
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
                Some(EventHandler::LinkShared) => link_shared(event_id, event),
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

fn optional_bounded(
    value: Option<String>,
    field: &'static str,
) -> Result<Option<String>, PayloadError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        some => bounded(some, field, MAX_UNFURL_FIELD_CHARS).map(Some),
    }
}

/// A `link_shared` event (https://api.slack.com/events/link_shared): who shared, where the
/// cards go (`unfurl_id` + `source` when Slack sent them, else `channel` + `message_ts`) and the
/// URLs; links without a URL are passed over.
fn link_shared(event_id: String, event: InnerEvent) -> Result<EventRoute, PayloadError> {
    let user = event.user.ok_or(PayloadError::MissingField("event.user"))?;
    let user_id = SlackUserId::parse(&user)
        .map_err(|e| PayloadError::invalid("event.user", e.to_string()))?;
    let unfurl_id = optional_bounded(event.unfurl_id, "event.unfurl_id")?;
    let source = optional_bounded(event.source, "event.source")?;
    if let Some(source) = &source {
        if !matches!(source.as_str(), "composer" | "conversations_history") {
            return Err(PayloadError::invalid("event.source", id_excerpt(source)));
        }
    }
    let target = match (unfurl_id, source) {
        (Some(unfurl_id), Some(source)) => UnfurlTarget::Link { unfurl_id, source },
        _ => UnfurlTarget::Message {
            channel: bounded(event.channel, "event.channel", MAX_UNFURL_FIELD_CHARS)?,
            ts: bounded(event.message_ts, "event.message_ts", MAX_UNFURL_FIELD_CHARS)?,
        },
    };
    let links = event
        .links
        .ok_or(PayloadError::MissingField("event.links"))?;
    let urls = links
        .into_iter()
        .filter_map(|l| l.url.filter(|u| !u.is_empty()))
        .take(MAX_SHARED_LINKS)
        .collect();
    Ok(EventRoute::LinkShared {
        event_id,
        user_id,
        target,
        urls,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn event(inner: Value) -> Vec<u8> {
        json!({"type": "event_callback", "event_id": "Ev1", "event": inner})
            .to_string()
            .into_bytes()
    }

    #[test]
    fn a_posted_link_goes_to_its_message_or_its_unfurl_id() {
        let body = event(json!({
            "type": "link_shared", "user": "U123ABC456", "channel": "C1",
            "message_ts": "1.2", "source": "conversations_history", "unfurl_id": "C1.1.2.abc",
            "links": [{"domain": "erp.example.com", "url": "https://erp.example.com/app/x/1"}]
        }));
        let route = route_event(&body).unwrap();
        assert_eq!(route.handler(), "link_shared");
        let value = route.to_value();
        assert_eq!(
            value["target"],
            json!({"unfurl_id": "C1.1.2.abc", "source": "conversations_history"})
        );
        assert_eq!(value["urls"], json!(["https://erp.example.com/app/x/1"]));

        let body = event(json!({
            "type": "link_shared", "user": "U123ABC456", "channel": "C1", "message_ts": "1.2",
            "links": [{"url": "https://a"}, {"domain": "x"}]
        }));
        let value = route_event(&body).unwrap().to_value();
        assert_eq!(value["target"], json!({"channel": "C1", "ts": "1.2"}));
        assert_eq!(value["urls"], json!(["https://a"]));
    }

    #[test]
    fn links_are_bounded_and_bad_fields_refused() {
        let many: Vec<Value> = (0..20)
            .map(|i| json!({"url": format!("https://a/{i}")}))
            .collect();
        let body = event(json!({
            "type": "link_shared", "user": "U123ABC456", "channel": "C1", "message_ts": "1.2",
            "links": many
        }));
        let value = route_event(&body).unwrap().to_value();
        assert_eq!(value["urls"].as_array().unwrap().len(), MAX_SHARED_LINKS);

        let no_target = event(json!({"type": "link_shared", "user": "U123ABC456", "links": []}));
        assert_eq!(
            route_event(&no_target).unwrap_err().reason(),
            "missing_field"
        );
        let bad_source = event(json!({
            "type": "link_shared", "user": "U123ABC456", "unfurl_id": "x", "source": "elsewhere",
            "links": []
        }));
        assert!(route_event(&bad_source).is_err());
        let bad_user = event(json!({
            "type": "link_shared", "user": "not a user id!", "channel": "C1", "message_ts": "1.2",
            "links": []
        }));
        assert!(route_event(&bad_user).is_err());
        let no_links = event(json!({
            "type": "link_shared", "user": "U123ABC456", "channel": "C1", "message_ts": "1.2"
        }));
        assert!(route_event(&no_links).is_err());
    }
}
