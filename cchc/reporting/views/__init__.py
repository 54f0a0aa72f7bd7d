"""Views of the reporting app: a focal point's list (mine), one report or contribution and its
buttons (report), the evidence files (evidence), the head's sign-off (signoff), the
secretariat's review list (review) and status grid (grid), the progress workbook (progress)."""

from cchc.reporting.views.evidence import evidence_file, evidence_remove
from cchc.reporting.views.grid import grid_remind, status_grid
from cchc.reporting.views.mine import my_reports
from cchc.reporting.views.progress import plan_progress_export
from cchc.reporting.views.report import (
    contribution_save,
    obligation_page,
    report_evidence,
    report_review,
    report_save,
    report_withdraw,
)
from cchc.reporting.views.review import bulk_approve_view, review_list
from cchc.reporting.views.signoff import report_sign_off, sign_off_list, sign_off_setting

__all__ = [
    "bulk_approve_view",
    "contribution_save",
    "evidence_file",
    "evidence_remove",
    "grid_remind",
    "my_reports",
    "obligation_page",
    "plan_progress_export",
    "report_evidence",
    "report_review",
    "report_save",
    "report_sign_off",
    "report_withdraw",
    "review_list",
    "sign_off_list",
    "sign_off_setting",
    "status_grid",
]
