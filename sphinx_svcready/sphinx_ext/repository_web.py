"""The web address of a file in a service's repository, for the paths a file gives as evidence.

``svcready_repository_url`` is a template with ``{path}`` (the file's path in the git work tree);
without it, the repository settings themes read from ``html_context`` (``github_user``,
``github_repo``, ``github_version``, and the same for GitLab) make one. With neither, paths are
shown as file names.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from sphinx.config import Config

from sphinx_svcready.core.model import ServiceReport
from sphinx_svcready.core.reading.confinement import work_tree
from sphinx_svcready.sphinx_ext.evidence_nodes import WebAddress

_HOSTS = {
    "github": "https://github.com/{user}/{repo}/blob/{version}/{{path}}",
    "gitlab": "https://gitlab.com/{user}/{repo}/-/blob/{version}/{{path}}",
}


def template(config: Config) -> str | None:
    """The configured template, else one made from ``html_context``, else ``None``."""
    if config.svcready_repository_url:
        return str(config.svcready_repository_url)
    context: Any = config.html_context if isinstance(config.html_context, dict) else {}
    for host, pattern in _HOSTS.items():
        user, repo = context.get(f"{host}_user"), context.get(f"{host}_repo")
        if isinstance(user, str) and user and isinstance(repo, str) and repo:
            version = context.get(f"{host}_version") or "main"
            quote = urllib.parse.quote
            return pattern.format(user=quote(user), repo=quote(repo), version=quote(str(version)))
    return None


def web_address(config: Config, report: ServiceReport) -> WebAddress | None:
    """Turns a repository path of ``report``'s service into its web address, if one is known."""
    chosen = template(config)
    if chosen is None or report.repository is None:
        return None
    root = Path(report.repository)
    tree = work_tree(root)

    def address(target: str) -> str:
        full = root / target
        relative = full.relative_to(tree) if tree is not None and full.is_relative_to(tree) else Path(target)
        return chosen.replace("{path}", urllib.parse.quote(relative.as_posix()))

    return address
