"""From a read document to a parsed plan: tables first, numbered prose blocks otherwise."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cchc.plans.parsing.assignments import AssignmentInterpreter
from cchc.plans.parsing.meta import read_document_info
from cchc.plans.parsing.prose import ProseInterpreter
from cchc.plans.parsing.result import DocumentInfo, ParsedPlan
from cchc.plans.parsing.tables import TableInterpreter
from cchc.plans.readers.base import Paragraph, ReadError, SourceDocument, Table


def assemble(doc: SourceDocument) -> ParsedPlan:
    parsed = ParsedPlan(document=DocumentInfo(source_name=doc.name, format=doc.format))
    tables = TableInterpreter(parsed=parsed, unit=doc.line_unit)
    before_table = tables.collect(doc.tables)
    if tables.rows or parsed.document.columns:
        read_document_info(_texts_before(doc, tables.first_table) + before_table, parsed.document)
        tables.run()
    else:
        prose = ProseInterpreter(parsed=parsed)
        prose.run(doc.paragraphs)
        preamble = prose.preamble
        # Tasks assigned in sentences (resolutions, directives): read that way too, and keep
        # the reading that finds more rows of work.
        other = ParsedPlan(document=DocumentInfo(source_name=doc.name, format=doc.format))
        assignments = AssignmentInterpreter(parsed=other)
        assignments.run(doc.paragraphs)
        if len(other.items) > len(parsed.items):
            parsed = other
            preamble = assignments.preamble
        read_document_info(preamble, parsed.document)
    for line, message, code in doc.notes:
        parsed.warn(line, message, code)
    if not parsed.items:
        if doc.tables and not parsed.document.columns:
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
    if not parsed.document.title:
        parsed.document.title = doc.name.rsplit(".", 1)[0]
    return parsed


def _texts_before(doc: SourceDocument, plan_table: Table | None) -> list[str]:
    """The letterhead and title: paragraphs and header-less tables before the plan table."""
    texts: list[str] = []
    for block in doc.blocks:
        if block is plan_table:
            break
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts.extend(cell for row in block.rows for cell in row.cells if cell.strip())
    return texts
