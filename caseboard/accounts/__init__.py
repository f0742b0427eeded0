"""Accounts: registering, logging in, settings, data export and deletion."""
