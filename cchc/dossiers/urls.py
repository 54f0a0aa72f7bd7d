"""URLs of the dossier pages, under /dossiers/."""

from django.urls import path

from cchc.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
]
