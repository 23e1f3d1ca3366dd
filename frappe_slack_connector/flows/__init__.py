"""The flows floor: one package per product flow, each owning what Slack and the scheduler hand
it (handlers, jobs, reminders), over the ERP adapter (`erp/`), the Rust builders (`core`) and the
Slack transport (`slack/`).

- `leave/`: /apply-leave, the leave modal, decisions, withdraw / cancel, the approvers'
  reminders, and every message that follows a Leave Application.
- `timesheet/`: /timesheet, the Log Time modal, the confirmation, the missed-hours reminder.
- `home/`: the App Home tab and the Events API (url_verification, app_home_opened).
- `attendance/`: the daily "who is out" summary, the late-leave note under it, and /whoisout.
- `dispatch.py`: the one handler table (interaction route, event, slash command → handler) and
  the failure policy (what the user sees when a handler fails).
- `daily.py`: the one daily-job helper (the working-morning gate, claim the day, then send).
- `identity.py`: finding someone with Slack's help, remembered in `erp/users.py`.
- `replies.py`: answers several flows give a click (an ephemeral, a DM, a modal updated).
- `words.py`: the catalogue of every word Slack shows, per surface and language.

A new flow is a package here; its routes go in `dispatch.py`'s tables, its daily job (if any) is
a `daily.DailyJob` run from `tasks/daily.py`.
"""
