"""How Caseboard reads a request's form: as text only. Nothing here takes uploads."""

from __future__ import annotations

from flask import Request
from werkzeug.formparser import FormDataParser


class TextOnlyParser(FormDataParser):
    """Drops a multipart body's file parts as it reads them: a form never finds a file where
    it expects text (a file named like a field would reach its filters and validators as a
    FileStorage). The field is missing instead, and the form says so like any missing one."""

    def parse(self, stream, mimetype, content_length, options=None):
        stream, form, _files = super().parse(stream, mimetype, content_length, options)
        return stream, form, self.cls()


class TextOnlyRequest(Request):
    form_data_parser_class = TextOnlyParser
