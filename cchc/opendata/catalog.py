"""How the published releases are described to harvesters: a DCAT-AP catalogue in JSON-LD
and CKAN's package dictionaries (``package_list``, ``package_show``, ``package_search``).

Each published release is one dataset (a CKAN package) named by its slug
(``cchc-2024-quarter-1-v2``); each of its files is a distribution (a CKAN resource).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse

from cchc.core.text import fold
from cchc.opendata.models import Release, ReleaseState

SLUG = re.compile(r"^cchc-(?P<year>\d{4})-(?P<kind>[a-z_]+)-(?P<number>\d{1,2})-v(?P<version>\d+)$")
IANA = "https://www.iana.org/assignments/media-types/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "spdx": "http://spdx.org/rdf/terms#",
}

Absolute = Callable[[str], str]


def by_slug(slug: str) -> Release | None:
    """The published release named ``slug``, or None (drafts do not exist publicly)."""
    match = SLUG.match(slug)
    if match is None:
        return None
    return Release.objects.filter(
        state=ReleaseState.PUBLISHED,
        year=int(match["year"]),
        period_kind=match["kind"],
        period_number=int(match["number"]),
        version=int(match["version"]),
    ).first()


def title(release: Release) -> str:
    return f"Dữ liệu mở cải cách hành chính — {release.period_label} (phiên bản {release.version})"


def description(release: Release) -> str:
    text = (
        "Kế hoạch cải cách hành chính, tiến độ thực hiện theo lĩnh vực và cơ quan, chỉ tiêu và "
        f"chuỗi số liệu chỉ số dịch vụ công, chốt đến {release.period_end:%d/%m/%Y}."
    )
    if release.changelog:
        text += f"\n\nThay đổi: {release.changelog}"
    return text


def _iso(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def _typed(value: str, kind: str) -> dict[str, str]:
    return {"@value": value, "@type": f"xsd:{kind}"}


def _file_url(absolute: Absolute, release: Release, path: str) -> str:
    return absolute(reverse("opendata:release_file", args=[release.slug, path]))


def dataset(release: Release, absolute: Absolute) -> dict[str, Any]:
    landing = absolute(reverse("opendata:release_detail", args=[release.slug]))
    issued = _typed(_iso(release.published_at), "dateTime")
    license_ref = {"@id": settings.CCHC_OPENDATA_LICENSE_URL}
    return {
        "@id": landing,
        "@type": "dcat:Dataset",
        "dct:identifier": release.slug,
        "dct:title": {"@value": title(release), "@language": "vi"},
        "dct:description": {"@value": description(release), "@language": "vi"},
        "dct:issued": issued,
        "dct:modified": issued,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.CCHC_OPENDATA_PUBLISHER},
        "dct:license": license_ref,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(release.period_start.isoformat(), "date"),
            "dcat:endDate": _typed(release.period_end.isoformat(), "date"),
        },
        "dcat:keyword": ["cải cách hành chính", "CCHC", release.period_label],
        "owl:versionInfo": str(release.version),
        "dcat:landingPage": {"@id": landing},
        "dcat:distribution": [
            {
                "@id": _file_url(absolute, release, f["path"]),
                "@type": "dcat:Distribution",
                "dct:title": f"{f['title']} ({f['format'].upper()})",
                "dcat:accessURL": {"@id": _file_url(absolute, release, f["path"])},
                "dcat:downloadURL": {"@id": _file_url(absolute, release, f["path"])},
                "dcat:mediaType": {"@id": IANA + f["mediatype"]},
                "dct:format": f["format"].upper(),
                "dct:license": license_ref,
                "dct:issued": issued,
                "dct:modified": issued,
                "dcat:byteSize": _typed(str(f["bytes"]), "nonNegativeInteger"),
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": {"@id": CONTEXT["spdx"] + "checksumAlgorithm_sha256"},
                    "spdx:checksumValue": f["hash"].removeprefix("sha256:"),
                },
            }
            for f in release.files
        ],
    }


def catalogue(releases: list[Release], absolute: Absolute) -> dict[str, Any]:
    latest = max((r.published_at for r in releases if r.published_at), default=None)
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Danh mục dữ liệu mở cải cách hành chính", "@language": "vi"},
        "dct:description": {
            "@value": "Các bản phát hành dữ liệu mở về kế hoạch và kết quả cải cách hành chính.",
            "@language": "vi",
        },
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.CCHC_OPENDATA_PUBLISHER},
        "dct:license": {"@id": settings.CCHC_OPENDATA_LICENSE_URL},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
        "foaf:homepage": {"@id": absolute(reverse("opendata:releases"))},
        "dcat:dataset": [dataset(r, absolute) for r in releases],
    }
    if latest is not None:
        out["dct:modified"] = _typed(_iso(latest), "dateTime")
    return out


def package(release: Release, absolute: Absolute) -> dict[str, Any]:
    """CKAN's package dictionary of a release."""
    when = _iso(release.published_at)
    return {
        "id": release.slug,
        "name": release.slug,
        "title": title(release),
        "notes": description(release),
        "version": str(release.version),
        "type": "dataset",
        "state": "active",
        "private": False,
        "url": absolute(reverse("opendata:release_detail", args=[release.slug])),
        "license_id": settings.CCHC_OPENDATA_LICENSE_ID,
        "license_title": settings.CCHC_OPENDATA_LICENSE_ID,
        "license_url": settings.CCHC_OPENDATA_LICENSE_URL,
        "author": settings.CCHC_OPENDATA_PUBLISHER,
        "organization": {
            "name": "cchc",
            "title": settings.CCHC_OPENDATA_PUBLISHER,
            "type": "organization",
        },
        "metadata_created": when,
        "metadata_modified": when,
        "tags": [{"name": "cai-cach-hanh-chinh"}, {"name": "cchc"}],
        "extras": [
            {"key": "temporal_start", "value": release.period_start.isoformat()},
            {"key": "temporal_end", "value": release.period_end.isoformat()},
            {"key": "period", "value": release.period_label},
            {"key": "changelog", "value": release.changelog},
        ],
        "num_resources": len(release.files),
        "num_tags": 2,
        "resources": [
            {
                "id": f"{release.slug}-{f['name']}",
                "package_id": release.slug,
                "name": f"{f['title']} ({f['format'].upper()})",
                "url": _file_url(absolute, release, f["path"]),
                "format": f["format"].upper(),
                "mimetype": f["mediatype"],
                "size": f["bytes"],
                "hash": f["hash"],
                "created": when,
                "last_modified": when,
                "position": position,
            }
            for position, f in enumerate(release.files)
        ],
    }


def matches(release: Release, query: str) -> bool:
    """CKAN's ``q``, simply: every word found in the name, title or description, accents
    and case ignored."""
    text = fold(f"{release.slug} {title(release)} {description(release)}")
    return all(word in text for word in fold(query).split())
