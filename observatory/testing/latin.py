"""Find English left on Russian pages: text runs that are mostly Latin script.

A run of visible text is flagged when it reads as Latin script (``core.i18n.mostly_latin``: at least 12
Latin letters and more Latin than Cyrillic ones). Text inside an element marked with another language (``lang="en"``: an official title,
a citation, a publisher's name as it is written) is not flagged: marking it is what a screen reader needs
too. Scripts, styles, code, URLs and e-mail addresses are ignored.
"""

from __future__ import annotations

from html.parser import HTMLParser

from observatory.core.i18n import mostly_latin

_SKIP = {"script", "style", "code", "pre", "svg", "kbd", "samp", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "figcaption", "label",
           "legend", "option", "button", "a", "caption", "title", "div", "section", "span"}


class _Runs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.runs: list[str] = []
        self.buffer: list[str] = []

    def _excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            self.runs.append(text)
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _VOID:
            for name in ("alt", "placeholder", "aria-label", "title"):
                if attrs.get(name) and not self._excluded():
                    self.runs.append(attrs[name])
            return
        if tag in _BLOCKS:
            self._flush()
        language = (attrs.get("lang") or "").lower()
        excluded = self._excluded() or tag in _SKIP or (language and not language.startswith("ru"))
        self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break

    def handle_data(self, data):
        if not self._excluded():
            self.buffer.append(data)


def latin_runs(html: str) -> list[str]:
    """The runs of visible text on the page that are mostly Latin script (see the module's rule)."""
    parser = _Runs()
    parser.feed(html)
    parser._flush()
    flagged = []
    for run in parser.runs:
        if mostly_latin(run):
            flagged.append(run[:160])
    return flagged
