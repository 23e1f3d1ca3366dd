//! One frame from Slack read: `hello`, `disconnect`, or an envelope whose payload goes through
//! the same routing as the HTTP routes; and the frame as the dict Python reads.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{excerpt, MAX_COMMAND_FIELDS, MAX_ENVELOPE_ID_CHARS, MAX_FRAME_BYTES};
use crate::interaction::event::EventRoute;
use crate::interaction::{self, check_nesting, PayloadError, Route};

/// Why a frame cannot be read at all (no envelope to acknowledge). `reason()` is stable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("frame is {size} bytes; the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("frame is not a JSON object: {0}")]
    MalformedJson(String),
    #[error("frame nests deeper than {0} levels")]
    TooDeep(usize),
    #[error("frame lacks the field {0}")]
    MissingField(&'static str),
    #[error("frame field {field} is invalid: {detail}")]
    InvalidField { field: &'static str, detail: String },
    #[error("unknown frame type {0:?} without an envelope_id")]
    UnknownType(String),
}

impl FrameError {
    /// Stable machine-readable reason code.
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "too_large",
            Self::MalformedJson(_) | Self::TooDeep(_) => "malformed_json",
            Self::MissingField(_) => "missing_field",
            Self::InvalidField { .. } => "invalid_field",
            Self::UnknownType(_) => "unknown_type",
        }
    }
}

/// One frame from Slack.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// The connection is ready. `num_connections`: how many connections the app has open now
    /// (more than one means another process is connected; Slack gives each envelope to one).
    Hello { num_connections: Option<u64> },
    /// Slack is about to close this connection: `refresh_requested`, `link_disabled`, `warning`…
    Disconnect { reason: String },
    /// Something to acknowledge.
    Envelope(Box<Envelope>),
}

/// An envelope: what to acknowledge and what it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub envelope_id: String,
    /// The envelope `type` as Slack sent it.
    pub kind: String,
    pub accepts_response_payload: bool,
    pub retry_attempt: u64,
    pub retry_reason: String,
    pub body: Body,
}

/// What an envelope carries, read as the HTTP routes read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A slash command: its fields as the HTTP form has them.
    SlashCommand { form: BTreeMap<String, String> },
    /// An interaction, routed by [`interaction::route()`].
    Interaction { route: Route },
    /// An Events API event, routed by [`interaction::event::route_event`] (the HTTP route's
    /// event table).
    Event { route: EventRoute },
    /// An envelope type this app does not handle.
    Unsupported,
    /// A payload that cannot be read or routed.
    Invalid { error: PayloadError },
}

impl Body {
    /// The name Python dispatches on.
    #[must_use]
    pub fn handler(&self) -> &'static str {
        match self {
            Self::SlashCommand { .. } => "slash_command",
            Self::Interaction { .. } => "interaction",
            Self::Event { .. } => "event",
            Self::Unsupported => "unsupported",
            Self::Invalid { .. } => "invalid",
        }
    }
}

#[derive(Deserialize)]
struct RawFrame<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    envelope_id: Option<String>,
    #[serde(borrow)]
    payload: Option<&'a RawValue>,
    #[serde(default)]
    accepts_response_payload: bool,
    retry_attempt: Option<u64>,
    retry_reason: Option<String>,
    reason: Option<String>,
    num_connections: Option<u64>,
}

/// Reads one text frame Slack sent over the Socket Mode connection.
pub fn parse_frame(frame: &[u8]) -> Result<Frame, FrameError> {
    if frame.len() > MAX_FRAME_BYTES {
        return Err(FrameError::TooLarge {
            size: frame.len(),
            limit: MAX_FRAME_BYTES,
        });
    }
    match frame.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        _ => return Err(FrameError::MalformedJson("expected a JSON object".into())),
    }
    // The payload sits one level below the envelope; the router bounds the payload itself.
    let max_depth = interaction::MAX_NESTING + 1;
    check_nesting(frame, max_depth).map_err(|_| FrameError::TooDeep(max_depth))?;
    let raw: RawFrame<'_> = serde_json::from_slice(frame).map_err(|e| {
        let detail = excerpt(&e.to_string());
        match e.classify() {
            serde_json::error::Category::Data => FrameError::InvalidField {
                field: "frame",
                detail,
            },
            _ => FrameError::MalformedJson(detail),
        }
    })?;
    let kind = raw.kind.clone().ok_or(FrameError::MissingField("type"))?;
    let Some(envelope_id) = raw.envelope_id.clone() else {
        return match kind.as_str() {
            "hello" => Ok(Frame::Hello {
                num_connections: raw.num_connections,
            }),
            "disconnect" => Ok(Frame::Disconnect {
                reason: raw.reason.clone().unwrap_or_default(),
            }),
            other => Err(FrameError::UnknownType(excerpt(other))),
        };
    };
    if envelope_id.is_empty() || envelope_id.chars().count() > MAX_ENVELOPE_ID_CHARS {
        return Err(FrameError::InvalidField {
            field: "envelope_id",
            detail: format!("expected 1 to {MAX_ENVELOPE_ID_CHARS} characters"),
        });
    }
    let body = match raw.payload {
        None => Body::Invalid {
            error: PayloadError::MissingField("payload"),
        },
        Some(payload) => read_body(&kind, payload),
    };
    Ok(Frame::Envelope(Box::new(Envelope {
        envelope_id,
        kind,
        accepts_response_payload: raw.accepts_response_payload,
        retry_attempt: raw.retry_attempt.unwrap_or(0),
        retry_reason: raw.retry_reason.unwrap_or_default(),
        body,
    })))
}

fn read_body(kind: &str, payload: &RawValue) -> Body {
    let result = match kind {
        "slash_commands" => slash_command(payload).map(|form| Body::SlashCommand { form }),
        "interactive" => {
            interaction::route(payload.get().as_bytes()).map(|route| Body::Interaction { route })
        }
        "events_api" => event(payload),
        _ => Ok(Body::Unsupported),
    };
    result.unwrap_or_else(|error| Body::Invalid { error })
}

/// The slash command's fields, as the form-encoded HTTP body has them: every value a string.
/// Slack sends strings only; a number or boolean is written as its JSON text (which is what it
/// would be in a form), anything nested is not a slash command.
fn slash_command(payload: &RawValue) -> Result<BTreeMap<String, String>, PayloadError> {
    let map: Map<String, Value> =
        serde_json::from_str(payload.get()).map_err(|e| PayloadError::InvalidField {
            field: "payload".into(),
            detail: excerpt(&e.to_string()),
        })?;
    if map.len() > MAX_COMMAND_FIELDS {
        return Err(PayloadError::InvalidField {
            field: "payload".into(),
            detail: format!("more than {MAX_COMMAND_FIELDS} fields"),
        });
    }
    map.into_iter()
        .map(|(key, value)| match value {
            Value::String(s) => Ok((key, s)),
            Value::Bool(_) | Value::Number(_) => Ok((key, value.to_string())),
            Value::Null | Value::Array(_) | Value::Object(_) => Err(PayloadError::InvalidField {
                field: format!("payload.{}", excerpt(&key)),
                detail: "expected a string".into(),
            }),
        })
        .collect()
}

fn event(payload: &RawValue) -> Result<Body, PayloadError> {
    interaction::event::route_event(payload.get().as_bytes()).map(|route| Body::Event { route })
}

/// The [`Frame`] as the dict Python reads (`parse_socket_frame`).
#[must_use]
pub fn frame_to_value(frame: &Frame) -> Value {
    match frame {
        Frame::Hello { num_connections } => serde_json::json!({
            "type": "hello",
            "num_connections": num_connections,
        }),
        Frame::Disconnect { reason } => serde_json::json!({
            "type": "disconnect",
            "reason": reason,
        }),
        Frame::Envelope(env) => {
            let mut value = serde_json::json!({
                "type": "envelope",
                "envelope_id": env.envelope_id,
                "kind": env.kind,
                "accepts_response_payload": env.accepts_response_payload,
                "retry_attempt": env.retry_attempt,
                "retry_reason": env.retry_reason,
                "handler": env.body.handler(),
            });
            if let Value::Object(map) = &mut value {
                match &env.body {
                    Body::SlashCommand { form } => {
                        map.insert(
                            "form".into(),
                            Value::Object(
                                form.iter()
                                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                                    .collect(),
                            ),
                        );
                    }
                    Body::Interaction { route } => {
                        map.insert("route".into(), route.to_value());
                    }
                    Body::Event { route } => {
                        map.insert("route".into(), route.to_value());
                    }
                    Body::Unsupported => {}
                    Body::Invalid { error } => {
                        map.insert(
                            "error".into(),
                            serde_json::json!({"reason": error.reason(), "message": error.to_string()}),
                        );
                    }
                }
            }
            value
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn envelope(frame: &Value) -> Envelope {
        match parse_frame(frame.to_string().as_bytes()).unwrap() {
            Frame::Envelope(env) => *env,
            other => panic!("not an envelope: {other:?}"),
        }
    }

    fn block_actions() -> Value {
        json!({
            "type": "block_actions",
            "user": {"id": "U0BOSS0001", "username": "bea", "name": "bea", "team_id": "T1"},
            "trigger_id": "1.2.abc",
            "channel": {"id": "D0BOSS0001"},
            "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "D0BOSS0001"},
            "message": {"ts": "1700000000.000100"},
            "actions": [{"action_id": "leave_approve", "block_id": "leave_actions_block",
                         "type": "button", "value": "HR-LAP-2026-00001", "action_ts": "1"}]
        })
    }

    #[test]
    fn hello_and_disconnect() {
        let hello = br#"{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1"},
            "connection_info":{"app_id":"A1"}}"#;
        assert_eq!(
            parse_frame(hello).unwrap(),
            Frame::Hello {
                num_connections: Some(2)
            }
        );
        let bye =
            br#"{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"h"}}"#;
        assert_eq!(
            parse_frame(bye).unwrap(),
            Frame::Disconnect {
                reason: "refresh_requested".into()
            }
        );
        assert_eq!(
            parse_frame(br#"{"type":"disconnect"}"#).unwrap(),
            Frame::Disconnect { reason: "".into() }
        );
    }

    #[test]
    fn slash_command_becomes_the_http_form() {
        let env = envelope(&json!({
            "envelope_id": "1d3c79ab-0ffb-41f3-a080-d19e85f53649",
            "type": "slash_commands",
            "accepts_response_payload": true,
            "payload": {"token": "t", "team_id": "T1", "user_id": "U0JANE0001",
                        "command": "/apply-leave", "text": "", "trigger_id": "1.2.x",
                        "is_enterprise_install": false, "n": 3}
        }));
        assert_eq!(env.envelope_id, "1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        assert!(env.accepts_response_payload);
        assert_eq!(env.retry_attempt, 0);
        let Body::SlashCommand { form } = env.body else {
            panic!("{:?}", env.body)
        };
        assert_eq!(form["user_id"], "U0JANE0001");
        assert_eq!(form["command"], "/apply-leave");
        assert_eq!(form["text"], "");
        assert_eq!(form["is_enterprise_install"], "false");
        assert_eq!(form["n"], "3");
    }

    #[test]
    fn interactive_goes_through_the_one_routing_table() {
        let payload = block_actions();
        let env = envelope(&json!({"envelope_id": "e1", "type": "interactive",
            "accepts_response_payload": false, "payload": payload}));
        let Body::Interaction { route } = env.body else {
            panic!("{:?}", env.body)
        };
        // Exactly what the HTTP route gets from the same payload.
        assert_eq!(
            route,
            interaction::route(payload.to_string().as_bytes()).unwrap()
        );
        assert_eq!(route.handler(), "leave_decision");
    }

    #[test]
    fn an_unroutable_payload_is_still_an_envelope_to_ack() {
        let mut payload = block_actions();
        payload["actions"][0]["action_id"] = json!("nobody_knows");
        let env =
            envelope(&json!({"envelope_id": "e2", "type": "interactive", "payload": payload}));
        let Body::Invalid { error } = env.body else {
            panic!("{:?}", env.body)
        };
        assert_eq!(error.reason(), "unknown_action");

        let env = envelope(&json!({"envelope_id": "e3", "type": "interactive"}));
        assert_eq!(
            env.body,
            Body::Invalid {
                error: PayloadError::MissingField("payload")
            }
        );
        let env = envelope(&json!({"envelope_id": "e4", "type": "slash_commands",
            "payload": {"user_id": {"nested": true}}}));
        let Body::Invalid { error } = env.body else {
            panic!("{:?}", env.body)
        };
        assert_eq!(error.reason(), "invalid_field");
        assert!(error.to_string().contains("payload.user_id"), "{error}");
        let env = envelope(&json!({"envelope_id": "e5", "type": "slash_commands", "payload": [1]}));
        assert!(matches!(env.body, Body::Invalid { .. }));
    }

    #[test]
    fn events_and_unknown_envelope_types() {
        let env = envelope(
            &json!({"envelope_id": "e6", "type": "events_api", "retry_attempt": 2,
            "retry_reason": "timeout", "accepts_response_payload": false,
            "payload": {"type": "event_callback", "event_id": "Ev01",
                        "event": {"type": "app_home_opened", "user": "U0JANE0001", "tab": "home"}}}),
        );
        assert_eq!(env.retry_attempt, 2);
        assert_eq!(env.retry_reason, "timeout");
        // The HTTP route's event table routes it.
        assert_eq!(
            env.body,
            Body::Event {
                route: EventRoute::AppHomeOpened {
                    event_id: "Ev01".into(),
                    user_id: crate::slack_id::SlackUserId::parse("U0JANE0001").unwrap(),
                    tab: "home".into(),
                }
            }
        );
        // An event the table does not know is refused as over HTTP (logged, plain ack).
        let env = envelope(&json!({"envelope_id": "e8", "type": "events_api",
            "payload": {"type": "event_callback", "event_id": "Ev02", "event": {"type": "message"}}}));
        assert!(matches!(
            env.body,
            Body::Invalid { error: PayloadError::UnknownEvent(ref t) } if t == "message"
        ));
        let env = envelope(&json!({"envelope_id": "e7", "type": "workflow_step", "payload": {}}));
        assert_eq!(env.body, Body::Unsupported);
        assert_eq!(env.kind, "workflow_step");
    }

    #[test]
    fn frames_without_an_envelope_are_errors() {
        assert_eq!(parse_frame(b"nope").unwrap_err().reason(), "malformed_json");
        assert_eq!(parse_frame(b"[1]").unwrap_err().reason(), "malformed_json");
        assert_eq!(
            parse_frame(b"{\"type\":").unwrap_err().reason(),
            "malformed_json"
        );
        assert_eq!(parse_frame(b"{}").unwrap_err().reason(), "missing_field");
        assert_eq!(
            parse_frame(br#"{"type":"surprise"}"#).unwrap_err().reason(),
            "unknown_type"
        );
        assert_eq!(
            parse_frame(br#"{"type":"interactive","envelope_id":7}"#)
                .unwrap_err()
                .reason(),
            "invalid_field"
        );
        assert_eq!(
            parse_frame(br#"{"type":"interactive","envelope_id":""}"#)
                .unwrap_err()
                .reason(),
            "invalid_field"
        );
        let long = format!(
            r#"{{"type":"interactive","envelope_id":"{}"}}"#,
            "e".repeat(129)
        );
        assert_eq!(
            parse_frame(long.as_bytes()).unwrap_err().reason(),
            "invalid_field"
        );
        let deep = format!(
            "{{\"type\":\"x\",\"a\":{}{}}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert_eq!(
            parse_frame(deep.as_bytes()).unwrap_err().reason(),
            "malformed_json"
        );
        let huge = vec![b' '; MAX_FRAME_BYTES + 1];
        assert_eq!(parse_frame(&huge).unwrap_err().reason(), "too_large");
    }

    #[test]
    fn nesting_is_bounded_before_serde_runs() {
        // The envelope adds one level to the router's bound: deeper frames are refused unread.
        let inner = format!("{}{}", "[".repeat(70), "]".repeat(70));
        let frame = format!(
            r#"{{"envelope_id":"e8","type":"interactive","payload":{{"type":"block_actions","x":{inner}}}}}"#
        );
        assert!(parse_frame(frame.as_bytes()).is_err());
        let inner = format!("{}{}", "[".repeat(60), "]".repeat(60));
        let frame = format!(
            r#"{{"envelope_id":"e9","type":"interactive","payload":{{"type":"block_actions","x":{inner}}}}}"#
        );
        let Frame::Envelope(env) = parse_frame(frame.as_bytes()).unwrap() else {
            panic!()
        };
        assert_eq!(env.body.handler(), "invalid"); // no actions: missing_field, acked
    }

    #[test]
    fn frame_values_for_python() {
        let env = parse_frame(
            json!({"envelope_id": "e1", "type": "interactive", "payload": block_actions()})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
        let v = frame_to_value(&env);
        assert_eq!(v["type"], "envelope");
        assert_eq!(v["handler"], "interaction");
        assert_eq!(v["route"]["handler"], "leave_decision");
        assert_eq!(v["accepts_response_payload"], false);
        let bad =
            parse_frame(br#"{"envelope_id":"e2","type":"interactive","payload":{}}"#).unwrap();
        let v = frame_to_value(&bad);
        assert_eq!(v["handler"], "invalid");
        assert_eq!(v["error"]["reason"], "missing_field");
        let v = frame_to_value(&Frame::Hello {
            num_connections: None,
        });
        assert_eq!(v, json!({"type": "hello", "num_connections": null}));
    }
}
