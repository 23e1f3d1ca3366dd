//! Slack app manifest: golden JSON (regenerate with `UPDATE_GOLDEN=1 cargo test`), every URL
//! pointing at a whitelisted route, site URL validation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::golden;

use serde_json::Value;
use slack_connector_core::manifest::{
    app_manifest, app_manifest_for, app_manifest_value_for, routes, AppManifest, Connection,
    ManifestError, SiteUrl, BOT_SCOPES, DEFAULT_APP_NAME, SLASH_COMMANDS,
};

/// Every string in the JSON tree that looks like a URL.
fn urls(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("http://") || s.starts_with("https://") => {
            out.push(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| urls(v, out)),
        Value::Object(map) => map.values().for_each(|v| urls(v, out)),
        _ => {}
    }
}

#[test]
fn golden_manifest() {
    let v = app_manifest_value_for(
        "https://erp.example.com",
        DEFAULT_APP_NAME,
        Connection::Http,
    )
    .unwrap();
    golden("app_manifest", &v);
}

#[test]
fn every_url_points_at_a_whitelisted_route_of_this_site() {
    let site = "https://erp.example.com/";
    let value = app_manifest_value_for(site, DEFAULT_APP_NAME, Connection::Http).unwrap();
    // Parse the JSON back into the typed manifest: the shape round-trips.
    let typed: AppManifest = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(typed, app_manifest(site, DEFAULT_APP_NAME).unwrap());

    let mut found = Vec::new();
    urls(&value, &mut found);
    // One URL per slash command, interactivity, the Events API (interactivity's entry point
    // again) and the OAuth redirect.
    assert_eq!(found.len(), SLASH_COMMANDS.len() + 3, "{found:?}");
    let allowed: Vec<String> = routes::ALL
        .iter()
        .map(|r| format!("https://erp.example.com/api/method/{r}"))
        .collect();
    for url in &found {
        assert!(allowed.contains(url), "{url} is not a route of this app");
    }
    // ... and each route is used where Slack expects it.
    assert_eq!(
        typed.features.slash_commands[0].url, allowed[0],
        "slash command"
    );
    assert_eq!(typed.settings.interactivity.request_url, allowed[1]);
    assert_eq!(typed.settings.event_subscriptions.request_url, allowed[1]);
    assert_eq!(
        typed.settings.event_subscriptions.bot_events,
        ["app_home_opened", "link_shared", "function_executed"]
    );
    // Link previews: Slack sends `link_shared` for links on the site's own domain only.
    assert_eq!(typed.features.unfurl_domains, ["erp.example.com"]);
    assert!(typed.features.app_home.home_tab_enabled);
    assert!(typed.features.app_home.messages_tab_enabled);
    assert_eq!(typed.oauth_config.redirect_urls, vec![allowed[2].clone()]);
    assert_eq!(typed.features.slash_commands[0].command, "/apply-leave");
    assert_eq!(typed.features.slash_commands[1].command, "/timesheet");
    assert_eq!(typed.features.slash_commands[1].url, allowed[3]);
}

#[test]
fn scopes_are_the_single_list() {
    let m = app_manifest("https://erp.example.com", DEFAULT_APP_NAME).unwrap();
    assert_eq!(m.oauth_config.scopes.bot, BOT_SCOPES);
    assert_eq!(
        BOT_SCOPES,
        [
            "commands",
            "chat:write",
            "im:write",
            "users:read",
            "users:read.email",
            "channels:history",
            "groups:history",
            "im:history",
            "links:read",
            "links:write"
        ]
    );
}

#[test]
fn settings_flags() {
    let m = app_manifest("http://localhost:8000", "Leave Bot").unwrap();
    assert!(m.settings.interactivity.is_enabled);
    assert!(!m.settings.org_deploy_enabled);
    assert!(!m.settings.socket_mode_enabled);
    assert!(!m.settings.token_rotation_enabled);
    assert_eq!(m.display_information.name, "Leave Bot");
    assert_eq!(m.features.bot_user.display_name, "Leave Bot");
    assert_eq!(
        m.settings.interactivity.request_url,
        "http://localhost:8000/api/method/frappe_slack_connector.api.slack_interactions.event"
    );
}

#[test]
fn site_url_normalisation() {
    for (raw, expected) in [
        ("https://erp.example.com", "https://erp.example.com"),
        ("  https://erp.example.com///  ", "https://erp.example.com"),
        ("HTTPS://ERP.Example.com/", "https://erp.example.com"),
        ("https://example.com/erp/", "https://example.com/erp"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ] {
        assert_eq!(SiteUrl::parse(raw).unwrap().as_str(), expected, "{raw}");
    }
    assert_eq!(
        SiteUrl::parse("https://x.test")
            .unwrap()
            .oauth_redirect_url(),
        "https://x.test/api/method/frappe_slack_connector.api.oauth.callback"
    );
}

#[test]
fn bad_site_urls_are_typed_errors() {
    for (raw, reason) in [
        ("", "empty_url"),
        ("   ", "empty_url"),
        ("erp.example.com", "invalid_url"),
        ("https://", "invalid_url"),
        ("ftp://erp.example.com", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("https://user:pw@erp.example.com", "has_credentials"),
        ("https://erp.example.com/?a=1", "has_query"),
        ("https://erp.example.com/?", "has_query"),
        ("https://erp.example.com/#top", "has_fragment"),
        ("https://erp.example.com/#", "has_fragment"),
    ] {
        let err = app_manifest(raw, DEFAULT_APP_NAME).unwrap_err();
        assert_eq!(err.reason(), reason, "{raw}: {err}");
    }
    assert!(matches!(
        SiteUrl::parse("ftp://x"),
        Err(ManifestError::BadScheme(s)) if s == "ftp"
    ));
}

#[test]
fn bad_app_names() {
    for name in ["", "   ", "a\nb", &"x".repeat(36)] {
        let err = app_manifest("https://erp.example.com", name).unwrap_err();
        assert_eq!(err, ManifestError::BadAppName, "{name:?}");
    }
    assert!(app_manifest("https://erp.example.com", &"é".repeat(35)).is_ok());
}

#[test]
fn golden_socket_mode_manifest() {
    let v = app_manifest_value_for(
        "https://erp.example.com",
        DEFAULT_APP_NAME,
        Connection::SocketMode,
    )
    .unwrap();
    golden("app_manifest_socket_mode", &v);
}

#[test]
fn socket_mode_needs_no_request_url() {
    let site = "https://erp.internal.example.com";
    let value = app_manifest_value_for(site, DEFAULT_APP_NAME, Connection::SocketMode).unwrap();
    assert_eq!(value["settings"]["socket_mode_enabled"], true);
    assert!(value["settings"]["interactivity"]
        .get("request_url")
        .is_none());
    assert_eq!(value["settings"]["interactivity"]["is_enabled"], true);
    for command in value["features"]["slash_commands"].as_array().unwrap() {
        assert!(command.get("url").is_none(), "{command}");
    }
    // Only the OAuth redirect is left: the installer's browser visits it, not Slack.
    let mut found = Vec::new();
    urls(&value, &mut found);
    assert_eq!(
        found,
        vec![format!("{site}/api/method/{}", routes::OAUTH_CALLBACK)]
    );
    // The typed manifest round-trips without the URLs.
    let typed: AppManifest = serde_json::from_value(value).unwrap();
    assert_eq!(
        typed,
        app_manifest_for(site, DEFAULT_APP_NAME, Connection::SocketMode).unwrap()
    );
    // HTTP is the plain manifest.
    assert_eq!(
        app_manifest_for(site, DEFAULT_APP_NAME, Connection::Http).unwrap(),
        app_manifest(site, DEFAULT_APP_NAME).unwrap()
    );
    // A bad site URL is refused in both modes.
    assert_eq!(
        app_manifest_for("ftp://x", DEFAULT_APP_NAME, Connection::SocketMode)
            .unwrap_err()
            .reason(),
        "bad_scheme"
    );
}

#[test]
fn the_manifest_declares_every_shortcut_of_the_registry() {
    use slack_connector_core::manifest::{ShortcutKind, SHORTCUTS};
    let m = app_manifest_value_for(
        "https://erp.example.com",
        DEFAULT_APP_NAME,
        Connection::Http,
    )
    .unwrap();
    let declared = m["features"]["shortcuts"].as_array().unwrap();
    assert_eq!(declared.len(), SHORTCUTS.len());
    for (row, spec) in declared.iter().zip(SHORTCUTS) {
        assert_eq!(row["callback_id"], spec.callback_id);
        assert_eq!(row["name"], spec.name);
        assert_eq!(row["description"], spec.description);
        let kind = match spec.kind {
            ShortcutKind::Global => "global",
            ShortcutKind::Message => "message",
        };
        assert_eq!(row["type"], kind);
        // The manifest schema's limits (SchemaStore slack-app-manifest.json): callback_id ≤ 255,
        // description ≤ 150 characters.
        assert!(spec.callback_id.len() <= 255 && !spec.callback_id.is_empty());
        assert!(spec.description.chars().count() <= 150);
        assert!(!spec.name.trim().is_empty());
    }
}

#[test]
fn the_workflow_steps_are_declared_from_their_registry() {
    use slack_connector_core::interaction::steps::STEPS;
    let typed = app_manifest("https://erp.example.com", DEFAULT_APP_NAME).unwrap();
    assert_eq!(typed.settings.function_runtime.as_deref(), Some("remote"));
    assert_eq!(typed.functions.len(), STEPS.len());
    for step in STEPS {
        let declared = &typed.functions[step.callback_id];
        assert_eq!(declared.title, step.title);
        let inputs: Vec<&str> = step.inputs.iter().map(|p| p.name).collect();
        let mut declared_inputs: Vec<&str> = declared
            .input_parameters
            .properties
            .keys()
            .map(String::as_str)
            .collect();
        declared_inputs.sort_unstable();
        let mut expected = inputs.clone();
        expected.sort_unstable();
        assert_eq!(declared_inputs, expected);
        assert_eq!(
            declared.output_parameters.required.len(),
            step.outputs.iter().filter(|p| p.required).count()
        );
    }
    let leave = &typed.functions["request_leave"];
    assert_eq!(
        leave.input_parameters.properties["user"].kind,
        "slack#/types/user_id"
    );
    assert_eq!(
        leave.input_parameters.properties["from_date"].kind,
        "slack#/types/date"
    );
    assert!(!leave
        .input_parameters
        .required
        .contains(&"reason".to_owned()));
}
