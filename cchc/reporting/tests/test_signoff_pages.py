"""The head's sign-off in the browser's pages: the focal point's report goes to the head, who
signs it off or returns it; the list of reports awaiting sign-off; the setting's form."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from cchc.agencies.models import Agency
from cchc.reporting.models import Report, ReportState, SignOffSetting
from cchc.reporting.signoff import set_sign_off
from cchc.reporting.tests.test_views import member, messages_of, people, report_data, url
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db
__all__ = ["people"]  # the fixture, imported for these tests


def as_user(user: User) -> Client:
    """A logged-in client reading the pages in English, as the messages are checked."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sent_to_head(people: dict[str, User], obligation: Obligation) -> Report:
    set_sign_off(agency=obligation.agency, required=True, by=people["head"])
    focal = as_user(people["focal"])
    data = report_data(1, submit="", explanation="Chậm do chờ ý kiến.")
    response = focal.post(url("save", obligation), data, follow=True)
    assert any("sign-off" in m for m in messages_of(response)), messages_of(response)
    return Report.objects.get(obligation=obligation)


def test_the_head_signs_off_from_the_report_page(people, obligation):
    report = sent_to_head(people, obligation)
    assert report.state == ReportState.AWAITING_SIGN_OFF
    # The focal point sees it waiting, cannot change it, and a second submit is harmless.
    focal = as_user(people["focal"])
    page = focal.get(url("obligation", obligation)).content.decode()
    assert 'data-state="awaiting_sign_off"' in page and 'id="report-form"' not in page
    assert 'id="sign-off-form"' not in page
    same = report_data(1, submit="", explanation="Chậm do chờ ý kiến.")
    again = focal.post(url("save", obligation), same, follow=True)
    assert any("already sent" in m for m in messages_of(again))
    # Other text from an old tab is not silently dropped: the page says why and shows it.
    other = focal.post(url("save", obligation), {**same, "narrative": "Văn bản khác."})
    assert other.status_code == 409 and "Văn bản khác." in other.content.decode()
    # The secretariat sees that it awaits the head, with no review buttons.
    page = as_user(people["secretariat"]).get(url("obligation", obligation)).content.decode()
    assert 'id="awaiting-sign-off"' in page and 'id="approve-button"' not in page

    head = as_user(people["head"])
    mine = head.get(reverse("reporting:mine")).content.decode()
    assert 'id="sign-off-link"' in mine
    listing = head.get(reverse("reporting:sign_off")).content.decode()
    assert f'data-report="{report.pk}"' in listing
    page = head.get(url("obligation", obligation)).content.decode()
    assert 'id="sign-off-form"' in page
    # A stale form is refused with the conflict message.
    stale = head.post(url("sign_off_report", obligation), {"action": "sign", "version": 1})
    assert stale.status_code == 409 and "Someone else saved" in stale.content.decode()
    response = head.post(
        url("sign_off_report", obligation),
        {"action": "sign", "version": report.version, "comment": "Đồng ý"},
        follow=True,
    )
    assert any("signed off" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.history.last().actor == people["head"]


def test_the_head_returns_it_with_a_comment(people, obligation):
    report = sent_to_head(people, obligation)
    head = as_user(people["head"])
    response = head.post(
        url("sign_off_report", obligation),
        {"action": "return", "version": report.version, "comment": ""},
    )
    assert response.status_code == 409 and "Comment: say what" in response.content.decode()
    head.post(
        url("sign_off_report", obligation),
        {"action": "return", "version": report.version, "comment": "Bổ sung số liệu"},
    )
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert report.history.last().comment == "Bổ sung số liệu"
    page = as_user(people["focal"]).get(url("obligation", obligation)).content.decode()
    assert "Bổ sung số liệu" in page and 'id="report-form"' in page


def typed_comment(response) -> str:
    """The head's comment as the page shows it back: in the sign-off form, else to copy."""
    page = str(response.content.decode())
    for marker in ('id="sign_off_comment">', 'id="typed-1">'):
        if marker in page:
            return page.split(marker, 1)[1].split("</textarea>", 1)[0].strip()
    return ""


def test_a_refused_sign_off_keeps_the_heads_comment(people, obligation):
    """Every refusal shows the page with why, and the comment the head typed kept."""
    report = sent_to_head(people, obligation)
    head = as_user(people["head"])
    post = url("sign_off_report", obligation)
    # A stale page: signing off and returning are both refused, the comment in the form.
    for action in ("sign", "return"):
        stale = head.post(post, {"action": action, "version": 1, "comment": "Ý kiến <của> tôi"})
        assert stale.status_code == 409 and "Someone else saved" in stale.content.decode()
        assert typed_comment(stale) == "Ý kiến &lt;của&gt; tôi"
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGN_OFF
    # Too long a comment: the form says so, and keeps it.
    long = head.post(post, {"action": "return", "version": report.version, "comment": "x" * 5001})
    assert long.status_code == 400 and typed_comment(long) == "x" * 5001
    # The focal point takes the report back meanwhile: the head's return is refused, the
    # comment shown to copy.
    focal = as_user(people["focal"])
    focal.post(url("withdraw", obligation), {"version": report.version, "comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    moved = head.post(
        post, {"action": "return", "version": report.version, "comment": "Bổ sung số liệu quý"}
    )
    assert moved.status_code == 409 and "awaiting the head" in moved.content.decode()
    assert typed_comment(moved) == "Bổ sung số liệu quý"
    # Signed off by another tab: a second sign-off with a comment says it was not recorded.
    resend = report_data(report.version, submit="", explanation="Chậm do chờ ý kiến.")
    focal.post(url("save", obligation), resend)
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGN_OFF
    head.post(post, {"action": "sign", "version": report.version, "comment": "Đồng ý"})
    again = head.post(post, {"action": "sign", "version": report.version, "comment": "Lần hai"})
    assert again.status_code == 409 and "not recorded" in again.content.decode()
    assert typed_comment(again) == "Lần hai"
    assert [t.comment for t in Report.objects.get(pk=report.pk).history.all()][-1] == "Đồng ý"


@pytest.mark.parametrize(
    ("who", "status"),
    [("focal", 403), ("other", 404), ("secretariat", 403), ("leader", 403), ("nobody", 404)],
)
def test_only_the_head_signs_off(people, obligation, who, status):
    report = sent_to_head(people, obligation)
    response = as_user(people[who]).post(
        url("sign_off_report", obligation), {"action": "sign", "version": report.version}
    )
    assert response.status_code == status
    assert Report.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGN_OFF


@pytest.mark.parametrize(
    ("who", "status"),
    [("head", 200), ("secretariat", 200), ("leader", 200), ("admin", 200), ("focal", 403)],
)
def test_who_sees_the_sign_off_list(people, obligation, who, status):
    sent_to_head(people, obligation)
    response = as_user(people[who]).get(reverse("reporting:sign_off"))
    assert response.status_code == status


def test_the_list_of_another_agencys_head_is_empty(people, obligation):
    sent_to_head(people, obligation)
    other_head = member("head-tt", "head", "bg.so-tt-tt")
    page = as_user(other_head).get(reverse("reporting:sign_off")).content.decode()
    assert 'id="nothing-awaiting"' in page


def test_the_setting_by_the_head_and_the_secretariat(people, obligation):
    agency = obligation.agency
    setting = reverse("reporting:sign_off_setting")
    # A focal point may not change it.
    response = as_user(people["focal"]).post(setting, {"agency": agency.pk, "required": "on"})
    assert response.status_code == 403
    # The secretariat asks for it, from the list of agencies with a head.
    snv = as_user(people["secretariat"])
    page = snv.get(reverse("reporting:sign_off")).content.decode()
    assert f'<option value="{agency.pk}">' in page
    snv.post(setting, {"agency": agency.pk, "required": "on", "reason": "Quy chế"})
    assert SignOffSetting.objects.is_required(agency.pk)
    # The head stops it (the checkbox unticked).
    head = as_user(people["head"])
    page = head.get(reverse("reporting:sign_off")).content.decode()
    assert f'data-agency="{agency.pk}" data-required="1"' in page
    head.post(setting, {"agency": agency.pk, "reason": "Uỷ quyền"})
    assert not SignOffSetting.objects.is_required(agency.pk)
    # An agency without a head cannot be asked: the message says why.
    no_head = Agency.objects.get(code="bg.so-tt-tt")
    response = snv.post(setting, {"agency": no_head.pk, "required": "on"}, follow=True)
    assert any("no head" in m for m in messages_of(response))
    assert not SignOffSetting.objects.is_required(no_head.pk)


def test_the_list_takes_a_fixed_number_of_queries(
    people, plan, obligation, django_assert_max_num_queries
):
    from cchc.reporting.actions import save_draft, start_report, submit_report

    set_sign_off(agency=obligation.agency, required=True, by=people["head"])
    others = Obligation.objects.filter(
        activity__plan=plan, agency=obligation.agency, role="lead"
    ).order_by("pk")[:5]
    for each in others:
        report = start_report(obligation=each, user=people["focal"])
        save_draft(
            report=report,
            user=people["focal"],
            expected_version=1,
            explanation="Chậm.",
            narrative="Đã triển khai.",
        )
        submit_report(report=report, user=people["focal"], expected_version=report.version)
    client = as_user(people["secretariat"])
    # 15 with the schedule not cached yet (its version read with the rules).
    with django_assert_max_num_queries(15):  # + the merged pages' queues, targets, deadline rules
        page = client.get(reverse("reporting:sign_off")).content.decode()
    assert page.count("data-report=") == len(others)
