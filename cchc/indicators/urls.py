"""URLs of the indicator pages, under /indicators/."""

from django.urls import path

from cchc.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("behind/", views.behind, name="behind"),
    path("targets/review/", views.review, name="review"),
    path("targets/<int:pk>/confirm/", views.target_confirm, name="target_confirm"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/reject/", views.target_reject, name="target_reject"),
    path("values/import/", views.measurement_import, name="import"),
    path("<str:code>/", views.indicator_detail, name="detail"),
    path(
        "<str:code>/template.csv",
        views.template_download,
        {"fmt": "csv"},
        name="template_csv",
    ),
    path(
        "<str:code>/template.xlsx",
        views.template_download,
        {"fmt": "xlsx"},
        name="template_xlsx",
    ),
]
