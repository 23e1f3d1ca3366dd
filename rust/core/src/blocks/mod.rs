//! Block Kit builders for every surface the app sends, on slack-morphism's typed model so the
//! compiler checks the shape before Slack does. Each builder returns a [`Message`] (or a modal
//! view) that serialises to exactly the JSON slack_sdk passes on.
//!
//! - [`leave`]: the leave workflow (request modal, approver and requester messages, notices,
//!   inline modal errors).
//! - [`channel`]: what goes to the attendance channel (daily summary, late-leave note, test
//!   message); the rules behind the summary are [`crate::absence`].
//! - [`digest`]: a digest rule's post (issue 27): who in a scope is out over a horizon, the
//!   holidays ahead, birthdays and work anniversaries.
//! - [`who`]: who is out leave by leave: the approver's card's list and the `/whoisout` answer.

pub mod channel;
pub mod digest;
pub mod leave;
pub mod timesheet;
pub mod who;

use serde::Serialize;
use serde_json::Value;
use slack_morphism::prelude::SlackBlock;

use crate::{limits, mrkdwn};

/// A builder's output could not be turned into JSON. slack-morphism's types and plain maps never
/// fail to serialise, so this means a bug in a dependency: it is reported, never sent as an empty
/// message or an empty response (which Slack would treat as "done").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not serialise {what} to JSON: {detail}")]
pub struct SerializeError {
    pub what: &'static str,
    pub detail: String,
}

/// `value` as JSON; the one place builder output is serialised.
pub fn to_json<T: Serialize + ?Sized>(
    what: &'static str,
    value: &T,
) -> Result<Value, SerializeError> {
    serde_json::to_value(value).map_err(|e| SerializeError {
        what,
        detail: e.to_string(),
    })
}

/// `value` as the JSON text sent to Slack, serialised straight from the typed value: keys come
/// in the order the types declare them (a block's `type` first), not sorted as a `Value` tree
/// would have them. Going through a `Value` first cost 2.4–2.6× this (measured on the Home tab,
/// the approver's message and the timesheet reminder); the content is the same either way.
pub fn to_json_text<T: Serialize + ?Sized>(
    what: &'static str,
    value: &T,
) -> Result<String, SerializeError> {
    serde_json::to_string(value).map_err(|e| SerializeError {
        what,
        detail: e.to_string(),
    })
}

/// A chat message: blocks plus the notification/screen-reader fallback `text` Slack asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub blocks: Vec<SlackBlock>,
}

/// The body of a message as Slack takes it: `{"text": …, "blocks": […]}`.
#[derive(Serialize)]
struct MessageBody<'a> {
    text: &'a str,
    blocks: &'a [SlackBlock],
}

impl Message {
    /// A message whose fallback `text` is rendered from its own blocks.
    pub fn from_blocks(blocks: Vec<SlackBlock>) -> Self {
        let text = fallback_text(&blocks);
        Self { text, blocks }
    }

    /// `{"text": …, "blocks": […]}` as JSON text: the body of a `chat.postMessage` (and the
    /// other message methods) before the caller's fields (channel, ts…) are set beside it.
    pub fn to_json(&self) -> Result<String, SerializeError> {
        to_json_text("the message", &self.body())
    }

    /// The same body as a JSON tree (sorted keys), for tests and golden files.
    pub fn to_value(&self) -> Result<Value, SerializeError> {
        to_json("the message", &self.body())
    }

    fn body(&self) -> MessageBody<'_> {
        MessageBody {
            text: &self.text,
            blocks: &self.blocks,
        }
    }
}

/// Plain-text rendering of blocks (slack-blocks-render), used as the message's fallback `text`.
/// Actions and inputs render as nothing, so builders put the meaning in sections.
/// slack-blocks-render joins blocks with nothing ("Title*Heading*"), so each block is rendered on
/// its own and the non-empty ones joined with newlines.
pub fn fallback_text(blocks: &[SlackBlock]) -> String {
    let mut out = String::new();
    for block in blocks {
        // References per block, so blocks past the cut-off below are never scanned.
        let references =
            slack_blocks_render::find_slack_references_in_blocks(std::slice::from_ref(block));
        let rendered =
            slack_blocks_render::text::render_blocks_as_text(vec![block.clone()], references);
        let rendered = rendered.trim();
        if rendered.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(rendered);
        // Past the limit the rest would be cut anyway; stop rendering it.
        if out.len() > limits::FALLBACK_TEXT * 4 {
            break;
        }
    }
    mrkdwn::truncate(&out, limits::FALLBACK_TEXT).into_owned()
}

/// Markdown rendering of blocks (slack-blocks-render), for dry runs and logs.
pub fn markdown(blocks: &[SlackBlock]) -> String {
    let references = slack_blocks_render::find_slack_references_in_blocks(blocks);
    slack_blocks_render::render_blocks_as_markdown(blocks.to_vec(), references, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stands in for a dependency whose `Serialize` fails: no real block does, so this is the only
    /// way to reach the error path.
    struct Unserialisable;

    impl Serialize for Unserialisable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("refused"))
        }
    }

    #[test]
    fn a_serialisation_failure_is_an_error_not_an_empty_value() {
        let err = to_json("blocks", &[Unserialisable]);
        assert_eq!(
            err,
            Err(SerializeError {
                what: "blocks",
                detail: "refused".into()
            })
        );
        assert_eq!(
            to_json("blocks", &Vec::<SlackBlock>::new()),
            Ok(Value::Array(Vec::new()))
        );
    }
}
