//! The checks behind the fuzz targets, in a library so each target is one line and the same
//! oracles can be replayed outside libFuzzer.
//!
//! Panics are the failure signal here (that is how libFuzzer learns of a finding), so this crate
//! uses `assert!` freely; the core it exercises must never panic on any input.

mod event;
mod interaction;
mod timesheet;
mod verify;

pub use event::check_event;
pub use interaction::check_route;
pub use verify::check_verify;

use chrono::NaiveDate;
use serde_json::Value;
use slack_connector_core::blocks::Message;
use slack_connector_core::limits;
use slack_connector_core::words::{fixtures, Catalogue};

/// The English words the builders get (the Python catalogue's, from the core's test fixture).
pub(crate) fn en() -> &'static Catalogue {
    static EN: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    EN.get_or_init(|| match fixtures::english() {
        Ok(words) => words,
        Err(e) => panic!("the English words fixture does not load: {e}"),
    })
}

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
}

/// Every string Slack parses as mrkdwn: `text` of `{"type": "mrkdwn"}` objects (button values and
/// plain_text are shown verbatim, so raw user text there is fine).
pub(crate) fn mrkdwn_texts<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if m.get("type").and_then(Value::as_str) == Some("mrkdwn") {
                out.extend(m.get("text").and_then(Value::as_str));
            }
            m.values().for_each(|x| mrkdwn_texts(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| mrkdwn_texts(x, out)),
        _ => {}
    }
}

/// A built message must fit Slack's limits and never broadcast: the builders only ever emit
/// `<@U…>` mentions and `<http…|…>` links, so `<!` (`<!channel>`, `<!here>`) or `<#` in mrkdwn —
/// a section or the fallback `text`, which Slack also parses — means user text escaped the escaping.
pub(crate) fn check_message(m: &Message) {
    assert!(m.blocks.len() <= limits::BLOCKS_PER_MESSAGE);
    assert!(m.text.chars().count() <= limits::FALLBACK_TEXT);
    let json = m.to_value();
    assert!(json.is_ok(), "message does not serialise: {json:?}");
    let json = json.unwrap_or_default();
    let mut texts = vec![m.text.as_str()];
    mrkdwn_texts(&json, &mut texts);
    for t in texts {
        assert!(t.chars().count() <= limits::SECTION_TEXT);
        assert!(
            !t.contains("<!") && !t.contains("<#"),
            "control sequence in {t:?}"
        );
    }
}
