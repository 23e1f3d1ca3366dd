//! `render_markdown`: block JSON back to Markdown, for dry runs and logs.

use pyo3::prelude::*;
use pyo3::types::PyString;
use slack_connector_core::render;

use crate::convert::from_py;
use crate::errors;

/// Markdown of a list of blocks, or of the blocks of a message's JSON text (a builder's output).
#[pyfunction]
fn render_markdown(py: Python<'_>, blocks: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = blocks.cast::<PyString>() {
        let text = text.to_str()?.to_owned();
        return py
            .detach(move || render::markdown_of_message(&text))
            .map_err(|e| errors::blocks_error(py, &e));
    }
    let value = from_py(blocks)?;
    py.detach(move || render::markdown_of(value))
        .map_err(|e| errors::blocks_error(py, &e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(render_markdown, m)?)?;
    Ok(())
}
