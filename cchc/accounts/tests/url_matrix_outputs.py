"""The access rules of the output capabilities (issues 11 and 12: the periodic report, open data
and the public pages, dashboards, dossiers, service quality) and of the health check, for
``test_url_matrix``: each page's name with who may use it."""

from __future__ import annotations

from django.urls import reverse

from cchc.accounts.tests.url_matrix_base import (
    FORBID,
    HIDDEN,
    OF_A,
    OK,
    PLAN,
    SEES_ALL,
    A,
    Case,
    expect,
    get,
    only,
    post,
    url,
)

OUTPUT_PAGES: dict[str, list[Case]] = {
    # The periodic PAR report (cchc.documents): those who see everything read, the secretariat
    # edits and issues; rights are checked before the report is looked up (0: none exists).
    "documents:list": [get(url("documents:list"), only(*SEES_ALL))],
    "documents:open": [post(url("documents:open"), only("secretariat"))],
    **{
        f"documents:{name}": [
            get(
                url(f"documents:{name}", lambda w: 0),
                expect(FORBID, secretariat=HIDDEN, leader=HIDDEN, admin=HIDDEN),
            )
        ]
        for name in ("detail", "preview")
    },
    "documents:version_file": [
        get(
            lambda w: reverse("documents:version_file", args=[0, "pdf"]),
            expect(FORBID, secretariat=HIDDEN, leader=HIDDEN, admin=HIDDEN),
        )
    ],
    **{
        f"documents:{name}": [
            post(url(f"documents:{name}", lambda w: 0), expect(FORBID, secretariat=HIDDEN))
        ]
        for name in ("sections", "issue")
    },
    # Open data (issue 12): the public pages answer everyone, anonymous visitors too; an
    # unpublished (here: unknown) release does not exist for anyone; the secretariat manages.
    **{
        f"opendata:{name}": [get(url(f"opendata:{name}"), expect(OK, anonymous=OK))]
        for name in (
            "public_index",
            "releases",
            "catalog",
            "ckan_package_list",
            "ckan_package_search",
        )
    },
    "opendata:ckan_package_show": [
        get(
            lambda w: "/api/3/action/package_show?id=cchc-2024-year-1-v1",
            expect(HIDDEN, anonymous=HIDDEN),
        )
    ],
    "opendata:public_plan": [
        get(url("opendata:public_plan", PLAN), expect(HIDDEN, anonymous=HIDDEN))
    ],
    "opendata:public_indicator": [
        get(url("opendata:public_indicator", lambda w: "no.such"), expect(HIDDEN, anonymous=HIDDEN))
    ],
    "opendata:release_detail": [
        get(
            url("opendata:release_detail", lambda w: "cchc-2024-year-1-v1"),
            expect(HIDDEN, anonymous=HIDDEN),
        )
    ],
    "opendata:release_file": [
        get(
            url("opendata:release_file", lambda w: "cchc-2024-year-1-v1", lambda w: "progress.csv"),
            expect(HIDDEN, anonymous=HIDDEN),
        )
    ],
    "opendata:manage": [get(url("opendata:manage"), only("secretariat"))],
    "opendata:publication": [post(url("opendata:publication"), only("secretariat"))],
    "opendata:build": [post(url("opendata:build"), only("secretariat"))],
    **{
        f"opendata:{name}": [
            (get if name == "manage_release" else post)(
                url(f"opendata:{name}", lambda w: 999999), expect(FORBID, secretariat=HIDDEN)
            )
        ]
        for name in ("manage_release", "approve", "publish")
    },
    # Leaders' dashboards (issue 12): the province overview and the drill-down for those who
    # see everything; an agency's scorecard for them and the agency's own members.
    "dashboards:overview": [get(url("dashboards:overview"), only(*SEES_ALL))],
    "dashboards:scorecard": [get(url("dashboards:scorecard", A), only(*SEES_ALL, *OF_A))],
    "dashboards:drill": [
        get(url("dashboards:drill", PLAN, lambda w: w.activity.pk), only(*SEES_ALL))
    ],
    # Dossier records (issue 11): every member reads (their own agency's); a dossier that does
    # not exist is 404 for them; no membership, no dossiers.
    "dossiers:list": [get(url("dossiers:list"), expect(OK, nobody=FORBID))],
    "dossiers:detail": [get(url("dossiers:detail", lambda w: 0), expect(HIDDEN, nobody=FORBID))],
    # Service quality (issue 11): the province's page for every member; one agency's for
    # those who see everything and its own members (hidden from the others).
    "servicequality:overview": [get(url("servicequality:overview"), expect(OK, nobody=FORBID))],
    "servicequality:agency": [
        get(
            url("servicequality:agency", lambda w: w.a.code),
            expect(HIDDEN, **dict.fromkeys((*SEES_ALL, *OF_A), OK)),
        )
    ],
    # Monitoring's health check: anyone, no login (it says only ok or unavailable).
    "healthz": [get(lambda w: "/healthz", expect(OK, anonymous=OK))],
}
