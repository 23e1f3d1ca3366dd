//! Socket Mode: the frames Slack sends over the app's WebSocket, and the acks the app answers.
//!
//! A site Slack cannot reach opens an outbound WebSocket (`apps.connections.open` with the
//! App-Level Token) and Slack delivers over it what it would otherwise POST: `hello` once
//! connected, then envelopes `{"envelope_id", "type", "payload", "accepts_response_payload",
//! "retry_attempt", "retry_reason"}`, and `disconnect` when the connection is about to end.
//!
//! [`parse_frame`] reads one frame. An envelope's payload goes to the same code the HTTP routes
//! use: an `interactive` payload (the JSON of the HTTP `payload=` field) through
//! [`interaction::route()`] — the one routing table — and a `slash_commands` payload (the HTTP
//! form's fields as a JSON object) becomes the same `{field: text}` form. A payload that cannot be
//! read is still an envelope ([`Body::Invalid`]): it has an id, so it is acknowledged (Slack would
//! otherwise deliver it again) and the error is logged. Only a frame without an id is an error.
//!
//! [`ack`] builds the answer from what the HTTP route answered (status and body): a 2xx JSON body
//! becomes the ack's `payload` (an inline-errors `response_action`, a slash command's notice)
//! when the envelope accepts one; any other answer becomes a plain ack, since a socket cannot
//! carry an HTTP error status and the route has already logged why.
//!
//! The `frame` module reads what Slack sends; the `ack` module writes what the app answers.

use crate::{interaction, mrkdwn};

mod ack;
mod frame;

pub use ack::{ack, AckError};
pub use frame::{frame_to_value, parse_frame, Body, Envelope, Frame, FrameError};

/// An envelope wraps one payload of at most [`interaction::MAX_PAYLOAD_BYTES`]; its own fields
/// are a few hundred bytes.
pub const MAX_FRAME_BYTES: usize = interaction::MAX_PAYLOAD_BYTES + 64 * 1024;
/// Slack's envelope ids are UUIDs (36 characters); anything much longer is not Slack.
pub const MAX_ENVELOPE_ID_CHARS: usize = 128;
/// Longest serde message or type name kept in an error (they may quote the input).
const MAX_DETAIL_CHARS: usize = 300;
/// A slash command has about fifteen fields.
const MAX_COMMAND_FIELDS: usize = 100;

fn excerpt(text: &str) -> String {
    mrkdwn::excerpt(text, MAX_DETAIL_CHARS)
}
