"""What the repository's evidence adds to a question on its page: a badge, what proved or
contradicted the answer, and the links the file gives as evidence.

Every word here was read from a repository or a catalog file, so it goes in as text, never as
markup; a link is made only from an http(s) address.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.locale import get_translation

from sphinx_svcready.core.model import Outcome, QuestionResult
from sphinx_svcready.sphinx_ext.answer_markup import is_safe_link

_ = get_translation("sphinx_svcready")

#: The web address of a path in the service's repository, when the build knows one.
WebAddress = Callable[[str], "str | None"]

_BADGES = {Outcome.VERIFIED: _("verified"), Outcome.CONTRADICTED: _("contradicted")}


def evidence_badge(question: QuestionResult) -> nodes.classifier | None:
    """The *verified* or *contradicted* badge beside the question's state, if it has one."""
    outcome = question.evidence_outcome
    if outcome not in _BADGES:
        return None
    label = _BADGES[outcome]
    return nodes.classifier(label, label, classes=["svcready-badge", f"svcready-badge-{outcome.value}"])


def evidence_links(question: QuestionResult, web_address: WebAddress | None) -> nodes.paragraph:
    """The links the file gives as evidence: addresses as links, repository paths as links to the
    repository's web address when the build knows one, else as file names."""
    line = nodes.paragraph("", "", nodes.strong("", _("Evidence: ")), classes=["svcready-evidence-links"])
    for index, link in enumerate(question.links):
        if index:
            line += nodes.Text(", ")
        address = link.target if link.kind == "url" else (web_address(link.target) if web_address else None)
        shown: nodes.Node = (
            nodes.literal(link.target, link.target) if link.kind == "path" else nodes.Text(link.target)
        )
        # A path that is not there would link to a page that is not there either.
        if address is not None and is_safe_link(address) and link.exists is not False:
            line += nodes.reference("", "", shown, refuri=address)
        else:
            line += shown
        if link.exists is False:
            line += nodes.Text(" " + _("(missing)"))
    return line


def evidence_lines(question: QuestionResult) -> list[nodes.Node]:
    """What the repository's evidence says about the answer. Its words are read from files, so
    they go in as text, never as markup."""
    shown = []
    for outcome, label in (
        (Outcome.CONTRADICTED, _("Contradicted by the repository: ")),
        (Outcome.VERIFIED, _("Verified: ")),
        (Outcome.SUGGESTS, _("The repository suggests: ")),
    ):
        found = [item for item in question.evidence if item.outcome is outcome]
        if not found:
            continue
        says = "; ".join(item.says for item in found)
        if outcome is Outcome.SUGGESTS:
            implied = found[0].implies
            answer = (_("Yes") if implied else _("No")) if isinstance(implied, bool) else str(implied)
            says = f"{answer} ({says})"
        shown.append(
            nodes.paragraph(
                "",
                "",
                nodes.strong("", label),
                nodes.Text(says),
                classes=["svcready-evidence", f"svcready-evidence-{outcome.value}"],
            )
        )
        if outcome is Outcome.CONTRADICTED:
            break  # a contradicted answer is not also shown as verified
    return shown
