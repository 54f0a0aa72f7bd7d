"""Which font a Word run is typed in, for the runs of a legacy Vietnamese font (legacy.py).

A run names its font in ``w:rPr/w:rFonts`` (``w:ascii``, else ``w:hAnsi``); without one it
takes its character style's, then its paragraph style's (the default paragraph style when the
paragraph names none; each following ``w:basedOn``), then the document default
(``w:docDefaults``). Theme fonts are not followed: no legacy font is a
theme font.
"""

from __future__ import annotations

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"


def _rfonts(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or None


class Fonts:
    """The fonts of a document's styles, resolved once."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.default: str | None = None
        self._normal: str | None = None  # the default paragraph style ("Normal")
        self._own: dict[str, str | None] = {}
        self._based: dict[str, str] = {}
        self._resolved: dict[str, str | None] = {}
        if styles is None:
            return
        self.default = _rfonts(styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"))
        for style in styles.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if not style_id:
                continue
            self._own[style_id] = _rfonts(style.find(f"{_W}rPr"))
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self._normal = style_id
            based = style.find(f"{_W}basedOn")
            if based is not None and based.get(_VAL):
                self._based[style_id] = str(based.get(_VAL))

    def style_font(self, style_id: str | None) -> str | None:
        """The font a style sets, itself or through the styles it is based on."""
        if not style_id:
            return None
        if style_id in self._resolved:
            return self._resolved[style_id]
        font: str | None = None
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:  # a loop of basedOn ends the walk
            seen.add(current)
            if font := self._own.get(current):
                break
            current = self._based.get(current)
        self._resolved[style_id] = font
        return font

    def paragraph_font(self, p: etree._Element) -> str | None:
        """The font of the paragraph's runs that name none."""
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_VAL) if style is not None else self._normal
        return self.style_font(style_id) or self.default

    def run_font(self, r: etree._Element, paragraph_font: str | None) -> str | None:
        rpr = r.find(f"{_W}rPr")
        if own := _rfonts(rpr):
            return own
        style = rpr.find(f"{_W}rStyle") if rpr is not None else None
        if style is not None and (font := self.style_font(style.get(_VAL))):
            return font
        return paragraph_font
