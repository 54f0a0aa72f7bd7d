"""URLs of the plans pages, under /plans/."""

from django.urls import path

from cchc.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/imports/", views.import_history, name="import_history"),
    path("<int:pk>/export.xlsx", views.plan_export, name="plan_export"),
    path("<int:plan_pk>/nodes/<int:pk>/", views.node_detail, name="node_detail"),
    path("<int:plan_pk>/nodes/<int:pk>/children/", views.node_children, name="node_children"),
]
