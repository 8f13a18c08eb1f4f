"""Planning: the multi-year projection, scenarios, members leaving, the annual meeting."""
