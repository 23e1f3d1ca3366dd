//! Workspace connection: the Slack app manifest and the bot scopes.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use slack_connector_core::manifest;

use crate::{convert, errors};

/// The Slack app manifest for the site at `site_url`, as a dict (Socket Mode: no request URLs).
#[pyfunction]
#[pyo3(signature = (site_url, app_name = manifest::DEFAULT_APP_NAME, *, socket_mode = false))]
fn build_app_manifest<'py>(
    py: Python<'py>,
    site_url: &str,
    app_name: &str,
    socket_mode: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let connection = if socket_mode {
        manifest::Connection::SocketMode
    } else {
        manifest::Connection::Http
    };
    let value = manifest::app_manifest_value_for(site_url, app_name, connection)
        .map_err(|e| errors::manifest_error(py, &e))?;
    convert::to_py(py, &value)
}

/// The OAuth v2 redirect URI of the site at `site_url`.
#[pyfunction]
fn oauth_redirect_url(py: Python<'_>, site_url: &str) -> PyResult<String> {
    manifest::SiteUrl::parse(site_url)
        .map(|site| site.oauth_redirect_url())
        .map_err(|e| errors::manifest_error(py, &e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("BOT_SCOPES", PyTuple::new(py, manifest::BOT_SCOPES)?)?;
    m.add("USER_SCOPES", PyTuple::new(py, manifest::USER_SCOPES)?)?;
    m.add(
        "REQUIRED_USER_SCOPES",
        PyTuple::new(py, manifest::REQUIRED_USER_SCOPES)?,
    )?;
    let commands = manifest::SLASH_COMMANDS
        .iter()
        .map(|spec| pythonize::pythonize(py, spec).map_err(PyErr::from))
        .collect::<PyResult<Vec<_>>>()?;
    m.add("SLASH_COMMANDS", PyTuple::new(py, commands)?)?;
    let shortcuts = manifest::SHORTCUTS
        .iter()
        .map(|spec| pythonize::pythonize(py, spec).map_err(PyErr::from))
        .collect::<PyResult<Vec<_>>>()?;
    m.add("SHORTCUTS", PyTuple::new(py, shortcuts)?)?;
    m.add("DEFAULT_APP_NAME", manifest::DEFAULT_APP_NAME)?;
    m.add_function(wrap_pyfunction!(build_app_manifest, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_redirect_url, m)?)?;
    Ok(())
}
