"""What each page records, and what the build does with the records after reading.

Each page's record is plain dicts and tuples (never docutils nodes), kept by the ``svcready``
domain (domain.py): the services it documents (their export records, problems and waiver
dates), whether it holds a summary, its ``:service:`` references. After reading, every recorded
problem is replayed as a warning (so a build that re-reads nothing still fails on an unanswered
question), and the pages that show other pages' data are rewritten when that data changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from sphinx_svcready.core import portfolio
from sphinx_svcready.core.export import service_record
from sphinx_svcready.core.mentions import MentionFinder
from sphinx_svcready.core.model import Problem, ServiceReport
from sphinx_svcready.core.policy import is_stale
from sphinx_svcready.core.portfolio_index import PortfolioIndex
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.core.text import quoted
from sphinx_svcready.sphinx_ext import config
from sphinx_svcready.sphinx_ext.domain import domain
from sphinx_svcready.sphinx_ext.warn import shown, warn

logger = logging.getLogger(__name__)

#: (subtype, message, location, blocking): ``blocking`` is False for a lifecycle not gated.
ProblemRecord = tuple[str, str, str, bool]


def pages(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """``{docname: page record}`` for every page that uses the extension."""
    return domain(env).pages


def page(env: BuildEnvironment, docname: str) -> dict[str, Any]:
    return pages(env).setdefault(docname, {"services": [], "summary": False, "refs": [], "mentions": False})


def record_service(
    env: BuildEnvironment,
    docname: str,
    location: str,
    report: ServiceReport,
    problems: list[Problem],
    watch: str | None = None,
    folders: list[tuple[str, int]] | None = None,
) -> None:
    """Keep what the build must remember about one rendered ``service.yaml``.

    ``watch`` is a file that was looked for and not found (a ``catalog-info.yaml`` beside the
    service file): the page is read again once it appears. ``folders`` are folders the evidence
    probes listed, with their modification times: the page is read again when one changes.
    """
    waivers = {
        (waiver.until, waiver.expired, waiver.days_left)
        for consideration in report.considerations
        for waiver in (consideration.waiver, *(q.waiver for q in consideration.questions))
        if waiver is not None
    }
    record = service_record(
        report,
        source=_relative(report.source, env.srcdir),
        docname=docname,
        name_file=lambda path: _relative(path, env.srcdir),
    )
    data = page(env, docname)
    data["services"].append(
        {
            **portfolio.local_entry(record, location, report.levels),
            "problems": [
                (p.subtype, p.message, _location(p.source or report.source, p.line), p.blocking)
                for p in sorted(problems, key=lambda p: p.order)
            ],
            "waivers": sorted(waivers),
            "reviews": _reviews(report, env.config),
            # Deadlines still ahead, and the days left to each as the page says them.
            "deadlines": sorted(
                {
                    (q.required_from, q.required_in_days)
                    for c in report.considerations
                    for q in c.questions
                    if q.required_from is not None
                }
            ),
            "watch": [watch] if watch else [],
            "folders": folders or [],
        }
    )
    # Pages that link other services are rewritten when the set of services changes.
    data["mentions"] = (
        data["mentions"]
        or bool(report.service.depends_on)
        or any(q.links_services for c in report.considerations for q in c.questions)
    )


def entry(env: BuildEnvironment, docname: str, name: str) -> dict[str, Any] | None:
    """What ``docname`` recorded of the service ``name``, if it documents it."""
    for item in pages(env).get(docname, {}).get("services", []):
        if item.get("record") is not None and item.get("name") == name:
            return item  # type: ignore[no-any-return]
    return None


def record_problem(
    env: BuildEnvironment, docname: str, location: str, subtype: Subtype, message: str
) -> None:
    """Keep a problem of a directive that has no readable file behind it."""
    page(env, docname)["services"].append(
        {
            "record": None,
            "location": location,
            "problems": [(subtype.value, message, location, True)],
            "waivers": [],
            "reviews": [],
            "watch": [],
        }
    )


def _location(path: str, line: int | None) -> str:
    # Sphinx takes a location without a colon for a docname.
    return f"{path}:{line}" if line else f"{path}:"


def _relative(path: str, srcdir: str | Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(srcdir).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _reviews(report: ServiceReport, settings: Config) -> list[tuple[str | None, bool]]:
    """Each review and sign-off date the page judged, with whether it was stale then."""
    today, limit = config.today(settings), settings.svcready_review_max_age_days
    dates = [report.service.last_reviewed]
    dates += [c.last_reviewed for c in report.considerations if c.last_reviewed]
    signed = [report.service.sign_off, *(c.sign_off for c in report.considerations)]
    dates += [sign_off.on for sign_off in signed if sign_off is not None]
    return [(date, is_stale(date, today, limit)) for date in dates]


def services(env: BuildEnvironment) -> dict[str, portfolio.Documented]:
    """Every documented service by name (see :meth:`ServiceDomain.services`)."""
    return domain(env).services()


def portfolio_index(env: BuildEnvironment) -> PortfolioIndex:
    """Every service a summary may show, indexed by its filters (:meth:`ServiceDomain.portfolio_index`)."""
    return domain(env).portfolio_index()


def remote_services(env: BuildEnvironment) -> list[portfolio.Documented]:
    """The remote exports' services that links and the summary use: those no page here documents."""
    return [service for service in services(env).values() if service.project is not None]


def mention_finder(env: BuildEnvironment) -> MentionFinder:
    """Finds the documented services an answer names."""
    return domain(env).mention_finder()


def after_read(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: replay every warning; name the pages to rewrite because others changed."""
    data = pages(env)
    domain(env).forget_index()
    _emit_warnings(env, data)
    return _pages_to_rewrite(env, data)


def _emit_warnings(env: BuildEnvironment, data: portfolio.Pages) -> None:
    for docname in sorted(data):
        for entry in data[docname]["services"]:
            for subtype, message, location, blocking in entry["problems"]:
                if blocking:
                    warn(subtype, message, location)
                else:
                    shown(subtype, message, location)
    for again, first in portfolio.duplicates(data):
        warn(
            Subtype.DUPLICATE,
            f"service '{again.name}' is documented twice: here and at {first.location}; "
            "links and the summary use the first",
            again.location,
        )
    known = services(env)
    for each in domain(env).remotes:
        for service in each.services:
            here = known[service.name]
            if here.project is None:
                warn(
                    Subtype.DUPLICATE,
                    f"service {quoted(service.name)} is also in the remote export {each.source.project!r} "
                    f"({each.source.location}); links and the summary use this page",
                    here.location,
                )
    for docname in sorted(data):
        for target, location, written in data[docname]["refs"]:
            problem = portfolio.reference_problem(target, known, written)
            if problem:
                warn(Subtype.REF, problem, location)


def _pages_to_rewrite(env: BuildEnvironment, data: portfolio.Pages) -> list[str]:
    """Summaries when any service's data changed; linking pages when the set of services changed."""
    # Made here, before writing, so that parallel writers inherit it rather than each make its own.
    shown = portfolio_index(env).every
    every = [service for service in shown if service.project is None]
    # The summary shows how many days ago each service was reviewed: a new day changes it.
    reviewed = any(s.overview["last-reviewed"] for s in shown)
    remotes = [each.digest for each in domain(env).remotes]
    digests = {
        "records": _digest(
            [s.fingerprint for s in every] + ([str(config.today(env.config))] if reviewed else []) + remotes
        ),
        "index": _digest([(s.name, s.title, s.docname, list(s.considerations)) for s in every] + remotes),
    }
    previous: dict[str, str] = domain(env).data["digests"]
    domain(env).data["digests"] = digests
    rewrite = set()
    if digests["records"] != previous.get("records"):
        rewrite |= {docname for docname, page_data in data.items() if page_data["summary"]}
    if digests["index"] != previous.get("index"):
        rewrite |= {
            docname for docname, page_data in data.items() if page_data["refs"] or page_data["mentions"]
        }
    return sorted(rewrite)


def _digest(value: Iterable[Any]) -> str:
    return hashlib.sha256(json.dumps(list(value), sort_keys=True).encode()).hexdigest()
