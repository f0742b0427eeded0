"""Cases: lists, search, posting, the case page, verdicts, replies and helpful votes."""
