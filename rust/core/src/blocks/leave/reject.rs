//! The reject-with-reason modal: Reject asks the approver why (optional) before deciding.

use serde::{Deserialize, Serialize};
use slack_morphism::prelude::*;

use super::{input, md_section, plain, BuildError, NAME_CHARS};
use crate::interaction::{ids, MAX_REJECT_REASON_CHARS};
use crate::words::RejectWords;
use crate::{limits, mrkdwn};

/// What the modal needs: the application, whose it is, and the message the click came from
/// (carried in private_metadata, so the decision can answer there).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RejectModalInput {
    pub leave_application: String,
    pub requester_name: String,
    #[serde(default)]
    pub channel_id: Option<String>,
    #[serde(default)]
    pub message_ts: Option<String>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    leave_application: &'a str,
    channel_id: Option<&'a str>,
    message_ts: Option<&'a str>,
}

/// The texts of a reject-with-reason modal, in the reader's words.
pub(crate) struct ReasonTexts {
    pub title: String,
    pub reason: String,
    pub placeholder: String,
    pub hint: String,
    pub submit: String,
    pub close: String,
}

/// Every reject-with-reason modal (leave's and the engine's): `intro` (mrkdwn), the optional
/// reason input, and `metadata` — which names the document, so it is refused rather than cut
/// when too long for Slack.
pub(crate) fn reason_modal(
    callback_id: &str,
    metadata: &impl Serialize,
    intro: String,
    t: &ReasonTexts,
) -> Result<SlackView, BuildError> {
    let metadata = crate::blocks::to_json("the reject modal's metadata", metadata)?.to_string();
    let len = metadata.chars().count();
    if len > limits::PRIVATE_METADATA {
        return Err(BuildError::PrivateMetadataTooLong {
            len,
            limit: limits::PRIVATE_METADATA,
        });
    }
    let reason = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(ids::REJECT_REASON_ACTION.to_owned()))
        .with_multiline(true)
        .with_max_length(MAX_REJECT_REASON_CHARS as u64)
        .with_placeholder(plain(&t.placeholder, limits::PLACEHOLDER));
    let blocks: Vec<SlackBlock> = vec![
        md_section(intro),
        input(ids::REJECT_REASON_BLOCK, &t.reason, reason)
            .with_optional(true)
            .with_hint(plain(&t.hint, limits::INPUT_HINT))
            .into(),
    ];
    let view = SlackModalView::new(plain(&t.title, limits::MODAL_TITLE), blocks)
        .with_callback_id(SlackCallbackId(callback_id.to_owned()))
        .with_submit(plain(&t.submit, limits::MODAL_BUTTON_TEXT))
        .with_close(plain(&t.close, limits::MODAL_BUTTON_TEXT))
        .with_private_metadata(metadata);
    Ok(SlackView::Modal(view))
}

/// The modal for `views.open` with the click's trigger_id; callback `leave_reject_reason`.
pub fn reject_reason_modal(
    input_: &RejectModalInput,
    w: &RejectWords,
) -> Result<SlackView, BuildError> {
    let intro = w.intro.md([
        &format!(
            "*{}*",
            mrkdwn::escape_truncate(&input_.leave_application, NAME_CHARS)
        ),
        &format!(
            "*{}*",
            mrkdwn::escape_truncate(&input_.requester_name, NAME_CHARS)
        ),
    ]);
    reason_modal(
        ids::LEAVE_REJECT_REASON_CALLBACK,
        &Metadata {
            leave_application: &input_.leave_application,
            channel_id: input_.channel_id.as_deref(),
            message_ts: input_.message_ts.as_deref(),
        },
        intro,
        &ReasonTexts {
            title: w.title.as_plain(),
            reason: w.reason.as_plain(),
            placeholder: w.reason_placeholder.as_plain(),
            hint: w.reason_hint.as_plain(),
            submit: w.submit.as_plain(),
            close: w.close.as_plain(),
        },
    )
}
