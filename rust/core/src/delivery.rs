//! Delivering what the app owes Slack (the outbox's rules, free of any I/O): which failures are
//! worth another try, when to try again, and how a post is recognised in a channel's history when
//! its outcome is unknown.
//!
//! The relay (Python) calls Slack; these rules decide what it does with the answer, so every
//! worker on every machine decides alike. [`request_body`] assembles what it sends: a builder's
//! JSON text as stored, with the few fields the caller sets (channel, ts…) beside it.

use std::fmt;

use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
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
    #[error("the request body is not one JSON object: {0}")]
    NotAnObject(String),
    #[error("the request body has the key {0:?} twice")]
    DuplicateKey(String),
    #[error("the field {0:?} is a key of the request body already")]
    FieldCollision(String),
    #[error("the field {key:?} cannot be written as JSON: {detail}")]
    BadField { key: String, detail: String },
}

impl DeliveryError {
    /// Stable reason code for logs and tests.
    pub fn reason(&self) -> &'static str {
        match self {
            DeliveryError::EmptyName => "empty_name",
            DeliveryError::NameTooLong => "name_too_long",
            DeliveryError::NoMessages => "no_messages",
            DeliveryError::NotAnObject(_) => "not_an_object",
            DeliveryError::DuplicateKey(_) => "duplicate_key",
            DeliveryError::FieldCollision(_) => "field_collision",
            DeliveryError::BadField { .. } => "bad_field",
        }
    }
}

/// Calls that create something each time they run: a repeat after an unknown outcome could
/// duplicate it. Every other method the outbox uses (update, delete, views.publish) sets a state,
/// and doing it twice leaves the same state.
fn creates_a_message(method: &str) -> bool {
    matches!(method, "chat.postMessage" | "chat.postEphemeral")
}

/// A Workflow Builder step's completion: Slack takes one per execution and refuses a repeat
/// (`execution_not_in_running_state`), so after an unknown outcome a repeat tells whether the
/// first one was done.
fn completes_once(method: &str) -> bool {
    matches!(
        method,
        "functions.completeSuccess" | "functions.completeError"
    )
}

/// Whether a call refused with `error` had been carried out by an earlier attempt whose outcome
/// was unknown: a step completion repeated after its execution stopped running — Slack says so
/// (`execution_not_in_running_state`), or refuses the execution's own token, which ends with the
/// execution (`invalid_auth`, `token_expired`; not when the bot token was used).
pub fn done_by_earlier_attempt(
    method: &str,
    error: &str,
    earlier_outcome_unknown: bool,
    with_execution_token: bool,
) -> bool {
    let execution_over = error == "execution_not_in_running_state"
        || (with_execution_token && matches!(error, "invalid_auth" | "token_expired"));
    earlier_outcome_unknown && completes_once(method) && execution_over
}

#[cfg(test)]
mod completion_tests {
    use super::{classify, done_by_earlier_attempt, Verdict};

    #[test]
    fn an_unanswered_completion_is_unknown_and_its_repeat_tells() {
        assert_eq!(
            classify("functions.completeSuccess", "outcome_unknown", None),
            Verdict::Unknown
        );
        assert_eq!(
            classify("functions.completeError", "internal_error", Some(500)),
            Verdict::Unknown
        );
        let over = "execution_not_in_running_state";
        assert!(done_by_earlier_attempt(
            "functions.completeSuccess",
            over,
            true,
            false
        ));
        assert!(done_by_earlier_attempt(
            "functions.completeError",
            "invalid_auth",
            true,
            true
        ));
        // Nothing was possibly done before, or the bot token was refused: not done.
        assert!(!done_by_earlier_attempt(
            "functions.completeSuccess",
            over,
            false,
            true
        ));
        assert!(!done_by_earlier_attempt(
            "functions.completeSuccess",
            "invalid_auth",
            true,
            false
        ));
        assert!(!done_by_earlier_attempt("chat.update", over, true, true));
        assert!(!done_by_earlier_attempt(
            "functions.completeSuccess",
            "channel_not_found",
            true,
            true
        ));
    }
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
        return if creates_a_message(method) || completes_once(method) {
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

/// The top-level keys of a JSON object, its values checked as JSON but never built.
struct TopKeys;

impl<'de> Visitor<'de> for TopKeys {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(keys)
    }
}

/// The keys of `body`, which must be one JSON object (whitespace around it allowed), each key once.
fn object_keys(body: &str) -> Result<Vec<String>, DeliveryError> {
    let mut de = serde_json::Deserializer::from_str(body);
    let keys = de
        .deserialize_map(TopKeys)
        .and_then(|keys| de.end().map(|()| keys))
        .map_err(|e| DeliveryError::NotAnObject(e.to_string()))?;
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|pair| pair.first() == pair.get(1)) {
        let key = pair.first().map(|k| (*k).clone()).unwrap_or_default();
        return Err(DeliveryError::DuplicateKey(key));
    }
    Ok(keys)
}

/// `"key":value,` for each field, in the given order.
fn write_fields(out: &mut String, fields: &[(&str, &Value)]) -> Result<(), DeliveryError> {
    for (key, value) in fields {
        let bad = |e: serde_json::Error| DeliveryError::BadField {
            key: (*key).to_owned(),
            detail: e.to_string(),
        };
        out.push_str(&serde_json::to_string(key).map_err(bad)?);
        out.push(':');
        out.push_str(&serde_json::to_string(value).map_err(bad)?);
        out.push(',');
    }
    Ok(())
}

/// One Web API request body: `body` (a builder's JSON text, one object, as the outbox stores it)
/// with `fields` (what the caller sets: channel, ts, user, metadata…) written before its keys,
/// or, with `under`, `body` as the value of the key `under` beside `fields` (`{"trigger_id": …,
/// "view": <body>}`). The body's text is copied as it is, never parsed into a tree: only its top
/// level is read, to refuse a body that is not one object (or names a key twice) and a field that
/// is a key of it already (Slack would take one of the two, silently).
pub fn request_body(
    body: &str,
    fields: &[(&str, &Value)],
    under: Option<&str>,
) -> Result<String, DeliveryError> {
    let keys = object_keys(body)?;
    let body = body.trim();
    let mut out = String::with_capacity(body.len() + 64 * (fields.len() + 1));
    out.push('{');
    if let Some(under) = under {
        let mut names: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        names.push(under);
        names.sort_unstable();
        if let Some(pair) = names.windows(2).find(|pair| pair.first() == pair.get(1)) {
            let key = pair.first().copied().unwrap_or_default();
            return Err(DeliveryError::FieldCollision(key.to_owned()));
        }
        write_fields(&mut out, fields)?;
        out.push_str(
            &serde_json::to_string(under).map_err(|e| DeliveryError::BadField {
                key: under.to_owned(),
                detail: e.to_string(),
            })?,
        );
        out.push(':');
        out.push_str(body);
        out.push('}');
        return Ok(out);
    }
    if let Some((key, _)) = fields.iter().find(|(k, _)| keys.iter().any(|b| b == k)) {
        return Err(DeliveryError::FieldCollision((*key).to_owned()));
    }
    if fields.is_empty() {
        return Ok(body.to_owned());
    }
    write_fields(&mut out, fields)?;
    // The body is an object: past its `{` come its members (or, empty, its `}`).
    let members = body.get(1..).unwrap_or("}");
    if keys.is_empty() {
        out.pop(); // the last field's comma
        out.push('}');
    } else {
        out.push_str(members);
    }
    Ok(out)
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

    fn body_of(body: &str, fields: &[(&str, &Value)], under: Option<&str>) -> Value {
        let text = request_body(body, fields, under).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn the_fields_go_beside_the_body_which_is_copied_as_it_is() {
        let body = r#"{"text":"Hi \u00e9 \"there\"","blocks":[{"type":"divider"}]}"#;
        let channel = json!("C123");
        let broadcast = json!(true);
        let text = request_body(
            body,
            &[("channel", &channel), ("reply_broadcast", &broadcast)],
            None,
        )
        .unwrap();
        assert_eq!(
            text,
            r#"{"channel":"C123","reply_broadcast":true,"text":"Hi \u00e9 \"there\"","blocks":[{"type":"divider"}]}"#
        );
        assert_eq!(request_body(body, &[], None).unwrap(), body);
        // An empty body takes the fields alone; whitespace around a stored body is dropped.
        assert_eq!(
            body_of(" {} \n", &[("channel", &channel)], None),
            json!({"channel": "C123"})
        );
    }

    #[test]
    fn a_view_goes_under_its_key() {
        let trigger = json!("T.1");
        assert_eq!(
            request_body(
                r#"{"type":"modal"}"#,
                &[("trigger_id", &trigger)],
                Some("view")
            )
            .unwrap(),
            r#"{"trigger_id":"T.1","view":{"type":"modal"}}"#
        );
        assert_eq!(body_of("{}", &[], Some("view")), json!({"view": {}}));
        assert_eq!(
            request_body("{}", &[("view", &trigger)], Some("view")),
            Err(DeliveryError::FieldCollision("view".into()))
        );
    }

    #[test]
    fn a_field_that_is_a_key_of_the_body_is_refused() {
        let channel = json!("C1");
        let err = request_body(
            r#"{"channel":"C2","text":"x"}"#,
            &[("channel", &channel)],
            None,
        );
        assert_eq!(err, Err(DeliveryError::FieldCollision("channel".into())));
        assert_eq!(err.unwrap_err().reason(), "field_collision");
        // A key with an escape is the same key once read.
        let err = request_body(r#"{"ch\u0061nnel":"C2"}"#, &[("channel", &channel)], None);
        assert_eq!(err, Err(DeliveryError::FieldCollision("channel".into())));
    }

    #[test]
    fn a_body_that_is_not_one_object_is_refused() {
        for body in [
            "",
            "[]",
            "\"text\"",
            "null",
            "{",
            r#"{"text":}"#,
            r#"{"text":"a"} {"text":"b"}"#,
            r#"{"text":"a"},"#,
            r#"{"blocks":[1,2}"#,
        ] {
            let err = request_body(body, &[], None).unwrap_err();
            assert_eq!(err.reason(), "not_an_object", "{body:?}");
            let err = request_body(body, &[], Some("view")).unwrap_err();
            assert_eq!(err.reason(), "not_an_object", "{body:?}");
        }
        assert_eq!(
            request_body(r#"{"text":"a","text":"b"}"#, &[], None),
            Err(DeliveryError::DuplicateKey("text".into()))
        );
    }

    #[test]
    fn a_row_stored_as_sorted_json_by_the_previous_version_still_sends() {
        // `json.dumps(body, separators=(",", ":"), sort_keys=True)` of a post and a Home tab.
        let post = r#"{"blocks":[{"text":{"text":"Hi","type":"mrkdwn"},"type":"section"}],"reply_broadcast":true,"text":"Hi"}"#;
        let channel = json!("C1");
        let meta = metadata("SD-1").unwrap();
        assert_eq!(
            body_of(post, &[("channel", &channel), ("metadata", &meta)], None),
            json!({
                "channel": "C1",
                "metadata": {"event_type": EVENT_TYPE, "event_payload": {"delivery": "SD-1"}},
                "reply_broadcast": true,
                "text": "Hi",
                "blocks": [{"text": {"text": "Hi", "type": "mrkdwn"}, "type": "section"}],
            })
        );
        let home = r#"{"view":{"blocks":[],"type":"home"}}"#;
        let user = json!("U1");
        assert_eq!(
            body_of(home, &[("user_id", &user)], None),
            json!({"user_id": "U1", "view": {"blocks": [], "type": "home"}})
        );
    }
}
