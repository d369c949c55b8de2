"""How findings reach people: events, repair issues, notifications and drills."""
