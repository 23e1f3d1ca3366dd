//! "While you are away" clicks on the Home tab: show my leave in Slack (opens the consent modal,
//! so it needs the trigger), stop showing it, and the Do Not Disturb choice.

use super::payload::{trigger_id, user_id, Action, Envelope};
use super::routed::{AwayButton, Route};
use super::{id_excerpt, PayloadError};

pub(super) fn button(
    button: AwayButton,
    env: &Envelope,
    action: Option<&Action>,
) -> Result<Route, PayloadError> {
    let user_id = user_id(env)?;
    // Only Show opens a view (the consent modal): the others need no trigger.
    let trigger_id = match button {
        AwayButton::Show => Some(trigger_id(env)?),
        _ => env.trigger_id.clone().filter(|t| !t.is_empty()),
    };
    let dnd = match button {
        AwayButton::Dnd => {
            let value = action.and_then(|a| a.value.as_deref()).unwrap_or("");
            match value {
                "on" => Some(true),
                "off" => Some(false),
                other => {
                    return Err(PayloadError::invalid(
                        "actions[0].value",
                        format!("expected on or off, got {:?}", id_excerpt(other)),
                    ))
                }
            }
        }
        _ => None,
    };
    Ok(Route::Away {
        button,
        user_id,
        trigger_id,
        dnd,
    })
}
