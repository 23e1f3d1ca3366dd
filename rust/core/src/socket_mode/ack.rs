//! The ack the app answers an envelope with, carrying what the HTTP route answered.

use serde_json::{Map, Value};

use super::{excerpt, MAX_ENVELOPE_ID_CHARS};

/// Why an answer cannot become an ack (a bug on our side, never Slack's input).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AckError {
    #[error("the envelope_id is empty or longer than {MAX_ENVELOPE_ID_CHARS} characters")]
    BadEnvelopeId,
    #[error("the answer body is not a JSON object: {0}")]
    BadAnswer(String),
}

impl AckError {
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self {
            Self::BadEnvelopeId => "bad_envelope_id",
            Self::BadAnswer(_) => "bad_answer",
        }
    }
}

/// The ack for envelope `envelope_id`, carrying what the HTTP route answered: `status` and the
/// response `body` (empty for a plain ack). A 2xx JSON object becomes the `payload` when the
/// envelope accepts one; an empty body, a non-2xx answer (already logged by the route) or an
/// envelope that accepts no payload give a plain `{"envelope_id": …}`.
pub fn ack(
    envelope_id: &str,
    accepts_response_payload: bool,
    status: u16,
    body: &[u8],
) -> Result<String, AckError> {
    if envelope_id.is_empty() || envelope_id.chars().count() > MAX_ENVELOPE_ID_CHARS {
        return Err(AckError::BadEnvelopeId);
    }
    let mut frame = Map::new();
    frame.insert("envelope_id".into(), Value::String(envelope_id.to_owned()));
    let answered = (200..300).contains(&status) && !body.iter().all(u8::is_ascii_whitespace);
    if answered && accepts_response_payload {
        let payload: Value = serde_json::from_slice(body)
            .map_err(|e| AckError::BadAnswer(excerpt(&e.to_string())))?;
        if !payload.is_object() {
            return Err(AckError::BadAnswer("expected an object".into()));
        }
        frame.insert("payload".into(), payload);
    }
    // A map of a string and a parsed JSON value always serialises.
    serde_json::to_string(&Value::Object(frame)).map_err(|e| AckError::BadAnswer(e.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ack_carries_what_the_http_answer_would() {
        let errors = br#"{"response_action":"errors","errors":{"reason":"Say why"}}"#;
        let text = ack("e1", true, 200, errors).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v,
            json!({"envelope_id": "e1", "payload": {"response_action": "errors", "errors": {"reason": "Say why"}}})
        );
        // Plain acks: empty body, no payload accepted, an error status (already logged).
        for (accepts, status, body) in [
            (true, 200, &b""[..]),
            (true, 200, &b"  \n"[..]),
            (false, 200, &errors[..]),
            (true, 400, &br#"{"ok":false,"error":"missing_field"}"#[..]),
            (true, 401, &b"not json"[..]),
        ] {
            assert_eq!(
                ack("e2", accepts, status, body).unwrap(),
                r#"{"envelope_id":"e2"}"#
            );
        }
        assert_eq!(
            ack("e3", true, 200, b"[1]").unwrap_err().reason(),
            "bad_answer"
        );
        assert_eq!(
            ack("e3", true, 200, b"<html>").unwrap_err().reason(),
            "bad_answer"
        );
        assert_eq!(
            ack("", true, 200, b"").unwrap_err().reason(),
            "bad_envelope_id"
        );
        // The id is echoed as a JSON string, whatever it contains.
        let v: Value = serde_json::from_str(&ack("a\"b\\c", false, 200, b"").unwrap()).unwrap();
        assert_eq!(v["envelope_id"], "a\"b\\c");
    }
}
