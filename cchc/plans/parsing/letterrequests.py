"""A letter's one request at the end of a long sentence (issue 15, held-out round 22)::

    Kính gửi: - Các bộ, …; - Ủy ban nhân dân tỉnh, …
    Thực hiện …, Bộ Nội vụ đã có Văn bản số N … đề nghị các Bộ … báo cáo ….     <- past
    … Để việc … được triển khai thống nhất …, trên cơ sở …, đề nghị bộ, ngành,
    địa phương khẩn trương tổng hợp … và gửi về Bộ Nội vụ trước ngày 26/11/2025 để …  <- the row
    Đề nghị bộ, ngành, địa phương quan tâm thực hiện./.                            <- closing

A ministry's letter may print its request as the last clause of a long sentence, after the
background and the purpose: ", đề nghị <bodies> <task's verb> …". The bodies asked lead the
row, the task from its verb is the title, an inline deadline ("trước ngày …") its timeframe.
Read only when no other reading finds a row.

Refused: a request told as background ("… đã có Văn bản … đề nghị …": "đã" before it, a past
request), the closing formula ("Đề nghị … quan tâm thực hiện./."), a request whose bodies are
not followed by a task's verb, text after the signature block.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.clauses import deadline_of
from cchc.plans.parsing.letters import letter_row
from cchc.plans.parsing.result import Item, ParsedPlan
from cchc.plans.parsing.vocabulary import _BULLET_RE, _CLOSING_RE, _SIGNATURE_RE
from cchc.plans.readers.base import Paragraph

# ", đề nghị bộ, ngành …", "Đề nghị các Sở …": the request and whom it asks.
_REQUEST_RE = re.compile(r"(?:^|,\s+)[Đđ]ề nghị\s+(?=\S)")
# "… đã có Văn bản số … đề nghị …": a request made before, told as background.
_PAST_RE = re.compile(r"\bđã\b")
# "Kính gửi:", "|", a bullet: the address block and the cells, no sentence of the letter.
_ADDRESS_RE = re.compile(r"^[*_\s]*Kính gửi", re.I)
# Markup and footnote markers inside the text ("**26/11/2025 **", "việc làm[i]").
_MARKUP_RE = re.compile(r"\*+|_{2,}|\[(?:[ivx]{1,4}|\d{1,2})\]")
# "*Nơi" / "nhận:*": the recipients' label, wrapped.
_NOI_NHAN_RE = re.compile(r"^Nơi(?:\s+nhận)?\s*:?$")
_BRACKET_RE = re.compile(r"\([^()]{3,300}\)")
# A sentence's end: a full stop before a capital (checked with ``str.isupper``).
_SENTENCE_END_RE = re.compile(r"(?<=\.)\s+(?=\w)")


def read_requests(paragraphs: list[Paragraph], parsed: ParsedPlan) -> bool:
    """Add to ``parsed`` the row of each request a letter makes at the end of a sentence;
    whether any was read."""
    read = False
    for line, sentence in _sentences(paragraphs):
        if _CLOSING_RE.search(sentence):
            continue
        requests = list(_REQUEST_RE.finditer(sentence))
        if not requests:
            continue
        request = requests[-1]
        if _PAST_RE.search(sentence[: request.start()]):
            continue
        row = letter_row(sentence[request.end() :])
        if row is None:
            continue
        # "(bộ, ngành báo cáo … theo Phụ lục số 1A, …)": a note in brackets, not the task.
        brackets = [found.group().strip("() ") for found in _BRACKET_RE.finditer(row[1])]
        title, timeframe, _cited = deadline_of(" ".join(_BRACKET_RE.sub(" ", row[1]).split()))
        notes = [sentence[: request.start()].strip(" ,"), *brackets]
        parsed.items.append(
            Item(
                line=line,
                title=title,
                lead=row[0],
                timeframe=timeframe,
                notes="; ".join(filter(None, notes)) or None,
            )
        )
        read = True
    return read


def _sentences(paragraphs: list[Paragraph]) -> list[tuple[int, str]]:
    """(line, sentence) of the letter's body: its lines after the address block (if the
    reader left it) joined, up to the signature block, split at full stops; each sentence
    with the line its request (its last "đề nghị") or, without one, its start is on."""
    runs: list[list[tuple[int, str]]] = [[]]
    for paragraph in paragraphs:
        text = _MARKUP_RE.sub("", paragraph.text).strip()
        if _SIGNATURE_RE.match(paragraph.text.strip()) or _NOI_NHAN_RE.match(text):
            break
        if _ADDRESS_RE.match(text):
            runs = [[]]  # (the address block, where the reader left it: no sentence)
            continue
        if not text.strip("|-_ ") or _BULLET_RE.match(text):
            runs.append([])
            continue
        runs[-1].append((paragraph.line, text))
    sentences: list[tuple[int, str]] = []
    for run in runs:
        joined, starts = "", []
        for line, text in run:
            starts.append((len(joined), line))
            joined += text + " "
        at = 0
        for part in _split_sentences(joined):
            begin = joined.index(part, at)
            at = begin + len(part)
            requests = list(_REQUEST_RE.finditer(part))
            where = begin + (requests[-1].end() if requests else 0)
            line = max((ln for offset, ln in starts if offset <= where), default=0)
            if part.strip():
                sentences.append((line, " ".join(part.split())))
    return sentences


def _split_sentences(text: str) -> list[str]:
    """``text`` cut after each full stop followed by a word in capitals."""
    parts, start = [], 0
    for end in _SENTENCE_END_RE.finditer(text):
        if text[end.end()].isupper():
            parts.append(text[start : end.start()])
            start = end.end()
    return [*parts, text[start:]]
