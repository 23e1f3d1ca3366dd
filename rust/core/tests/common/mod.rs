//! Helpers shared by the integration tests.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;
use slack_connector_core::words::{fixtures, Catalogue};

/// The English words (`tests/fixtures/words_en.json`, the Python catalogue's "en").
#[allow(dead_code)]
pub fn en() -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    EN.get_or_init(|| fixtures::english().unwrap())
}

/// The German words (`tests/fixtures/words_de.json`, the Python catalogue's "de").
#[allow(dead_code)]
pub fn de() -> &'static Catalogue {
    static DE: OnceLock<Catalogue> = OnceLock::new();
    DE.get_or_init(|| fixtures::german().unwrap())
}

/// Compares `actual` with `tests/golden/<name>.json`; `UPDATE_GOLDEN=1` rewrites the file.
#[allow(dead_code)]
pub fn golden(name: &str, actual: &Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"));
    let rendered = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(
        rendered, expected,
        "golden {name} differs; UPDATE_GOLDEN=1 to accept"
    );
}
