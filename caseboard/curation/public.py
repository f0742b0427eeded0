"""Public curation pages: highlight editions, the library of teaching examples, their
workshop exports (Markdown and printable pages) and the Atom feeds.

Views only read the request and render: caseboard.curation.library does the reading and
caseboard.curation.exports writes the handouts. Readers without an account get these pages
from the fragment cache; the edition services drop it when a published edition changes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, g, render_template, request

from caseboard import cache, search
from caseboard.curation import exports, library, weeks
from caseboard.curation.similar import similar_cases
from caseboard.errors import NotFound
from caseboard.links import external_url
from caseboard.reading import reads_only
from caseboard.search import clean_query
from caseboard.views import same_for_every_reader, shared_body, with_page
from caseboard.web import page_number

bp = Blueprint("curation", __name__)

EDITIONS_PER_PAGE = 20
FEED_EDITIONS = 20
FEED_EXAMPLES = 50
EXAMPLE_PAGE_VERDICTS = 3
LIBRARY_VERDICTS = 2
SIMILAR_CASES = 5
ATOM_TYPE = "application/atom+xml; charset=utf-8"
MARKDOWN_TYPE = "text/markdown; charset=utf-8"
# Characters XML 1.0 forbids; member text is checked for control characters on the way in,
# but a feed must stay well-formed whatever slipped past.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The year in tag: URIs (RFC 4151): any date the site's domain was ours; it must never change.
TAG_DATE = "2025"


# What the curation templates need beside the data (the builder's preview uses them too).
TEMPLATE_HELPERS = {
    "outcome_words": exports.outcome_words,
    "week_span": exports.week_span,
}


def _render(template: str, **context) -> str:
    return render_template(template, **TEMPLATE_HELPERS, **context)


@bp.get("/highlights")
@reads_only
@cache.kept_briefly
def editions():
    number = page_number()

    def render() -> str:
        page = library.published_editions(page=number, per_page=EDITIONS_PER_PAGE)
        return _render("curation/editions.html", page=page)

    return same_for_every_reader(cache.LISTS, (number,), render, args=with_page({}))


@bp.get("/highlights/<key>")
@reads_only
@cache.kept_briefly
def edition(key: str):
    week = weeks.parse_key(key)
    if week is None:
        raise NotFound("There are no highlights for that week.")

    def render() -> str:
        # Looked up only on a cache miss: a cached hit costs no query. A week without a
        # published edition raises here, and an error is never cached.
        edition = library.published_edition(key)
        examples = library.edition_examples(edition)
        return _render("curation/edition.html", edition=edition, examples=examples)

    return same_for_every_reader(cache.LISTS, week, render)


@bp.get("/library", endpoint="library")
@reads_only
@cache.kept_briefly
def library_page():
    number = page_number()
    outcome = request.args.get("outcome", "")
    if outcome not in library.OUTCOME_FILTERS:
        outcome = ""
    query = clean_query(request.args.get("q", ""))
    # "Has a follow-up": a checkbox, so only its one value counts.
    followup = "1" if request.args.get("followup") == "1" else ""
    # The list's normalized parameters: cached pages and their links never carry stray ones.
    link_args = {
        name: value
        for name, value in dict(g.filters, outcome=outcome, followup=followup, q=query).items()
        if value
    }
    parts = (tuple(sorted(link_args.items())), number)

    def render_body() -> str:
        parsed = search.parse_query(query) if query else None
        page = library.library_page(
            g.filters,
            outcome=outcome,
            followed_up=bool(followup),
            query=parsed,
            page=number,
            per_page=current_app.config["LIBRARY_PER_PAGE"],
            verdicts_each=LIBRARY_VERDICTS,
        )
        found = [example.case.id for example in page.items]
        return _render(
            "curation/_library.html",
            page=page,
            snippets=search.snippets(parsed, found) if parsed else {},
            link_args=link_args,
            outcome=outcome,
            followup=followup,
            library_query=query,
            outcome_filters=library.OUTCOME_FILTERS,
        )

    def render() -> str:
        # The body is shared by readers and members alike: only the member's judged marks
        # (filled in after the cache) and the page around it are rendered per request.
        body = shared_body(parts, render_body)
        return render_template("curation/library.html", library_html=body, library_query=query)

    return same_for_every_reader(cache.LISTS, parts, render, args=with_page(link_args))


@bp.get("/library/<public_id>")
@reads_only
@cache.kept_briefly
def example(public_id: str):
    example = library.teaching_example(public_id)

    def render() -> str:
        library.attach_best_verdicts([example], EXAMPLE_PAGE_VERDICTS)
        updates = library.with_updates([example])
        return _render(
            "curation/example.html",
            example=example,
            case=example.case,
            outcome=example.outcome,
            updates=updates[example.case.id],
            similar=similar_cases(example.case, limit=SIMILAR_CASES),
        )

    # The case's own scope: new votes, updates and moderation of the case drop it.
    return same_for_every_reader(cache.case_scope(example.case.id), (example.case.id,), render)


# -- workshop exports ------------------------------------------------------------------------


@bp.get("/library/<public_id>.md")
def example_markdown(public_id: str):
    example = library.teaching_example(public_id)
    library.attach_best_verdicts([example], EXAMPLE_PAGE_VERDICTS)
    updates = library.with_updates([example])
    text = exports.example_markdown(example, updates[example.case.id], _example_links(example))
    return _download(text, exports.example_filename(example))


@bp.get("/highlights/<key>.md")
def edition_markdown(key: str):
    edition = library.published_edition(key)
    examples = library.edition_examples(edition, follow_ups=False)
    updates = library.with_updates(examples)
    text = exports.edition_markdown(edition, examples, updates, _edition_links(edition, examples))
    return _download(text, exports.edition_filename(edition))


@bp.get("/library/<public_id>/print")
def example_print(public_id: str):
    example = library.teaching_example(public_id)
    library.attach_best_verdicts([example], EXAMPLE_PAGE_VERDICTS)
    updates = library.with_updates([example])
    return _render(
        "curation/print_example.html",
        example=example,
        updates=updates,
        links=_example_links(example),
    )


@bp.get("/highlights/<key>/print")
def edition_print(key: str):
    edition = library.published_edition(key)
    examples = library.edition_examples(edition, follow_ups=False)
    updates = library.with_updates(examples)
    return _render(
        "curation/print_edition.html",
        edition=edition,
        examples=examples,
        updates=updates,
        links=_edition_links(edition, examples),
    )


def _download(text: str, filename: str) -> Response:
    response = Response(text, content_type=MARKDOWN_TYPE)
    # The file name is built from ASCII letters, digits and hyphens only (exports.slug).
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- feeds ---------------------------------------------------------------------------------------


@bp.get("/feeds/highlights.atom")
def highlights_feed():
    def render() -> str:
        summaries = library.published_editions(page=1, per_page=FEED_EDITIONS).items
        editions = [summary.edition for summary in summaries]
        examples = library.examples_by_edition(editions)
        updated = [max(e.published_at, e.updated_at) for e in editions]
        external = external_url
        return _render(
            "curation/feeds/highlights.xml",
            summaries=summaries,
            examples=examples,
            updated=exports.atom_time(max(updated, default=_EPOCH)),
            atom_time=exports.atom_time,
            external=external,
            tag=_tag,
        )

    return _feed(same_for_every_reader(cache.LISTS, (), render))


@bp.get("/feeds/library.atom")
def library_feed():
    def render() -> str:
        examples = library.recent_examples(FEED_EXAMPLES)
        updated = [_example_updated(example) for example in examples]
        return _render(
            "curation/feeds/library.xml",
            examples=examples,
            updated=exports.atom_time(max(updated, default=_EPOCH)),
            example_updated=lambda example: exports.atom_time(_example_updated(example)),
            atom_time=exports.atom_time,
            external=external_url,
            tag=_tag,
        )

    return _feed(same_for_every_reader(cache.LISTS, (), render))


_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)  # an empty feed's "updated": before any edition


def _example_updated(example: library.TeachingExample) -> datetime:
    return max(example.edition.published_at, example.highlight.updated_at)


def _feed(body: str) -> Response:
    return Response(_NOT_XML.sub("", body), content_type=ATOM_TYPE)


# -- addresses ------------------------------------------------------------------------------------


def _tag(path: str) -> str:
    """A permanent Atom id (a tag: URI) for something on this site, whatever its address."""
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:caseboard/{path}"


def _example_links(example: library.TeachingExample) -> exports.Links:
    external = external_url
    case = example.case
    return exports.Links(
        page=external("curation.example", public_id=case.public_id),
        cases={case.id: external("cases.show", public_id=case.public_id)},
        edition=external("curation.edition", key=example.edition.key),
    )


def _edition_links(edition, examples: list[library.TeachingExample]) -> exports.Links:
    external = external_url
    return exports.Links(
        page=external("curation.edition", key=edition.key),
        examples={
            e.case.id: external("curation.example", public_id=e.case.public_id) for e in examples
        },
        cases={e.case.id: external("cases.show", public_id=e.case.public_id) for e in examples},
    )
