"""Notifications: the inbox, email about one's own content, email settings, unsubscribing."""
