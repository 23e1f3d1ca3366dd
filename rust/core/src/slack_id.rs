//! Slack user ids (`U0123ABCD`, `W…` on Enterprise Grid): the one rule for what may go inside a
//! `<@…>` mention, used by routing, the leave messages and the attendance summary.

use std::fmt;
use std::ops::Deref;

/// Longest id accepted. Slack's ids are about 11 characters; the cap keeps a hostile value short
/// in logs and messages while leaving room for whatever format Slack moves to.
pub const MAX_LEN: usize = 64;

/// A well-formed Slack user id: 1 to [`MAX_LEN`] ASCII letters and digits. Anything else (`>`,
/// `|`, `!`, spaces) could break out of `<@…>` and ping a channel, so it is never interpolated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlackUserId(String);

/// Why a string is not a [`SlackUserId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlackUserIdError {
    #[error("a Slack user id is never empty")]
    Empty,
    #[error("a Slack user id has at most {MAX_LEN} characters")]
    TooLong,
    #[error("a Slack user id has only ASCII letters and digits")]
    BadCharacter,
}

impl SlackUserId {
    /// Checks the one rule (see the type's docs).
    pub fn parse(id: &str) -> Result<Self, SlackUserIdError> {
        Self::check(id).map(|()| Self(id.to_owned()))
    }

    /// The rule itself, for callers that only need to know whether `id` would parse.
    pub fn check(id: &str) -> Result<(), SlackUserIdError> {
        if id.is_empty() {
            Err(SlackUserIdError::Empty)
        } else if id.len() > MAX_LEN {
            Err(SlackUserIdError::TooLong)
        } else if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Err(SlackUserIdError::BadCharacter)
        } else {
            Ok(())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `<@U…>`: Slack renders the person's current name.
    pub fn mention(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + 3);
        self.push_mention(&mut out);
        out
    }

    /// [`SlackUserId::mention`], appended to `out`.
    pub fn push_mention(&self, out: &mut String) {
        out.push_str("<@");
        out.push_str(&self.0);
        out.push('>');
    }
}

impl Deref for SlackUserId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SlackUserId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SlackUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SlackUserId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SlackUserId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_caller() {
        for good in [
            "U1",
            "U0123ABCD",
            "W0ENTERPRISE1",
            "u1",
            &"U".repeat(MAX_LEN),
        ] {
            assert!(SlackUserId::parse(good).is_ok(), "{good}");
        }
        let long = "U".repeat(MAX_LEN + 1);
        let cases = [
            ("", SlackUserIdError::Empty),
            (long.as_str(), SlackUserIdError::TooLong),
            ("U1>", SlackUserIdError::BadCharacter),
            ("U1>|<!here", SlackUserIdError::BadCharacter),
            (" U1", SlackUserIdError::BadCharacter),
            ("not-a-slack-id", SlackUserIdError::BadCharacter),
            ("Ü1", SlackUserIdError::BadCharacter),
        ];
        for (bad, why) in cases {
            assert_eq!(SlackUserId::parse(bad), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn mention() -> Result<(), SlackUserIdError> {
        let id = SlackUserId::parse("U1")?;
        assert_eq!(id.mention(), "<@U1>");
        assert_eq!(id, "U1");
        Ok(())
    }
}
