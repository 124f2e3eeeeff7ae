"""JUnit XML, which every CI system displays: a test case per service, a failure per problem.

A problem that fails the build is a ``<failure>``; the others (refused markup, a lifecycle that
is not gated) are written to the case's ``<system-out>``, so the case passes and they are still
read. Text is escaped by the XML writer, and characters XML cannot hold are written as escapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree

from sphinx_svcready.core.formats.located import Located, ServiceProblems
from sphinx_svcready.core.subtypes import WARNING_TYPE

# XML 1.0 cannot hold these characters at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _where(problem: Located) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def _fails(problem: Located) -> bool:
    return problem.severity == "error"


def junit_xml(services: Sequence[ServiceProblems]) -> str:
    failures = sum(1 for service in services if any(_fails(p) for p in service.problems))
    suites = ElementTree.Element(
        "testsuites", name="svcready", tests=str(len(services)), failures=str(failures)
    )
    suite = ElementTree.SubElement(
        suites, "testsuite", name="svcready", tests=str(len(services)), failures=str(failures), errors="0"
    )
    for service in services:
        case = ElementTree.SubElement(
            suite, "testcase", name=_xml_text(service.name), classname=_xml_text(service.path)
        )
        others = []
        for problem in service.problems:
            if _fails(problem):
                failure = ElementTree.SubElement(
                    case,
                    "failure",
                    message=_xml_text(problem.message),
                    type=f"{WARNING_TYPE}.{problem.subtype}",
                )
                failure.text = _xml_text(f"{_where(problem)}: {problem.subtype}: {problem.message}")
            else:
                note = " (not gated)" if not problem.blocking else ""
                others.append(_xml_text(f"{_where(problem)}: {problem.subtype}: {problem.message}{note}"))
        if others:
            ElementTree.SubElement(case, "system-out").text = "\n".join(others)
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
    )
