"""Curation: highlight candidates, weekly editions, the library, feeds, digests, dashboard."""
