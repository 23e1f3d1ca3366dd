//! `frappe_slack_connector._core`: PyO3 glue over slack-connector-core. Type conversion and
//! exception mapping only; all logic lives in the core crate.

use pyo3::prelude::*;

mod away;
mod channel;
mod convert;
mod delivery;
mod digest;
mod errors;
mod interaction;
mod leave_blocks;
mod manifest;
mod render;
mod rows;
mod signature;
mod socket_mode;
mod timesheet;
mod who;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    signature::register(m)?;
    interaction::register(m)?;
    leave_blocks::register(m)?;
    channel::register(m)?;
    render::register(m)?;
    manifest::register(m)?;
    timesheet::register(m)?;
    socket_mode::register(m)?;
    delivery::register(m)?;
    who::register(m)?;
    away::register(m)?;
    digest::register(m)?;
    Ok(())
}
