"""The default agencies' deadline rule of the PAR report (issue 13).

* Province → Bộ Nội vụ: no ``DeadlineRule`` is seeded; the period rules (migration 0002: day
  20 of the period's last month, Văn bản 581/BNV-CCHC) stay the province's deadline until a
  province rule is entered (e.g. to record whether a deadline on a day off moves).
* Agencies → Sở Nội vụ: set by the province's own plan or directive, earlier than the
  province's; not known here. Default day 17 of the last month, unconfirmed: after the
  cut-off on the 14th with at least one working day between them (NĐ 09/2019, khoản 5
  Điều 8; a day 5 or 10 would precede the cut-off), three days before the province's 20th.
  No move off days off until the province says so.
"""

import datetime as dt
from typing import Any

from django.db import migrations

RULES = [
    {
        "audience": "agencies",
        "report": "par",
        "period_kind": "",
        "method": "day_of_last_month",
        "day": 17,
        "move_off_days": False,
        "move_basis": "",
        "valid_from": dt.date(2019, 3, 12),
        "basis_number": "",
        "basis_issuer": "UBND tỉnh",
        "basis_url": "",
        "confirmed": False,
        "missing": "Hạn do kế hoạch/chỉ thị CCHC của tỉnh quy định (số, ngày văn bản) chưa có; ngày 17 là giá trị mặc định. Tỉnh cũng quyết định hạn rơi vào ngày nghỉ có lùi sang ngày làm việc kế tiếp hay không.",
    },
]


def seed(apps: Any, schema_editor: Any) -> None:
    rule = apps.get_model("scheduling", "DeadlineRule")
    change = apps.get_model("scheduling", "DeadlineRuleChange")
    for fields in RULES:
        row = rule.objects.create(**fields)
        change.objects.create(
            rule=row,
            action="created",
            changes={k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in fields.items()},
            reason="Mặc định (issue 13)",
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("scheduling", "DeadlineRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0008_deadline_rules")]

    operations = [migrations.RunPython(seed, unseed)]
