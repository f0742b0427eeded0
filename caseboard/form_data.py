"""How Caseboard reads a request's form: as text from a form's body, never as uploads or JSON."""

from __future__ import annotations

from flask import Flask, Request, abort, request
from werkzeug.formparser import FormDataParser

# The methods whose body Flask-WTF reads as a form.
SUBMIT_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class TextOnlyParser(FormDataParser):
    """Drops a multipart body's file parts as it reads them: a form never finds a file where
    it expects text (a file named like a field would reach its filters and validators as a
    FileStorage). The field is missing instead, and the form says so like any missing one.
    A part whose name cannot be read (Werkzeug names it None) is dropped too."""

    def parse(self, stream, mimetype, content_length, options=None):
        stream, form, _files = super().parse(stream, mimetype, content_length, options)
        if None in form:
            form = self.cls(pair for pair in form.items(multi=True) if pair[0] is not None)
        return stream, form, self.cls()


class TextOnlyRequest(Request):
    form_data_parser_class = TextOnlyParser


def init_app(app: Flask) -> None:
    app.request_class = TextOnlyRequest

    @app.before_request
    def refuse_json_forms():
        """Flask-WTF reads a JSON body as the form, values of any type (a number, a list)
        where text is expected, or a document that is no form at all. Caseboard's forms are
        HTML forms: a JSON body is refused before a form reads it."""
        if request.method in SUBMIT_METHODS and request.is_json:
            abort(
                415,
                "This was sent as JSON, so it was not saved. Send it from the form on its page.",
            )
