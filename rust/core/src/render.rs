//! Block JSON (as slack_sdk would send it) back into slack-morphism's typed blocks, and Markdown
//! rendering of them for dry runs.
//!
//! slack-morphism deserialises anything it does not recognise as `SlackBlock::Unknown` instead of
//! failing, so every block is checked here: an unknown block is an error, never rendered silently.

use serde_json::Value;
use slack_morphism::prelude::SlackBlock;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlocksError {
    #[error("blocks: expected a list, got something else")]
    NotAList,
    #[error("not a message's JSON text (an object with `blocks`): {0}")]
    NotAMessage(String),
    #[error("block {index}: {problem}")]
    Invalid { index: usize, problem: String },
    #[error("block {index}: unknown block type {block_type:?}")]
    Unknown { index: usize, block_type: String },
}

impl BlocksError {
    /// Stable reason code (Python: `InputError.reason`).
    pub fn reason(&self) -> &'static str {
        match self {
            Self::NotAList => "not_a_list",
            Self::NotAMessage(_) => "not_a_message",
            Self::Invalid { .. } => "invalid_block",
            Self::Unknown { .. } => "unknown_block",
        }
    }

    pub fn index(&self) -> Option<usize> {
        match self {
            Self::NotAList | Self::NotAMessage(_) => None,
            Self::Invalid { index, .. } | Self::Unknown { index, .. } => Some(*index),
        }
    }
}

/// Parses a JSON list of blocks, rejecting malformed and unknown blocks with their index.
pub fn parse_blocks(value: Value) -> Result<Vec<SlackBlock>, BlocksError> {
    let Value::Array(items) = value else {
        return Err(BlocksError::NotAList);
    };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let block_type = item
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("<missing>")
                .chars()
                .take(80)
                .collect::<String>();
            match serde_json::from_value::<SlackBlock>(item) {
                Ok(SlackBlock::Unknown(_)) => Err(BlocksError::Unknown { index, block_type }),
                Ok(block) => Ok(block),
                Err(e) => Err(BlocksError::Invalid {
                    index,
                    problem: e.to_string(),
                }),
            }
        })
        .collect()
}

/// Markdown of a JSON list of blocks (slack-blocks-render), for dry runs and logs.
pub fn markdown_of(value: Value) -> Result<String, BlocksError> {
    parse_blocks(value).map(|blocks| crate::blocks::markdown(&blocks))
}

/// Markdown of the blocks of a message's JSON text (what a builder returns).
pub fn markdown_of_message(text: &str) -> Result<String, BlocksError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| BlocksError::NotAMessage(e.to_string()))?;
    let Value::Object(mut message) = value else {
        return Err(BlocksError::NotAMessage("not an object".into()));
    };
    let blocks = message
        .remove("blocks")
        .ok_or_else(|| BlocksError::NotAMessage("no `blocks`".into()))?;
    markdown_of(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_text_renders_its_blocks() {
        let text =
            r#"{"text":"x","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Hi*"}}]}"#;
        assert_eq!(
            markdown_of_message(text).unwrap(),
            markdown_of(
                serde_json::json!([{"type":"section","text":{"type":"mrkdwn","text":"*Hi*"}}])
            )
            .unwrap()
        );
        for bad in ["[]", "{\"text\":\"x\"}", "not json"] {
            assert_eq!(
                markdown_of_message(bad).unwrap_err().reason(),
                "not_a_message"
            );
        }
    }
    use serde_json::json;

    #[test]
    fn renders_known_blocks() {
        let md = markdown_of(json!([
            {"type": "header", "text": {"type": "plain_text", "text": "Hi"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "*bold* line"}}
        ]))
        .unwrap();
        assert!(md.contains("Hi"), "{md}");
        assert!(md.contains("line"), "{md}");
    }

    #[test]
    fn rejects_unknown_and_malformed_blocks() {
        let e = parse_blocks(json!([{"type": "section", "text": {"type": "mrkdwn", "text": "ok"}}, {"type": "bogus"}]))
            .unwrap_err();
        assert_eq!(e.reason(), "unknown_block");
        assert_eq!(e.index(), Some(1));
        let e = parse_blocks(json!([{"no_type": 1}])).unwrap_err();
        assert!(matches!(e.reason(), "unknown_block" | "invalid_block"));
        assert_eq!(
            parse_blocks(json!({"type": "x"})).unwrap_err(),
            BlocksError::NotAList
        );
        assert!(parse_blocks(json!([])).unwrap().is_empty());
    }
}
