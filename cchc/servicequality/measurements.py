"""Computed measurements of the indicators catalogue: the province's figures per period, written
after each rollup refresh; the dashboards, the official report and open data read them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Sum

from cchc.indicators.actions import PeriodOf, record_measurement
from cchc.indicators.models import Indicator, Measurement, MeasurementSource
from cchc.servicequality import formulas
from cchc.servicequality.models import Rollup
from cchc.servicequality.periods import Span

# The plan's indicators that take their values from a 766 indicator.
LINKS: dict[str, tuple[str, ...]] = {
    "766.2.1": (),
    "766.3.3": ("tthc.dossiers_online",),
    "766.3.6": ("tthc.payments_online",),
    "766.4.1": (),
    "766.4.2": ("tthc.results_digitised",),
    "766.4.3": (),
    "766.5.4": ("tthc.satisfaction",),
}
NO_DATA = "Không có hồ sơ trong kỳ (chỉ số {code})."
NOTE = "Tính từ chỉ số {code} (QĐ 766) trên dữ liệu hồ sơ TTHC."


def record_for(spans: Sequence[Span]) -> int:
    """Replace the computed measurements of ``spans`` by the province totals of the rollups."""
    wanted = list(LINKS) + [c for links in LINKS.values() for c in links]
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=wanted)}
    if not indicators:
        return 0
    totals = {
        (row["period"], row["measure"]): (row["n"] or 0, row["d"] or 0)
        for row in Rollup.objects.filter(period__in=[s.key for s in spans], measure__in=list(LINKS))
        .values("period", "measure")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    }
    written = 0
    with transaction.atomic():
        for span in spans:
            label = span.label
            Measurement.objects.filter(
                source=MeasurementSource.COMPUTED,
                indicator__in=list(indicators.values()),
                period_label=label,
                agency__isnull=True,
                report__isnull=True,
            ).delete()
            for code, links in LINKS.items():
                numerator, denominator = totals.get((span.key, code), (0, 0))
                value = formulas.rate(numerator, denominator)
                for target_code in (code, *links):
                    indicator = indicators.get(target_code)
                    if indicator is None:
                        continue
                    record_measurement(
                        indicator=indicator,
                        user=None,
                        period=PeriodOf(span.kind, label, span.start, span.end),
                        value=value,
                        no_data_reason="" if value is not None else NO_DATA.format(code=code),
                        source=MeasurementSource.COMPUTED,
                        note=NOTE.format(code=code),
                        # The counts behind the share: agencies' and periods' values combine
                        # as a ratio of sums.
                        numerator=numerator if value is not None else None,
                        denominator=denominator if value is not None else None,
                    )
                    written += 1
    return written
