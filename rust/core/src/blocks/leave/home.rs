//! The app's Home tab (`views.publish`): apply for leave, balances, my leave (with Withdraw /
//! Ask to cancel), and for approvers what waits for them (Approve / Reject) — the same action ids
//! as the DMs, so the same handlers decide. Within 100 blocks at any size.

use chrono::NaiveDate;
use serde::Deserialize;
use slack_morphism::prelude::*;

use super::away::{away_blocks, AwayChoice};
use super::messages::{check_button_value, Offer};
use super::{header, link, md_section, person, plain, BuildError, NAME_CHARS};
use crate::blocks::approval::{self, ApprovalCard};
use crate::dates::display_date;
use crate::interaction::ids;
use crate::words::HomeWords;
use crate::{limits, mrkdwn};

/// Lists longer than this are cut, with a link to the desk for the rest.
pub const MAX_MY_LEAVE: usize = 20;
pub const MAX_RECENT: usize = 5;
pub const MAX_WAITING: usize = 40;
pub const MAX_BALANCES: usize = 20;
pub const MAX_OUT: usize = 30;

/// Why someone gets the short Home tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stranger {
    /// No Frappe user is linked to the Slack user.
    NotLinked,
    /// The user has no Active Employee.
    NoEmployee,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    pub leave_type: String,
    /// None: a Leave Without Pay type (no balance).
    #[serde(default)]
    pub days_left: Option<f64>,
}

/// One of the person's own applications.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeLeave {
    pub leave_application: String,
    #[serde(default)]
    pub form_url: Option<String>,
    pub leave_type: String,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default)]
    pub half_day: bool,
    /// The stored status (`Open`, `Approved`, …).
    pub status: String,
    #[serde(default)]
    pub approver_name: Option<String>,
    #[serde(default)]
    pub offer: Option<Offer>,
}

/// An Open application the viewer may decide.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingLeave {
    pub leave_application: String,
    #[serde(default)]
    pub form_url: Option<String>,
    pub requester_name: String,
    #[serde(default)]
    pub requester_slack_id: Option<String>,
    pub leave_type: String,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default)]
    pub total_days: Option<f64>,
}

/// Someone of the viewer's department who is out today or in the next days.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutRow {
    pub employee_name: String,
    /// Given only when the site mentions people (Slack Settings); else the name is shown.
    #[serde(default)]
    pub slack_id: Option<String>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    #[serde(default)]
    pub half_day: bool,
}

/// What the Home tab shows; `kind` tells an employee's tab from the short one.
// One value per tab published, read once: its size is of no consequence, boxing would only
// add noise to every reader.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum HomeInput {
    Stranger {
        reason: Stranger,
    },
    Employee {
        #[serde(default)]
        balances: Vec<Balance>,
        #[serde(default)]
        my_leave: Vec<HomeLeave>,
        #[serde(default)]
        recent: Vec<HomeLeave>,
        /// Who of their department is out today and the next 7 days.
        #[serde(default)]
        out: Vec<OutRow>,
        /// How many are out in all, when `out` holds only the first of them.
        #[serde(default)]
        out_total: Option<usize>,
        /// Present for leave approvers and HR Managers (possibly empty).
        #[serde(default)]
        waiting: Option<Vec<WaitingLeave>>,
        /// How many wait in all, when `waiting` holds only the first of them.
        #[serde(default)]
        waiting_total: Option<usize>,
        /// The approval engine's other documents waiting for the viewer (expense claims, …),
        /// listed under the same header after the leave requests.
        #[serde(default)]
        approvals: Vec<ApprovalCard>,
        /// The viewer's Leave Applications in the desk, for "+N more".
        #[serde(default)]
        desk_url: Option<String>,
        /// The desk's list of what waits for the viewer, for "+N more" under Waiting for you.
        #[serde(default)]
        waiting_url: Option<String>,
        /// The "While you are away" section: the person's consent and Do Not Disturb choice.
        #[serde(default)]
        away: Option<AwayChoice>,
        /// The birthdays and work anniversaries choice: whether the person keeps theirs out of
        /// the digests (absent: not offered, e.g. no Slack link).
        #[serde(default)]
        celebrations_opt_out: Option<bool>,
    },
}

fn days_text(days: f64) -> String {
    if days.fract() == 0.0 && days.abs() < 1e9 {
        format!("{days:.0}")
    } else {
        format!("{}", (days * 100.0).round() / 100.0)
    }
}

fn button(label: &str, action_id: &str, value: &str) -> SlackBlockButtonElement {
    SlackBlockButtonElement::new(plain(label, limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_value(value.to_owned())
}

fn dates(from: NaiveDate, to: NaiveDate, w: &HomeWords) -> String {
    if from == to {
        mrkdwn::escape(&display_date(from, &w.dates)).into_owned()
    } else {
        format!(
            "{} → {}",
            mrkdwn::escape(&display_date(from, &w.dates)),
            mrkdwn::escape(&display_date(to, &w.dates))
        )
    }
}

fn leave_line(l: &HomeLeave, w: &HomeWords) -> String {
    let status = match w.statuses.of(&l.status) {
        Some(word) => word.as_md(),
        None => mrkdwn::escape_truncate(&l.status, NAME_CHARS),
    };
    let mut line = format!(
        "{} · {} · {}{} · *{status}*",
        link(l.form_url.as_deref(), &l.leave_application),
        mrkdwn::escape_truncate(&l.leave_type, NAME_CHARS),
        dates(l.from_date, l.to_date, w),
        if l.half_day {
            format!(" ({})", w.half_day.as_md())
        } else {
            String::new()
        },
    );
    if let Some(name) = l
        .approver_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        line.push_str(" · ");
        line.push_str(
            &w.with_approver
                .md([&format!("*{}*", mrkdwn::escape_truncate(name, NAME_CHARS))]),
        );
    }
    line
}

/// What the tab adds around its lists: where "+N more" links to, and the "While you are away"
/// section (None: the site does not offer it).
#[derive(Clone, Copy)]
struct Extras<'a> {
    desk: Option<&'a str>,
    waiting: Option<&'a str>,
    away: Option<&'a AwayChoice>,
    /// The approval engine's documents waiting for the viewer (after the leave requests).
    approvals: &'a [ApprovalCard],
    celebrations_opt_out: Option<bool>,
}

fn more_text(hidden: usize, desk_url: Option<&str>, w: &HomeWords) -> String {
    link(desk_url, &w.more_in_desk.plain([&hidden.to_string()]))
}

fn more_line(hidden: usize, desk_url: Option<&str>, w: &HomeWords) -> SlackBlock {
    md_section(more_text(hidden, desk_url, w))
}

fn days_left(days: f64, w: &HomeWords) -> String {
    let n = days_text(days);
    if days == 1.0 {
        w.day_left.md([&n])
    } else {
        w.days_left.md([&n])
    }
}

fn total_days(days: f64, w: &HomeWords) -> String {
    let n = days_text(days);
    if days == 1.0 {
        w.total_day.md([&n])
    } else {
        w.total_days.md([&n])
    }
}

/// The birthdays and work anniversaries choice: what the digests do with the person's, and the
/// button that changes it (value `out` / `in`, `interaction::ids::CELEBRATIONS_CHOICE`).
fn celebrations_block(opted_out: bool, w: &HomeWords) -> SlackBlock {
    let (text, label, value) = if opted_out {
        (&w.celebrations_kept_out, &w.celebrations_announce, "in")
    } else {
        (&w.celebrations_announced, &w.celebrations_keep_out, "out")
    };
    SlackSectionBlock::new()
        .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
            mrkdwn::truncate(&format!("🎂 {}", text.as_md()), limits::SECTION_TEXT).into_owned(),
        )))
        .with_accessory(button(&label.as_plain(), ids::CELEBRATIONS_CHOICE, value).into())
        .with_block_id(SlackBlockId(ids::CELEBRATIONS_ACTIONS_BLOCK.to_owned()))
        .into()
}

/// The Home tab for `views.publish`.
pub fn home_view(input: &HomeInput, w: &HomeWords) -> Result<SlackView, BuildError> {
    let blocks = match input {
        HomeInput::Stranger { reason } => {
            let text = match reason {
                Stranger::NotLinked => &w.not_linked,
                Stranger::NoEmployee => &w.no_employee,
            };
            vec![
                header(&w.title.as_plain()),
                md_section(format!("🔗 {}", text.as_md())),
            ]
        }
        HomeInput::Employee {
            balances,
            my_leave,
            recent,
            out,
            out_total,
            waiting,
            waiting_total,
            approvals,
            desk_url,
            waiting_url,
            away,
            celebrations_opt_out,
        } => employee_blocks(
            balances,
            my_leave,
            recent,
            (out, out_total.unwrap_or(0).max(out.len())),
            waiting
                .as_deref()
                .map(|w| (w, waiting_total.unwrap_or(0).max(w.len()))),
            Extras {
                desk: desk_url.as_deref(),
                waiting: waiting_url.as_deref(),
                away: away.as_ref(),
                approvals,
                celebrations_opt_out: *celebrations_opt_out,
            },
            w,
        )?,
    };
    Ok(SlackView::Home(SlackHomeView::new(blocks)))
}

fn employee_blocks(
    balances: &[Balance],
    my_leave: &[HomeLeave],
    recent: &[HomeLeave],
    (out, out_total): (&[OutRow], usize),
    waiting: Option<(&[WaitingLeave], usize)>,
    urls: Extras<'_>,
    w: &HomeWords,
) -> Result<Vec<SlackBlock>, BuildError> {
    let desk_url = urls.desk;
    let mut blocks = vec![
        header(&w.title.as_plain()),
        SlackActionsBlock::new(vec![button(
            &w.apply_leave.as_plain(),
            ids::HOME_APPLY_LEAVE,
            "apply",
        )
        .with_style(SlackBlockButtonStyle::Primary)
        .into()])
        .with_block_id(SlackBlockId(ids::HOME_ACTIONS_BLOCK.to_owned()))
        .into(),
        header(&w.balances_header.as_plain()),
    ];
    if balances.is_empty() {
        blocks.push(md_section(w.no_balances.as_md()));
    } else {
        let lines: Vec<String> = balances
            .iter()
            .take(MAX_BALANCES)
            .map(|b| {
                let name = mrkdwn::escape_truncate(&b.leave_type, NAME_CHARS);
                match b.days_left.filter(|d| d.is_finite()) {
                    Some(days) => format!("• *{name}*: {}", days_left(days, w)),
                    None => format!("• *{name}*: {}", w.no_balance.as_md()),
                }
            })
            .collect();
        let mut text = lines.join("\n");
        if balances.len() > MAX_BALANCES {
            text.push('\n');
            text.push_str(&more_text(balances.len() - MAX_BALANCES, desk_url, w));
        }
        blocks.push(md_section(text));
    }

    blocks.push(header(&w.my_leave_header.as_plain()));
    if my_leave.is_empty() {
        blocks.push(md_section(w.nothing_upcoming.as_md()));
    }
    for l in my_leave.iter().take(MAX_MY_LEAVE) {
        let mut section = SlackSectionBlock::new().with_text(SlackBlockText::MarkDown(
            SlackBlockMarkDownText::new(
                mrkdwn::truncate(&leave_line(l, w), limits::SECTION_TEXT).into_owned(),
            ),
        ));
        if let Some(offer) = l.offer {
            check_button_value(&l.leave_application)?;
            let (label, action_id) = match offer {
                Offer::Withdraw => (&w.withdraw, ids::LEAVE_WITHDRAW),
                Offer::AskToCancel => (&w.ask_to_cancel, ids::LEAVE_ASK_CANCEL),
            };
            section = section
                .with_accessory(button(&label.as_plain(), action_id, &l.leave_application).into());
        }
        blocks.push(section.into());
    }
    if my_leave.len() > MAX_MY_LEAVE {
        blocks.push(more_line(my_leave.len() - MAX_MY_LEAVE, desk_url, w));
    }
    if !recent.is_empty() {
        blocks.push(header(&w.recent_header.as_plain()));
        let lines: Vec<String> = recent
            .iter()
            .take(MAX_RECENT)
            .map(|l| leave_line(l, w))
            .collect();
        blocks.push(md_section(lines.join("\n")));
    }

    if let Some(choice) = urls.away {
        blocks.extend(away_blocks(choice, &w.away));
    }
    if let Some(opted_out) = urls.celebrations_opt_out {
        blocks.push(celebrations_block(opted_out, w));
    }

    blocks.push(header(&w.out_header.as_plain()));
    blocks.push(
        SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
            SlackBlockMarkDownText::new(
                mrkdwn::truncate(&w.out_intro.as_md(), limits::CONTEXT_TEXT).into_owned(),
            ),
        )])
        .into(),
    );
    if out.is_empty() {
        blocks.push(md_section(w.nobody_out.as_md()));
    } else {
        let mut lines: Vec<String> = out
            .iter()
            .take(MAX_OUT)
            .map(|o| {
                format!(
                    "• {} · {}{}",
                    person(o.slack_id.as_deref(), &o.employee_name),
                    dates(o.from_date, o.to_date, w),
                    if o.half_day {
                        format!(" ({})", w.half_day.as_md())
                    } else {
                        String::new()
                    }
                )
            })
            .collect();
        let shown = out.len().min(MAX_OUT);
        if out_total > shown {
            lines.push(more_text(out_total - shown, desk_url, w));
        }
        blocks.push(md_section(lines.join("\n")));
    }

    // Someone who approves only other documents sees them under the same header.
    let approvals = urls.approvals;
    let waiting = waiting.or_else(|| (!approvals.is_empty()).then_some((&[][..], 0)));
    if let Some((waiting, total)) = waiting {
        blocks.push(header(&w.waiting_header.as_plain()));
        if waiting.is_empty() && approvals.is_empty() {
            blocks.push(md_section(w.nothing_waiting.as_md()));
        }
        // Two blocks per request, one line for "+N more": what fits under Slack's 100.
        let room = limits::BLOCKS_PER_HOME.saturating_sub(blocks.len() + 1) / 2;
        let shown = waiting.len().min(MAX_WAITING).min(room);
        for (i, l) in waiting.iter().take(shown).enumerate() {
            check_button_value(&l.leave_application)?;
            let who = person(l.requester_slack_id.as_deref(), &l.requester_name);
            let mut line = format!(
                "{} · {who} · {} · {}",
                link(l.form_url.as_deref(), &l.leave_application),
                mrkdwn::escape_truncate(&l.leave_type, NAME_CHARS),
                dates(l.from_date, l.to_date, w)
            );
            if let Some(days) = l.total_days.filter(|d| d.is_finite()) {
                line.push_str(" · ");
                line.push_str(&total_days(days, w));
            }
            blocks.push(md_section(line));
            blocks.push(
                SlackActionsBlock::new(vec![
                    button(
                        &w.approve.as_plain(),
                        ids::LEAVE_APPROVE,
                        &l.leave_application,
                    )
                    .with_style(SlackBlockButtonStyle::Primary)
                    .into(),
                    button(
                        &w.reject.as_plain(),
                        ids::LEAVE_REJECT,
                        &l.leave_application,
                    )
                    .with_style(SlackBlockButtonStyle::Danger)
                    .into(),
                ])
                .with_block_id(SlackBlockId(format!(
                    "{}{i}",
                    ids::HOME_WAITING_BLOCK_PREFIX
                )))
                .into(),
            );
        }
        if total > shown {
            blocks.push(more_line(total - shown, urls.waiting.or(desk_url), w));
        }
        // Two blocks each, in what is left of Slack's 100 (nothing follows them).
        let room = limits::BLOCKS_PER_HOME.saturating_sub(blocks.len()) / 2;
        let shown = approvals.len().min(MAX_WAITING).min(room);
        blocks.extend(approval::home_rows(
            approvals.get(..shown).unwrap_or_default(),
            &w.approve.as_plain(),
            &w.reject.as_plain(),
        )?);
    }
    Ok(blocks)
}
