"""URLs of the report pages, under /reports/."""

from django.urls import path

from cchc.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.my_reports, name="mine"),
    path("review/", views.review_list, name="review"),
    path("review/approve/", views.bulk_approve_view, name="bulk_approve"),
    path("status/", views.status_grid, name="grid"),
    path("status/remind/", views.grid_remind, name="grid_remind"),
    path("obligations/<int:pk>/", views.obligation_page, name="obligation"),
    path("obligations/<int:pk>/save/", views.report_save, name="save"),
    path("obligations/<int:pk>/evidence/", views.report_evidence, name="evidence"),
    path("obligations/<int:pk>/withdraw/", views.report_withdraw, name="withdraw"),
    path("obligations/<int:pk>/review/", views.report_review, name="review_report"),
    path("obligations/<int:pk>/contribution/", views.contribution_save, name="contribution"),
    path("obligations/<int:pk>/sign-off/", views.report_sign_off, name="sign_off_report"),
    path("sign-off/", views.sign_off_list, name="sign_off"),
    path("plans/<int:pk>/progress.xlsx", views.plan_progress_export, name="progress_export"),
    path("sign-off/setting/", views.sign_off_setting, name="sign_off_setting"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
]
