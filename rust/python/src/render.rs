//! `render_markdown`: block JSON back to Markdown, for dry runs and logs.

use pyo3::prelude::*;
use slack_connector_core::render;

use crate::convert::from_py;
use crate::errors;

#[pyfunction]
fn render_markdown(py: Python<'_>, blocks: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = from_py(blocks)?;
    py.detach(move || render::markdown_of(value))
        .map_err(|e| errors::blocks_error(py, &e))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(render_markdown, m)?)?;
    Ok(())
}
