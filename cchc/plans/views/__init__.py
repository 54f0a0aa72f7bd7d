"""Views of the plans app: browse and search (browse), upload and confirm (imports), export."""

from cchc.plans.views.browse import (
    import_history,
    node_children,
    node_detail,
    plan_detail,
    plan_list,
)
from cchc.plans.views.export import plan_export
from cchc.plans.views.imports import import_confirm, import_upload

__all__ = [
    "import_confirm",
    "import_history",
    "import_upload",
    "node_children",
    "node_detail",
    "plan_detail",
    "plan_export",
    "plan_list",
]
