//! The daily reminder to a leave approver: every Open request waiting for them, oldest first,
//! each with Approve / Reject. Rebuilt in place (`chat.update`) when one of them is decided, with
//! that row showing what became of it.
//!
//! The buttons reuse the approver message's action ids (`leave_approve` / `leave_reject`, value =
//! the Leave Application name), so a click here is decided by the same handler as one in the
//! approval DM. Each row's actions block has its own block id (`leave_reminder_actions_<n>`, n =
//! the row's position): block ids must be unique within a message.

use chrono::NaiveDate;
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::messages::{check_button_value, days_text, outcome_line};
use super::{
    header, link, md_section, person, plain, BuildError, LeaveDetails, Outcome, NAME_CHARS,
};
use crate::blocks::Message;
use crate::dates::display_date;
use crate::interaction::{ids, Decision};
use crate::words::{LeaveWords, ReminderWords, Text};
use crate::{limits, mrkdwn};

/// Rows shown in one reminder: header + intro + 2 blocks per row + the "more" line stays well
/// under Slack's 50 blocks per message (2 + 2 × 20 + 1 = 43), and 20 requests are as many as
/// anyone decides from a chat message; the rest are one link away in the desk.
pub const MAX_REMINDER_ITEMS: usize = 20;
/// Leave type names are Data fields (140 chars) in Frappe; bounded like names elsewhere.
const LEAVE_TYPE_CHARS: usize = 200;

/// One request in the reminder: its facts, what the approver may do with it now, and what
/// became of it once it was decided (then it shows the outcome instead of buttons).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderItem {
    pub leave: LeaveDetails,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// The decisions the approver may take now: both on a site without a workflow; with one,
    /// those its transitions allow (none: the next step is someone else's, no buttons).
    #[serde(default = "both_decisions")]
    pub decisions: Vec<Decision>,
    /// The request's workflow state, on a site with a workflow (shown while it is open).
    #[serde(default)]
    pub workflow_state: Option<String>,
}

fn both_decisions() -> Vec<Decision> {
    vec![Decision::Approve, Decision::Reject]
}

/// The approver's Open requests, oldest first (the order given is the order shown).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderInput {
    pub items: Vec<ReminderItem>,
    /// The desk's list of the approver's Open requests, linked when some are not shown.
    #[serde(default)]
    pub list_url: Option<String>,
}

fn label(word: &Text) -> String {
    format!("*{}:* ", word.as_md())
}

fn item_section(item: &ReminderItem, lw: &LeaveWords, rw: &ReminderWords) -> SlackBlock {
    let d = &item.leave;
    let date = |day: NaiveDate| mrkdwn::escape(&display_date(day, &lw.dates)).into_owned();
    let who = person(d.requester_slack_id.as_deref(), &d.requester_name);
    let id = link(d.form_url.as_deref(), &d.leave_application);
    let mut period = date(d.from_date);
    if d.to_date != d.from_date {
        period.push_str(" – ");
        period.push_str(&date(d.to_date));
    }
    let mut facts = format!(
        "{} · {period}",
        mrkdwn::escape_truncate(&d.leave_type, LEAVE_TYPE_CHARS)
    );
    if let Some(days) = d.total_days.filter(|x| x.is_finite()) {
        facts.push_str(" · ");
        facts.push_str(&label(&lw.total_days));
        facts.push_str(&days_text(days));
    }
    let mut lines = vec![rw.item.md([&id, &who]), facts];
    if let Some(posted) = d.posting_date {
        lines.push(format!("{}{}", label(&lw.submitted_on), date(posted)));
    }
    match (&item.outcome, state_of(item)) {
        (Some(outcome), _) => lines.push(outcome_line(outcome, lw)),
        (None, Some(state)) => lines.push(format!(
            "🔀 {}",
            lw.workflow_state
                .md([&format!("*{}*", mrkdwn::escape_truncate(state, NAME_CHARS))])
        )),
        (None, None) => {}
    }
    md_section(lines.join("\n"))
}

fn state_of(item: &ReminderItem) -> Option<&str> {
    item.workflow_state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Approve / Reject (those of `decisions`, each once) for the row at `position`; None when the
/// approver may take neither.
fn item_actions(
    position: usize,
    name: &str,
    decisions: &[Decision],
    lw: &LeaveWords,
) -> Option<SlackBlock> {
    let mut buttons: Vec<SlackActionBlockElement> = vec![];
    for decision in [Decision::Approve, Decision::Reject] {
        if !decisions.contains(&decision) {
            continue; // and each once: a repeated action_id in one block is refused by Slack
        }
        let (label, action_id, style) = match decision {
            Decision::Approve => (
                &lw.approve,
                ids::LEAVE_APPROVE,
                SlackBlockButtonStyle::Primary,
            ),
            Decision::Reject => (&lw.reject, ids::LEAVE_REJECT, SlackBlockButtonStyle::Danger),
        };
        let button = SlackBlockButtonElement::new(plain(&label.as_plain(), limits::BUTTON_TEXT))
            .with_action_id(SlackActionId(action_id.to_owned()))
            .with_value(name.to_owned())
            .with_style(style);
        buttons.push(button.into());
    }
    if buttons.is_empty() {
        return None;
    }
    Some(
        SlackActionsBlock::new(buttons)
            .with_block_id(SlackBlockId(format!(
                "{}{position}",
                ids::REMINDER_ACTIONS_BLOCK_PREFIX
            )))
            .into(),
    )
}

/// The reminder DM (and its rebuilt form for `chat.update`): a header, how many requests are
/// still open, then one row per request — the first [`MAX_REMINDER_ITEMS`] of them — with
/// Approve / Reject while it is open, its outcome once decided; "+N more" (linked to the desk)
/// for open requests past the cap.
///
/// Errors: no items ([`BuildError::NoReminderItems`]: a reminder about nothing is a caller bug),
/// a name longer than a button value.
pub fn approver_reminder(
    input: &ReminderInput,
    rw: &ReminderWords,
    lw: &LeaveWords,
) -> Result<Message, BuildError> {
    if input.items.is_empty() {
        return Err(BuildError::NoReminderItems);
    }
    for item in &input.items {
        check_button_value(&item.leave.leave_application)?;
    }
    let open = input.items.iter().filter(|i| i.outcome.is_none()).count();
    let intro = if open == 0 {
        rw.none_left.as_md()
    } else {
        rw.intro.md([&open.to_string()])
    };
    let mut blocks = vec![header(&rw.header.as_plain()), md_section(intro)];
    let (shown, hidden) = input
        .items
        .split_at(input.items.len().min(MAX_REMINDER_ITEMS));
    for (position, item) in shown.iter().enumerate() {
        blocks.push(item_section(item, lw, rw));
        if item.outcome.is_none() {
            blocks.extend(item_actions(
                position,
                &item.leave.leave_application,
                &item.decisions,
                lw,
            ));
        }
    }
    let more = hidden.iter().filter(|i| i.outcome.is_none()).count();
    if more > 0 {
        let line = format!(
            "{} — {}",
            rw.more.md([&more.to_string()]),
            link(input.list_url.as_deref(), &rw.open_in_desk.as_plain())
        );
        blocks.push(md_section(line));
    }
    Ok(Message::from_blocks(blocks))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use serde_json::json;

    use super::*;
    use crate::words::fixtures;

    fn item(n: usize, outcome: Option<Outcome>) -> ReminderItem {
        ReminderItem {
            leave: serde_json::from_value(json!({
                "leave_application": format!("HR-LAP-2026-{n:05}"),
                "requester_name": format!("Person {n}"),
                "leave_type": "Casual Leave",
                "from_date": "2026-12-07",
                "to_date": "2026-12-07",
            }))
            .unwrap(),
            outcome,
            decisions: both_decisions(),
            workflow_state: None,
        }
    }

    fn build(items: Vec<ReminderItem>) -> Result<Message, BuildError> {
        let words = fixtures::english().unwrap();
        approver_reminder(
            &ReminderInput {
                items,
                list_url: Some("https://hr.example.com/app/leave-application?status=Open".into()),
            },
            &words.reminder,
            &words.leave_messages,
        )
    }

    #[test]
    fn an_empty_reminder_is_refused() {
        assert_eq!(build(vec![]).unwrap_err(), BuildError::NoReminderItems);
    }

    #[test]
    fn the_cap_keeps_the_message_under_slacks_block_limit() {
        for n in [1, MAX_REMINDER_ITEMS, MAX_REMINDER_ITEMS + 1, 500] {
            let m = build((0..n).map(|i| item(i, None)).collect()).unwrap();
            assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE, "{n}");
            let actions = m
                .blocks
                .iter()
                .filter(|b| matches!(b, SlackBlock::Actions(_)))
                .count();
            assert_eq!(actions, n.min(MAX_REMINDER_ITEMS));
        }
    }

    #[test]
    fn decided_rows_lose_their_buttons_and_block_ids_stay_put() {
        let by = || "Ann".to_owned();
        let m = build(vec![
            item(
                1,
                Some(Outcome::Approved {
                    by: by(),
                    reason: None,
                }),
            ),
            item(2, None),
        ])
        .unwrap();
        let ids: Vec<_> = m
            .blocks
            .iter()
            .filter_map(|b| match b {
                SlackBlock::Actions(a) => a.block_id.as_ref().map(|id| id.0.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["leave_reminder_actions_1"]);
        assert!(m.text.contains("Approved by *Ann*"), "{}", m.text);
    }

    #[test]
    fn a_workflow_row_offers_only_what_the_approver_may_take() {
        let mut only_reject = item(1, None);
        only_reject.decisions = vec![Decision::Reject, Decision::Reject];
        let mut none = item(2, None);
        none.decisions = vec![];
        none.workflow_state = Some("Pending <HR>".into());
        let m = build(vec![only_reject, none]).unwrap();
        let actions: Vec<_> = m
            .blocks
            .iter()
            .filter_map(|b| match b {
                SlackBlock::Actions(a) => Some(a.elements.len()),
                _ => None,
            })
            .collect();
        assert_eq!(actions, [1]);
        assert!(
            m.text.contains("🔀 Workflow state: *Pending &lt;HR&gt;*"),
            "{}",
            m.text
        );
    }
}
