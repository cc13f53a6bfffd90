"""The one CommonMark parser of the run, with inline rules that remember where links are.

markdown-it gives block tokens line maps but inline tokens no positions. The link, image,
autolink, code-span and raw-HTML rules are wrapped so the tokens they produce carry
`meta["span"]`: (start, end) offsets in the inline content, plus the link kind and the
target as written. Two rules are added: bare URLs (`https://...` in text, as GitHub and
Hugo linkify them) and full references whose label is undefined (`[author][a]` with no
`[a]:`), which CommonMark renders as text but which are broken links all the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference, unescapeAll
from markdown_it.rules_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]
Describe = Callable[[StateInline, int, int], dict[str, object]]

_SCHEME_BEFORE = re.compile(r"(?:^|[^A-Za-z0-9.+-])(https?)$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"'`\u3000-\u303f\uff00-\uffef]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~'\")]}"
_WORDLIKE_BEFORE = re.compile(r"[\w\]\\)]")
# A link destination with no escape, parenthesis, space or control character: CommonMark takes it
# as written (entities aside), so markdown-it's character-by-character scan is not needed.
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f\\()]+")
# An http(s) URL that markdown-it's `normalizeLink` returns unchanged: ASCII host labels of at most
# 63 characters, and only characters that mdurl's encoder keeps (no "%", no non-ASCII).
_NORMAL_URL = re.compile(
    r"https?://(?P<host>(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63})"
    r"(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?"
)
_MAX_HOST = 255  # mdurl drops a longer host name


class _Parser(MarkdownIt):
    """markdown-it, minus the URL normalisation of links that are already normal (most of them)."""

    def normalizeLink(self, url: str) -> str:
        normal = _NORMAL_URL.fullmatch(url)
        if normal is not None and len(normal.group("host")) <= _MAX_HOST:
            return url
        return super().normalizeLink(url)


def link_destination(state: StateInline, pos: int, end: int) -> str | None:
    """The destination starting at `pos`, as markdown-it's `parseLinkDestination` reads it."""
    src = state.src
    plain = _PLAIN_DESTINATION.match(src, pos, end) if src[pos : pos + 1] != "<" else None
    if plain is not None and (plain.end() == end or src[plain.end()] not in "\\("):
        return unescapeAll(plain.group())
    result = state.md.helpers.parseLinkDestination(src, pos, end)
    return result.str if result.ok else None


def _destination(state: StateInline, label_start: int, label_end: int, end: int) -> dict[str, object]:
    """Kind and target (inline) or normalised label (reference) of a link or image."""
    src = state.src
    after = label_end + 1
    if after < end and src[after] == "(" and src[end - 1] == ")":
        pos = after + 1
        while pos < end and src[pos] in " \t\n":
            pos += 1
        target = link_destination(state, pos, end) if pos < end - 1 else None
        return {"kind": "inline", "target": target or ""}
    if after < end and src[after] == "[" and end - after > 2:
        return {"kind": "reference", "label": normalizeReference(src[after + 1 : end - 1])}
    return {"kind": "reference", "label": normalizeReference(src[label_start:label_end])}


def _describe_link(state: StateInline, start: int, end: int) -> dict[str, object]:
    label_end = state.md.helpers.parseLinkLabel(state, start, True)
    return _destination(state, start + 1, label_end, end)


def _describe_image(state: StateInline, start: int, end: int) -> dict[str, object]:
    label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
    return _destination(state, start + 2, label_end, end)


def _describe_autolink(state: StateInline, start: int, end: int) -> dict[str, object]:
    return {"kind": "autolink", "target": state.src[start + 1 : end - 1]}


def _annotate(state: StateInline, first: int, token_type: str, meta: dict[str, object]) -> None:
    for token in state.tokens[first:]:
        if token.type == token_type:
            token.meta.update(meta)
            return


def _spanned(rule: InlineRule, token_type: str, describe: Describe | None = None) -> InlineRule:
    """Wrap `rule` so its first `token_type` token records its source span (and link target)."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, first = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            meta: dict[str, object] = {"span": (start, state.pos)}
            if describe is not None:
                meta.update(describe(state, start, state.pos))
            _annotate(state, first, token_type, meta)
        return True

    return wrapped


def _undefined_reference(state: StateInline, start: int) -> bool:
    """`[text][label]` (or `[text][]`) whose label has no definition: a link with no target."""
    src, end = state.src, state.posMax
    if src[start] != "[" or (start and _WORDLIKE_BEFORE.match(src[start - 1])):
        return False
    label_end = state.md.helpers.parseLinkLabel(state, start, True)
    if label_end < 0 or label_end + 1 >= end or src[label_end + 1] != "[":
        return False
    close = src.find("]", label_end + 2, end)
    label = src[label_end + 2 : close]
    if close < 0 or "[" in label or "\n" in label or len(label) > 999:
        return False
    key = normalizeReference(label or src[start + 1 : label_end])
    if not key or key in state.env.get("references", {}):
        return False
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": ""}
    token.meta.update(span=(start, close + 1), kind="undefined", label=key)
    state.pos, state.posMax = start + 1, label_end
    state.linkLevel += 1
    state.md.inline.tokenize(state)
    state.linkLevel -= 1
    state.push("link_close", "a", -1)
    state.pos, state.posMax = close + 1, end
    return True


def _link_rule(rule: InlineRule) -> InlineRule:
    spanned = _spanned(rule, "link_open", _describe_link)

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if spanned(state, silent):
            return True
        return not silent and state.linkLevel == 0 and _undefined_reference(state, start)

    return wrapped


def _trim_url(url: str) -> str:
    while url and url[-1] in _TRAILING:
        last = url[-1]
        if last == ")" and url.count("(") >= url.count(")"):
            break
        if last == "]" and url.count("[") >= url.count("]"):
            break
        url = url[:-1]
    return url


def _bare_url(state: StateInline, silent: bool) -> bool:
    """`https://...` in running text, fired at the ':' like markdown-it's linkify rule."""
    pos, src = state.pos, state.src
    if silent or state.linkLevel > 0 or not src.startswith("://", pos):
        return False
    scheme = _SCHEME_BEFORE.search(state.pending)
    if scheme is None:
        return False
    start = pos - len(scheme.group(1))
    if src[start:pos].lower() != scheme.group(1).lower():
        return False
    match = _URL.match(src, start, state.posMax)
    url = _trim_url(match.group()) if match else ""
    if len(url) <= pos + 3 - start:
        return False
    state.pending = state.pending[: -len(scheme.group(1))]
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": url}
    token.meta.update(span=(start, start + len(url)), kind="bare", target=url)
    state.push("text", "", 0).content = url
    state.push("link_close", "a", -1)
    state.pos = start + len(url)
    return True


def build_parser() -> MarkdownIt:
    """CommonMark plus tables, with position-keeping link rules and definition tokens."""
    md = _Parser("commonmark", {"inline_definitions": True}).enable("table")
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    md.inline.ruler.at("link", _link_rule(rules["link"]))
    md.inline.ruler.at("image", _spanned(rules["image"], "image", _describe_image))
    md.inline.ruler.at("autolink", _spanned(rules["autolink"], "link_open", _describe_autolink))
    md.inline.ruler.at("backticks", _spanned(rules["backticks"], "code_inline"))
    md.inline.ruler.at("html_inline", _spanned(rules["html_inline"], "html_inline"))
    md.inline.ruler.at("linkify", _bare_url)
    md.inline.ruler.enable("linkify")
    return md


PARSER = build_parser()
