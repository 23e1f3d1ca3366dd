//! Block Kit for the approval engine's documents (every row of
//! [`APPROVABLES`](crate::interaction::approvals::APPROVABLES) but leave, whose cards stay in
//! [`leave`](super::leave)): the approver's DM (open, then in its final state), the requester's
//! notice, the reject-with-reason modal, the daily reminder and the Home tab's "waiting for you"
//! rows. One card shape for every document: the ERP adapter says what it shows (facts, sections
//! of lines and links, a one-line summary) as plain text in the reader's words — amounts already
//! formatted by Frappe — and the builders escape it and place the document's ids from the table.

use serde::{Deserialize, Serialize};
use slack_morphism::prelude::*;

use super::leave::reject::{reason_modal, ReasonTexts};
use super::leave::BuildError;
use super::leave::{header, link, md_section, person, plain, ApprovalChoices, NAME_CHARS};
use super::Message;
use crate::interaction::approvals::{self, Approvable};
use crate::interaction::Decision;
use crate::words::ApprovalWords;
use crate::{limits, mrkdwn};

/// Lines shown per section; the ERP adapter summarises the rest in a last line.
pub const MAX_SECTION_LINES: usize = 10;
/// Rows of one reminder (two blocks each, under Slack's 50 per message).
pub const MAX_REMINDER_ROWS: usize = 20;

/// A labelled value: `*Label:* value`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// One line of a section, linked when it has a URL (an attachment, an allocated advance).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub text: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A labelled list: the expense lines, the attachments, the advances allocated.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSection {
    pub label: String,
    pub lines: Vec<Line>,
}

/// One approvable document as its cards show it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalCard {
    /// The row of the engine's table (`expense_claim`, …): its ids go on the buttons.
    pub document: String,
    /// The document name; the buttons' value.
    pub name: String,
    /// The document's kind in the reader's words ("Expense Claim").
    pub kind: String,
    #[serde(default)]
    pub form_url: Option<String>,
    pub requester_name: String,
    #[serde(default)]
    pub requester_slack_id: Option<String>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub sections: Vec<CardSection>,
    /// One line for the reminder and the Home tab (e.g. the total).
    #[serde(default)]
    pub summary: Option<String>,
}

/// What became of a document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ApprovalOutcome {
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
    Cancelled {
        by: String,
    },
    Deleted {
        by: String,
    },
    Reassigned {
        by: String,
        to: String,
    },
}

impl ApprovalOutcome {
    fn by(&self) -> &str {
        match self {
            Self::Approved { by, .. }
            | Self::Rejected { by, .. }
            | Self::Cancelled { by }
            | Self::Deleted { by }
            | Self::Reassigned { by, .. } => by,
        }
    }

    fn reason(&self) -> Option<&str> {
        match self {
            Self::Approved { reason, .. } | Self::Rejected { reason, .. } => {
                reason.as_deref().map(str::trim).filter(|r| !r.is_empty())
            }
            _ => None,
        }
    }

    fn line(&self, w: &ApprovalWords) -> String {
        let by = bold(self.by());
        match self {
            Self::Approved { .. } => format!("✅ {}", w.approved_by.md([&by])),
            Self::Rejected { .. } => format!("❌ {}", w.rejected_by.md([&by])),
            Self::Cancelled { .. } => format!("🚫 {}", w.cancelled_by.md([&by])),
            Self::Deleted { .. } => format!("🗑️ {}", w.deleted_by.md([&by])),
            Self::Reassigned { to, .. } => {
                format!("↪️ {}", w.reassigned_to_by.md([&bold(to), &by]))
            }
        }
    }
}

fn bold(text: &str) -> String {
    format!("*{}*", mrkdwn::escape_truncate(text, NAME_CHARS))
}

fn row_of(card: &ApprovalCard) -> Result<&'static Approvable, BuildError> {
    let row = approvals::by_key(&card.document)
        .ok_or_else(|| BuildError::UnknownDocument(mrkdwn::excerpt(&card.document, NAME_CHARS)))?;
    let len = card.name.chars().count();
    if len > limits::BUTTON_VALUE {
        return Err(BuildError::ButtonValueTooLong {
            len,
            limit: limits::BUTTON_VALUE,
        });
    }
    Ok(row)
}

fn document_link(card: &ApprovalCard) -> String {
    link(card.form_url.as_deref(), &card.name)
}

/// The facts, one mrkdwn line each (so the fallback text reads like the message).
fn facts_section(card: &ApprovalCard) -> Option<SlackBlock> {
    let lines: Vec<String> = card
        .facts
        .iter()
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| {
            format!(
                "*{}:* {}",
                mrkdwn::escape_truncate(&f.label, NAME_CHARS),
                mrkdwn::escape_truncate(&f.value, limits::SECTION_TEXT / 4)
            )
        })
        .collect();
    (!lines.is_empty()).then(|| md_section(lines.join("\n")))
}

fn card_sections(card: &ApprovalCard) -> Vec<SlackBlock> {
    card.sections
        .iter()
        .filter(|s| !s.lines.is_empty())
        .map(|s| {
            let mut text = format!("*{}:*", mrkdwn::escape_truncate(&s.label, NAME_CHARS));
            for line in s.lines.iter().take(MAX_SECTION_LINES) {
                text.push_str("\n• ");
                let shown = match line.url.as_deref() {
                    Some(url) => link(Some(url), &line.text),
                    None => mrkdwn::escape_truncate(&line.text, NAME_CHARS),
                };
                text.push_str(&shown);
            }
            md_section(text)
        })
        .collect()
}

fn card_blocks(card: &ApprovalCard, w: &ApprovalWords) -> Vec<SlackBlock> {
    let who = person(card.requester_slack_id.as_deref(), &card.requester_name);
    let kind = mrkdwn::escape_truncate(&card.kind, NAME_CHARS);
    let mut blocks = vec![
        header(&w.request_header.plain([&card.kind])),
        md_section(w.requested.md([&who, &kind, &document_link(card)])),
    ];
    blocks.extend(facts_section(card));
    blocks.extend(card_sections(card));
    blocks
}

fn unique(decisions: &[Decision]) -> Vec<Decision> {
    let mut out: Vec<Decision> = vec![];
    for d in decisions {
        if !out.contains(d) {
            out.push(*d); // a repeated decision would repeat an action_id
        }
    }
    out
}

fn buttons(
    row: &Approvable,
    name: &str,
    decisions: &[Decision],
    w: &ApprovalWords,
) -> Vec<SlackActionBlockElement> {
    unique(decisions)
        .into_iter()
        .map(|d| {
            let (label, action_id, style) = match d {
                Decision::Approve => (&w.approve, row.approve, SlackBlockButtonStyle::Primary),
                Decision::Reject => (&w.reject, row.reject, SlackBlockButtonStyle::Danger),
            };
            SlackBlockButtonElement::new(plain(&label.as_plain(), limits::BUTTON_TEXT))
                .with_action_id(SlackActionId(action_id.to_owned()))
                .with_value(name.to_owned())
                .with_style(style)
                .into()
        })
        .collect()
}

fn workflow_line(choices: &ApprovalChoices, w: &ApprovalWords) -> Option<SlackBlock> {
    let state = choices
        .workflow_state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let line = match choices
        .moved_by
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(by) => format!("➡️ {}", w.moved_to_by.md([&bold(state), &bold(by)])),
        None => format!("🔀 {}", w.workflow_state.md([&bold(state)])),
    };
    Some(md_section(line))
}

/// The approver's DM: the card, the workflow state when there is one, and the buttons of the
/// decisions they may take now (none: the next step is someone else's).
pub fn approval_request(
    card: &ApprovalCard,
    choices: &ApprovalChoices,
    w: &ApprovalWords,
) -> Result<Message, BuildError> {
    let row = row_of(card)?;
    let mut blocks = card_blocks(card, w);
    blocks.extend(workflow_line(choices, w));
    let buttons = buttons(row, &card.name, &choices.decisions, w);
    if !buttons.is_empty() {
        blocks.push(
            SlackActionsBlock::new(buttons)
                .with_block_id(SlackBlockId(row.actions_block.to_owned()))
                .into(),
        );
    }
    Ok(Message::from_blocks(blocks))
}

fn reason_section(outcome: &ApprovalOutcome, w: &ApprovalWords) -> Option<SlackBlock> {
    let reason = outcome.reason()?;
    let prefix = format!("*{}:*\n", w.outcome_reason.as_md());
    let budget = limits::SECTION_TEXT.saturating_sub(prefix.chars().count());
    Some(md_section(format!(
        "{prefix}{}",
        mrkdwn::escape_truncate(reason, budget)
    )))
}

/// The approver's DM in its final state: the card, what became of it, no buttons.
pub fn approval_outcome(
    card: &ApprovalCard,
    outcome: &ApprovalOutcome,
    w: &ApprovalWords,
) -> Result<Message, BuildError> {
    row_of(card)?;
    let mut blocks = card_blocks(card, w);
    blocks.push(md_section(outcome.line(w)));
    blocks.extend(reason_section(outcome, w));
    Ok(Message::from_blocks(blocks))
}

/// The requester's notice: what became of their document, by whom, and why when a reason was
/// given; the facts below.
pub fn requester_notice(
    card: &ApprovalCard,
    outcome: &ApprovalOutcome,
    w: &ApprovalWords,
) -> Result<Message, BuildError> {
    row_of(card)?;
    let kind = mrkdwn::escape_truncate(&card.kind, NAME_CHARS);
    let doc = document_link(card);
    let by = bold(outcome.by());
    let decided = |word: &crate::words::Text| {
        w.request_decided
            .md([&kind, &doc, &format!("*{}*", word.as_md()), &by])
    };
    let (title, sentence) = match outcome {
        ApprovalOutcome::Approved { .. } => (&w.approved_header, decided(&w.approved)),
        ApprovalOutcome::Rejected { .. } => (&w.rejected_header, decided(&w.rejected)),
        ApprovalOutcome::Cancelled { .. } => (&w.cancelled_header, decided(&w.cancelled)),
        ApprovalOutcome::Deleted { .. } => (&w.deleted_header, decided(&w.deleted)),
        ApprovalOutcome::Reassigned { to, .. } => (
            &w.reassigned_header,
            w.request_reassigned.md([&kind, &doc, &bold(to), &by]),
        ),
    };
    let mut blocks = vec![header(&title.plain([&card.kind])), md_section(sentence)];
    blocks.extend(reason_section(outcome, w));
    blocks.extend(facts_section(card));
    Ok(Message::from_blocks(blocks))
}

/// What the reason modal needs: the document and the message the click came from (carried in
/// private_metadata, so the decision answers there).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectInput {
    pub document: String,
    pub name: String,
    pub requester_name: String,
    #[serde(default)]
    pub channel_id: Option<String>,
    #[serde(default)]
    pub message_ts: Option<String>,
}

#[derive(Serialize)]
struct ReasonMetadata<'a> {
    name: &'a str,
    channel_id: Option<&'a str>,
    message_ts: Option<&'a str>,
}

/// The reject-with-reason modal for `views.open`; its callback is the document's row's.
pub fn reject_modal(input_: &RejectInput, w: &ApprovalWords) -> Result<SlackView, BuildError> {
    let row = approvals::by_key(&input_.document).ok_or_else(|| {
        BuildError::UnknownDocument(mrkdwn::excerpt(&input_.document, NAME_CHARS))
    })?;
    reason_modal(
        row.reject_reason,
        &ReasonMetadata {
            name: &input_.name,
            channel_id: input_.channel_id.as_deref(),
            message_ts: input_.message_ts.as_deref(),
        },
        w.modal_intro
            .md([&bold(&input_.name), &bold(&input_.requester_name)]),
        &ReasonTexts {
            title: w.modal_title.as_plain(),
            reason: w.reason.as_plain(),
            placeholder: w.reason_placeholder.as_plain(),
            hint: w.reason_hint.as_plain(),
            submit: w.submit.as_plain(),
            close: w.close.as_plain(),
        },
    )
}

/// One row of a reminder: a document still open (with the decisions its reader may take) or
/// one decided since the reminder went out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderRow {
    pub card: ApprovalCard,
    #[serde(default)]
    pub outcome: Option<ApprovalOutcome>,
    #[serde(default = "both")]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub workflow_state: Option<String>,
}

fn both() -> Vec<Decision> {
    vec![Decision::Approve, Decision::Reject]
}

fn row_line(card: &ApprovalCard, item: &crate::words::Template<3>) -> String {
    let who = person(card.requester_slack_id.as_deref(), &card.requester_name);
    let mut line = item.md([
        &mrkdwn::escape_truncate(&card.kind, NAME_CHARS),
        &document_link(card),
        &who,
    ]);
    if let Some(summary) = card
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        line.push_str(" · ");
        line.push_str(&mrkdwn::escape_truncate(summary, NAME_CHARS));
    }
    line
}

/// The approver's daily reminder of the engine's documents waiting for them, oldest first;
/// each open row with its buttons (block `<the row's reminder prefix><n>`). Rewritten as rows
/// are decided: a decided row says what became of it.
pub fn approval_reminder(rows: &[ReminderRow], w: &ApprovalWords) -> Result<Message, BuildError> {
    if rows.is_empty() {
        return Err(BuildError::NoReminderItems);
    }
    let open = rows.iter().filter(|r| r.outcome.is_none()).count();
    let intro = if open == 0 {
        w.reminder_none_left.as_md()
    } else {
        w.reminder_intro.md([&open.to_string()])
    };
    let mut blocks = vec![header(&w.reminder_header.as_plain()), md_section(intro)];
    let shown = rows.len().min(MAX_REMINDER_ROWS);
    for (n, r) in rows.iter().take(shown).enumerate() {
        let table_row = row_of(&r.card)?;
        let mut line = row_line(&r.card, &w.reminder_item);
        if let Some(outcome) = &r.outcome {
            line.push('\n');
            line.push_str(&outcome.line(w));
        } else if let Some(state) = r
            .workflow_state
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            line.push('\n');
            line.push_str(&w.workflow_state.md([&bold(state)]));
        }
        blocks.push(md_section(line));
        if r.outcome.is_none() {
            let buttons = buttons(table_row, &r.card.name, &r.decisions, w);
            if !buttons.is_empty() {
                blocks.push(
                    SlackActionsBlock::new(buttons)
                        .with_block_id(SlackBlockId(format!(
                            "{}{n}",
                            table_row.reminder_block_prefix
                        )))
                        .into(),
                );
            }
        }
    }
    if rows.len() > shown {
        blocks.push(md_section(
            w.reminder_more.md([&(rows.len() - shown).to_string()]),
        ));
    }
    Ok(Message::from_blocks(blocks))
}

/// The Home tab's "waiting for you" rows of the engine's documents: a line and the buttons,
/// block `<the row's home prefix><n>`; `approve` / `reject` are the Home tab's words.
pub fn home_rows(
    cards: &[ApprovalCard],
    approve: &str,
    reject: &str,
) -> Result<Vec<SlackBlock>, BuildError> {
    let mut blocks = vec![];
    for (n, card) in cards.iter().enumerate() {
        let row = row_of(card)?;
        let who = person(card.requester_slack_id.as_deref(), &card.requester_name);
        let mut line = format!(
            "{} · {who} · {}",
            document_link(card),
            mrkdwn::escape_truncate(&card.kind, NAME_CHARS)
        );
        if let Some(summary) = card
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            line.push_str(" · ");
            line.push_str(&mrkdwn::escape_truncate(summary, NAME_CHARS));
        }
        blocks.push(md_section(line));
        let button = |label: &str, action_id: &str, style| -> SlackActionBlockElement {
            SlackBlockButtonElement::new(plain(label, limits::BUTTON_TEXT))
                .with_action_id(SlackActionId(action_id.to_owned()))
                .with_value(card.name.clone())
                .with_style(style)
                .into()
        };
        blocks.push(
            SlackActionsBlock::new(vec![
                button(approve, row.approve, SlackBlockButtonStyle::Primary),
                button(reject, row.reject, SlackBlockButtonStyle::Danger),
            ])
            .with_block_id(SlackBlockId(format!("{}{n}", row.home_block_prefix)))
            .into(),
        );
    }
    Ok(blocks)
}
