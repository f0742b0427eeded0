"""The pages loaded, as whom, and the share of the floor's rate each must reach (design.md)."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.content import COMMON_WORD

READER, MEMBER = "reader", "member"


@dataclass(frozen=True)
class Target:
    name: str
    server: str  # "floor" or "caseboard"
    path: str
    target_ratio: float | None  # the design's share of the floor's rate; None for the floor
    audience: str = READER  # an anonymous reader, or the logged-in member

    @property
    def key(self) -> str:
        """Unique per page and audience, for the results' dictionaries."""
        return self.name if self.server == "floor" else f"{self.name} ({self.audience})"


# Per page: the reader's target, then the member's (None: not measured as a member). Lists
# a member sees (new, library) get the member home page's share, as the design names none.
PAGES = {
    "home": (0.5, 0.3),
    "new": (0.5, 0.3),
    "busy case": (0.25, 0.15),
    "search": (0.2, 0.2),
    "divisive": (0.5, None),
    "needs": (0.5, None),
    "library": (0.5, 0.3),
    "library filtered": (0.5, None),
    "edition": (0.5, None),
}


def paths_for(manifest: dict) -> dict[str, str]:
    """Each page's address in this seeded database; the newest edition's page only when the
    seed made editions."""
    paths = {
        "home": "/",
        "new": "/new",
        "busy case": f"/cases/{manifest['busy_public_id']}",
        "search": f"/search?q={COMMON_WORD}",
        "divisive": "/divisive",
        "needs": "/needs-verdicts",
        "library": "/library",
        "library filtered": "/library?level=senior",
    }
    if manifest.get("edition_key"):
        paths["edition"] = f"/highlights/{manifest['edition_key']}"
    return paths


def targets_for(manifest: dict) -> list[Target]:
    """The floor, then each page as a reader and (where measured) as a member."""
    targets = [Target("floor", "floor", "/", None, audience="")]
    for name, path in paths_for(manifest).items():
        reader, member = PAGES[name]
        targets.append(Target(name, "caseboard", path, reader))
        if member is not None:
            targets.append(Target(name, "caseboard", path, member, audience=MEMBER))
    return targets
