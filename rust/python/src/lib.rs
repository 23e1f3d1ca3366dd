//! `frappe_slack_connector._core`: PyO3 glue over slack-connector-core. Type conversion and
//! exception mapping only; all logic lives in the core crate.

use pyo3::prelude::*;

mod attendance;
mod convert;
mod errors;
mod interaction;
mod leave_blocks;
mod manifest;
mod signature;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    signature::register(m)?;
    interaction::register(m)?;
    leave_blocks::register(m)?;
    attendance::register(m)?;
    manifest::register(m)?;
    Ok(())
}
