"""One module per automated check; each defines `check(submission) -> list[Finding]`."""
