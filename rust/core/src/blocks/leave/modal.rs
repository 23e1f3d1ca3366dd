//! The "Apply for Leave" modal and its half-day variant.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use slack_morphism::prelude::*;

use super::{choice, datepicker, input, plain, BuildError, PlainChoice};
use crate::half_period::HalfPeriod;
use crate::interaction::one_line::{read_leave_line, Unclear};
use crate::interaction::{ids, FormState, MAX_REASON_CHARS};
use crate::words::{LineWords, ModalWords, PeriodWords};
use crate::{limits, mrkdwn};

/// One leave type the requester may choose: `name` is the Leave Type document name (the value
/// submitted back), `label` what the user sees (defaults to the name).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveTypeOption {
    pub name: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// Everything the leave request modal shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveModalInput {
    /// In order of relevance; duplicates (same name) are dropped.
    pub leave_types: Vec<LeaveTypeOption>,
    /// Default start and end date.
    pub today: NaiveDate,
    /// Show the half-day inputs (the checkbox state; `current.half_day` is not consulted).
    #[serde(default)]
    pub half_day_checked: bool,
    /// Ask for the half-day date; by default asked when the range spans several days.
    #[serde(default)]
    pub show_half_day_date: Option<bool>,
    /// The site's Leave Application has `custom_first_halfsecond_half`: ask for the period too.
    #[serde(default)]
    pub has_half_period_field: bool,
    /// Values to keep when the modal is rebuilt (the `values` of a half_day_toggle route).
    #[serde(default)]
    pub current: FormState,
    /// Opaque to Slack, returned with every interaction; at most 3000 characters.
    #[serde(default)]
    pub private_metadata: String,
    /// What the person typed after `/apply-leave`: read relative to `today` and the offered
    /// leave types ([`read_leave_line`]) into the initial values (over `current`), with a note
    /// above the form on what was not understood.
    #[serde(default)]
    pub line: Option<String>,
}

/// One note on what was not understood, in mrkdwn: the typed words quoted and escaped.
fn unclear_text(unclear: &Unclear, words: &LineWords) -> String {
    let quoted = |text: &str| mrkdwn::escape(text).into_owned();
    match unclear {
        Unclear::NotADate { text } => words.not_a_date.md([&quoted(text)]),
        Unclear::Past { text } => words.past.md([&quoted(text)]),
        Unclear::EndBeforeStart { text } => words.end_before_start.md([&quoted(text)]),
        Unclear::TwoDates { text } => words.two_dates.md([&quoted(text)]),
        Unclear::LeaveTypes { text, types } => words
            .leave_types
            .md([&quoted(text), &quoted(&types.join(", "))]),
        Unclear::HalfDayRange { text } => words.half_day_range.md([&quoted(text)]),
        Unclear::TwoHalves { text } => words.two_halves.md([&quoted(text)]),
    }
}

/// The highlighted line above the form: what the one-line request did not make clear.
fn unclear_note(unclear: &[Unclear], words: &LineWords) -> Option<SlackBlock> {
    if unclear.is_empty() {
        return None;
    }
    let mut text = format!(":warning: *{}*", words.intro.as_md());
    for item in unclear {
        text.push(' ');
        text.push_str(&unclear_text(item, words));
    }
    Some(
        SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
            SlackBlockMarkDownText::new(mrkdwn::truncate(&text, limits::CONTEXT_TEXT).into_owned()),
        )])
        .into(),
    )
}

/// The values the modal starts with: a one-line request read over `current`.
fn initial_values(
    input_: &LeaveModalInput,
    words: &LineWords,
) -> (FormState, bool, Option<SlackBlock>) {
    let Some(line) = input_.line.as_deref() else {
        return (input_.current.clone(), input_.half_day_checked, None);
    };
    let names: Vec<&str> = input_.leave_types.iter().map(|t| t.name.as_str()).collect();
    let read = read_leave_line(line, input_.today, &names);
    let said = read.form_state();
    let cur = &input_.current;
    let state = FormState {
        start_date: said.start_date.or(cur.start_date),
        end_date: said.end_date.or(cur.end_date),
        leave_type: said.leave_type.or_else(|| cur.leave_type.clone()),
        reason: said.reason.or_else(|| cur.reason.clone()),
        half_day: said.half_day || cur.half_day,
        half_day_date: said.half_day_date.or(cur.half_day_date),
        half_period: said.half_period.or(cur.half_period),
    };
    let checked = input_.half_day_checked || said.half_day;
    (state, checked, unclear_note(&read.unclear, words))
}

/// Leave type options: a flat list up to Slack's 100, else option groups of 100 (at most 100
/// groups). Returns the select and, when something had to be said about the list, a hint.
fn leave_type_select(
    types: &[LeaveTypeOption],
    current: Option<&str>,
    words: &ModalWords,
) -> Result<(SlackBlockStaticSelectElement, Option<String>), BuildError> {
    let mut seen = HashSet::new();
    let unique: Vec<&LeaveTypeOption> = types
        .iter()
        .filter(|t| !t.name.trim().is_empty() && seen.insert(t.name.as_str()))
        .collect();
    if unique.is_empty() {
        return Err(BuildError::NoLeaveTypes);
    }
    let total = unique.len();
    let shown = total.min(limits::OPTION_GROUPS * limits::SELECT_OPTIONS);
    // Frappe names fit the 150-char option value; a longer one would be cut and then fail as an
    // unknown Leave Type on submit, which is reported inline.
    let items: Vec<PlainChoice> = unique
        .iter()
        .take(shown)
        .map(|t| choice(t.label.as_deref().unwrap_or(&t.name), &t.name))
        .collect();
    let initial = current.and_then(|name| {
        items
            .iter()
            .find(|c| c.value == mrkdwn::plain(name, limits::OPTION_VALUE))
            .cloned()
    });
    let select = SlackBlockStaticSelectElement::new()
        .with_action_id(SlackActionId(ids::LEAVE_TYPE_ACTION.to_owned()))
        .with_placeholder(plain(
            &words.leave_type_placeholder.as_plain(),
            limits::PLACEHOLDER,
        ))
        .opt_initial_option(initial);
    if total <= limits::SELECT_OPTIONS {
        return Ok((select.with_options(items), None));
    }
    let groups: Vec<SlackBlockOptionGroup<SlackBlockPlainTextOnly>> = items
        .chunks(limits::SELECT_OPTIONS)
        .enumerate()
        .map(|(i, chunk)| {
            let first = i * limits::SELECT_OPTIONS + 1;
            let last = first + chunk.len() - 1;
            SlackBlockOptionGroup::new(
                plain(
                    &words
                        .leave_type_group
                        .plain([&first.to_string(), &last.to_string()]),
                    limits::OPTION_GROUP_LABEL,
                ),
                chunk.to_vec(),
            )
        })
        .collect();
    let hint = if shown < total {
        words
            .leave_types_cut
            .plain([&shown.to_string(), &total.to_string()])
    } else {
        words
            .leave_types_grouped
            .plain([&total.to_string(), &limits::SELECT_OPTIONS.to_string()])
    };
    Ok((select.with_option_groups(groups), Some(hint)))
}

fn half_day_checkbox(checked: bool, words: &ModalWords) -> SlackInputBlock {
    let option: SlackBlockChoiceItem<SlackBlockText> = SlackBlockChoiceItem::new(
        SlackBlockText::Plain(SlackBlockPlainText::new(mrkdwn::plain(
            &words.half_day_option.as_plain(),
            limits::OPTION_TEXT,
        ))),
        "half_day".into(),
    );
    let element = SlackBlockCheckboxesElement::new(vec![option.clone()])
        .with_action_id(SlackActionId(ids::HALF_DAY_ACTION.to_owned()))
        .opt_initial_options(checked.then(|| vec![option]));
    // optional: an unchecked box must not be a "required field" error; dispatch_action: the toggle
    // must reach us so the modal can grow or shrink its half-day inputs.
    input(ids::HALF_DAY_BLOCK, &words.half_day.as_plain(), element)
        .with_optional(true)
        .with_dispatch_action(true)
}

/// The words of a half period.
pub(in crate::blocks) fn period_label(p: HalfPeriod, words: &PeriodWords) -> String {
    match p {
        HalfPeriod::FirstHalf => words.first_half.as_plain(),
        HalfPeriod::SecondHalf => words.second_half.as_plain(),
    }
}

fn half_period_select(current: Option<HalfPeriod>, words: &ModalWords) -> SlackInputBlock {
    let option = |p: HalfPeriod| choice(&period_label(p, &words.periods), p.code());
    let options: Vec<PlainChoice> = HalfPeriod::ALL.into_iter().map(option).collect();
    let initial = current.map(option);
    let element = SlackBlockStaticSelectElement::new()
        .with_action_id(SlackActionId(ids::HALF_PERIOD_ACTION.to_owned()))
        .with_placeholder(plain(
            &words.half_period_placeholder.as_plain(),
            limits::PLACEHOLDER,
        ))
        .with_options(options)
        .opt_initial_option(initial);
    input(
        ids::HALF_PERIOD_BLOCK,
        &words.half_period.as_plain(),
        element,
    )
}

/// The "Apply for Leave" modal (also its half-day variant, for `views.update`), in `words`.
pub fn leave_request_modal(
    input_: &LeaveModalInput,
    words: &ModalWords,
) -> Result<SlackView, BuildError> {
    let metadata_len = input_.private_metadata.chars().count();
    if metadata_len > limits::PRIVATE_METADATA {
        // Cutting it would corrupt whatever the handler encoded in it.
        return Err(BuildError::PrivateMetadataTooLong {
            len: metadata_len,
            limit: limits::PRIVATE_METADATA,
        });
    }
    let (state, half_day_checked, note) = initial_values(input_, &words.line);
    let cur = &state;
    let start = cur.start_date.unwrap_or(input_.today);
    let end = cur.end_date.unwrap_or(input_.today);
    let (select, hint) = leave_type_select(&input_.leave_types, cur.leave_type.as_deref(), words)?;
    let mut leave_type = input(ids::LEAVE_TYPE_BLOCK, &words.leave_type.as_plain(), select);
    if let Some(h) = hint {
        leave_type = leave_type.with_hint(plain(&h, limits::INPUT_HINT));
    }

    let mut blocks: Vec<SlackBlock> = note.into_iter().collect();
    blocks.extend([
        input(
            ids::START_DATE_BLOCK,
            &words.start_date.as_plain(),
            datepicker(ids::START_DATE_ACTION, start),
        )
        .into(),
        input(
            ids::END_DATE_BLOCK,
            &words.end_date.as_plain(),
            datepicker(ids::END_DATE_ACTION, end),
        )
        .into(),
        leave_type.into(),
        half_day_checkbox(half_day_checked, words).into(),
    ]);
    if half_day_checked {
        if input_.show_half_day_date.unwrap_or(start != end) {
            let initial = cur.half_day_date.unwrap_or(start);
            blocks.push(
                input(
                    ids::HALF_DAY_DATE_BLOCK,
                    &words.half_day_date.as_plain(),
                    datepicker(ids::HALF_DAY_DATE_ACTION, initial),
                )
                .into(),
            );
        }
        if input_.has_half_period_field {
            blocks.push(half_period_select(cur.half_period, words).into());
        }
    }
    let reason = SlackBlockPlainTextInputElement::new()
        .with_action_id(SlackActionId(ids::REASON_ACTION.to_owned()))
        .with_multiline(true)
        .with_max_length(MAX_REASON_CHARS.min(limits::PLAIN_TEXT_INPUT) as u64)
        .with_placeholder(plain(
            &words.reason_placeholder.as_plain(),
            limits::PLACEHOLDER,
        ))
        .opt_initial_value(
            cur.reason
                .as_deref()
                .map(|r| mrkdwn::plain(r, MAX_REASON_CHARS)),
        );
    blocks.push(input(ids::REASON_BLOCK, &words.reason.as_plain(), reason).into());

    let title = plain(&words.title.as_plain(), limits::MODAL_TITLE);
    let view = SlackModalView::new(title, blocks)
        .with_callback_id(SlackCallbackId(ids::APPLY_LEAVE_CALLBACK.to_owned()))
        .with_submit(plain(&words.submit.as_plain(), limits::MODAL_BUTTON_TEXT))
        .with_close(plain(&words.close.as_plain(), limits::MODAL_BUTTON_TEXT))
        .opt_private_metadata(Some(input_.private_metadata.clone()).filter(|m| !m.is_empty()));
    Ok(SlackView::Modal(view))
}

/// A view as the JSON text `views.open` / `views.update` / `views.publish` take under `view`.
pub fn view_to_json(view: &SlackView) -> Result<String, BuildError> {
    Ok(crate::blocks::to_json_text("the view", view)?)
}

/// The same view as a JSON tree (sorted keys), for tests and golden files.
pub fn view_to_value(view: &SlackView) -> Result<Value, BuildError> {
    Ok(crate::blocks::to_json("the view", view)?)
}
