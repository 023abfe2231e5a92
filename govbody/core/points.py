"""Points: the nested bullets of interventions, questions and operative paragraphs.

A points list holds strings or {"text": str, "points": [...]}, nesting three levels at most
(the API contract). People type them as CommonMark bullets ("- a\\n  - b"). Checking,
cleaning and the conversion to and from that text live here only.
"""
from __future__ import annotations

import re
from typing import Any

from govbody.core import printable
from govbody.core.errors import ValidationError
from govbody.core.limits import POINT_MAX, POINTS_DEPTH_MAX, POINTS_MAX, POINTS_TEXT_MAX
from govbody.core.markup import parser

DESCRIPTION = (f'Strings or {{"text", "points"}}, nesting {POINTS_DEPTH_MAX} levels at most; at most {POINTS_MAX} '
               f"points and {POINTS_TEXT_MAX} characters in all, sub-points included, each point at most "
               f"{POINT_MAX} characters.")
SHAPE = 'Points are a list of strings or {"text", "points"} objects.'


class PointsError(ValueError):
    """Typed points that cannot be kept (too deep)."""


def errors(points: Any, where: str = "points", depth: int = 1) -> dict[str, str]:
    """Field errors, by path ("points.0.text"), for a list that is not exactly the contract's shape."""
    if not isinstance(points, list):
        return {where: SHAPE}
    if depth == 1 and (why := _too_large(points)):
        return {where: why}
    found: dict[str, str] = {}
    for i, point in enumerate(points):
        here = f"{where}.{i}"
        if isinstance(point, str):
            if not point.strip():
                found[here] = "A point cannot be empty."
            elif len(point) > POINT_MAX:
                found[here] = f"A point is at most {POINT_MAX} characters."
            elif why := _refusal(point):
                found[here] = why
            continue
        if not isinstance(point, dict):
            found[here] = 'A point is a string or an object with "text" and "points".'
            continue
        unknown = set(point) - {"text", "points"}
        if unknown:
            found[here] = f"Unknown keys: {', '.join(sorted(unknown))}."
            continue
        text = point.get("text")
        if not isinstance(text, str) or not text.strip():
            found[f"{here}.text"] = "A point needs a text."
        elif len(text) > POINT_MAX:
            found[f"{here}.text"] = f"A point is at most {POINT_MAX} characters."
        elif why := _refusal(text):
            found[f"{here}.text"] = why
        children = point.get("points", [])
        if children and depth >= POINTS_DEPTH_MAX:
            found[f"{here}.points"] = f"Sub-points nest {POINTS_DEPTH_MAX} levels at most."
        else:
            found.update(errors(children, f"{here}.points", depth + 1))
    return found


def _too_large(points: list) -> str | None:
    """The whole list against its limits (sub-points counted), read without recursion so that a
    list nested past its depth is measured too."""
    count = size = 0
    pending = [points]
    while pending:
        for point in pending.pop():
            count += 1
            if count > POINTS_MAX:
                return f"At most {POINTS_MAX} points, sub-points included."
            if isinstance(point, str):
                size += len(point)
            elif isinstance(point, dict):
                size += len(point.get("text")) if isinstance(point.get("text"), str) else 0
                if isinstance(point.get("points"), list):
                    pending.append(point["points"])
    if size > POINTS_TEXT_MAX:
        return f"At most {POINTS_TEXT_MAX} characters in all the points together."
    return None


def _refusal(text: str) -> str | None:
    """The text rule (core.printable) on a point: long text, its line breaks normalised by `clean`."""
    return printable.refusal(printable.normalise_lines(text), multiline=True)


def clean(points: list) -> list:
    """Trimmed points in one canonical form (line breaks as LF): an object without sub-points becomes a string."""
    out: list = []
    for point in points:
        text = printable.normalise_lines((point if isinstance(point, str) else point["text"]).strip())
        children = point.get("points") if isinstance(point, dict) else None
        out.append({"text": text, "points": clean(children)} if children else text)
    return out


def validate(points: Any, where: str = "points", *, required: bool = False, message: str = "The points are not valid.") -> list:
    """The cleaned points, or a ValidationError naming each bad item by its path."""
    found = errors(points, where)
    if not found and required and not points:
        found[where] = "Give at least one point."
    if found:
        raise ValidationError(message, found)
    return clean(points)


def depth(points: list) -> int:
    return max((1 + (depth(p.get("points", [])) if isinstance(p, dict) else 0) for p in points or []), default=0)


def from_markdown(source: str) -> list:
    """CommonMark bullets ("- a\\n  - b") as points; paragraphs outside lists are points too."""
    root: dict = {"texts": [], "points": []}
    stack = [root]
    for token in parser().parse(source or ""):
        if token.type == "list_item_open":
            node: dict = {"texts": [], "points": []}
            stack[-1]["points"].append(node)
            stack.append(node)
        elif token.type == "list_item_close":
            stack.pop()
        elif token.type in ("inline", "code_block", "fence"):
            text = " ".join(line.strip() for line in token.content.strip().splitlines() if line.strip())
            if len(stack) == 1:
                stack[0]["points"].append({"texts": [text], "points": []})
            else:
                stack[-1]["texts"].append(text)

    def out(node: dict) -> Any:
        text = " ".join(t for t in node["texts"] if t)
        children = [out(child) for child in node["points"]]
        return {"text": text, "points": children} if children else text

    return [out(node) for node in root["points"]]


def to_markdown(points: list, level: int = 0) -> str:
    """The inverse of from_markdown, for editing saved points."""
    lines = []
    for point in points or []:
        text, children = (point, []) if isinstance(point, str) else (point.get("text", ""), point.get("points", []))
        lines.append("  " * level + "- " + str(text).replace("\n", " "))
        if children:
            lines.append(to_markdown(children, level + 1))
    return "\n".join(lines)


_MARKER = re.compile(r"^([-*+]|\d+[.)])\s+")
# A point typed with its number ("1. What does the declaration mean?"): one of a numbered list.
_TYPED_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(?=\S)")


def typed_number(point: Any) -> tuple[int, str] | None:
    """(number, text without it) of a point typed "1. ..." or "1) ...", else None."""
    text = point if isinstance(point, str) else point.get("text", "")
    match = _TYPED_NUMBER.match(text)
    return (int(match.group(1)), text[match.end():]) if match else None


def numbered_runs(points: list) -> list[tuple[int | None, int | None, list]]:
    """Sibling points in runs as a list prints them: ``(list, start, points)`` where ``list`` counts
    the numbered lists among the siblings (None for a run of bullets) and ``start`` is the first
    number. Points typed "1.", "2.", ... in sequence are one numbered list, their typed numbers
    dropped (Word or the page numbers them); a number that goes on from the list before, bullets
    between them, continues that list, as in a speech's "1." ... bullets ... "2."."""
    runs: list[tuple[int | None, int | None, list]] = []
    lists, last = 0, None  # the numbered lists so far; the number the last one reached
    for point in points or []:
        numbered = typed_number(point)
        if numbered is None:
            if runs and runs[-1][0] is None:
                runs[-1][2].append(point)
            else:
                runs.append((None, None, [point]))
            continue
        number, text = numbered
        point = text if isinstance(point, str) else {**point, "text": text}
        if number == last + 1 if last is not None else False:
            if runs and runs[-1][0] == lists:
                runs[-1][2].append(point)
            else:
                runs.append((lists, number, [point]))
        else:
            lists += 1
            runs.append((lists, number, [point]))
        last = number
    return runs


def from_lines(text: str | None) -> list:
    """One point per line, a bullet marker optional; a line indented more than the one above
    is a sub-point of it (lettered sub-points of operative paragraphs are typed this way)."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(-1, root)]  # (indent of the parent, its sub-points)
    for line in (text or "").splitlines():
        expanded = line.replace("\t", "    ")
        content = _MARKER.sub("", expanded.strip(), count=1).strip()
        if not content:
            continue
        indent = len(expanded) - len(expanded.lstrip(" "))
        while len(stack) > 1 and indent <= stack[-1][0]:
            stack.pop()
        node: dict = {"text": content, "points": []}
        stack[-1][1].append(node)
        stack.append((indent, node["points"]))

    def plain(nodes: list[dict]) -> list:
        return [{"text": n["text"], "points": plain(n["points"])} if n["points"] else n["text"] for n in nodes]

    return plain(root)


def to_lines(points: list | None, level: int = 0) -> str:
    """The inverse of from_lines."""
    lines = []
    for point in points or []:
        text, children = (point, []) if isinstance(point, str) else (point.get("text", ""), point.get("points") or [])
        lines.append("    " * level + str(text).replace("\n", " "))
        if children:
            lines.append(to_lines(children, level + 1))
    return "\n".join(lines)


def from_typed(source: str) -> list:
    """Points typed in a form: CommonMark bullets, refused beyond three levels."""
    points = from_markdown(source)
    if depth(points) > POINTS_DEPTH_MAX:
        raise PointsError(f"Sub-points nest {POINTS_DEPTH_MAX} levels at most.")
    return points
