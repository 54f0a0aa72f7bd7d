"""URLs of the public pages (/cong-khai/), the open data (/open-data/, CKAN's /api/3/action/)
and the secretariat's open-data pages (/du-lieu-mo/quan-tri/). Mounted at the root."""

from django.urls import path

from cchc.opendata.views import manage, public

app_name = "opendata"

urlpatterns = [
    path("cong-khai/", public.public_index, name="public_index"),
    path("cong-khai/ke-hoach/<int:pk>/", public.public_plan, name="public_plan"),
    path("cong-khai/chi-so/<str:code>/", public.public_indicator, name="public_indicator"),
    path("open-data/", public.releases, name="releases"),
    path("open-data/catalog.jsonld", public.catalog_jsonld, name="catalog"),
    path("open-data/<slug:slug>/", public.release_detail, name="release_detail"),
    path("open-data/<slug:slug>/<str:filename>", public.release_file, name="release_file"),
    path("api/3/action/package_list", public.ckan_package_list, name="ckan_package_list"),
    path("api/3/action/package_show", public.ckan_package_show, name="ckan_package_show"),
    path("api/3/action/package_search", public.ckan_package_search, name="ckan_package_search"),
    path("du-lieu-mo/quan-tri/", manage.manage, name="manage"),
    path("du-lieu-mo/quan-tri/cong-khai/", manage.publication, name="publication"),
    path("du-lieu-mo/quan-tri/phat-hanh/", manage.build, name="build"),
    path("du-lieu-mo/quan-tri/phat-hanh/<int:pk>/", manage.manage_release, name="manage_release"),
    path("du-lieu-mo/quan-tri/phat-hanh/<int:pk>/duyet/", manage.approve, name="approve"),
    path("du-lieu-mo/quan-tri/phat-hanh/<int:pk>/cong-bo/", manage.publish, name="publish"),
]
