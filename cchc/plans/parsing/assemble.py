"""From a read document to a parsed plan: tables first, numbered prose blocks otherwise."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cchc.plans.parsing.announcedhead import announced_heads
from cchc.plans.parsing.articles import read_articles
from cchc.plans.parsing.articlewraps import join_cut_articles
from cchc.plans.parsing.assignments import AssignmentInterpreter
from cchc.plans.parsing.blockleads import split_block_leads
from cchc.plans.parsing.blocks import drop_purpose_rows, read_labelled_blocks
from cchc.plans.parsing.blocksections import fill_skipped_sections
from cchc.plans.parsing.bracketgiven import bracketed_assignments
from cchc.plans.parsing.chairedarticles import chaired_articles
from cchc.plans.parsing.continued import merge_continuations
from cchc.plans.parsing.courtesy import name_courtesy
from cchc.plans.parsing.coverage import check_coverage
from cchc.plans.parsing.crawlchunks import crawled_points
from cchc.plans.parsing.decisions import annexed_part
from cchc.plans.parsing.duties import read_duties
from cchc.plans.parsing.dutyarticles import duty_articles
from cchc.plans.parsing.emptycells import check_empty_cells
from cchc.plans.parsing.findings import drop_findings
from cchc.plans.parsing.givenarticles import read_given_articles
from cchc.plans.parsing.groupedcells import read_grouped_table
from cchc.plans.parsing.layouttables import task_tables
from cchc.plans.parsing.letterpoints import unframe_requests
from cchc.plans.parsing.letterrequests import read_requests
from cchc.plans.parsing.letters import read_letter
from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.norows import drop_no_task_rows
from cchc.plans.parsing.officerlabels import relabel_officer_points
from cchc.plans.parsing.officers import read_officer_rows
from cchc.plans.parsing.points import check_points
from cchc.plans.parsing.printednumbers import check_numbers
from cchc.plans.parsing.prose import ProseInterpreter
from cchc.plans.parsing.purposelabels import note_purposes, purpose_labels
from cchc.plans.parsing.qualifiers import settle_qualifiers
from cchc.plans.parsing.result import DocumentInfo, ImportWarning, Item, ParsedPlan
from cchc.plans.parsing.rights import drop_rights
from cchc.plans.parsing.rolecolon import drop_role_colon
from cchc.plans.parsing.sectionblocks import read_section_blocks
from cchc.plans.parsing.serialcells import serial_tables
from cchc.plans.parsing.sitelines import document_texts
from cchc.plans.parsing.suspects import check_suspects
from cchc.plans.parsing.tables import TableInterpreter
from cchc.plans.parsing.unreadleads import check_unread_leads
from cchc.plans.parsing.unreadpoints import check_unread_points
from cchc.plans.readers.base import Paragraph, ReadError, SourceDocument, Table


def assemble(doc: SourceDocument) -> ParsedPlan:
    doc = serial_tables(doc)  # a PDF's text printing a table one cell after another
    parsed = ParsedPlan(document=DocumentInfo(source_name=doc.name, format=doc.format))
    tables = TableInterpreter(parsed=parsed, unit=doc.line_unit)
    before_table = tables.collect(doc.tables)
    if tables.rows or parsed.document.columns:
        read_document_info(
            document_texts(_texts_before(doc, tables.first_table) + before_table), parsed.document
        )
        tables.run()
    else:
        parsed = _read_without_table(doc, parsed)
        read_grouped_table(doc, parsed)  # a table grouped by body in a PDF's text
    for line, message, code in doc.notes:
        parsed.warn(line, message, code)
    if not parsed.items:
        if task_tables(doc.tables) and not parsed.document.columns:
            raise ReadError(
                _(
                    "%(name)s: no table with recognisable columns was found. A plan table needs a "
                    'header naming at least the task or activity (e.g. "Nhiệm vụ", "Tên nhiệm '
                    'vụ", "Nội dung", "Hoạt động") and one more column such as "Chủ trì", '
                    '"Phối hợp", "Thời gian" or "Kết quả/Sản phẩm".'
                )
                % {"name": doc.name}
            )
        if parsed.document.columns:
            raise ReadError(
                _("%(name)s: the plan table has a header but no rows of work.") % {"name": doc.name}
            )
        raise ReadError(
            _(
                "%(name)s: no plan was found: the document has neither a table with recognisable "
                'columns nor numbered task blocks ("a) Nhiệm vụ: … b) Cơ quan thực hiện: … c) Thời '
                'gian thực hiện: …").'
            )
            % {"name": doc.name}
        )
    settle_qualifiers(parsed)  # a generic opening qualifier to the notes (qualifiers.py)
    drop_findings(parsed)  # a bullet that assesses bodies is no row (findings.py)
    # Whatever the rules above read, no line of the plan body is lost without a warning.
    check_coverage(doc, parsed)
    # And no field the rules probably misread (a lead holding task text …) passes unflagged.
    check_suspects(parsed)
    check_unread_leads(parsed)  # a row without the lead its neighbours have (unreadleads.py)
    check_empty_cells(parsed)  # a row with all its assignment cells empty (emptycells.py)
    # And no numbered point of the document is in no row, nor a row's text read twice.
    check_points(doc, parsed)
    # And no row's number other than the mark its line prints (printednumbers.py).
    check_numbers(doc, parsed)
    check_unread_points(doc, parsed)  # a list of points read into no row (unreadpoints.py)
    if not parsed.document.title:
        parsed.document.title = doc.name.rsplit(".", 1)[0]
    return parsed


# The document's header (letterhead, title, an annex's note) is in its first blocks.
_HEADER_TEXTS = 80


def _read_without_table(doc: SourceDocument, parsed: ParsedPlan) -> ParsedPlan:
    """A document with no plan table: the readings of prose, sentences, labelled blocks and the
    kinds read only when they find no row (a decision's duties, a letter in prose), each
    keeping what the others read better; then its header."""
    # (a decision issuing an annexed programme: the annex is read, not the decision)
    # (a crawled page's titles off, its points and labels one a line: crawlchunks.py)
    # ("quý Bộ": the letter's one addressee, named in "Kính gửi:", courtesy.py)
    paragraphs = name_courtesy(annexed_part(crawled_points(doc.paragraphs)))
    paragraphs = chaired_articles(paragraphs)  # "Điều N. Nội dung X chủ trì" (chairedarticles.py)
    paragraphs = duty_articles(paragraphs)  # "Điều N. Trách nhiệm của X" (dutyarticles.py)
    paragraphs, purposes = purpose_labels(paragraphs)  # "1. Giúp X:" (purposelabels.py)
    prose = ProseInterpreter(parsed=parsed)
    prose.run(paragraphs)
    preamble = prose.preamble
    # Tasks assigned in sentences (resolutions, directives): read that way too, and keep
    # the reading that finds more rows of work.
    other = ParsedPlan(document=DocumentInfo(source_name=doc.name, format=doc.format))
    assignments = AssignmentInterpreter(parsed=other)
    assignments.run(paragraphs)
    read_officer_rows(other)  # rows of people and staff (officers.py)
    mixed = _by_section(parsed, other)
    if len(other.items) > len(parsed.items):
        parsed = other
        preamble = assignments.preamble
    if mixed is not None:
        parsed = mixed
    # Points each followed by a labelled block (lead, timeframe …): one row per point.
    info = DocumentInfo(source_name=doc.name, format=doc.format)
    if (labelled := read_labelled_blocks(paragraphs, info, parsed)) is not None:
        parsed, preamble = labelled.plan, labelled.preamble
        split_block_leads(parsed)  # "X chủ trì, phối hợp với Y" in one label (blockleads.py)
        fill_skipped_sections(parsed, paragraphs)  # its sections in sentences (blocksections.py)
    # Sections each of a tasks block, a bodies block and a time block (sectionblocks.py).
    info = DocumentInfo(source_name=doc.name, format=doc.format)
    if (sectioned := read_section_blocks(paragraphs, info, parsed)) is not None:
        parsed, preamble = sectioned
    drop_purpose_rows(parsed)  # a purposes and requirements section is no task section
    unframe_requests(parsed)  # "Đối với X thì …", "…. Vì vậy, đề nghị …" (letterpoints.py)
    if not parsed.items:  # "Điều 2. Nhiệm vụ của Tổ …:" over bullets (duties.py)
        read_duties(paragraphs, parsed)
    if not parsed.items:  # "Điều 2. Giao Giám đốc Sở X" over points (givenarticles.py)
        read_given_articles(paragraphs, parsed)
    if not parsed.items:  # "Điều 2." / "Giao Sở X chủ trì …": a decision's articles (articles.py)
        read_articles(join_cut_articles(paragraphs), parsed)  # "Điều 2. Giao" / "X …"
    if not parsed.items:  # a letter in prose, its instructions in paragraphs (letters.py)
        read_letter(paragraphs, parsed)
    if not parsed.items:  # a letter's request ending a long sentence (letterrequests.py)
        read_requests(paragraphs, parsed)
    relabel_officer_points(paragraphs, parsed)  # "1. Đồng chí <office> - <role>: …"
    announced_heads(paragraphs, parsed)  # "Trong đó giao Giám đốc X …:" (announcedhead.py)
    drop_no_task_rows(parsed)  # funding, closing formula, "Lưu ý: …" (norows.py)
    drop_rights(parsed)  # "<body> được làm việc với …": a right, no row (rights.py)
    drop_role_colon(parsed)  # "Có trách nhiệm: Lãnh đạo …": the role off (rolecolon.py)
    merge_continuations(parsed)  # a point's unnumbered paragraph goes on (continued.py)
    note_purposes(purposes, parsed)  # the purpose to its points' notes (purposelabels.py)
    bracketed_assignments(parsed)  # "6. Xây dựng … (Giao Công an tỉnh …)." (bracketgiven.py)
    # The header (letterhead, title) is read from the document's start, not from the
    # preamble the interpreters leave (which may start after it, or hold the body's text).
    read_document_info(document_texts(_texts_before(doc, None) + preamble), parsed.document)
    return parsed


def _texts_before(doc: SourceDocument, plan_table: Table | None) -> list[str]:
    """The letterhead and title: paragraphs and header-less tables before the plan table (or
    the document's first blocks, ``plan_table`` None)."""
    texts: list[str] = []
    for block in doc.blocks:
        if block is plan_table:
            break
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            # Each cell set apart: a letterhead's cells are blocks of their own.
            texts.extend(f"|{cell}|" for row in block.rows for cell in row.cells if cell.strip())
        if len(texts) >= _HEADER_TEXTS:
            break
    return texts


def _by_section(prose: ParsedPlan, sentences: ParsedPlan) -> ParsedPlan | None:
    """A document whose top-level sections are written differently (labelled blocks in one,
    assignments in sentences in another): each section read the way that finds more rows of
    work in it. None when one reading wins every section (the caller keeps the larger)."""
    groups: dict[str, dict[int, list[Item]]] = {}
    for which, plan in enumerate((prose, sentences)):
        for item in plan.items:
            top = item.section[0] if item.section else ""
            groups.setdefault(top, {0: [], 1: []})[which].append(item)
    if len(groups) < 2 or "" in groups:
        return None
    overall = 1 if len(sentences.items) > len(prose.items) else 0
    chosen = {
        top: (overall if len(by[overall]) >= len(by[1 - overall]) else 1 - overall)
        for top, by in groups.items()
    }
    if len(set(chosen.values())) < 2:
        return None
    merged = ParsedPlan(document=(prose, sentences)[overall].document)
    # Each section spans from its first row (in either reading) to the next section's.
    starts = sorted(
        (min(item.line for items in by.values() for item in items), top)
        for top, by in groups.items()
    )

    def top_at(line: int | None) -> str:
        found = starts[0][1]
        for start, top in starts:
            if line is not None and start <= line:
                found = top
        return found

    for _start, top in starts:
        merged.items.extend(groups[top][chosen[top]])
    for which, plan in enumerate((prose, sentences)):
        merged.warnings.extend(
            ImportWarning(line=w.line, message=w.message, code=w.code)
            for w in plan.warnings
            if chosen[top_at(w.line)] == which
        )
    merged.warnings.sort(key=lambda w: w.line or 0)
    columns = {c.field: c for plan in (prose, sentences) for c in plan.document.columns}
    merged.document.columns = list(columns.values())
    return merged
