"""The build's configuration: the ``svcready_*`` options registered, checked once, made settings.

At ``config-inited`` a bad value is a ``svcready.config`` warning at its line of ``conf.py`` and the
default is used instead, so a typo never stops a build; the checked values then become the one
:class:`~sphinx_svcready.core.settings.Settings` of the build. The options themselves are declared
in ``options.py``.
"""

from __future__ import annotations

import datetime
import re
import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_svcready.core.campaigns import Campaign, CampaignError, read_campaigns
from sphinx_svcready.core.checklist.loading import Checklist, ChecklistError, load_checklist
from sphinx_svcready.core.evaluation_options import EvaluationOptions, epoch_date
from sphinx_svcready.core.settings import Settings, lifecycles, unknown_lifecycles
from sphinx_svcready.core.subtypes import Subtype
from sphinx_svcready.sphinx_ext.options import OPTIONS
from sphinx_svcready.sphinx_ext.warn import warn


def register(app: Sphinx) -> None:
    """Declare every option with Sphinx."""
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types)


def check(app: Sphinx, config: Config) -> None:
    """``config-inited``: replace each bad value by its default, with a warning."""
    for option in OPTIONS:
        value = config[option.name]
        problem = option.problem(value)
        if problem:
            warn(
                Subtype.CONFIG,
                f"{option.name} {problem}, not {value!r}; using {option.default!r}",
                location_of(app, option.name),
            )
            config[option.name] = option.default
    _check_schema(app, config)
    if config.svcready_discover_root:
        # Made absolute here, once, like the schema.
        config.svcready_discover_root = str((Path(app.confdir) / config.svcready_discover_root).resolve())
    _SETTINGS[config] = _settings_from(config)


def _check_schema(app: Sphinx, config: Config) -> None:
    """Load the configured checklist once. One that cannot be loaded is one warning, at the file and
    line to fix, and no service is judged: judging against another checklist than the one chosen
    would only bury that warning under others."""
    # Made absolute here, once, so that directives need not know where conf.py is.
    if config.svcready_schema:
        config.svcready_schema = str((Path(app.confdir) / config.svcready_schema).resolve())
    config.svcready_schema_extensions = [
        str((Path(app.confdir) / name).resolve()) for name in config.svcready_schema_extensions
    ]
    try:
        loaded = load_checklist(schema_path(config), config.svcready_schema_extensions)
    except ChecklistError as error:
        setting = "svcready_schema_extensions" if config.svcready_schema_extensions else "svcready_schema"
        message, where = str(error), error.location
        if where:  # the location names the file: the message need not again
            message = message.removeprefix(f"{where.rpartition(':')[0]}: ")
        elif location_of(app, setting):
            where, message = location_of(app, setting), f"{setting}: {message}"
        warn(Subtype.CONFIG, f"{message}; no service is judged until the checklist loads", where)
        return
    levels = loaded.levels
    unknown = unknown_lifecycles(config.svcready_gate and tuple(config.svcready_gate), loaded)
    if unknown:
        warn(
            Subtype.CONFIG,
            f"svcready_gate names {', '.join(map(repr, unknown))}, which is no lifecycle of the checklist "
            f"({', '.join(lifecycles(loaded))}); every lifecycle is gated until it is fixed",
            location_of(app, "svcready_gate"),
        )
        config.svcready_gate = None
    try:
        read_campaigns(config.svcready_campaigns, "svcready_campaigns", loaded.question_keys)
    except CampaignError as error:
        warn(
            Subtype.CONFIG, f"{error}; no campaign of conf.py is used", location_of(app, "svcready_campaigns")
        )
        config.svcready_campaigns = {}
    for lifecycle, level in sorted(config.svcready_required_level.items()):
        if level not in levels:
            known = ", ".join(levels) or "none: the checklist defines no levels"
            warn(
                Subtype.CONFIG,
                f"svcready_required_level: {lifecycle!r} asks for the level {level!r}, which the "
                f"checklist does not define (its levels: {known}); ignored",
                location_of(app, "svcready_required_level"),
            )
            config.svcready_required_level = {
                key: value for key, value in config.svcready_required_level.items() if key != lifecycle
            }


def checklist(config: Config) -> Checklist:
    """The checklist of this build: the configured schema with the configured extensions."""
    return settings(config).checklist()


#: The settings of each build, made once from its checked configuration.
_SETTINGS: weakref.WeakKeyDictionary[Config, Settings] = weakref.WeakKeyDictionary()


def settings(config: Config) -> Settings:
    """The settings of this build (made at ``config-inited``, after every value is checked)."""
    made = _SETTINGS.get(config)
    if made is None:
        made = _SETTINGS[config] = _settings_from(config)
    return made


def campaigns(config: Config) -> dict[str, Campaign]:
    """Every campaign by name: the checklist's, then conf.py's (which replace theirs of a name)."""
    try:
        declared = checklist(config).campaigns
    except ChecklistError:
        declared = ()
    found = {campaign.name: campaign for campaign in declared}
    found.update((c.name, c) for c in read_campaigns(config.svcready_campaigns, "svcready_campaigns"))
    return found


def _settings_from(config: Config) -> Settings:
    return Settings(
        schema=schema_path(config),
        extensions=tuple(Path(extension) for extension in config.svcready_schema_extensions),
        evaluation=EvaluationOptions(
            placeholders=tuple(config.svcready_placeholders),
            today=today(config),
            required_levels=required_levels(config),
            waiver_warn_days=config.svcready_waiver_warn_days,
            review_max_age_days=config.svcready_review_max_age_days,
            upcoming_warn_days=config.svcready_upcoming_warn_days,
            gate=None if config.svcready_gate is None else tuple(config.svcready_gate),
        ),
        max_bytes=config.svcready_max_bytes,
        backstage=config.svcready_backstage,
        evidence=config.svcready_evidence,
        evidence_root=config.svcready_evidence_root,
    )


def location_of(app: Sphinx, name: str) -> str | None:
    """``conf.py:LINE`` of the line that sets ``name``, when it can be found."""
    conf = Path(app.confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    setting = re.compile(rf"^\s*{re.escape(name)}\s*[:=]")
    found = [number for number, line in enumerate(lines, 1) if setting.match(line)]
    # The last assignment is the one in force.
    return f"{conf}:{found[-1]}" if found else None


def schema_path(config: Config) -> Path | None:
    """The configured schema file, or ``None`` for the packaged one."""
    return Path(config.svcready_schema) if config.svcready_schema else None


def required_levels(config: Config) -> tuple[tuple[str, str], ...]:
    """(lifecycle, level) pairs from ``svcready_required_level``, for the evaluation options."""
    return tuple(sorted(config.svcready_required_level.items()))


def today(config: Config) -> datetime.date:
    """The date waivers are judged against in this build."""
    if config.svcready_today:
        return datetime.date.fromisoformat(config.svcready_today)
    return epoch_date() or datetime.date.today()
