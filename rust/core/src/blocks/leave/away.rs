//! "While you are away": the Home tab's section (consent, Stop showing, the Do Not Disturb
//! choice), the consent modal with its link to Slack's authorize page, and the profile bodies the
//! outbox sends with the person's user token (`users.profile.set`).

use serde::Deserialize;
use serde_json::json;
use slack_morphism::prelude::*;

use super::{header, md_section, plain, BuildError};
use crate::absence::Away;
use crate::dates::display_date;
use crate::interaction::ids;
use crate::limits;
use crate::mrkdwn;
use crate::words::{AwayStatusWords, AwayWords};

/// The emoji of a status when Slack Settings names none Slack would take.
pub const DEFAULT_EMOJI: &str = ":palm_tree:";
/// Slack refuses an authorize URL longer than this in a button (Block Kit's `url`: 3000).
const MAX_URL_CHARS: usize = 3000;

/// The person's choice as the Home tab shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwayChoice {
    /// They allowed the app to show their leave in Slack.
    #[serde(default)]
    pub consented: bool,
    /// Slack granted `dnd:write`: pausing notifications can be offered.
    #[serde(default)]
    pub dnd_granted: bool,
    /// They chose to pause notifications during leave.
    #[serde(default)]
    pub dnd: bool,
}

fn button(label: &str, action_id: &str, value: &str) -> SlackBlockButtonElement {
    SlackBlockButtonElement::new(plain(label, limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(action_id.to_owned()))
        .with_value(value.to_owned())
}

/// The Home tab's "While you are away" blocks.
pub fn away_blocks(choice: &AwayChoice, w: &AwayWords) -> Vec<SlackBlock> {
    let mut blocks = vec![header(&w.header.as_plain())];
    if !choice.consented {
        blocks.push(md_section(w.offer.as_md()));
        blocks.push(actions(vec![button(
            &w.show.as_plain(),
            ids::AWAY_SHOW,
            "show",
        )
        .with_style(SlackBlockButtonStyle::Primary)]));
        return blocks;
    }
    let dnd_line = if !choice.dnd_granted {
        w.dnd_unavailable.as_md()
    } else if choice.dnd {
        w.dnd_on.as_md()
    } else {
        w.dnd_off.as_md()
    };
    blocks.push(md_section(format!("✅ {}\n{dnd_line}", w.on.as_md())));
    let mut buttons = Vec::with_capacity(2);
    if choice.dnd_granted {
        buttons.push(if choice.dnd {
            button(&w.dnd_turn_off.as_plain(), ids::AWAY_DND, "off")
        } else {
            button(&w.dnd_turn_on.as_plain(), ids::AWAY_DND, "on")
        });
    }
    buttons.push(button(&w.stop.as_plain(), ids::AWAY_STOP, "stop"));
    blocks.push(actions(buttons));
    blocks
}

fn actions(buttons: Vec<SlackBlockButtonElement>) -> SlackBlock {
    SlackActionsBlock::new(buttons.into_iter().map(Into::into).collect())
        .with_block_id(SlackBlockId(ids::AWAY_ACTIONS_BLOCK.to_owned()))
        .into()
}

/// A URL Slack can open from a button: http(s), within Block Kit's length.
fn checked_url(url: &str) -> Result<url::Url, BuildError> {
    let parsed = url::Url::parse(url.trim()).map_err(|_| BuildError::BadUrl)?;
    if !matches!(parsed.scheme(), "https" | "http") || url.chars().count() > MAX_URL_CHARS {
        return Err(BuildError::BadUrl);
    }
    Ok(parsed)
}

/// The consent modal (`views.open` from the Home tab's button): what the person allows, and a
/// link button to Slack's authorize page (`authorize_url`, with its single-use state).
pub fn away_consent_modal(authorize_url: &str, w: &AwayWords) -> Result<SlackView, BuildError> {
    let url = checked_url(authorize_url)?;
    let link = SlackBlockButtonElement::new(plain(&w.authorize.as_plain(), limits::BUTTON_TEXT))
        .with_action_id(SlackActionId(ids::AWAY_AUTHORIZE.to_owned()))
        .with_url(url)
        .with_style(SlackBlockButtonStyle::Primary);
    let blocks: Vec<SlackBlock> = vec![
        md_section(w.modal_text.as_md()),
        SlackActionsBlock::new(vec![link.into()])
            .with_block_id(SlackBlockId(ids::AWAY_ACTIONS_BLOCK.to_owned()))
            .into(),
    ];
    let view = SlackModalView::new(
        plain(&w.modal_title.as_plain(), limits::MODAL_TITLE),
        blocks,
    )
    .with_callback_id(SlackCallbackId(ids::AWAY_CONSENT_CALLBACK.to_owned()))
    .with_close(plain(&w.close.as_plain(), limits::MODAL_BUTTON_TEXT));
    Ok(SlackView::Modal(view))
}

/// `:name:` as Slack writes an emoji code.
fn is_emoji_code(s: &str) -> bool {
    let inner = s.strip_prefix(':').and_then(|r| r.strip_suffix(':'));
    inner.is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_+-'".contains(c))
    })
}

/// The status shown while `away`: the text (the template with the last day in the person's
/// language, cut to Slack's 100 characters), the emoji and the expiration (the end of the leave).
pub fn away_status(away: &Away, w: &AwayStatusWords) -> (String, String, i64) {
    let date = display_date(away.last_day, &w.dates);
    let text = mrkdwn::plain(&w.text.fill(&date), limits::STATUS_TEXT);
    let emoji = w.emoji.trim();
    let emoji = if is_emoji_code(emoji) {
        emoji.to_owned()
    } else {
        DEFAULT_EMOJI.to_owned()
    };
    (text, emoji, away.end)
}

/// The `users.profile.set` body that shows `status` (text, emoji, expiration).
pub fn status_body(status: &(String, String, i64)) -> String {
    json!({"profile": {
        "status_text": status.0,
        "status_emoji": status.1,
        "status_expiration": status.2,
    }})
    .to_string()
}

/// The `users.profile.set` body that clears the status ("Clearing the status requires setting
/// both status_text and status_emoji to ''").
pub fn clear_body() -> String {
    status_body(&(String::new(), String::new(), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_codes_are_checked() {
        assert!(is_emoji_code(":palm_tree:"));
        assert!(is_emoji_code(":+1:"));
        assert!(!is_emoji_code("palm_tree"));
        assert!(!is_emoji_code("::"));
        assert!(!is_emoji_code(":Palm Tree:"));
    }

    #[test]
    fn the_clear_body_empties_both_fields() {
        assert_eq!(
            clear_body(),
            r#"{"profile":{"status_emoji":"","status_expiration":0,"status_text":""}}"#
        );
    }

    #[test]
    fn a_bad_authorize_url_is_refused() {
        assert_eq!(
            checked_url("javascript:alert(1)").err(),
            Some(BuildError::BadUrl)
        );
        assert_eq!(checked_url("not a url").err(), Some(BuildError::BadUrl));
        assert!(checked_url("https://slack.com/oauth/v2/authorize?x=1").is_ok());
    }
}
