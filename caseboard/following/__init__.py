"""Following cases, and the member's private "My activity" page."""
