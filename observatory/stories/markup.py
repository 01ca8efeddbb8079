"""A story's text: Markdown (CommonMark, footnotes) with one block per ``:::`` line.

Raw HTML is never let through (it is shown as text) and Markdown images are off: pictures come only as
image blocks, with their description, credit and licence. Links are checked by markdown-it (no
``javascript:`` and the like).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from observatory.stories import blocks

# A block's place in the Markdown: a paragraph of its own, with a random key (drawn when the server starts)
# so that text typed by an author can never pose as one.
_KEY = secrets.token_hex(8)
_PLACEHOLDER = "STORYBLOCK" + _KEY + "N{}END"
_PLACEHOLDER_P = re.compile(r"<p>STORYBLOCK" + _KEY + r"N(\d+)END</p>")
_PLACEHOLDER_TEXT = re.compile(r"STORYBLOCK" + _KEY + r"N\d+END")


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).use(footnote_plugin).disable("image")


@dataclass
class Body:
    text: str  # Markdown with a placeholder paragraph for each block
    blocks: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse(body: str) -> Body:
    """Split the text into Markdown and blocks; each wrong block line is an error naming its line."""
    out, parsed, errors = [], [], []
    for number, line in enumerate(body.splitlines(), start=1):
        try:
            block = blocks.parse_directive(line)
        except blocks.BlockError as error:
            errors.append(_("Line %(n)s: %(message)s") % {"n": number, "message": error})
            continue
        if block is None:
            out.append(line)
        else:
            out += ["", _PLACEHOLDER.format(len(parsed)), ""]
            parsed.append(block)
    return Body("\n".join(out), parsed, errors)


def errors(body: str) -> list[str]:
    return parse(body).errors


def image_ids(body: str) -> set[int]:
    return {b["image"] for b in parse(body).blocks if b["kind"] == "image"}


_TEXT = re.compile(r">([^<>]+)<")


def _mark_foreign(html: str) -> str:
    """On a Russian page, English runs of the text (a citation, a title as published) marked ``lang="en"``,
    so that screen readers read them in English."""
    from html import unescape

    from observatory.core.i18n import is_russian, mostly_latin

    if not is_russian():
        return html
    def mark(match):
        text = match.group(1)
        if _PLACEHOLDER_TEXT.fullmatch(text) or not mostly_latin(unescape(text)):
            return match.group(0)
        return f'><span lang="en">{text}</span><'

    return _TEXT.sub(mark, html)


def first_chart_spec(body: str) -> dict | None:
    """The spec of the first chart or map that has data (the link preview's image), drawing no other block."""
    for block in parse(body).blocks:
        if block["kind"] in ("chart", "map"):
            spec = blocks.render_block(block).chart_spec
            if spec is not None:
                return spec
    return None


@dataclass
class Page:
    html: str
    sources: list[tuple[str, str]]  # (label, url), each once, in the order they appear
    chart_spec: dict | None  # the first chart's, for the preview image
    has_live_chart: bool


def render(body: str) -> Page:
    parsed = parse(body)
    md = _markdown()
    tokens = md.parse(parsed.text)
    html = _mark_foreign(md.renderer.render(tokens, md.options, {}))
    drawn = [blocks.render_block(block) for block in parsed.blocks]
    html = _PLACEHOLDER_P.sub(lambda m: drawn[int(m.group(1))].html, html)
    ordered: list[tuple[str, str]] = []
    seen: set[str] = set()
    links = [child.attrGet("href") for token in tokens for child in token.children or [] if child.type == "link_open"]
    candidates = [(href, href) for href in links if href and href.startswith(("http://", "https://"))]
    for label, url in candidates + [source for piece in drawn for source in piece.sources]:
        key = url or label
        if key and key not in seen:
            seen.add(key)
            ordered.append((label, url))
    spec = next((p.chart_spec for p in drawn if p.chart_spec), None)
    return Page(mark_safe(html), ordered, spec, spec is not None)
