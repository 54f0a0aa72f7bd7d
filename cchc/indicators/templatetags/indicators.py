"""``{% node_target_rows node as rows %}``: a node's targets with their status today, for the
include ``indicators/_node_targets.html`` that plan pages place."""

from __future__ import annotations

from django import template
from django.utils import timezone

from cchc.indicators import selectors
from cchc.indicators.selectors import TargetRow
from cchc.plans.models import Node

register = template.Library()


@register.simple_tag
def node_target_rows(node: Node) -> list[TargetRow]:
    return selectors.node_targets(node=node, on=timezone.localdate())
