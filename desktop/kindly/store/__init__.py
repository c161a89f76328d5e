"""The store: practice history in SQLite, kept safe across crashes and corruption."""
