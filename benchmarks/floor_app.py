"""The floor: a bare Flask view rendering a 30-item template, Caseboard's speed yardstick."""

from __future__ import annotations

from flask import Flask, render_template

ITEMS = [
    {
        "title": f"Item number {number}: a title about as long as a case title",
        "href": f"/i/{number}",
    }
    for number in range(1, 31)
]

app = Flask(__name__)


@app.get("/")
def index():
    return render_template("floor.html", items=ITEMS)
