//! The messages about one Leave Application: the approver's (open and decided) and the
//! requester's.

use chrono::NaiveDate;
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::modal::period_label;
use super::{decided_line, header, link, md_section, person, plain, BuildError, NAME_CHARS};
use crate::blocks::Message;
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::interaction::{ids, Decision};
use crate::words::{LeaveWords, Text};
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
}

fn days_text(days: f64) -> String {
    if days.fract() == 0.0 && days.abs() < 1e9 {
        format!("{days:.0}")
    } else {
        format!("{days}")
    }
}

/// `*Label:* ` — a fact's label in bold (the words escaped).
fn label(word: &Text) -> String {
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

fn check_button_value(name: &str) -> Result<(), BuildError> {
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

fn approval_actions(name: &str, w: &LeaveWords) -> SlackBlock {
    let approve = SlackBlockButtonElement::new(plain(&w.approve.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_APPROVE.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Primary);
    let reject = SlackBlockButtonElement::new(plain(&w.reject.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_REJECT.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Danger);
    SlackActionsBlock::new(vec![approve.into(), reject.into()])
        .with_block_id(SlackBlockId(ids::LEAVE_ACTIONS_BLOCK.to_owned()))
        .into()
}

/// The header, who asked, the facts and the reason: shared by the open and the decided message.
fn request_blocks(d: &LeaveDetails, w: &LeaveWords) -> Vec<SlackBlock> {
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
    check_button_value(&d.leave_application)?;
    let mut blocks = request_blocks(d, w);
    blocks.push(approval_actions(&d.leave_application, w));
    Ok(Message::from_blocks(blocks))
}

/// The approver's message after a decision: the buttons replaced by who decided what.
pub fn decided_message(
    d: &LeaveDetails,
    decision: Decision,
    decided_by: &str,
    w: &LeaveWords,
) -> Message {
    let mut blocks = request_blocks(d, w);
    blocks.push(md_section(decided_line(decision, decided_by, w)));
    Message::from_blocks(blocks)
}

/// DM to the requester once the application exists.
pub fn requester_confirmation(
    d: &LeaveDetails,
    approver_name: Option<&str>,
    w: &LeaveWords,
) -> Message {
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
    Message::from_blocks(blocks)
}

/// DM to the requester once an approver decided.
pub fn requester_decision(
    d: &LeaveDetails,
    decision: Decision,
    decided_by: &str,
    w: &LeaveWords,
) -> Message {
    let by = format!("*{}*", mrkdwn::escape_truncate(decided_by, NAME_CHARS));
    let (title, emoji, word) = match decision {
        Decision::Approve => (&w.approved_header, "✅", &w.approved),
        Decision::Reject => (&w.rejected_header, "❌", &w.rejected),
    };
    let sentence = w.request_decided.md([&format!("*{}*", word.as_md()), &by]);
    Message::from_blocks(vec![
        header(&title.as_plain()),
        md_section(format!("{emoji} {sentence}")),
        details_section(d, w),
    ])
}
