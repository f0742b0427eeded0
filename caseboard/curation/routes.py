"""The moderators' edition builder."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("curate", __name__)
