"""Nodes for what an organisation's checklist adds to a service's page: the service's tier with
its name and description, sign-offs, and the tiers a question is asked of."""

from __future__ import annotations

from docutils import nodes
from sphinx.locale import get_translation

from sphinx_svcready.core.checklist.tiers import TierId, tier_named
from sphinx_svcready.core.model import ServiceReport, SignOff

_ = get_translation("sphinx_svcready")


def tier_text(report: ServiceReport) -> nodes.paragraph | None:
    """``A (Business critical): revenue stops when it stops.`` for the tier the file names; with
    no name, just the tier (``None`` when the file names none)."""
    if report.service.tier is None:
        return None
    tier = tier_named(report.service.tier, report.tiers)
    paragraph = nodes.paragraph(classes=["svcready-tier"])
    paragraph += nodes.Text(str(tier.id))
    if tier.name:
        paragraph += nodes.Text(f" ({tier.name})")
    if tier.description:
        paragraph += nodes.Text(": ")
        paragraph += nodes.inline("", tier.description, classes=["svcready-tier-description"])
    return paragraph


def sign_off_text(sign_off: SignOff) -> nodes.paragraph:
    """``Platform team, on 2026-10-14 (architecture review)``."""
    paragraph = nodes.paragraph(classes=["svcready-sign-off"])
    paragraph += nodes.Text(_("%(by)s, on %(on)s") % {"by": sign_off.by, "on": sign_off.on})
    if sign_off.note:
        paragraph += nodes.Text(f" ({sign_off.note})")
    return paragraph


def consideration_sign_off(sign_off: SignOff) -> nodes.paragraph:
    """The sign-off line under a consideration's description."""
    paragraph = sign_off_text(sign_off)
    paragraph.insert(0, nodes.strong("", _("Signed off: ")))
    return paragraph


def asked_of(tiers: tuple[TierId, ...], report: ServiceReport) -> nodes.paragraph:
    """``Asked of tier 1 (Critical) and tier 2 (Important) services.``"""
    words = [tier_named(tier, report.tiers).words for tier in tiers]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + _(" and ") + words[-1]
    return nodes.paragraph(
        "", _("Asked of %(tiers)s services.") % {"tiers": listed}, classes=["svcready-asked-of"]
    )
