"""URLs of the dashboards, under /dashboards/."""

from django.urls import path

from cchc.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("agencies/<int:pk>/", views.agency_scorecard, name="scorecard"),
    path("plans/<int:plan_pk>/nodes/<int:pk>/", views.node_drill, name="drill"),
]
