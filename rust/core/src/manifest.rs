//! The Slack app manifest for one Frappe site, the bot scopes the app asks for, and the
//! slash-command registry; the shortcut registry lives with the routing table
//! (`interaction::shortcuts`, re-exported here) because the router reads it.
//!
//! An admin pastes the manifest into <https://api.slack.com/apps> ("Create New App" → "From an app
//! manifest"); every URL in it points at a whitelisted route of this app on the site's public URL,
//! so the slash command, interactivity and the OAuth redirect work without hand-editing.
//! [`BOT_SCOPES`] is the single list of bot scopes: the OAuth authorize URL (built in Python) and
//! the manifest both read it, so they cannot disagree; [`USER_SCOPES`] likewise for a person's
//! consent to show their leave in Slack.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::interaction::steps::{ParamSpec, STEPS};

pub use crate::interaction::shortcuts::{ShortcutKind, ShortcutSpec, SHORTCUTS};

/// Bot token scopes: slash command, posting, DMs, reading users and their e-mail addresses, and
/// reading back the app's own posts (public channels, private channels, DMs) to find a post whose
/// outcome was unknown before sending it again (the outbox's lookup by message metadata).
pub const BOT_SCOPES: &[&str] = &[
    "commands",
    "chat:write",
    "im:write",
    "users:read",
    "users:read.email",
    "channels:history",
    "groups:history",
    "im:history",
    // Link previews: `link_shared` for the site's domain, answered with `chat.unfurl`.
    "links:read",
    "links:write",
];

/// User token scopes, asked of each person who chooses "Show my leave in Slack" (never of the
/// installer): read their status first so a status they set themselves is never overwritten
/// (`users.profile:read`), set and clear it during approved leave (`users.profile:write`), and
/// pause their notifications for the leave when they choose it (`dnd:write`, optional).
pub const USER_SCOPES: &[&str] = &["users.profile:read", "users.profile:write", "dnd:write"];
/// The user scopes without which a person's leave cannot be shown.
pub const REQUIRED_USER_SCOPES: &[&str] = &["users.profile:read", "users.profile:write"];

/// Default app (and bot user) name.
pub const DEFAULT_APP_NAME: &str = "Frappe Slack Connector";
/// Slack's limit for `display_information.name`.
pub const MAX_APP_NAME_CHARS: usize = 35;
const APP_DESCRIPTION: &str = "Apply for leave, approve it and see who is out, from Slack.";
const BACKGROUND_COLOR: &str = "#1f2937";

/// Dotted paths of the whitelisted Frappe methods Slack calls (`/api/method/<path>`).
pub mod routes {
    /// The slash command (`/apply-leave`).
    pub const SLASH_LEAVE: &str = "frappe_slack_connector.api.slash_leave.slash_leave";
    /// Interactivity: block actions and view submissions.
    pub const INTERACTIONS: &str = "frappe_slack_connector.api.slack_interactions.event";
    /// The OAuth v2 redirect URI ("Add to Slack" callback).
    pub const OAUTH_CALLBACK: &str = "frappe_slack_connector.api.oauth.callback";
    /// The timesheet slash command (`/timesheet`).
    pub const SLASH_TIMESHEET: &str = "frappe_slack_connector.api.slash_timesheet.slash_timesheet";
    /// Who is out (`/whoisout`).
    pub const SLASH_WHOISOUT: &str = "frappe_slack_connector.api.slash_whoisout.slash_whoisout";
    /// Every route a manifest URL may point at.
    pub const ALL: &[&str] = &[
        SLASH_LEAVE,
        INTERACTIONS,
        OAUTH_CALLBACK,
        SLASH_TIMESHEET,
        SLASH_WHOISOUT,
    ];
}

/// One slash command the app serves. [`SLASH_COMMANDS`] is the one registry: the manifest declares
/// each command with its route's URL, the HTTP routes answer them, and Socket Mode dispatches them
/// by `handler` — a new command is a row here plus its handler and route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SlashCommandSpec {
    /// What people type, e.g. `/apply-leave`.
    pub command: &'static str,
    /// The whitelisted method Slack posts it to over HTTP (`/api/method/<route>`).
    pub route: &'static str,
    /// The key of the Python handler that answers it (the same over HTTP and Socket Mode).
    pub handler: &'static str,
    /// Slack's short description in the command list.
    pub description: &'static str,
    /// Slack's hint for the arguments, if the command takes any.
    pub usage_hint: Option<&'static str>,
}

/// Every slash command of the app, in manifest order.
pub const SLASH_COMMANDS: &[SlashCommandSpec] = &[
    SlashCommandSpec {
        command: "/apply-leave",
        route: routes::SLASH_LEAVE,
        handler: "apply_leave",
        description: "Apply for leave",
        usage_hint: None,
    },
    SlashCommandSpec {
        command: "/timesheet",
        route: routes::SLASH_TIMESHEET,
        handler: "log_time",
        description: "Log time on a project",
        usage_hint: Some("[YYYY-MM-DD]"),
    },
    SlashCommandSpec {
        command: "/whoisout",
        route: routes::SLASH_WHOISOUT,
        handler: "who_is_out",
        description: "See who is out today, tomorrow, this week or on a date",
        usage_hint: Some("[today | tomorrow | week | YYYY-MM-DD]"),
    },
];

/// Why a site URL or app name cannot go into a manifest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("the site URL is empty")]
    EmptyUrl,
    #[error("the site URL is not a valid URL: {0}")]
    InvalidUrl(String),
    #[error("the site URL must start with http:// or https://, not {0}://")]
    BadScheme(String),
    #[error("the site URL has no host name")]
    NoHost,
    #[error("the site URL must not contain a user name or password")]
    HasCredentials,
    #[error("the site URL must not have a query string")]
    HasQuery,
    #[error("the site URL must not have a #fragment")]
    HasFragment,
    #[error("the app name must be 1 to {MAX_APP_NAME_CHARS} characters, without line breaks")]
    BadAppName,
    #[error("could not serialise the manifest: {0}")]
    Serialize(String),
}

impl ManifestError {
    /// Stable reason code for logs and tests.
    #[must_use]
    pub fn reason(&self) -> &'static str {
        match self {
            Self::EmptyUrl => "empty_url",
            Self::InvalidUrl(_) => "invalid_url",
            Self::BadScheme(_) => "bad_scheme",
            Self::NoHost => "no_host",
            Self::HasCredentials => "has_credentials",
            Self::HasQuery => "has_query",
            Self::HasFragment => "has_fragment",
            Self::BadAppName => "bad_app_name",
            Self::Serialize(_) => "serialize",
        }
    }
}

/// A validated public site URL (`https://erp.example.com`, no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// Validate `raw`: http(s), a host, no credentials, query or fragment. A path prefix is kept
    /// (sites behind a reverse proxy sub-path); trailing slashes are dropped.
    pub fn parse(raw: &str) -> Result<Self, ManifestError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ManifestError::EmptyUrl);
        }
        let url = Url::parse(raw).map_err(|e| ManifestError::InvalidUrl(e.to_string()))?;
        match url.scheme() {
            "http" | "https" => {}
            other => return Err(ManifestError::BadScheme(other.to_owned())),
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(ManifestError::NoHost);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ManifestError::HasCredentials);
        }
        // `Url` drops an empty `?`/`#`; the raw text decides, so "https://x/?" is refused too.
        if url.query().is_some() || raw.contains('?') {
            return Err(ManifestError::HasQuery);
        }
        if url.fragment().is_some() || raw.contains('#') {
            return Err(ManifestError::HasFragment);
        }
        let base = url.as_str().trim_end_matches('/').to_owned();
        Ok(Self(base))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host (the domain links to the site are posted with), as `url` normalises it.
    #[must_use]
    pub fn host(&self) -> String {
        Url::parse(&self.0)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// `{site}/api/method/{route}`: the URL Frappe serves a whitelisted method at.
    #[must_use]
    pub fn method_url(&self, route: &str) -> String {
        format!("{}/api/method/{route}", self.0)
    }

    /// The OAuth v2 redirect URI of this site.
    #[must_use]
    pub fn oauth_redirect_url(&self) -> String {
        self.method_url(routes::OAUTH_CALLBACK)
    }
}

// ---------------------------------------------------------------------------------------------
// The manifest (https://docs.slack.dev/reference/app-manifest), only the keys this app sets
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppManifest {
    #[serde(rename = "_metadata")]
    pub metadata: Metadata,
    pub display_information: DisplayInformation,
    pub features: Features,
    pub oauth_config: OauthConfig,
    pub settings: Settings,
    /// The Workflow Builder steps (a row of [`STEPS`] each), keyed by callback_id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub functions: BTreeMap<String, Function>,
}

/// A Workflow Builder step as the manifest declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub title: String,
    pub description: String,
    pub input_parameters: Parameters,
    pub output_parameters: Parameters,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameters {
    pub properties: BTreeMap<String, Parameter>,
    pub required: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub description: String,
}

fn parameters(specs: &[ParamSpec]) -> Parameters {
    Parameters {
        properties: specs
            .iter()
            .map(|p| {
                let parameter = Parameter {
                    kind: p.kind.manifest_type().to_owned(),
                    title: p.title.to_owned(),
                    description: p.description.to_owned(),
                };
                (p.name.to_owned(), parameter)
            })
            .collect(),
        required: specs
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.to_owned())
            .collect(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub major_version: u32,
    pub minor_version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayInformation {
    pub name: String,
    pub description: String,
    pub background_color: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Features {
    pub app_home: AppHome,
    pub bot_user: BotUser,
    pub shortcuts: Vec<Shortcut>,
    pub slash_commands: Vec<SlashCommand>,
    /// The domains whose links Slack sends as `link_shared` (the site's host).
    pub unfurl_domains: Vec<String>,
}

/// A shortcut as the manifest declares it (a row of [`SHORTCUTS`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortcut {
    pub name: String,
    /// `global` or `message`.
    #[serde(rename = "type")]
    pub kind: String,
    pub callback_id: String,
    pub description: String,
}

/// The Home tab (published by the app on `app_home_opened`) and the Messages tab (its DMs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppHome {
    pub home_tab_enabled: bool,
    pub messages_tab_enabled: bool,
    pub messages_tab_read_only_enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotUser {
    pub display_name: String,
    pub always_online: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlashCommand {
    pub command: String,
    /// Empty (and left out) in Socket Mode: Slack delivers the command over the socket.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_hint: Option<String>,
    pub should_escape: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthConfig {
    pub redirect_urls: Vec<String>,
    pub scopes: Scopes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes {
    pub bot: Vec<String>,
    #[serde(default)]
    pub user: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub event_subscriptions: EventSubscriptions,
    pub interactivity: Interactivity,
    pub org_deploy_enabled: bool,
    pub socket_mode_enabled: bool,
    pub token_rotation_enabled: bool,
    /// `remote`: the app's own server runs its steps (`function_executed` events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_runtime: Option<String>,
}

/// Events API: the same entry point as interactivity (it tells JSON events from forms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSubscriptions {
    /// Empty (and left out) in Socket Mode: the events come over the socket.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_url: String,
    pub bot_events: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interactivity {
    pub is_enabled: bool,
    /// Empty (and left out) in Socket Mode.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_url: String,
}

fn validate_app_name(name: &str) -> Result<String, ManifestError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_APP_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(ManifestError::BadAppName);
    }
    Ok(name.to_owned())
}

/// The manifest for the site at `site_url`, naming the app (and its bot user) `app_name`.
pub fn app_manifest(site_url: &str, app_name: &str) -> Result<AppManifest, ManifestError> {
    let site = SiteUrl::parse(site_url)?;
    let name = validate_app_name(app_name)?;
    Ok(AppManifest {
        metadata: Metadata {
            major_version: 1,
            minor_version: 1,
        },
        display_information: DisplayInformation {
            name: name.clone(),
            description: APP_DESCRIPTION.to_owned(),
            background_color: BACKGROUND_COLOR.to_owned(),
        },
        features: Features {
            app_home: AppHome {
                home_tab_enabled: true,
                messages_tab_enabled: true,
                // The app reads no DMs (no message.im subscription): people read its messages there.
                messages_tab_read_only_enabled: true,
            },
            bot_user: BotUser {
                display_name: name,
                always_online: true,
            },
            shortcuts: SHORTCUTS
                .iter()
                .map(|spec| Shortcut {
                    name: spec.name.to_owned(),
                    kind: match spec.kind {
                        ShortcutKind::Global => "global",
                        ShortcutKind::Message => "message",
                    }
                    .to_owned(),
                    callback_id: spec.callback_id.to_owned(),
                    description: spec.description.to_owned(),
                })
                .collect(),
            slash_commands: SLASH_COMMANDS
                .iter()
                .map(|spec| SlashCommand {
                    command: spec.command.to_owned(),
                    url: site.method_url(spec.route),
                    description: spec.description.to_owned(),
                    usage_hint: spec.usage_hint.map(str::to_owned),
                    should_escape: false,
                })
                .collect(),
            unfurl_domains: vec![site.host()],
        },
        oauth_config: OauthConfig {
            redirect_urls: vec![site.oauth_redirect_url()],
            scopes: Scopes {
                bot: BOT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
                user: USER_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            },
        },
        settings: Settings {
            event_subscriptions: EventSubscriptions {
                request_url: site.method_url(routes::INTERACTIONS),
                bot_events: crate::interaction::event::EVENT_RULES
                    .iter()
                    .map(|r| r.event_type.to_owned())
                    .collect(),
            },
            interactivity: Interactivity {
                is_enabled: true,
                request_url: site.method_url(routes::INTERACTIONS),
            },
            org_deploy_enabled: false,
            socket_mode_enabled: false,
            token_rotation_enabled: false,
            function_runtime: Some("remote".to_owned()),
        },
        functions: STEPS
            .iter()
            .map(|step| {
                let function = Function {
                    title: step.title.to_owned(),
                    description: step.description.to_owned(),
                    input_parameters: parameters(step.inputs),
                    output_parameters: parameters(step.outputs),
                };
                (step.callback_id.to_owned(), function)
            })
            .collect(),
    })
}

/// How Slack reaches the app (Slack Settings → Connection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Slack POSTs to the site's public URL (the request URLs of the manifest).
    Http,
    /// The app opens an outbound WebSocket (`bench --site <site> slack-socket-mode`); Slack needs
    /// no URL for commands and interactivity. The OAuth redirect stays: it is the installer's
    /// browser, not Slack, that visits it.
    SocketMode,
}

/// [`app_manifest`] for `connection`: in Socket Mode `socket_mode_enabled` is true and the slash
/// commands, interactivity and event subscriptions carry no request URL.
pub fn app_manifest_for(
    site_url: &str,
    app_name: &str,
    connection: Connection,
) -> Result<AppManifest, ManifestError> {
    let mut manifest = app_manifest(site_url, app_name)?;
    if connection == Connection::SocketMode {
        manifest.settings.socket_mode_enabled = true;
        manifest.settings.interactivity.request_url.clear();
        manifest.settings.event_subscriptions.request_url.clear();
        for command in &mut manifest.features.slash_commands {
            command.url.clear();
        }
    }
    Ok(manifest)
}

/// [`app_manifest_for`] as JSON.
pub fn app_manifest_value_for(
    site_url: &str,
    app_name: &str,
    connection: Connection,
) -> Result<serde_json::Value, ManifestError> {
    let manifest = app_manifest_for(site_url, app_name, connection)?;
    serde_json::to_value(manifest).map_err(|e| ManifestError::Serialize(e.to_string()))
}
