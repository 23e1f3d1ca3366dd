"""The outbox: every Slack write a job owes is a Slack Delivery row (`owe`), delivered by the
relay on the site's workers (`relay`), which records what Slack answered (`records`)."""
