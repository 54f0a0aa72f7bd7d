"""URLs of the agencies pages, under /agencies/."""

from django.urls import path

from cchc.agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("groups/", views.group_list, name="group_list"),
    path("mapping/", views.mapping, name="mapping"),
    path("unverified/", views.unverified, name="unverified"),
    path(
        "unverified/<str:what>/<int:pk>/confirm/",
        views.confirm_unverified,
        name="confirm_unverified",
    ),
    path("<int:pk>/", views.agency_detail, name="agency_detail"),
    path("<int:pk>/succession/", views.agency_succession, name="agency_succession"),
    path("<int:pk>/transfer/", views.agency_transfer, name="agency_transfer"),
    path("<int:pk>/contacts/", views.agency_contacts, name="contacts"),
    path("<int:pk>/contacts/<int:contact_pk>/active/", views.contact_active, name="contact_active"),
]
