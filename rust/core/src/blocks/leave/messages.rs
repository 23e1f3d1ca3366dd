//! The messages about one Leave Application: the approver's (open and decided) and the
//! requester's.

use chrono::NaiveDate;
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::{decided_line, header, link, md_section, person, plain, BuildError, NAME_CHARS};
use crate::blocks::Message;
use crate::dates::display_date;
use crate::half_period::HalfPeriod;
use crate::interaction::{ids, Decision};
use crate::{limits, mrkdwn};

const REASON_PREFIX: &str = "*Reason:*\n";

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

/// The facts block: one mrkdwn line per fact, so the fallback text reads like the message.
fn details_section(d: &LeaveDetails) -> SlackBlock {
    let mut lines = vec![
        format!(
            "*Leave ID:* {}",
            link(d.form_url.as_deref(), &d.leave_application)
        ),
        format!(
            "*Leave Type:* {}",
            mrkdwn::escape_truncate(&d.leave_type, NAME_CHARS)
        ),
        format!("*From:* {}", display_date(d.from_date)),
        format!("*To:* {}", display_date(d.to_date)),
    ];
    if let Some(days) = d.total_days.filter(|x| x.is_finite()) {
        lines.push(format!("*Total Days:* {}", days_text(days)));
    }
    if d.half_day {
        let date = d.half_day_date.unwrap_or(d.from_date);
        let mut line = format!("*Half Day:* {}", display_date(date));
        if let Some(p) = d.half_period {
            line.push_str(", ");
            line.push_str(p.label());
        }
        lines.push(line);
    }
    if let Some(posted) = d.posting_date {
        lines.push(format!("*Submitted On:* {}", display_date(posted)));
    }
    md_section(lines.join("\n"))
}

fn reason_section(d: &LeaveDetails) -> Option<SlackBlock> {
    let reason = d
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())?;
    let budget = limits::SECTION_TEXT - REASON_PREFIX.chars().count();
    Some(md_section(format!(
        "{REASON_PREFIX}{}",
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

fn approval_actions(name: &str) -> SlackBlock {
    let approve = SlackBlockButtonElement::new(plain("Approve", limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_APPROVE.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Primary);
    let reject = SlackBlockButtonElement::new(plain("Reject", limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::LEAVE_REJECT.to_owned()))
        .with_value(name.to_owned())
        .with_style(SlackBlockButtonStyle::Danger);
    SlackActionsBlock::new(vec![approve.into(), reject.into()])
        .with_block_id(SlackBlockId(ids::LEAVE_ACTIONS_BLOCK.to_owned()))
        .into()
}

/// The header, who asked, the facts and the reason: shared by the open and the decided message.
fn request_blocks(d: &LeaveDetails) -> Vec<SlackBlock> {
    let mut blocks = vec![
        header("Leave Request"),
        md_section(format!(
            "{} has requested leave.",
            person(d.requester_slack_id.as_deref(), &d.requester_name)
        )),
        details_section(d),
    ];
    blocks.extend(reason_section(d));
    blocks
}

/// The approver's DM: the request and Approve / Reject buttons carrying the document name.
pub fn approver_message(d: &LeaveDetails) -> Result<Message, BuildError> {
    check_button_value(&d.leave_application)?;
    let mut blocks = request_blocks(d);
    blocks.push(approval_actions(&d.leave_application));
    Ok(Message::from_blocks(blocks))
}

/// The approver's message after a decision: the buttons replaced by who decided what.
pub fn decided_message(d: &LeaveDetails, decision: Decision, decided_by: &str) -> Message {
    let mut blocks = request_blocks(d);
    blocks.push(md_section(decided_line(decision, decided_by)));
    Message::from_blocks(blocks)
}

/// DM to the requester once the application exists.
pub fn requester_confirmation(d: &LeaveDetails, approver_name: Option<&str>) -> Message {
    let sent_to = approver_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            format!(
                " and sent to *{}* for approval",
                mrkdwn::escape_truncate(n, NAME_CHARS)
            )
        })
        .unwrap_or_default();
    let mut blocks = vec![
        header("Leave Request Submitted"),
        md_section(format!("Your leave request was submitted{sent_to}.")),
        details_section(d),
    ];
    blocks.extend(reason_section(d));
    Message::from_blocks(blocks)
}

/// DM to the requester once an approver decided.
pub fn requester_decision(d: &LeaveDetails, decision: Decision, decided_by: &str) -> Message {
    let by = mrkdwn::escape_truncate(decided_by, NAME_CHARS);
    let (title, sentence) = match decision {
        Decision::Approve => (
            "Leave Approved",
            format!("✅ Your leave request was *approved* by *{by}*."),
        ),
        Decision::Reject => (
            "Leave Rejected",
            format!("❌ Your leave request was *rejected* by *{by}*."),
        ),
    };
    Message::from_blocks(vec![
        header(title),
        md_section(sentence),
        details_section(d),
    ])
}
