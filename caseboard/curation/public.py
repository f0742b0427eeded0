"""Public curation pages: highlight editions, the library of teaching examples, feeds."""

from __future__ import annotations

from flask import Blueprint, abort

bp = Blueprint("curation", __name__)


@bp.get("/highlights")
def editions():
    abort(404)


@bp.get("/library")
def library():
    abort(404)


@bp.get("/highlights/<key>")
def edition(key: str):
    abort(404)


@bp.get("/library/<public_id>")
def example(public_id: str):
    abort(404)
