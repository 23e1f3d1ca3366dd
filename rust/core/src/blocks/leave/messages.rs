//! The messages about one Leave Application: the approver's (open, then in its final state) and
//! the requester's (confirmation, then what became of it).

use chrono::NaiveDate;
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::modal::period_label;
use super::{header, link, md_section, person, plain, BuildError, NAME_CHARS};
use crate::absence::OtherOut;
use crate::blocks::who::others_out_section;
use crate::blocks::Message;
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::interaction::{ids, Decision};
use crate::words::{LeaveWords, Text, WhoIsOutWords};
use crate::{limits, mrkdwn};

/// One Leave Application as the messages show it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveDetails {
    /// Document name, e.g. `HR-LAP-2026-00042`; the approval buttons' value.
    pub leave_application: String,
    /// `get_url_to_form(...)`; the Leave ID links to it.
    #[serde(default)]
    pub form_url: Option<String>,
    pub requester_name: String,
    #[serde(default)]
    pub requester_slack_id: Option<String>,
    pub leave_type: String,
    #[serde(default)]
    pub posting_date: Option<NaiveDate>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default)]
    pub total_days: Option<f64>,
    #[serde(default)]
    pub half_day: bool,
    #[serde(default)]
    pub half_day_date: Option<NaiveDate>,
    #[serde(default)]
    pub half_period: Option<HalfPeriod>,
    #[serde(default)]
    pub reason: Option<String>,
    /// The requester's balance of this leave type before and after this request (the approver's
    /// message shows it; None for a Leave Without Pay type or where it is not shown).
    #[serde(default)]
    pub balance: Option<BalanceChange>,
}

/// Days left before and after a request (hrms's "Leave Balance Before Application" and that less
/// the request's days).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceChange {
    pub before: f64,
    pub after: f64,
}

pub(super) fn days_text(days: f64) -> String {
    if days.fract() == 0.0 && days.abs() < 1e9 {
        format!("{days:.0}")
    } else {
        format!("{days}")
    }
}

/// `*Label:* ` — a fact's label in bold (the words escaped).
pub(super) fn label(word: &Text) -> String {
    format!("*{}:* ", word.as_md())
}

/// The facts block: one mrkdwn line per fact, so the fallback text reads like the message.
fn details_section(d: &LeaveDetails, w: &LeaveWords) -> SlackBlock {
    let date = |day: NaiveDate| display_date(day, &w.dates);
    let mut lines = vec![
        format!(
            "{}{}",
            label(&w.leave_id),
            link(d.form_url.as_deref(), &d.leave_application)
        ),
        format!(
            "{}{}",
            label(&w.leave_type),
            mrkdwn::escape_truncate(&d.leave_type, NAME_CHARS)
        ),
        format!(
            "{}{}",
            label(&w.from_date),
            mrkdwn::escape(&date(d.from_date))
        ),
        format!("{}{}", label(&w.to_date), mrkdwn::escape(&date(d.to_date))),
    ];
    if let Some(days) = d.total_days.filter(|x| x.is_finite()) {
        lines.push(format!("{}{}", label(&w.total_days), days_text(days)));
    }
    if let Some(b) = d
        .balance
        .filter(|b| b.before.is_finite() && b.after.is_finite())
    {
        lines.push(format!(
            "{}{}",
            label(&w.balance),
            w.balance_change
                .md([&days_text(b.before), &days_text(b.after)])
        ));
    }
    if d.half_day {
        let day = d.half_day_date.unwrap_or(d.from_date);
        let mut line = format!("{}{}", label(&w.half_day), mrkdwn::escape(&date(day)));
        if let Some(p) = d.half_period {
            line.push_str(", ");
            line.push_str(&mrkdwn::escape(&period_label(p, &w.periods)));
        }
        lines.push(line);
    }
    if let Some(posted) = d.posting_date {
        lines.push(format!(
            "{}{}",
            label(&w.submitted_on),
            mrkdwn::escape(&date(posted))
        ));
    }
    md_section(lines.join("\n"))
}

fn reason_section(d: &LeaveDetails, w: &LeaveWords) -> Option<SlackBlock> {
    let reason = d
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())?;
    let prefix = format!("*{}:*\n", w.reason.as_md());
    let budget = limits::SECTION_TEXT.saturating_sub(prefix.chars().count());
    Some(md_section(format!(
        "{prefix}{}",
        mrkdwn::escape_truncate(reason, budget)
    )))
}

pub(super) fn check_button_value(name: &str) -> Result<(), BuildError> {
    let len = name.chars().count();
    if len > limits::BUTTON_VALUE {
        // A cut value would approve a different (or no) document.
        return Err(BuildError::ButtonValueTooLong {
            len,
            limit: limits::BUTTON_VALUE,
        });
    }
    Ok(())
}

fn approval_actions(name: &str, decisions: &[Decision], w: &LeaveWords) -> SlackBlock {
    let buttons = decisions
        .iter()
        .map(|decision| {
            let (label, action_id, style) = match decision {
                Decision::Approve => (
                    &w.approve,
                    ids::LEAVE_APPROVE,
                    SlackBlockButtonStyle::Primary,
                ),
                Decision::Reject => (&w.reject, ids::LEAVE_REJECT, SlackBlockButtonStyle::Danger),
            };
            SlackBlockButtonElement::new(plain(&label.as_plain(), limits::BUTTON_TEXT))
                .with_action_id(SlackActionId(action_id.to_owned()))
                .with_value(name.to_owned())
                .with_style(style)
                .into()
        })
        .collect();
    SlackActionsBlock::new(buttons)
        .with_block_id(SlackBlockId(ids::LEAVE_ACTIONS_BLOCK.to_owned()))
        .into()
}

fn both_decisions() -> Vec<Decision> {
    vec![Decision::Approve, Decision::Reject]
}

/// What the approver may do with an Open request: on a site without a workflow both decisions;
/// with one, the decisions its transitions let the approver take now, and the state it is in
/// (and who moved it there, after a workflow step that did not decide it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalChoices {
    #[serde(default = "both_decisions")]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub workflow_state: Option<String>,
    #[serde(default)]
    pub moved_by: Option<String>,
}

impl Default for ApprovalChoices {
    fn default() -> Self {
        Self {
            decisions: both_decisions(),
            workflow_state: None,
            moved_by: None,
        }
    }
}

/// "➡️ Moved to *Pending HR* by *Ann*" or "🔀 Workflow state: *Pending HR*".
pub(super) fn workflow_line(choices: &ApprovalChoices, w: &LeaveWords) -> Option<SlackBlock> {
    let state = choices
        .workflow_state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let state = bold_name(state);
    let line = match choices
        .moved_by
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(by) => format!("➡️ {}", w.moved_to_by.md([&state, &bold_name(by)])),
        None => format!("🔀 {}", w.workflow_state.md([&state])),
    };
    Some(md_section(line))
}

/// The header, who asked, the facts and the reason: shared by the open and the decided message.
pub(super) fn request_blocks(d: &LeaveDetails, w: &LeaveWords) -> Vec<SlackBlock> {
    let who = person(d.requester_slack_id.as_deref(), &d.requester_name);
    let mut blocks = vec![
        header(&w.request_header.as_plain()),
        md_section(w.requested.md([&who])),
        details_section(d, w),
    ];
    blocks.extend(reason_section(d, w));
    blocks
}

/// The approver's DM: the request and Approve / Reject buttons carrying the document name.
pub fn approver_message(d: &LeaveDetails, w: &LeaveWords) -> Result<Message, BuildError> {
    approver_message_with(d, &ApprovalChoices::default(), w)
}

/// The approver's DM with the decisions they may take (a workflow may allow fewer, or none:
/// then no buttons) and the workflow state when there is one.
pub fn approver_message_with(
    d: &LeaveDetails,
    choices: &ApprovalChoices,
    w: &LeaveWords,
) -> Result<Message, BuildError> {
    approver_request(d, choices, None, w)
}

/// [`approver_message_with`], and who else is out during the request (`others`, with the words
/// of that list) between the facts and the buttons: the section only when someone is. The action
/// ids are the same with or without it, so cards already in flight keep working.
pub fn approver_request(
    d: &LeaveDetails,
    choices: &ApprovalChoices,
    others: Option<(&[OtherOut], &WhoIsOutWords)>,
    w: &LeaveWords,
) -> Result<Message, BuildError> {
    check_button_value(&d.leave_application)?;
    let mut blocks = request_blocks(d, w);
    if let Some((others, who_words)) = others {
        blocks.extend(others_out_section(others, who_words));
    }
    blocks.extend(workflow_line(choices, w));
    blocks.extend(decision_buttons(&d.leave_application, choices, w));
    Ok(Message::from_blocks(blocks))
}

/// The Approve / Reject buttons of the decisions in `choices` (none: no block).
pub(super) fn decision_buttons(
    name: &str,
    choices: &ApprovalChoices,
    w: &LeaveWords,
) -> Option<SlackBlock> {
    let mut decisions: Vec<Decision> = vec![];
    for decision in &choices.decisions {
        if !decisions.contains(decision) {
            decisions.push(*decision); // a repeated decision would repeat an action_id
        }
    }
    (!decisions.is_empty()).then(|| approval_actions(name, &decisions, w))
}

/// What became of a request, and who did it: the final state both messages show, whatever
/// changed it (a click in Slack, the desk, a workflow action, the API).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    Approved {
        by: String,
        #[serde(default)]
        reason: Option<String>,
    },
    Rejected {
        by: String,
        #[serde(default)]
        reason: Option<String>,
    },
    /// An approved leave cancelled (hrms sets the status to Cancelled).
    Cancelled {
        by: String,
        #[serde(default)]
        reason: Option<String>,
    },
    /// The request deleted before anyone decided.
    Deleted { by: String },
    /// The requester deleted (withdrew) their own Open request.
    Withdrawn { by: String },
    /// The Leave Approver changed: the old approver's message says to whom it went.
    Reassigned { by: String, to: String },
    /// The approver asked to cancel an approved leave kept it: it stays approved.
    Kept { by: String },
}

impl Outcome {
    fn by(&self) -> &str {
        match self {
            Self::Approved { by, .. }
            | Self::Rejected { by, .. }
            | Self::Cancelled { by, .. }
            | Self::Deleted { by }
            | Self::Withdrawn { by }
            | Self::Reassigned { by, .. }
            | Self::Kept { by } => by,
        }
    }

    fn reason(&self) -> Option<&str> {
        match self {
            Self::Approved { reason, .. }
            | Self::Rejected { reason, .. }
            | Self::Cancelled { reason, .. } => {
                reason.as_deref().map(str::trim).filter(|r| !r.is_empty())
            }
            Self::Deleted { .. }
            | Self::Withdrawn { .. }
            | Self::Reassigned { .. }
            | Self::Kept { .. } => None,
        }
    }

    fn emoji(&self) -> &'static str {
        match self {
            Self::Approved { .. } => "✅",
            Self::Rejected { .. } => "❌",
            Self::Cancelled { .. } => "🚫",
            Self::Deleted { .. } => "🗑️",
            Self::Withdrawn { .. } => "↩️",
            Self::Reassigned { .. } => "↪️",
            Self::Kept { .. } => "👍",
        }
    }
}

fn bold_name(name: &str) -> String {
    format!("*{}*", mrkdwn::escape_truncate(name, NAME_CHARS))
}

/// The approver's line: "✅ Approved by *Ann*", "↪️ Reassigned to *Bo* by *Ann*", …
pub(super) fn outcome_line(outcome: &Outcome, w: &LeaveWords) -> String {
    let by = bold_name(outcome.by());
    let sentence = match outcome {
        Outcome::Approved { .. } => w.approved_by.md([&by]),
        Outcome::Rejected { .. } => w.rejected_by.md([&by]),
        Outcome::Cancelled { .. } => w.cancelled_by.md([&by]),
        Outcome::Deleted { .. } => w.deleted_by.md([&by]),
        Outcome::Withdrawn { .. } => w.withdrawn_by.md([&by]),
        Outcome::Reassigned { to, .. } => w.reassigned_to_by.md([&bold_name(to), &by]),
        Outcome::Kept { .. } => w.kept_by.md([&by]),
    };
    format!("{} {sentence}", outcome.emoji())
}

/// The decider's reason, when they gave one: its own section, escaped and fitted.
fn outcome_reason_section(outcome: &Outcome, w: &LeaveWords) -> Option<SlackBlock> {
    let reason = outcome.reason()?;
    let prefix = format!("*{}:*\n", w.outcome_reason.as_md());
    let budget = limits::SECTION_TEXT.saturating_sub(prefix.chars().count());
    Some(md_section(format!(
        "{prefix}{}",
        mrkdwn::escape_truncate(reason, budget)
    )))
}

/// The approver's message in its final state (for `chat.update`): the request as it was, the
/// buttons replaced by what became of it and who did it.
pub fn approver_outcome_message(d: &LeaveDetails, outcome: &Outcome, w: &LeaveWords) -> Message {
    let mut blocks = request_blocks(d, w);
    blocks.push(md_section(outcome_line(outcome, w)));
    blocks.extend(outcome_reason_section(outcome, w));
    Message::from_blocks(blocks)
}

/// What the requester may still do with their application, offered as a button on their
/// confirmation (value = the Leave Application name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    /// While it is Open.
    Withdraw,
    /// Once approved, until it starts.
    AskToCancel,
}

fn offer_actions(name: &str, offer: Offer, w: &LeaveWords) -> Result<SlackBlock, BuildError> {
    check_button_value(name)?;
    let (label, action_id) = match offer {
        Offer::Withdraw => (&w.withdraw, ids::LEAVE_WITHDRAW),
        Offer::AskToCancel => (&w.ask_to_cancel, ids::LEAVE_ASK_CANCEL),
    };
    let button = SlackBlockButtonElement::new(plain(&label.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_value(name.to_owned());
    Ok(SlackActionsBlock::new(vec![button.into()])
        .with_block_id(SlackBlockId(ids::REQUESTER_ACTIONS_BLOCK.to_owned()))
        .into())
}

/// DM to the requester once the application exists, with what they may still do (`offer`).
pub fn requester_confirmation(
    d: &LeaveDetails,
    approver_name: Option<&str>,
    offer: Option<Offer>,
    w: &LeaveWords,
) -> Result<Message, BuildError> {
    let sentence = match approver_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => w
            .submitted_to
            .md([&format!("*{}*", mrkdwn::escape_truncate(n, NAME_CHARS))]),
        None => w.submitted.as_md(),
    };
    let mut blocks = vec![
        header(&w.submitted_header.as_plain()),
        md_section(sentence),
        details_section(d, w),
    ];
    blocks.extend(reason_section(d, w));
    if let Some(offer) = offer {
        blocks.push(offer_actions(&d.leave_application, offer, w)?);
    }
    Ok(Message::from_blocks(blocks))
}

/// DM to the requester: what became of their request, who did it, and why when they said; with
/// what they may still do (`offer`) when it is their confirmation being rewritten.
pub fn requester_outcome_message(
    d: &LeaveDetails,
    outcome: &Outcome,
    offer: Option<Offer>,
    w: &LeaveWords,
) -> Result<Message, BuildError> {
    let by = bold_name(outcome.by());
    let decided = |word: &Text| w.request_decided.md([&format!("*{}*", word.as_md()), &by]);
    let (title, sentence) = match outcome {
        Outcome::Approved { .. } => (&w.approved_header, decided(&w.approved)),
        Outcome::Rejected { .. } => (&w.rejected_header, decided(&w.rejected)),
        Outcome::Cancelled { .. } => (&w.cancelled_header, decided(&w.cancelled)),
        Outcome::Deleted { .. } => (&w.deleted_header, decided(&w.deleted)),
        Outcome::Withdrawn { .. } => (&w.withdrawn_header, w.request_withdrawn.as_md()),
        Outcome::Reassigned { to, .. } => (
            &w.reassigned_header,
            w.request_reassigned.md([&bold_name(to), &by]),
        ),
        Outcome::Kept { .. } => (&w.kept_header, w.request_kept.md([&by])),
    };
    let mut blocks = vec![
        header(&title.as_plain()),
        md_section(format!("{} {sentence}", outcome.emoji())),
        details_section(d, w),
    ];
    blocks.extend(outcome_reason_section(outcome, w));
    if let Some(offer) = offer {
        blocks.push(offer_actions(&d.leave_application, offer, w)?);
    }
    Ok(Message::from_blocks(blocks))
}

/// The header, who asks to cancel and the facts: shared by the open and the answered request.
fn cancellation_blocks(d: &LeaveDetails, w: &LeaveWords) -> Vec<SlackBlock> {
    let who = person(d.requester_slack_id.as_deref(), &d.requester_name);
    vec![
        header(&w.cancellation_header.as_plain()),
        md_section(w.cancellation_requested.md([&who])),
        details_section(d, w),
    ]
}

/// The approver's DM when the requester asks to cancel an approved leave: Cancel leave / Keep.
pub fn cancellation_request_message(
    d: &LeaveDetails,
    w: &LeaveWords,
) -> Result<Message, BuildError> {
    check_button_value(&d.leave_application)?;
    let cancel =
        SlackBlockButtonElement::new(plain(&w.cancel_leave.as_plain(), limits::BUTTON_TEXT))
            .with_action_id(SlackActionId(ids::LEAVE_CANCEL.to_owned()))
            .with_value(d.leave_application.clone())
            .with_style(SlackBlockButtonStyle::Danger);
    let keep = SlackBlockButtonElement::new(plain(&w.keep_leave.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_KEEP.to_owned()))
        .with_value(d.leave_application.clone());
    let mut blocks = cancellation_blocks(d, w);
    blocks.push(
        SlackActionsBlock::new(vec![cancel.into(), keep.into()])
            .with_block_id(SlackBlockId(ids::CANCELLATION_ACTIONS_BLOCK.to_owned()))
            .into(),
    );
    Ok(Message::from_blocks(blocks))
}

/// The cancellation request answered (cancelled, kept, or the leave gone another way): no
/// buttons left, who did what.
pub fn cancellation_outcome_message(
    d: &LeaveDetails,
    outcome: &Outcome,
    w: &LeaveWords,
) -> Message {
    let mut blocks = cancellation_blocks(d, w);
    blocks.push(md_section(outcome_line(outcome, w)));
    blocks.extend(outcome_reason_section(outcome, w));
    Message::from_blocks(blocks)
}
