"""Grouping: from the printable initiatives to the structure of the guide.

In: initiatives, the taxonomy and an optional selection (communes, needs).
Out: a `Guide`: one `Chapter` per need that has initiatives, each with one
`Section` per commune in French order and a last section for the whole
département or online; every initiative is printed in full once (its
`Placement.is_entry`) and is a cross-reference everywhere else. Also the
alphabetical list of initiatives and the index by commune. A large guide is
cut into `Part`s, laid out one at a time (`parts.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from slugify import slugify

from wicguide.collation import commune_sort_key, sort_key
from wicguide.communes import Commune
from wicguide.needs import Need, Taxonomy
from wicguide.records import Initiative

DEPARTEMENT_WIDE = "Dans tout le département et en ligne"


@dataclass(frozen=True)
class Placement:
    """An initiative where it appears: in full (the entry) or as a reference."""

    initiative: Initiative
    anchor: str
    is_entry: bool


@dataclass(frozen=True)
class Section:
    """The initiatives of one commune (or of the whole département) for one need."""

    title: str
    anchor: str
    commune: Commune | None
    placements: tuple[Placement, ...]


@dataclass(frozen=True)
class Chapter:
    """One need, opening on its pictogram and colour."""

    need: Need
    anchor: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class CommuneIndexEntry:
    """One commune of the index, with the initiatives found there."""

    commune: Commune
    anchors: tuple[tuple[Initiative, str], ...]


@dataclass(frozen=True)
class Selection:
    """What a booklet keeps: some communes and/or needs (empty: everything)."""

    communes: tuple[Commune, ...] = ()
    needs: tuple[Need, ...] = ()


Alphabetical = tuple[tuple[Initiative, str], ...]
"""Initiatives in French alphabetical order, each with the anchor of its entry."""


@dataclass(frozen=True)
class Guide:
    """The whole structure of a guide, ready for the templates."""

    chapters: tuple[Chapter, ...]
    initiatives: Alphabetical
    commune_index: tuple[CommuneIndexEntry, ...]
    selection: Selection

    @property
    def entry_count(self) -> int:
        return len(self.initiatives)


@dataclass(frozen=True)
class Part:
    """What one laid-out part of a guide holds: front matter, chapters, indexes, back.

    A guide is laid out as its front matter, then the rest (`parts`); a large
    one has its chapters cut between entries and its indexes after communes or
    lines, each part starting on a new page.
    """

    chapters: tuple[Chapter, ...] = ()
    front: bool = False
    """Cover, how to use the guide, contents."""
    commune_index: tuple[CommuneIndexEntry, ...] | None = None
    alphabetical: Alphabetical | None = None
    back: bool = False
    """Notes pages, back cover."""
    continues_chapter: bool = False
    """The first chapter goes on from the part before: no title, same need."""
    continues_section: bool = False
    """Its first section too: no section title either."""
    opens_commune_index: bool = True
    opens_alphabetical: bool = True
    """False when the index goes on from the part before: no title."""

    @classmethod
    def whole(cls, guide: Guide) -> Part:
        return cls(guide.chapters, front=True, commune_index=guide.commune_index,
                   alphabetical=guide.initiatives, back=True)

    @property
    def entry_count(self) -> int:
        return sum(p.is_entry for c in self.chapters for s in c.sections for p in s.placements)


def parts(guide: Guide, max_entries: int) -> tuple[Part, ...]:
    """Return the parts `guide` is laid out in: the front matter first, then the rest.

    The front matter is laid out last, when every page it names is known. A
    guide of more than `max_entries` entries has its chapters cut every
    `max_entries` entries and its indexes every `10 × max_entries` lines, so
    that no part holds more pages than WeasyPrint should keep in memory at once.
    """
    front = Part(front=True)
    rest = replace(Part.whole(guide), front=False)
    if rest.entry_count <= max_entries:
        return (front, rest)
    lines = 10 * max_entries
    return (front, *_chapter_parts(guide, max_entries),
            *_commune_index_parts(guide.commune_index, lines),
            *_alphabetical_parts(guide.initiatives, lines), Part(back=True))


def _chapter_parts(guide: Guide, max_entries: int) -> list[Part]:
    """Cut the chapters every `max_entries` entries, between two placements.

    The end of a chapter shorter than a quarter of that stays with the part
    before it. A part that starts inside a chapter, or inside a section, says
    so: it has no chapter title, or no section title, of its own.
    """
    cut: list[Part] = []
    for chapter in guide.chapters:
        pieces: list[Section] = []  # of the part being filled
        entries, resumes_section = 0, False
        left = sum(p.is_entry for s in chapter.sections for p in s.placements)
        for section in chapter.sections:
            start = 0
            for index, placement in enumerate(section.placements, start=1):
                entries += placement.is_entry
                left -= placement.is_entry
                if entries < max_entries or left <= max_entries // 4:
                    continue  # a short end of chapter stays with its part: no near-empty page
                pieces.append(replace(section, placements=section.placements[start:index]))
                cut.append(_chapter_part(cut, chapter, pieces, resumes_section))
                pieces, entries, start = [], 0, index
                resumes_section = index < len(section.placements)
            if start < len(section.placements):
                pieces.append(replace(section, placements=section.placements[start:]))
        if pieces:
            cut.append(_chapter_part(cut, chapter, pieces, resumes_section))
    return cut


def _chapter_part(cut: list[Part], chapter: Chapter, pieces: list[Section],
                  resumes_section: bool) -> Part:
    continues = bool(cut) and cut[-1].chapters[-1].anchor == chapter.anchor
    return Part((replace(chapter, sections=tuple(pieces)),), continues_chapter=continues,
                continues_section=continues and resumes_section)


def _commune_index_parts(index: tuple[CommuneIndexEntry, ...], lines: int) -> list[Part]:
    """Cut the index by commune after whole communes, every `lines` lines or so."""
    cut: list[list[CommuneIndexEntry]] = [[]]
    count = 0
    for entry in index:
        if count >= lines:
            cut.append([])
            count = 0
        cut[-1].append(entry)
        count += len(entry.anchors) + 2  # the commune's heading counts for two
    return [Part(commune_index=tuple(piece), opens_commune_index=n == 0)
            for n, piece in enumerate(cut)]


def _alphabetical_parts(alphabetical: Alphabetical, lines: int) -> list[Part]:
    return [Part(alphabetical=alphabetical[start:start + lines], opens_alphabetical=start == 0)
            for start in range(0, max(len(alphabetical), 1), lines)]


def group(initiatives: Iterable[Initiative], taxonomy: Taxonomy,
          selection: Selection | None = None) -> Guide:
    """Return the guide structure for `initiatives`, restricted to `selection`."""
    selection = selection or Selection()
    kept = [i for i in initiatives if _selected(i, selection)]
    anchors = _anchors(kept)
    chapters = _chapters(kept, taxonomy, selection, anchors)
    alphabetical = sorted(kept, key=lambda i: (sort_key(i.name), i.id))
    return Guide(
        chapters=chapters,
        initiatives=tuple((i, anchors[i.id]) for i in alphabetical),
        commune_index=_commune_index(alphabetical, selection, anchors),
        selection=selection,
    )


def _selected(initiative: Initiative, selection: Selection) -> bool:
    """Keep an initiative that serves a selected commune (or everywhere) and need."""
    in_commune = (not selection.communes or initiative.is_departement_wide
                  or any(c in selection.communes for c in initiative.communes))
    in_need = not selection.needs or any(n in selection.needs for n in initiative.needs)
    return in_commune and in_need


def _anchors(initiatives: list[Initiative]) -> dict[str, str]:
    """Give each initiative a unique HTML anchor derived from its identifier."""
    return {i.id: f"i{n}-{slugify(i.id)}" for n, i in enumerate(initiatives)}


def _chapters(initiatives: list[Initiative], taxonomy: Taxonomy, selection: Selection,
              anchors: dict[str, str]) -> tuple[Chapter, ...]:
    placed: set[str] = set()
    chapters = []
    for need in taxonomy.needs:
        if selection.needs and need not in selection.needs:
            continue
        members = [i for i in initiatives if need in i.needs]
        if not members:
            continue
        sections = tuple(_sections(need, members, selection, anchors, placed))
        chapters.append(Chapter(need, f"besoin-{need.key}", sections))
    return tuple(chapters)


def _sections(need: Need, members: list[Initiative], selection: Selection,
              anchors: dict[str, str], placed: set[str]) -> Iterable[Section]:
    """Yield the commune sections of one chapter, then the département-wide one."""
    communes = {c for i in members for c in i.communes}
    if selection.communes:
        communes &= set(selection.communes)
    for commune in sorted(communes, key=lambda c: commune_sort_key(c.name)):
        here = [i for i in members if commune in i.communes]
        yield _section(commune.name, f"{need.key}-{commune.insee}", commune, here,
                       anchors, placed)
    everywhere = [i for i in members if i.is_departement_wide]
    if everywhere:
        yield _section(DEPARTEMENT_WIDE, f"{need.key}-92", None, everywhere, anchors, placed)


def _section(title: str, anchor: str, commune: Commune | None, members: list[Initiative],
             anchors: dict[str, str], placed: set[str]) -> Section:
    placements = []
    for initiative in sorted(members, key=lambda i: (sort_key(i.name), i.id)):
        is_entry = initiative.id not in placed
        placed.add(initiative.id)
        placements.append(Placement(initiative, anchors[initiative.id], is_entry))
    return Section(title, f"section-{anchor}", commune, tuple(placements))


def _commune_index(alphabetical: list[Initiative], selection: Selection,
                   anchors: dict[str, str]) -> tuple[CommuneIndexEntry, ...]:
    by_commune: dict[Commune, list[tuple[Initiative, str]]] = {}
    for initiative in alphabetical:
        for commune in initiative.communes:
            if not selection.communes or commune in selection.communes:
                by_commune.setdefault(commune, []).append((initiative, anchors[initiative.id]))
    ordered = sorted(by_commune, key=lambda c: commune_sort_key(c.name))
    return tuple(CommuneIndexEntry(c, tuple(by_commune[c])) for c in ordered)
