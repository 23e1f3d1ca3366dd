//! Which half of a half day: one type for the modal, the leave messages and the summary.

use serde::{Deserialize, Serialize};

/// Option values in the modal are the snake_case codes; the hrms custom field
/// `custom_first_halfsecond_half` stores the labels. The declaration order is the order of the
/// summary's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HalfPeriod {
    #[serde(alias = "First Half")]
    FirstHalf,
    #[serde(alias = "Second Half")]
    SecondHalf,
}

impl HalfPeriod {
    pub const ALL: [Self; 2] = [Self::FirstHalf, Self::SecondHalf];

    /// The modal's option value (`first_half` / `second_half`).
    pub fn code(self) -> &'static str {
        match self {
            Self::FirstHalf => "first_half",
            Self::SecondHalf => "second_half",
        }
    }

    /// The value Frappe stores (`First Half` / `Second Half`).
    pub fn label(self) -> &'static str {
        match self {
            Self::FirstHalf => "First Half",
            Self::SecondHalf => "Second Half",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.label() == label)
    }
}
