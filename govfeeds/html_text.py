"""Turn statement HTML into plain text that keeps the document's line structure.

Header lines ("MEDIA NOTE", "OFFICE OF THE SPOKESPERSON", a date line) carry the metadata that
enrichment reads, so every block element becomes its own line instead of being run together.
Script, style and other non-content elements never reach the text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

#: Elements whose content is never statement text.
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head")

#: Elements that start a new line of text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML fragment, one block element per line.

    Blank lines are collapsed, runs of spaces folded, and the result stripped, so the same HTML
    always gives the same text (the text's hash is what change detection compares).
    """
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _normalise_lines(html)
    etree.strip_elements(root, *_DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    pieces: list[str] = []
    _collect(root, pieces)
    return _normalise_lines("".join(pieces))


def _collect(element: etree._Element, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        pieces.append("\n")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append("\n")


def _normalise_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
