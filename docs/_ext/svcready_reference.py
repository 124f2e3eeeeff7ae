"""The reference pages' directives: each writes its part of the reference from the code itself,
so the reference cannot drift from what the package does.

- ``svcready-settings``: every ``svcready_*`` setting, from ``sphinx_ext.options.OPTIONS``;
- ``svcready-warnings``: every warning subtype, from ``core.subtypes.Subtype``;
- ``svcready-commands``: every command's ``--help``, from the argument parser;
- ``svcready-directives``: every directive and its options, from the directive classes;
- ``svcready-checklist``: the packaged checklist's considerations and questions, from its schema;
- ``svcready-format``: the properties of a packaged JSON Schema (``export``, ``facts``, ``history``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_svcready.cli.parser import build_parser
from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.checklist.packaged import shipped_schema
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext import campaign, charts, matrix, summary, trend
from sphinx_svcready.sphinx_ext.options import OPTIONS
from sphinx_svcready.sphinx_ext.service_directive import ServiceReadinessDirective

#: The extension's directives, in the order the reference presents them.
DIRECTIVES = {
    "service-readiness": ServiceReadinessDirective,
    "service-readiness-summary": summary.ServiceReadinessSummaryDirective,
    "service-readiness-matrix": matrix.ServiceReadinessMatrixDirective,
    "service-readiness-chart": charts.ServiceReadinessChartDirective,
    "service-readiness-trend": trend.ServiceReadinessTrendDirective,
    "service-readiness-campaign": campaign.ServiceReadinessCampaignDirective,
}
#: The JSON formats a reference page may describe, by the name its directive takes.
FORMATS = {
    "export": "svcready-export.schema.json",
    "facts": "svcready-facts.schema.json",
    "history": "svcready-history.schema.json",
}
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> list[nodes.Node]:
    """``text`` (plain, or with Markdown-style code spans in single backquotes) as nodes."""
    made: list[nodes.Node] = []
    for index, part in enumerate(_CODE.split(text)):
        if part:
            made.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return made


def entry(
    term: list[nodes.Node], *body: nodes.Node, ids: list[str] | None = None
) -> nodes.definition_list_item:
    item = nodes.definition_list_item()
    item += nodes.term("", "", *term, ids=ids or [])
    definition = nodes.definition()
    definition.extend(body)
    item += definition
    return item


class _Section:
    """Sections with ids the page's other targets do not clash with."""

    def __init__(self, directive: SphinxDirective) -> None:
        self.directive = directive

    def make(self, title: str, key: str) -> nodes.section:
        section = nodes.section(ids=[nodes.make_id(f"ref-{key}")], names=[nodes.fully_normalize_name(title)])
        section += nodes.title(title, title)
        self.directive.state.document.note_implicit_target(section, section)
        return section


class SettingsDirective(SphinxDirective):
    """Every ``svcready_*`` setting: its default, what a change rebuilds, and what it does."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["svcready-reference-settings"])
        for option in OPTIONS:
            default = nodes.paragraph("", "Default: ")
            default += nodes.literal(repr(option.default), repr(option.default))
            rebuilt = "every page is re-read" if option.rebuild == "env" else "nothing is re-read"
            default += nodes.Text(f"; when it changes, {rebuilt}.")
            said, _messages = self.parse_inline(option.help)
            listing += entry(
                [nodes.literal(option.name, option.name)], nodes.paragraph("", "", *said), default
            )
        return [listing]


class WarningsDirective(SphinxDirective):
    """Every warning subtype (``svcready.<subtype>``) and when it is given."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["svcready-reference-warnings"])
        for subtype in Subtype:
            name = f"svcready.{subtype.value}"
            said, _messages = self.parse_inline(subtype.description)
            # The address SARIF's help links give each rule: svcready-unanswered.
            listing += entry(
                [nodes.literal(name, name)], nodes.paragraph("", "", *said), ids=[nodes.make_id(name)]
            )
        return [listing]


@contextmanager
def _columns(width: int) -> Iterator[None]:
    """argparse wraps help to the terminal's width: make it the same on every machine."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


class CommandsDirective(SphinxDirective):
    """``svcready --help``, then a section per command with its description and ``--help``."""

    def run(self) -> list[nodes.Node]:
        sections = _Section(self)
        parser = build_parser()
        found: list[nodes.Node] = []
        with _columns(80):
            found.append(nodes.literal_block(parser.format_help(), parser.format_help(), language="text"))
            for name, command in _commands(parser).items():
                section = sections.make(f"svcready {name}", f"command-{name}")
                if command.description:
                    section += nodes.paragraph("", "", *inline(command.description))
                help_text = command.format_help()
                section += nodes.literal_block(help_text, help_text, language="text")
                found.append(section)
        return found


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


class DirectivesDirective(SphinxDirective):
    """A section per directive: what it does (its docstring) and the options it takes."""

    def run(self) -> list[nodes.Node]:
        sections = _Section(self)
        found: list[nodes.Node] = []
        for name, directive in DIRECTIVES.items():
            section = sections.make(f".. {name}::", f"directive-{name}")
            for paragraph in _paragraphs(directive.__doc__ or ""):
                section += nodes.paragraph("", "", *_rst_inline(paragraph))
            spec = getattr(directive, "option_spec", None) or {}
            if not spec:
                section += nodes.paragraph("", "It takes no options.")
            options = nodes.definition_list()
            for option in spec:
                said, _messages = self.parse_inline(directive.option_help[option])
                options += entry(
                    [nodes.literal(f":{option}:", f":{option}:")], nodes.paragraph("", "", *said)
                )
            if spec:
                section += options
            found.append(section)
        return found


def _paragraphs(docstring: str) -> list[str]:
    lines = [line.strip() for line in docstring.strip().splitlines()]
    return [" ".join(block.split("\n")) for block in "\n".join(lines).split("\n\n") if block.strip()]


def _rst_inline(text: str) -> list[nodes.Node]:
    """A docstring's ````literal```` spans as literals (their only markup here)."""
    made: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"``(.+?)``", text)):
        if part:
            made.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return made


class ChecklistDirective(SphinxDirective):
    """The packaged checklist: a section per consideration with its questions, from the schema."""

    def run(self) -> list[nodes.Node]:
        sections = _Section(self)
        checklist = load_checklist()
        found: list[nodes.Node] = [
            nodes.paragraph(
                "",
                f"{len(checklist.considerations)} considerations, "
                f"{sum(len(c.questions) for c in checklist.considerations)} questions "
                f"(checklist version {checklist.version}).",
            )
        ]
        for consideration in checklist.considerations:
            section = sections.make(consideration.title, f"consideration-{consideration.key}")
            key = nodes.paragraph("", "Key: ")
            key += nodes.literal(consideration.key, consideration.key)
            section += key
            if consideration.plain_description:
                section += nodes.paragraph("", consideration.plain_description)
            questions = nodes.definition_list()
            for question in consideration.questions:
                questions += entry(
                    [nodes.literal(question.key, question.key), nodes.Text(f" ({question.title})")],
                    nodes.paragraph("", _plain(question.text)),
                )
            section += questions
            found.append(section)
        return found


def _plain(text: str) -> str:
    return re.sub(r"``?([^`]+)``?", r"\1", text)


class FormatDirective(SphinxDirective):
    """``.. svcready-format:: export``: the top-level properties of that packaged JSON Schema."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in FORMATS:
            raise self.error(f"unknown format {name!r}; one of {', '.join(FORMATS)}")
        schema = json.loads(shipped_schema(FORMATS[name]).read_text(encoding="utf-8"))
        found: list[nodes.Node] = []
        if schema.get("description"):
            found.append(nodes.paragraph("", "", *inline(schema["description"])))
        found.append(_properties(schema, schema))
        return found


def _properties(schema: dict[str, Any], root: dict[str, Any]) -> nodes.Node:
    listing = nodes.definition_list()
    required = set(schema.get("required", []))
    for key, value in schema.get("properties", {}).items():
        value = _resolved(value, root)
        kind = value.get("type", "")
        kind = " or ".join(kind) if isinstance(kind, list) else kind
        term: list[nodes.Node] = [nodes.literal(key, key)]
        said = ", ".join(part for part in (kind, "required" if key in required else "") if part)
        if said:
            term.append(nodes.Text(f" ({said})"))
        body: list[nodes.Node] = [
            nodes.paragraph("", "", *inline(value.get("description") or value.get("title", "")))
        ]
        items = _resolved(value.get("items", {}), root) if kind == "array" else {}
        if value.get("properties"):
            body.append(_properties(value, root))
        elif items.get("properties"):
            body.append(nodes.paragraph("", "Each item:"))
            body.append(_properties(items, root))
        listing += entry(term, *body)
    return listing


def _resolved(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return schema
    target: Any = root
    for part in reference[2:].split("/"):
        target = target[part]
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("svcready-settings", SettingsDirective)
    app.add_directive("svcready-warnings", WarningsDirective)
    app.add_directive("svcready-commands", CommandsDirective)
    app.add_directive("svcready-directives", DirectivesDirective)
    app.add_directive("svcready-checklist", ChecklistDirective)
    app.add_directive("svcready-format", FormatDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
