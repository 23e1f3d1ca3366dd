//! Slack Block Kit limits (docs.slack.dev reference/block-kit; slack_sdk's models enforce the same).
//! One place, so every builder and every test agrees on them.

pub const BLOCKS_PER_MESSAGE: usize = 50;
pub const BLOCKS_PER_MODAL: usize = 100;
/// A Home tab view holds at most 100 blocks, like a modal.
pub const BLOCKS_PER_HOME: usize = 100;
pub const SECTION_TEXT: usize = 3000;
pub const HEADER_TEXT: usize = 150;
/// A context element is a text object, which holds at most 3000 characters.
pub const CONTEXT_TEXT: usize = 3000;
pub const BUTTON_TEXT: usize = 75;
pub const BUTTON_VALUE: usize = 2000;
pub const ACTION_ID: usize = 255;
pub const BLOCK_ID: usize = 255;
pub const MODAL_TITLE: usize = 24;
pub const MODAL_BUTTON_TEXT: usize = 24;
pub const PRIVATE_METADATA: usize = 3000;
pub const SELECT_OPTIONS: usize = 100;
pub const OPTION_TEXT: usize = 75;
pub const OPTION_VALUE: usize = 150;
pub const PLACEHOLDER: usize = 150;
pub const INPUT_LABEL: usize = 2000;
/// `text` of chat.postMessage is truncated by Slack past 40,000 characters; keep fallbacks short.
pub const FALLBACK_TEXT: usize = 3000;
pub const OPTION_GROUPS: usize = 100;
pub const OPTION_GROUP_LABEL: usize = 75;
pub const INPUT_HINT: usize = 2000;
/// plain_text_input `max_length` may not exceed 3000.
pub const PLAIN_TEXT_INPUT: usize = 3000;
/// Slack documents no limit for `response_action: errors` messages; they show under one input,
/// so we keep them to the size of a hint.
pub const VIEW_ERROR_TEXT: usize = 2000;
/// users.profile.set: `status_text` "can be up to 100 characters".
pub const STATUS_TEXT: usize = 100;
