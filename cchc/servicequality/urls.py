"""URLs of the service-quality pages, under /service-quality/."""

from django.urls import path

from cchc.servicequality import views

app_name = "servicequality"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("agency/<str:code>/", views.agency_detail, name="agency"),
]
