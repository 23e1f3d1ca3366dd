"""Leave: /apply-leave and the leave modal (`handlers`), the messages that follow a Leave
Application wherever it changes (`jobs`), and the approvers' daily reminder (`reminders`)."""
