//! "While you are away": the Home tab's section (offered, consented with and without Do Not
//! Disturb), the consent modal and the status a person on leave shows, as golden JSON in English
//! and German (regenerate with `UPDATE_GOLDEN=1 cargo test --test away_blocks`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{de, en, golden};

use serde_json::{json, Value};
use slack_connector_core::absence::{away_now, AwayInput};
use slack_connector_core::blocks::leave::{
    away_consent_modal, away_status, home_view, status_body, view_to_json, HomeInput,
};
use slack_connector_core::interaction::{ids, route};
use slack_connector_core::words::{AwayStatusWords, Catalogue};

fn home(away: Value, words: &Catalogue) -> Value {
    let input: HomeInput = serde_json::from_value(json!({
        "kind": "employee",
        "my_leave": [],
        "away": away,
    }))
    .unwrap();
    serde_json::from_str(&view_to_json(&home_view(&input, &words.home).unwrap()).unwrap()).unwrap()
}

#[test]
fn golden_home_away_section_english_and_german() {
    for (away, name) in [
        (json!({}), "home_away_offered"),
        (
            json!({"consented": true, "dnd_granted": true, "dnd": false}),
            "home_away_on",
        ),
        (
            json!({"consented": true, "dnd_granted": true, "dnd": true}),
            "home_away_on_dnd",
        ),
        (json!({"consented": true}), "home_away_no_dnd_scope"),
    ] {
        golden(name, &home(away.clone(), en()));
        golden(&format!("de_{name}"), &home(away, de()));
    }
}

#[test]
fn the_section_sits_before_who_is_out_and_its_buttons_route() {
    let view = home(json!({"consented": true, "dnd_granted": true}), en());
    let blocks = view["blocks"].as_array().unwrap();
    let at = blocks
        .iter()
        .position(|b| b["block_id"] == ids::AWAY_ACTIONS_BLOCK)
        .unwrap();
    assert_eq!(blocks[at + 1]["type"], "header");
    assert_eq!(blocks[at + 1]["text"]["text"], "Who Is Out");
    for (element, handler, dnd) in [(0, "away_dnd", json!(true)), (1, "away_stop", Value::Null)] {
        let button = &blocks[at]["elements"][element];
        let payload = json!({
            "type": "block_actions",
            "user": {"id": "U0JANE"},
            "trigger_id": "1.2.3",
            "actions": [{"action_id": button["action_id"], "block_id": ids::AWAY_ACTIONS_BLOCK,
                         "value": button["value"]}],
        });
        let routed = route(payload.to_string().as_bytes()).unwrap().to_value();
        assert_eq!(routed["handler"], handler);
        assert_eq!(routed["dnd"], dnd);
        assert_eq!(routed["user_id"], "U0JANE");
    }
}

#[test]
fn show_needs_the_trigger_and_a_dnd_click_says_on_or_off() {
    let click = |id: &str, value: &str, trigger: Option<&str>| {
        json!({
            "type": "block_actions",
            "user": {"id": "U0JANE"},
            "trigger_id": trigger,
            "actions": [{"action_id": id, "block_id": ids::AWAY_ACTIONS_BLOCK, "value": value}],
        })
        .to_string()
    };
    assert!(route(click(ids::AWAY_SHOW, "show", None).as_bytes()).is_err());
    let shown = route(click(ids::AWAY_SHOW, "show", Some("9.9")).as_bytes()).unwrap();
    assert_eq!(shown.to_value()["trigger_id"], "9.9");
    assert!(route(click(ids::AWAY_DND, "maybe", None).as_bytes()).is_err());
    let off = route(click(ids::AWAY_DND, "off", None).as_bytes()).unwrap();
    assert_eq!(off.to_value()["dnd"], false);
}

#[test]
fn golden_consent_modal_english_and_german() {
    let url = "https://slack.com/oauth/v2/authorize?client_id=1.2&scope=&user_scope=users.profile%3Aread%2Cusers.profile%3Awrite%2Cdnd%3Awrite&redirect_uri=https%3A%2F%2Fhr.example.com%2Fapi%2Fmethod%2Ffrappe_slack_connector.api.oauth.callback&state=abc";
    for (words, name) in [
        (en(), "away_consent_modal"),
        (de(), "de_away_consent_modal"),
    ] {
        let view = away_consent_modal(url, &words.away).unwrap();
        let value: Value = serde_json::from_str(&view_to_json(&view).unwrap()).unwrap();
        assert_eq!(value["blocks"][1]["elements"][0]["url"], url);
        golden(name, &value);
    }
}

fn dates_of(lang: &str) -> Value {
    let raw: Value = match lang {
        "de" => serde_json::from_str(include_str!("fixtures/words_de.json")).unwrap(),
        _ => serde_json::from_str(include_str!("fixtures/words_en.json")).unwrap(),
    };
    raw["home"]["dates"].clone()
}

#[test]
fn golden_status_english_and_german() {
    // Jane in Berlin, on leave Tue 8 – Fri 11 Dec 2026 (the last day's afternoon off only),
    // asked on the Wednesday.
    let input: AwayInput = serde_json::from_value(json!({
        "leaves": [{"from_date": "2026-12-08", "to_date": "2026-12-11", "half_day": 1,
                    "half_day_date": "2026-12-11", "half_period": "First Half"}],
        "non_working": [],
        "tz": "Europe/Berlin",
        "now": 1_796_817_600_i64,
    }))
    .unwrap();
    let away = away_now(&input).unwrap().unwrap();
    for (lang, text, name) in [
        ("en", "On leave until {date}", "away_status"),
        ("de", "Im Urlaub bis {date}", "de_away_status"),
    ] {
        let words: AwayStatusWords = serde_json::from_value(json!({
            "text": text, "emoji": ":palm_tree:", "dates": dates_of(lang),
        }))
        .unwrap();
        let body: Value = serde_json::from_str(&status_body(&away_status(&away, &words))).unwrap();
        golden(name, &body);
    }
    // Fri 11 Dec 2026 12:00 in Berlin (UTC+1).
    assert_eq!(away.end, 1_796_986_800);
}

#[test]
fn an_unusable_emoji_falls_back_and_a_long_text_is_cut_to_100() {
    let input: AwayInput = serde_json::from_value(json!({
        "leaves": [{"from_date": "2026-12-08", "to_date": "2026-12-08"}],
        "tz": "UTC",
        "now": 1_796_724_000_i64,
    }))
    .unwrap();
    let away = away_now(&input).unwrap().unwrap();
    let long = "x".repeat(150) + " {date}";
    let words: AwayStatusWords = serde_json::from_value(json!({
        "text": long, "emoji": "palm tree", "dates": dates_of("en"),
    }))
    .unwrap();
    let (text, emoji, _) = away_status(&away, &words);
    assert_eq!(emoji, ":palm_tree:");
    assert_eq!(text.chars().count(), 100);
}
