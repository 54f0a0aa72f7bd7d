"""Django's own Vietnamese strings that read wrong are overridden by the project's catalogue
(first in LOCALE_PATHS), and the admin is titled as the product."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.datastructures import MultiValueDict


class _Form(forms.Form):
    count = forms.IntegerField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    name = forms.CharField(max_length=5)
    day = forms.DateField()
    file = forms.FileField()


def _errors(
    data: dict[str, str], files: dict[str, SimpleUploadedFile] | None = None
) -> dict[str, list[str]]:
    with translation.override("vi"):
        form = _Form(data, MultiValueDict({k: [v] for k, v in (files or {}).items()}))
        form.is_valid()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_the_project_catalogue_comes_first():
    assert str(settings.LOCALE_PATHS[0]).endswith("cchc/locale")


def test_form_errors_read_as_good_vietnamese():
    errors = _errors(
        {"count": "1,5", "kind": "x", "name": "dài quá rồi", "day": "31/02/2026"},
        {"file": SimpleUploadedFile("a.pdf", b"")},
    )
    assert errors["count"] == ["Nhập một số nguyên."]  # Django: "Nhập một số tổng thể."
    assert errors["kind"] == ["Lựa chọn không hợp lệ: x không có trong danh sách."]
    assert errors["name"] == ["Tối đa 5 ký tự (hiện có 11 ký tự)."]
    assert errors["day"] == ["Nhập một ngày hợp lệ (ngày/tháng/năm)."]
    assert errors["file"] == ["Tệp đã gửi không có nội dung."]
    assert _errors({})["count"] == ["Trường này là bắt buộc."]


def test_the_admin_is_titled_as_the_product():
    import cchc.urls  # noqa: F401  (where the titles are set, as when the site serves)

    with translation.override("vi"):
        assert str(admin.site.site_header) == "CCHC — Quản trị"
        assert str(admin.site.site_title) == "CCHC — Quản trị"
        assert str(admin.site.index_title) == "CCHC — Quản trị"
    with translation.override("en"):
        assert str(admin.site.site_header) == "CCHC — Administration"
