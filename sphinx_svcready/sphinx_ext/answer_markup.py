"""Parse the reStructuredText of one answer safely.

Answers may use inline markup (emphasis, literals, links, Sphinx cross-references) and simple
block markup (paragraphs, lists, literal blocks). Each answer is parsed into a throwaway document
so that nothing it does (substitution definitions, targets, titles) reaches the page; no
directive runs at all, only a fixed set of harmless roles does, raw output and file insertion are
off, and the resulting nodes are filtered against an allow-list before they join the page.

The refusals are the parser's own: its states are subclasses that treat every directive as
unknown, and its inline parser treats every role off the list as unknown, so docutils' lookup
functions and registries are never touched and a page's own directives and roles are unaffected.
"""

from __future__ import annotations

import copy
import functools
import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import Parser, languages, states
from docutils.statemachine import string2lines
from docutils.utils import new_document
from sphinx import addnodes

ALLOWED_ROLES = frozenset(
    {
        "",  # the project's default role
        "emphasis",
        "strong",
        "literal",
        "code",
        "math",
        "sub",
        "subscript",
        "sup",
        "superscript",
        "title",
        "title-reference",
        "t",
        "abbr",
        "abbreviation",
        "ab",
        "acronym",
        "ac",
        "ref",
        "doc",
        "term",
        "std:ref",
        "std:doc",
        "std:term",
        "pep",
        "rfc",
        "kbd",
        "samp",
        "command",
        "file",
        "guilabel",
        "menuselection",
        "dfn",
        "envvar",
        "program",
        "option",
        "service",
    }
)
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})

_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Text,
    nodes.paragraph,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.definition,
    nodes.literal_block,
    nodes.block_quote,
    nodes.line_block,
    nodes.line,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.title_reference,
    nodes.subscript,
    nodes.superscript,
    nodes.abbreviation,
    nodes.math,
    addnodes.pending_xref,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
)
# Characters that inline markup, standalone links and e-mail addresses all need.
_INLINE_HINT = re.compile(r"[`*_|\\\[\]<>@:]")
# The start of a line that can only be paragraph text, never block markup: a letter or digit,
# or an inline literal, reference or emphasis (not a bullet, table border or section adornment).
_PARAGRAPH_LINE = re.compile(r"[^\W_]|``?[^`\s]|\*\*?[^*\s]")
# Lines that begin like an enumerated list item ("1. ", "b) ", "(iv) ") are left to the parser.
_ENUMERATOR = re.compile(r"\(?(?:[0-9]+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)[.)](?:\s|$)")
_WHITESPACE_CONVERTED = re.compile(r"[\t\v\f]")


def parse_answer(text: str, page: nodes.document) -> tuple[list[nodes.Node], list[str]]:
    """Nodes for ``text`` and messages about markup that was refused or broken."""
    paragraphs = simple_paragraphs(text)
    if paragraphs is not None and not _INLINE_HINT.search(text) and not _implicit_links(page):
        return [nodes.paragraph(block, block) for _, block in paragraphs], []
    scratch = _scratch_document(page)
    if paragraphs is None:
        _PARSER.parse(text, scratch)
    else:
        _parse_paragraphs(paragraphs, scratch)
    messages: list[str] = []
    children = _clean(list(scratch.children), messages)
    # Nodes remember their document: point them at the page, or every answer's scratch document
    # (reporter, settings and all) would be pickled with the page and kept in memory.
    for child in children:
        for node in child.findall():
            node.document = page
    return children, messages


# What can make markup in a checklist's text: its questions are full of colons, which alone cannot.
_CHECKLIST_HINT = re.compile(r"[`*|\\\[\]<>@]|_\b|://")


def parse_checklist_text(text: str, page: nodes.document) -> tuple[list[nodes.Node], list[str]]:
    """Nodes for a question or description of the checklist, parsed as an answer is; the plain
    sentences most of them are become a paragraph without the parser."""
    if not _CHECKLIST_HINT.search(text) and "\n" not in text and not _implicit_links(page):
        return [nodes.paragraph(text, text)], []
    return parse_answer(text, page)


class _NoDirectives:
    """Mixed into every state of the answer parser: a directive is unknown, whatever its name,
    and nested blocks (list items, quotes) are parsed by these same states."""

    # docutils keeps finished nested state machines for reuse on its base state class; a page's
    # machine must never parse an answer, nor an answer's a page.
    nested_sm_cache: list[Any] = []

    def __init__(self, state_machine: Any, debug: bool = False) -> None:
        super().__init__(state_machine, debug)  # type: ignore[call-arg]
        self.nested_sm_kwargs = {"state_classes": _ANSWER_STATES, "initial_state": "Body"}

    def run_directive(self, directive: Any, match: Any, type_name: str, option_presets: Any) -> Any:
        # Every way to a directive (explicit markup, a substitution definition) ends here.
        return self.unknown_directive(type_name)  # type: ignore[attr-defined]


_ANSWER_STATES: tuple[type[states.State], ...] = tuple(
    type(state.__name__, (_NoDirectives, state), {}) for state in states.state_classes
)


class _AnswerInliner(states.Inliner):  # type: ignore[misc]
    """The inline parser of answers: a role off :data:`ALLOWED_ROLES` is unknown."""

    def interpreted(self, rawsource: str, text: str, role: str, lineno: int) -> Any:
        if role.lower() in ALLOWED_ROLES:
            return super().interpreted(rawsource, text, role, lineno)
        message = self.reporter.error(f'Unknown interpreted text role "{role}".', line=lineno)
        return [self.problematic(rawsource, rawsource, message)], [message]


# docutils builds the inline patterns from the attributes of the inliner's own class (not those it
# inherits), so the pattern pieces are copied onto the subclass.
for _name, _piece in vars(states.Inliner).items():
    if isinstance(_piece, str) and not _name.startswith("__"):
        setattr(_AnswerInliner, _name, _piece)


class _AnswerParser(Parser):  # type: ignore[misc]
    """The reStructuredText parser, keeping one state machine for every answer.

    Building the state machine (every state, every transition) costs more than parsing a short
    answer; a machine can run again once its previous run has finished, so one is kept.
    """

    _machine: states.RSTStateMachine | None = None

    def parse(self, inputstring: str, document: nodes.document) -> None:
        self.setup_parse(inputstring, document)
        if self._machine is None:
            self._machine = states.RSTStateMachine(
                state_classes=_ANSWER_STATES, initial_state=self.initial_state
            )
        lines = string2lines(inputstring, tab_width=document.settings.tab_width, convert_whitespace=True)
        try:
            self._machine.run(lines, document, inliner=_inliner_for(document.settings))
        except BaseException:
            self._machine = None  # never reuse a machine stopped half-way
            raise
        self._machine.observers.clear()  # each run adds its document's observer
        self.finish_parse()


_PARSER = _AnswerParser()


def simple_paragraphs(text: str) -> list[tuple[int, str]] | None:
    """The paragraphs (first line, text) of ``text`` when it holds nothing else, else ``None``.

    Most answers are a sentence or two. Their block structure is known from their lines alone, so
    only their inline markup needs parsing; anything that could be a list, a quote, a table, a
    title or a literal block is left to the full parser. The reStructuredText parser gives the
    same nodes for every text this accepts (the test suite checks that, property by property).
    """
    if "::" in text or _WHITESPACE_CONVERTED.search(text):
        return None
    paragraphs: list[tuple[int, str]] = []
    block: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip()
        if not line:
            if block:
                paragraphs.append((number - len(block), "\n".join(block)))
                block = []
            continue
        if not _PARAGRAPH_LINE.match(line) or _ENUMERATOR.match(line):
            return None
        block.append(line)
    if block:
        paragraphs.append((number + 1 - len(block), "\n".join(block)))
    return paragraphs


def _implicit_links(page: nodes.document) -> bool:
    """Whether plain words can become links on this page ("PEP 8" with pep_references on)."""
    settings = page.settings
    return bool(getattr(settings, "pep_references", None) or getattr(settings, "rfc_references", None))


@functools.lru_cache(maxsize=4)
def _inliner(character_level: bool, pep: bool, rfc: bool) -> states.Inliner:
    """An inline parser for these settings; setting one up costs more than parsing an answer."""
    settings = SimpleNamespace(
        character_level_inline_markup=character_level, pep_references=pep, rfc_references=rfc
    )
    inliner = _AnswerInliner()
    inliner.init_customizations(settings)
    return inliner


def _inliner_for(settings: Any) -> states.Inliner:
    return _inliner(
        bool(getattr(settings, "character_level_inline_markup", False)),
        bool(getattr(settings, "pep_references", False)),
        bool(getattr(settings, "rfc_references", False)),
    )


def _parse_paragraphs(paragraphs: list[tuple[int, str]], scratch: nodes.document) -> None:
    """What the parser makes of these paragraphs, made by the inline parser alone."""
    inliner = _inliner_for(scratch.settings)
    source = scratch.get("source")
    scratch.reporter.get_source_and_line = lambda lineno=None: (source, lineno)
    memo = states.Struct(
        document=scratch,
        reporter=scratch.reporter,
        language=languages.get_language(scratch.settings.language_code, scratch.reporter),
        title_styles=[],
        section_level=0,
        section_bubble_up_kludge=False,
        inliner=inliner,
    )
    for line, block in paragraphs:
        children, messages = inliner.parse(block, line, memo, scratch)
        scratch += nodes.paragraph(block, "", *children)
        scratch.extend(messages)


def _scratch_document(page: nodes.document) -> nodes.document:
    settings = copy.copy(page.settings)
    settings.raw_enabled = False
    settings.file_insertion_enabled = False
    # Problems are collected from the tree and reported once, at the answer's line.
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = None
    return new_document(page.get("source", "<answer>"), settings)


def _clean(children: list[nodes.Node], messages: list[str]) -> list[nodes.Node]:
    cleaned: list[nodes.Node] = []
    for child in children:
        for node in _clean_node(child, messages):
            previous = cleaned[-1] if cleaned else None
            # Nested errors (a refused directive inside a substitution) repeat the same source.
            if isinstance(node, nodes.literal_block) and isinstance(previous, nodes.literal_block):
                if node.astext() in previous.astext():
                    continue
                if previous.astext() in node.astext():
                    cleaned.pop()
            cleaned.append(node)
    return cleaned


def _clean_node(node: nodes.Node, messages: list[str]) -> list[nodes.Node]:
    if isinstance(node, nodes.system_message):
        if node["level"] >= 2:
            messages.append(_first_paragraph(node))
        # An unknown directive keeps its source in a literal block: show it as the text it is.
        return [_as_plain_text(block) for block in node.findall(nodes.literal_block)]
    if isinstance(node, (nodes.target, nodes.comment, nodes.substitution_definition)):
        return []
    if isinstance(node, nodes.reference):
        return _clean_reference(node, messages)
    if isinstance(
        node,
        (
            nodes.problematic,
            nodes.substitution_reference,
            nodes.footnote_reference,
            nodes.citation_reference,
            nodes.raw,
        ),
    ):
        if not isinstance(node, nodes.problematic):
            messages.append(f"{node.tagname.replace('_', ' ')}s are not allowed in answers")
        return [nodes.Text(node.rawsource or node.astext())]
    if not isinstance(node, _ALLOWED_NODES):
        if isinstance(node, nodes.TextElement):
            # Titles and other text blocks become ordinary paragraphs.
            messages.append(
                f"a {node.tagname.replace('_', ' ')} is not allowed in an answer; it is shown as a paragraph"
            )
            return [nodes.paragraph("", node.astext())]
        return _clean(list(node.children), messages) if isinstance(node, nodes.Element) else []
    if isinstance(node, nodes.Element):
        node.children, old = [], node.children
        for child in _clean(old, messages):
            node.append(child)
    return [node]


def is_safe_link(uri: str) -> bool:
    """An http, https, mailto or relative link that parses; never ``javascript:`` and the like."""
    try:
        scheme = urlsplit(re.sub(r"[\x00-\x20]", "", uri)).scheme.lower()
    except ValueError:  # such as "http://[" (an unclosed IPv6 address)
        return False
    return scheme in SAFE_SCHEMES


def _as_plain_text(block: nodes.literal_block) -> nodes.literal_block:
    plain = nodes.literal_block(block.astext(), block.astext())
    plain["language"] = "text"
    return plain


def _clean_reference(node: nodes.reference, messages: list[str]) -> list[nodes.Node]:
    uri = node.get("refuri")
    if uri is None:
        return [nodes.Text(node.astext())]
    if not is_safe_link(uri):
        messages.append(f"the link to '{uri}' was removed: only http, https and mailto links are allowed")
        return [nodes.Text(node.astext())]
    clean = nodes.reference("", "", refuri=uri)
    clean.extend(_clean(list(node.children), messages))
    return [clean]


def _first_paragraph(message: nodes.system_message) -> str:
    paragraph = next(iter(message.findall(nodes.paragraph)), None)
    return str((paragraph or message).astext()).strip()
