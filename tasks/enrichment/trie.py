"""Build one compact regex from a word list (a character trie), so that large alternations such
as the country-name table cost one pass over the text instead of one attempt per word."""

from __future__ import annotations

import regex as re


def trie_pattern(words) -> str:
    """A regex source matching exactly the given strings, longest match first at each branch."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body
