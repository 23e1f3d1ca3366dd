//! Block Kit builders for every surface the app sends, on slack-morphism's typed model so the
//! compiler checks the shape before Slack does. Each builder returns a [`Message`] (or a modal
//! view) that serialises to exactly the JSON slack_sdk passes on.

pub mod leave;

use serde_json::Value;
use slack_morphism::prelude::SlackBlock;

use crate::{limits, mrkdwn};

pub mod attendance;

/// A chat message: blocks plus the notification/screen-reader fallback `text` Slack asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub blocks: Vec<SlackBlock>,
}

impl Message {
    /// A message whose fallback `text` is rendered from its own blocks.
    pub fn from_blocks(blocks: Vec<SlackBlock>) -> Self {
        let text = fallback_text(&blocks);
        Self { text, blocks }
    }

    /// `{"text": …, "blocks": […]}`, ready to be splatted into `chat.postMessage`.
    pub fn to_value(&self) -> Value {
        let mut map = serde_json::Map::with_capacity(2);
        map.insert("text".into(), Value::String(self.text.clone()));
        map.insert("blocks".into(), blocks_to_value(&self.blocks));
        Value::Object(map)
    }
}

/// Serialises blocks; slack-morphism's types serialise infallibly, so a failure (which would be a
/// bug in that crate) degrades to an empty list rather than a panic across the FFI.
pub fn blocks_to_value(blocks: &[SlackBlock]) -> Value {
    serde_json::to_value(blocks).unwrap_or_else(|_| Value::Array(Vec::new()))
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
