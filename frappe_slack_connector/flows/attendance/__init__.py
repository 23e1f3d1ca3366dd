"""Who is out: the daily summary in the attendance channel (`summary`) and the note threaded
under it when a leave for today comes in after it (`late_leave`)."""
