"""Workflow Builder steps (Slack "functions", `interaction/steps.rs` `STEPS`): `events` acks a
`function_executed` event, `jobs` runs the step and owes its completion."""
