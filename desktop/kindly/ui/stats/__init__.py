"""The "Your practice" page: streaks, totals and the sessions kept."""
