//! Link previews (`chat.unfurl`): the card a pasted Leave Application form link unfurls into —
//! the request as its approver's message shows it, its state, and for its approver while it is
//! Open the same Approve / Reject buttons (same action ids and value), so a click is decided
//! exactly as one in the approval DM.

use serde::Deserialize;
use serde_json::{Map, Value};
use slack_morphism::prelude::*;

use super::messages::{
    check_button_value, decision_buttons, label, request_blocks, workflow_line, ApprovalChoices,
    LeaveDetails,
};
use super::{md_section, BuildError, NAME_CHARS};
use crate::blocks::to_json;
use crate::mrkdwn;
use crate::words::{LeaveWords, UnfurlWords};

/// Cards in one `chat.unfurl`: one per link a `link_shared` event reads (its bound).
pub const MAX_UNFURL_CARDS: usize = crate::interaction::event::MAX_SHARED_LINKS;

/// One link's card: the URL as posted (the key Slack matches), the application, its `status`
/// (`Open`, `Approved`, …) and, only when the poster may decide it now, their choices.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnfurlCard {
    pub url: String,
    pub details: LeaveDetails,
    pub status: String,
    #[serde(default)]
    pub choices: Option<ApprovalChoices>,
}

/// The blocks of one card.
pub fn leave_unfurl_card(
    card: &UnfurlCard,
    w: &LeaveWords,
    uw: &UnfurlWords,
) -> Result<Vec<SlackBlock>, BuildError> {
    let d = &card.details;
    check_button_value(&d.leave_application)?;
    let mut blocks = request_blocks(d, w);
    let state = match uw.statuses.of(&card.status) {
        Some(word) => word.as_md(),
        None => mrkdwn::escape_truncate(&card.status, NAME_CHARS),
    };
    blocks.push(md_section(format!("{}*{state}*", label(&uw.status))));
    if let Some(choices) = &card.choices {
        blocks.extend(workflow_line(choices, w));
        blocks.extend(decision_buttons(&d.leave_application, choices, w));
    }
    Ok(blocks)
}

/// `{"unfurls": {url: {"blocks": […]}}}` as JSON text: the body of `chat.unfurl` before its
/// target (`channel` + `ts`, or `unfurl_id` + `source`) is set beside it. Past
/// [`MAX_UNFURL_CARDS`] cards the rest are left out; a URL repeated keeps its first card.
pub fn leave_unfurls(
    cards: &[UnfurlCard],
    w: &LeaveWords,
    uw: &UnfurlWords,
) -> Result<String, BuildError> {
    let mut unfurls = Map::new();
    for card in cards.iter().take(MAX_UNFURL_CARDS) {
        if unfurls.contains_key(&card.url) {
            continue;
        }
        let blocks = to_json("the unfurl card", &leave_unfurl_card(card, w, uw)?)?;
        let mut item = Map::new();
        item.insert("blocks".to_owned(), blocks);
        unfurls.insert(card.url.clone(), Value::Object(item));
    }
    let mut body = Map::new();
    body.insert("unfurls".to_owned(), Value::Object(unfurls));
    Ok(Value::Object(body).to_string())
}
