"""The YAML reader on its own: lines, YAML 1.2 scalars, and every refusal."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_bytes, load_file, load_text


def load(text: str) -> LoadedDocument:
    return load_text(text, LoadedDocument("service.yaml"))


def only_problem(document: LoadedDocument) -> tuple[str, int | None, str]:
    assert len(document.problems) == 1, document.problems
    problem = document.problems[0]
    return problem.subtype, problem.line, problem.message


def test_lines_of_keys_and_items() -> None:
    document = load(
        "service:\n  name: a\nconsiderations:\n  code:\n    repositories:\n      - one\n      - two\n"
    )
    assert document.lines[("service", "name")] == 2
    assert document.lines[("considerations", "code")] == 4
    assert document.lines[("considerations", "code", "repositories", 1)] == 7
    assert document.line_of(("considerations", "code", "missing")) == 4


def test_yaml_1_2_scalars_keep_words_and_dates_as_text() -> None:
    document = load("a: no\nb: yes\nc: 2027-03-01\nd: on\ne: true\nf: ~\ng: 1.10\nh: 0x1F\n")
    assert document.data == {
        "a": "no",
        "b": "yes",
        "c": "2027-03-01",
        "d": "on",
        "e": True,
        "f": None,
        "g": 1.1,
        "h": 31,
    }
    assert document.number_text[("g",)] == "1.10"


def test_quoted_scalars_are_text() -> None:
    assert load("a: 'true'\nb: \"12\"\n").data == {"a": "true", "b": "12"}


def test_duplicate_key_is_reported_at_the_second() -> None:
    document = load("a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": 3, "b": 2}
    assert only_problem(document) == (
        "yaml",
        3,
        "duplicate key 'a' (first written at line 1); the later value is used, remove one of them",
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hacked']\n",
        "a: !!python/name:os.system\n",
        "a: !custom thing\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_non_standard_tags_are_refused(text: str) -> None:
    subtype, line, message = only_problem(load(text))
    assert (subtype, line) == ("yaml", 1)
    assert "is not allowed" in message


def test_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        previous, name = chr(96 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    subtype, line, message = only_problem(load("\n".join(lines) + "\n"))
    assert subtype == "yaml"
    assert "holds more than 10,000 values (counting those repeated through aliases)" in message
    assert line is not None and line <= 9


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    subtype, line, message = only_problem(load("a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert (subtype, line) == ("yaml", 1)
    assert "nest" in message  # libyaml refuses first when present; our own limit otherwise


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("service:\n\tname: a\n", 2, "tabs for indentation"),
        ("service:\n  name: 'unclosed\n  owner: b\n", 2, "closing quote is missing"),
        ("service:\n  name: a\n   owner: b\n", 3, "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("- a\n- b\n", 1, "must be a mapping"),
        ("just text\n", 1, "must be a mapping"),
        ("", 1, "is empty"),
        ("# only a comment\n", 1, "is empty"),
    ],
)
def test_unusable_files_are_one_yaml_problem_at_a_line(text: str, line: int, fragment: str) -> None:
    document = load(text)
    subtype, found_line, message = only_problem(document)
    assert (subtype, found_line) == ("yaml", line)
    assert fragment in message
    assert not document.ok


def test_invalid_utf8_names_its_line() -> None:
    document = load_bytes(b"service:\n  name: caf\xe9\n", LoadedDocument("service.yaml"))
    assert only_problem(document) == ("yaml", 2, "is not valid UTF-8 text; save it as UTF-8")


def test_utf8_bom_is_accepted() -> None:
    document = load_bytes(b"\xef\xbb\xbfservice:\n  name: a\n", LoadedDocument("service.yaml"))
    assert document.data == {"service": {"name": "a"}}
    assert document.problems == []


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "service.yaml"
    path.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    subtype, line, message = only_problem(load_file(path, max_bytes=1000))
    assert (subtype, line) == ("yaml", 1)
    assert "over the limit of 1,000 bytes" in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert only_problem(load_file(tmp_path / "nope.yaml"))[::2] == (
        "file",
        "cannot be read: No such file or directory",
    )
    assert only_problem(load_file(tmp_path))[::2] == ("file", "is a folder, not a YAML file")


def test_own_nesting_limit_with_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from sphinx_svcready.core.reading import yaml_reader

    monkeypatch.setattr(yaml_reader, "_Parser", yaml.SafeLoader)
    subtype, line, message = only_problem(
        load("a:\n" + "".join("  " * i + "- \n" for i in range(1, 3)) + "b: " + "[" * 200 + "]" * 200)
    )
    assert subtype == "yaml"
    assert "nests deeper than 64 levels" in message
    assert line == 4


def test_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "service.yaml"
    os.mkfifo(fifo)
    loaded: list[LoadedDocument] = []
    # Reading a pipe that nobody writes to would wait forever: fail instead of hanging the suite.
    worker = threading.Thread(target=lambda: loaded.append(load_file(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert loaded, "load_file waited on a pipe"
    assert [(p.subtype, p.message) for p in loaded[0].problems] == [
        ("file", "is not a regular file (a pipe or a device?)")
    ]
