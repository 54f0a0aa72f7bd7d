"""A letter naming the body it asks only by courtesy (issue 15, held-out round 18)::

    Kính gửi: Bộ Lao động - Thương binh và Xã hội
    …
    Văn phòng Chính phủ đề nghị quý Bộ khẩn trương có báo cáo về …

"quý Bộ" ("your Ministry"), "quý Sở", "quý Cơ quan" stand for the letter's addressee: when
"Kính gửi:" names ONE body whose name opens with that kind ("Bộ …" for "quý Bộ"), the
courtesy words are replaced by its name before the letter's sentences are read, so the
request is a row led by that body. Refused (the text left as it is): a letter with several
addressees ("Kính gửi: - Bộ X; - Bộ Y", "Bộ X, Bộ Y"), an addressee of another kind, no
"Kính gửi:" line naming the body on its own line.
"""

from __future__ import annotations

import re

from cchc.plans.readers.base import Paragraph

# "Kính gửi: Bộ X", "**Kính gửi:** Sở Y.": the addressee on the address line itself.
_ADDRESS_RE = re.compile(r"^[*_|\s]*Kính\s+gửi\s*:?[*_|\s]*(?P<name>\S.*?)[*_|\s.;]*$", re.I)
# The kinds of body a letter may address by courtesy, and the words naming them.
_KINDS = ("Bộ", "Sở", "Cơ quan", "Ủy ban", "Uỷ ban", "Ban", "Cục", "Tổng cục", "Đơn vị")
# ("quý Bộ Tài chính" names the body already: a capitalised word after the kind)
_COURTESY_RE = re.compile(r"\b[Qq]uý\s+(?P<kind>" + "|".join(_KINDS) + r")\b(?P<next>\s+\w)?")
# A list of addressees, not one body: bullets, semicolons, two names after a comma.
_SEVERAL_RE = re.compile(r"^[-–+•]|;|,\s*(?:" + "|".join(_KINDS) + r"|UBND)\b")


def _addressee(paragraphs: list[Paragraph]) -> str | None:
    """The one body named on the letter's "Kính gửi:" line; None without one."""
    for paragraph in paragraphs:
        found = _ADDRESS_RE.match(paragraph.text)
        if found is None:
            continue
        name = " ".join(found.group("name").split())
        return None if _SEVERAL_RE.search(name) else name
    return None


def name_courtesy(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with "quý Bộ" (and the like) written as the name of the letter's one
    addressee of that kind; unchanged when the letter has none."""
    if not any(re.search(r"\b[Qq]uý\s", paragraph.text) for paragraph in paragraphs):
        return paragraphs
    name = _addressee(paragraphs)
    if name is None:
        return paragraphs

    def named(found: re.Match[str]) -> str:
        following = found.group("next") or ""
        if following[-1:].isupper() or not re.match(rf"{found.group('kind')}\b", name, re.I):
            return found.group(0)
        return f"{name}{following}"

    return [
        Paragraph(line=paragraph.line, text=_COURTESY_RE.sub(named, paragraph.text))
        for paragraph in paragraphs
    ]
