//! Delivering what the app owes Slack (the outbox's rules, free of any I/O): which failures are
//! worth another try, when to try again, and how a post is recognised in a channel's history when
//! its outcome is unknown.
//!
//! The relay (Python) calls Slack; these rules decide what it does with the answer, so every
//! worker on every machine decides alike.

use serde_json::{json, Map, Value};

/// `event_type` of the message metadata on every post the outbox sends.
pub const EVENT_TYPE: &str = "frappe_slack_delivery";
/// The first retry waits about this long (seconds); each further one doubles it.
const FIRST_DELAY_SECS: f64 = 2.0;
/// No wait between two tries exceeds this (seconds), so a backlog goes out within a minute of
/// Slack coming back.
const MAX_DELAY_SECS: f64 = 60.0;
/// A `Retry-After` beyond this (seconds) is treated as this: a bad header must not park a
/// delivery for days.
const MAX_RETRY_AFTER_SECS: f64 = 3600.0;
/// Longest delivery name the metadata carries (Frappe names are at most 140 characters).
const MAX_NAME_CHARS: usize = 140;

/// What the relay does after a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not done, or safe to do again: try later.
    Retry,
    /// A post may have been made: look for it before sending again.
    Unknown,
    /// Trying again cannot help (a wrong channel, a bad message, a revoked token): fail it.
    Permanent,
}

impl Verdict {
    /// The stable name Python sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Retry => "retry",
            Verdict::Unknown => "unknown",
            Verdict::Permanent => "permanent",
        }
    }
}

/// Why a delivery rule could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    #[error("the delivery name is empty")]
    EmptyName,
    #[error("the delivery name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("conversations.history answer has no `messages` list")]
    NoMessages,
}

impl DeliveryError {
    /// Stable reason code for logs and tests.
    pub fn reason(&self) -> &'static str {
        match self {
            DeliveryError::EmptyName => "empty_name",
            DeliveryError::NameTooLong => "name_too_long",
            DeliveryError::NoMessages => "no_messages",
        }
    }
}

/// Calls that create something each time they run: a repeat after an unknown outcome could
/// duplicate it. Every other method the outbox uses (update, delete, views.publish) sets a state,
/// and doing it twice leaves the same state.
fn creates_a_message(method: &str) -> bool {
    matches!(method, "chat.postMessage" | "chat.postEphemeral")
}

/// Slack errors that say the request was not carried out and may succeed later.
fn not_done_try_later(error: &str) -> bool {
    matches!(
        error,
        "ratelimited" | "service_unavailable" | "request_timeout" | "team_added_to_org"
    )
}

/// Slack errors after which "some aspect of the operation" may have succeeded (Slack's words for
/// `internal_error` and `fatal_error`), and the client's own word for a post that was sent but
/// never answered (or answered with a 5xx).
fn maybe_done(error: &str) -> bool {
    matches!(error, "outcome_unknown" | "internal_error" | "fatal_error")
}

/// What to do after `method` failed with `error` (Slack's error code, or the client's own:
/// `connection_error` = never sent, `outcome_unknown` = sent but unanswered, `not_configured` =
/// no token yet) and, when Slack answered, its HTTP status.
pub fn classify(method: &str, error: &str, http_status: Option<u16>) -> Verdict {
    if error == "connection_error" || error == "not_configured" || not_done_try_later(error) {
        return Verdict::Retry;
    }
    if http_status == Some(429) {
        return Verdict::Retry;
    }
    let server_side = http_status.is_some_and(|s| (500..600).contains(&s));
    if maybe_done(error) || (server_side && error.starts_with("http_")) {
        return if creates_a_message(method) {
            Verdict::Unknown
        } else {
            Verdict::Retry
        };
    }
    Verdict::Permanent
}

/// splitmix64: a well-mixed 64-bit value from any seed, so neighbouring seeds jitter apart.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Seconds to wait before the next try after `attempts` failed ones (1 after the first failure):
/// exponential from 2 s, capped at 60 s, with "equal jitter" (between half and all of the step,
/// drawn from `seed`, so workers retrying together spread out), and never less than Slack's
/// `Retry-After` (itself capped at an hour). Non-finite or negative `retry_after` counts as none.
pub fn next_retry_delay(attempts: u32, retry_after: Option<f64>, seed: u64) -> f64 {
    let exponent = attempts.saturating_sub(1).min(16);
    let step = (FIRST_DELAY_SECS * f64::from(1u32 << exponent)).min(MAX_DELAY_SECS);
    // 53 random bits → a fraction in [0, 1).
    let fraction = (mix(seed) >> 11) as f64 / (1u64 << 53) as f64;
    let jittered = step / 2.0 + fraction * step / 2.0;
    let floor = retry_after
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(0.0, |s| s.min(MAX_RETRY_AFTER_SECS));
    jittered.max(floor)
}

fn checked_name(delivery: &str) -> Result<&str, DeliveryError> {
    if delivery.is_empty() {
        return Err(DeliveryError::EmptyName);
    }
    if delivery.chars().count() > MAX_NAME_CHARS {
        return Err(DeliveryError::NameTooLong);
    }
    Ok(delivery)
}

/// The message metadata a post carries so it can be found again: `{"event_type":
/// "frappe_slack_delivery", "event_payload": {"delivery": <name>}}`.
pub fn metadata(delivery: &str) -> Result<Value, DeliveryError> {
    let name = checked_name(delivery)?;
    Ok(json!({"event_type": EVENT_TYPE, "event_payload": {"delivery": name}}))
}

fn carries(message: &Map<String, Value>, delivery: &str) -> bool {
    let Some(meta) = message.get("metadata").and_then(Value::as_object) else {
        return false;
    };
    meta.get("event_type").and_then(Value::as_str) == Some(EVENT_TYPE)
        && meta
            .get("event_payload")
            .and_then(|p| p.get("delivery"))
            .and_then(Value::as_str)
            == Some(delivery)
}

/// The `ts` of the message in a `conversations.history` answer that carries `delivery`'s
/// metadata, if any. Messages that are not objects or lack a `ts` are passed over; an answer
/// without a `messages` list is an error (it is not "not found").
pub fn find_in_history(history: &Value, delivery: &str) -> Result<Option<String>, DeliveryError> {
    let name = checked_name(delivery)?;
    let messages = history
        .get("messages")
        .and_then(Value::as_array)
        .ok_or(DeliveryError::NoMessages)?;
    Ok(messages
        .iter()
        .filter_map(Value::as_object)
        .find(|m| carries(m, name))
        .and_then(|m| m.get("ts").and_then(Value::as_str))
        .map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_sent_and_rate_limited_are_retried() {
        for method in ["chat.postMessage", "chat.update", "views.publish"] {
            assert_eq!(classify(method, "connection_error", None), Verdict::Retry);
            assert_eq!(classify(method, "ratelimited", Some(429)), Verdict::Retry);
            assert_eq!(classify(method, "http_429", Some(429)), Verdict::Retry);
            assert_eq!(
                classify(method, "service_unavailable", Some(503)),
                Verdict::Retry
            );
            assert_eq!(classify(method, "not_configured", None), Verdict::Retry);
        }
    }

    #[test]
    fn a_post_that_may_have_happened_is_unknown_but_a_rewrite_is_retried() {
        for error in [
            "outcome_unknown",
            "internal_error",
            "fatal_error",
            "http_502",
        ] {
            let status = error
                .strip_prefix("http_")
                .map(|s| s.parse().unwrap_or(500));
            assert_eq!(
                classify("chat.postMessage", error, status),
                Verdict::Unknown,
                "{error}"
            );
            assert_eq!(
                classify("chat.postEphemeral", error, status),
                Verdict::Unknown
            );
            assert_eq!(
                classify("chat.update", error, status),
                Verdict::Retry,
                "{error}"
            );
            assert_eq!(classify("views.publish", error, status), Verdict::Retry);
            assert_eq!(classify("chat.delete", error, status), Verdict::Retry);
        }
    }

    #[test]
    fn what_cannot_succeed_later_is_permanent() {
        for error in [
            "channel_not_found",
            "not_in_channel",
            "account_inactive",
            "invalid_blocks",
            "invalid_auth",
            "token_revoked",
            "user_not_found",
            "message_not_found",
            "cant_update_message",
            "request_error",
            "invalid_metadata_format",
        ] {
            assert_eq!(
                classify("chat.postMessage", error, Some(200)),
                Verdict::Permanent
            );
            assert_eq!(classify("chat.update", error, None), Verdict::Permanent);
        }
    }

    #[test]
    fn delays_grow_double_and_stop_at_a_minute() {
        let steps: Vec<f64> = (1..=8).map(|n| next_retry_delay(n, None, 7)).collect();
        for (n, delay) in (1u32..).zip(&steps) {
            let step = (2.0 * f64::from(1u32 << (n - 1))).min(60.0);
            assert!(
                *delay >= step / 2.0 && *delay < step,
                "attempt {n}: {delay}"
            );
        }
        assert!(next_retry_delay(u32::MAX, None, 1) <= 60.0);
        assert!(next_retry_delay(0, None, 1) < 2.0);
    }

    #[test]
    fn seeds_spread_the_jitter() {
        let delays: Vec<f64> = (0..32)
            .map(|seed| next_retry_delay(5, None, seed))
            .collect();
        let distinct = delays
            .iter()
            .filter(|d| delays.iter().filter(|e| e == d).count() == 1)
            .count();
        assert!(distinct > 28, "{delays:?}");
    }

    #[test]
    fn retry_after_is_honoured_and_bounded() {
        assert_eq!(next_retry_delay(1, Some(30.0), 3), 30.0);
        assert_eq!(next_retry_delay(1, Some(1e9), 3), 3600.0);
        let without = next_retry_delay(1, None, 3);
        for odd in [f64::NAN, f64::INFINITY, -5.0, 0.0] {
            assert_eq!(next_retry_delay(1, Some(odd), 3), without);
        }
    }

    #[test]
    fn metadata_names_the_delivery() {
        let meta = metadata("SD-0001").unwrap_or_default();
        assert_eq!(meta["event_type"], "frappe_slack_delivery");
        assert_eq!(meta["event_payload"]["delivery"], "SD-0001");
        assert_eq!(metadata(""), Err(DeliveryError::EmptyName));
        assert_eq!(metadata(&"x".repeat(141)), Err(DeliveryError::NameTooLong));
    }

    #[test]
    fn history_is_searched_for_the_delivery() {
        let history = json!({"ok": true, "messages": [
            {"ts": "3.0", "text": "no metadata"},
            "not an object",
            {"ts": "2.0", "metadata": {"event_type": "other", "event_payload": {"delivery": "SD-1"}}},
            {"ts": "1.5", "metadata": {"event_type": EVENT_TYPE, "event_payload": {"delivery": "SD-10"}}},
            {"ts": "1.0", "metadata": {"event_type": EVENT_TYPE, "event_payload": {"delivery": "SD-1"}}},
        ]});
        assert_eq!(
            find_in_history(&history, "SD-1"),
            Ok(Some("1.0".to_owned()))
        );
        assert_eq!(find_in_history(&history, "SD-2"), Ok(None));
        assert_eq!(
            find_in_history(&json!({"ok": true}), "SD-1"),
            Err(DeliveryError::NoMessages)
        );
    }
}
