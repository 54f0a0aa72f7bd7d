"""URLs of the scheduling pages, under /scheduling/."""

from django.urls import path

from cchc.scheduling import views

app_name = "scheduling"

urlpatterns = [
    path("due/", views.due, name="due"),
    path("calendar/", views.calendar, name="calendar"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("agencies/<int:pk>/due/", views.agency_due, name="agency_due"),
    path("generate/", views.generate, name="generate"),
    path("remind/", views.remind, name="remind"),
    path("plans/<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
]
