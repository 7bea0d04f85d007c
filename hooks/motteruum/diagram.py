"""Geometry of framework diagrams: where boxes and arrows go. Templates draw the SVG."""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

BOX_WIDTH = 170.0
LINE_HEIGHT = 17.0
PADDING = 12.0
CHARS_PER_LINE = 21  # at the 14px sans-serif of the diagrams, for BOX_WIDTH
GAP = 60.0
MARGIN = 16.0
#: The most boxes of a chain in one row; a longer chain turns at the end of each row.
CHAIN_ROW = 4


@dataclass(frozen=True)
class Node:
    """A box with a wrapped label and an optional link."""

    x: float  # centre
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    href: str | None = None
    number: int | None = None

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    def edge_towards(self, x: float, y: float) -> tuple[float, float]:
        """Where the line from this box's centre to (x, y) leaves the box."""
        dx, dy = x - self.x, y - self.y
        if dx == 0 and dy == 0:
            return self.x, self.y
        scale = min(
            (self.width / 2 + 4) / abs(dx) if dx else math.inf,
            (self.height / 2 + 4) / abs(dy) if dy else math.inf,
        )
        return self.x + dx * scale, self.y + dy * scale


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    start_arrow: bool
    end_arrow: bool


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class Label:
    text: str
    href: str | None = None


def _box(label: Label, x: float, y: float, number: int | None = None) -> Node:
    lines = tuple(textwrap.wrap(label.text, CHARS_PER_LINE, break_on_hyphens=False)) or ("",)
    return Node(x, y, BOX_WIDTH, len(lines) * LINE_HEIGHT + 2 * PADDING, lines, label.href, number)


def _edge(a: Node, b: Node, *, start: bool = False, end: bool = True) -> Edge:
    x1, y1 = a.edge_towards(b.x, b.y)
    x2, y2 = b.edge_towards(a.x, a.y)
    return Edge(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1), start, end)


def _fit(nodes: list[Node], edges: list[Edge]) -> Layout:
    """Shift everything so the drawing starts at the margin; the size fits all boxes."""
    left = min(n.left for n in nodes) - MARGIN
    top = min(n.top for n in nodes) - MARGIN
    moved = [replace(n, x=round(n.x - left, 1), y=round(n.y - top, 1)) for n in nodes]
    shifted = [
        Edge(
            round(e.x1 - left, 1),
            round(e.y1 - top, 1),
            round(e.x2 - left, 1),
            round(e.y2 - top, 1),
            e.start_arrow,
            e.end_arrow,
        )
        for e in edges
    ]
    width = max(n.left + n.width for n in moved) + MARGIN
    height = max(n.top + n.height for n in moved) + MARGIN
    return Layout(round(width, 1), round(height, 1), tuple(moved), tuple(shifted))


def _ring(labels: Sequence[Label], rx: float, ry: float, numbered: bool) -> list[Node]:
    count = len(labels)
    return [
        _box(
            label,
            rx * math.cos(-math.pi / 2 + 2 * math.pi * i / count),
            ry * math.sin(-math.pi / 2 + 2 * math.pi * i / count),
            i + 1 if numbered else None,
        )
        for i, label in enumerate(labels)
    ]


def cycle(labels: Sequence[Label]) -> Layout:
    """Steps around a circle, each pointing to the next, the last back to the first."""
    spread = max(BOX_WIDTH + GAP, len(labels) * (BOX_WIDTH + GAP) / (2 * math.pi))
    nodes = _ring(labels, spread, spread * 0.75, numbered=True)
    edges = [_edge(nodes[i], nodes[(i + 1) % len(nodes)]) for i in range(len(nodes))]
    return _fit(nodes, edges)


def chain(labels: Sequence[Label], *, both_ways: bool = False) -> Layout:
    """Boxes in a row, each leading to the next (or linked both ways).

    A chain longer than :data:`CHAIN_ROW` boxes winds down the page: each row runs the other
    way from the one above it and the turn goes straight down, so that the drawing stays
    readable in the width of a page; its boxes are then numbered.
    """
    wound = len(labels) > CHAIN_ROW
    boxes = [_box(label, 0.0, 0.0, i + 1 if wound else None) for i, label in enumerate(labels)]
    tallest = max(box.height for box in boxes)
    nodes = []
    for i, box in enumerate(boxes):
        row, column = divmod(i, CHAIN_ROW) if wound else (0, i)
        if row % 2:
            column = CHAIN_ROW - 1 - column
        x, y = column * (BOX_WIDTH + GAP), row * (tallest + GAP)
        nodes.append(replace(box, x=x, y=y, height=tallest))
    edges = [_edge(a, b, start=both_ways) for a, b in itertools.pairwise(nodes)]
    return _fit(nodes, edges)


def triangle(labels: Sequence[Label]) -> Layout:
    """Three boxes at the corners of a triangle, each linked to the others."""
    nodes = _ring(labels, BOX_WIDTH + GAP / 2, BOX_WIDTH * 0.8, numbered=False)
    edges = [_edge(nodes[i], nodes[j], start=True) for i in range(len(nodes)) for j in range(i)]
    return _fit(nodes, edges)


def hub(centre: Label, labels: Sequence[Label]) -> Layout:
    """A centre with numbered boxes around it."""
    spread = max(BOX_WIDTH + GAP, len(labels) * (BOX_WIDTH + GAP / 3) / (2 * math.pi))
    ring = _ring(labels, spread, spread * 0.72, numbered=True)
    middle = _box(centre, 0.0, 0.0)
    edges = [_edge(middle, node, end=False) for node in ring]
    return _fit([middle, *ring], edges)
