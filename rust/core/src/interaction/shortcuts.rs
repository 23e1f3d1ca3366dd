//! The shortcut registry ([`SHORTCUTS`]): global shortcuts (the ⚡ menu and search) and message
//! shortcuts (a message's "More actions" menu). The manifest declares each row
//! (`features.shortcuts`), [`route`](super::route()) routes a `shortcut` / `message_action`
//! payload by its `callback_id` through it, and Python dispatches on its `handler` key — a new
//! shortcut is a row here plus its handler.

use serde::Serialize;

use super::ids;

/// Where Slack offers a shortcut, and the payload `type` it sends when one is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShortcutKind {
    /// The ⚡ menu and search: payload type `shortcut`, no message.
    Global,
    /// A message's menu: payload type `message_action`, with the message.
    Message,
}

impl ShortcutKind {
    /// The interaction payload `type` Slack sends for this kind.
    #[must_use]
    pub fn payload_type(self) -> &'static str {
        match self {
            Self::Global => "shortcut",
            Self::Message => "message_action",
        }
    }
}

/// One shortcut of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShortcutSpec {
    #[serde(rename = "type")]
    pub kind: ShortcutKind,
    /// What Slack sends back as the payload's `callback_id`.
    pub callback_id: &'static str,
    /// The key of the Python handler that answers it (the same over HTTP and Socket Mode).
    pub handler: &'static str,
    /// What people see in Slack's menus (the manifest's `name`).
    pub name: &'static str,
    /// Slack's one-line description under the name.
    pub description: &'static str,
}

/// Every shortcut of the app, in manifest order.
pub const SHORTCUTS: &[ShortcutSpec] = &[
    ShortcutSpec {
        kind: ShortcutKind::Global,
        callback_id: ids::SHORTCUT_APPLY_LEAVE,
        handler: "shortcut_apply_leave",
        name: "Apply for leave",
        description: "Open the leave request form",
    },
    ShortcutSpec {
        kind: ShortcutKind::Message,
        callback_id: ids::SHORTCUT_LEAVE_FROM_MESSAGE,
        handler: "shortcut_leave_from_message",
        name: "Request leave from this message",
        description: "Open the leave request form with this message as the reason",
    },
];

/// The shortcut of `kind` whose callback_id is `callback_id`.
#[must_use]
pub fn lookup(kind: ShortcutKind, callback_id: &str) -> Option<&'static ShortcutSpec> {
    SHORTCUTS
        .iter()
        .find(|s| s.kind == kind && s.callback_id == callback_id)
}
