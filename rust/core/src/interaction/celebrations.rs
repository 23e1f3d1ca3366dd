//! The Home tab's birthdays and work anniversaries choice: keep mine out of the digests, or
//! announce them again (the button's value says which).

use super::payload::{user_id, Action, Envelope};
use super::routed::Route;
use super::{id_excerpt, PayloadError};

/// The button's values.
pub const OPT_OUT: &str = "out";
pub const OPT_IN: &str = "in";

pub(super) fn choice(env: &Envelope, action: Option<&Action>) -> Result<Route, PayloadError> {
    let user_id = user_id(env)?;
    let opt_out = match action.and_then(|a| a.value.as_deref()).unwrap_or("") {
        OPT_OUT => true,
        OPT_IN => false,
        other => {
            return Err(PayloadError::invalid(
                "actions[0].value",
                format!(
                    "expected {OPT_OUT} or {OPT_IN}, got {:?}",
                    id_excerpt(other)
                ),
            ))
        }
    };
    Ok(Route::Celebrations { user_id, opt_out })
}
