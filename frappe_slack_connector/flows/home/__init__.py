"""The App Home tab and the Events API: the events (`events`), the tab built and published from
jobs (`jobs`)."""
