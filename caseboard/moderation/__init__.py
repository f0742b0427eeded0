"""The moderation pipeline: automated checks, queue, reports, appeals and the log."""
