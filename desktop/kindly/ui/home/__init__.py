"""The home page: the practice library and the set-up panel whose Start begins a session."""
