"""URLs of the official-report pages, under /official-reports/."""

from django.urls import path, re_path

from cchc.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("open/", views.report_open, name="open"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/sections/", views.report_sections, name="sections"),
    path("<int:pk>/issue/", views.report_issue, name="issue"),
    path("<int:pk>/preview.docx", views.report_preview, name="preview"),
    re_path(
        r"^versions/(?P<pk>[0-9]+)/file\.(?P<fmt>docx|xlsx|pdf|json)$",
        views.version_file,
        name="version_file",
    ),
]
