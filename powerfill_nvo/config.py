"""Project settings: ``nvo-scan.toml``, or ``[tool.nvo-scan]`` in ``pyproject.toml``, found upward.

Keys: ``sources`` (paths, relative to the settings file), ``helper`` (regex),
``phases``, ``schema`` and ``existing`` (files), ``nvo`` (the export a document's
"NVO 12837" means), ``[cite] patterns`` (the team's own citation regexes) and
``[gate]`` (what ``nvo-scan gate`` checks), ``tenant`` (a database URL or a snapshot
file) and ``deploy`` (deploy scripts or folders) for ``nvo-scan drift``, ``cache_size`` (the most
the cache may hold: ``"500MB"``, ``"2GB"`` or bytes), ``jobs`` (processes that parse files, default one
per core). Without
settings the current directory is scanned.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Optional


class ConfigError(Exception):
    """A settings or phases file that cannot be used."""


@dataclass
class Settings:
    sources: list[str] = field(default_factory=lambda: ["."])
    helper: Optional[str] = None
    phases: Optional[str] = None
    schema: Optional[str] = None
    existing: Optional[str] = None
    origin: Optional[str] = None
    nvo: Optional[str] = None
    cite_patterns: list[str] = field(default_factory=list)
    gate: "GateSettings" = field(default_factory=lambda: GateSettings())
    tenant: Optional[str] = None
    deploy: list[str] = field(default_factory=list)
    cache_size: Optional[int] = None
    jobs: Optional[int] = None


@dataclass
class GateSettings:
    """``[gate]``: the documents (cite-check), implementation SQL (compare-procs), tenant snapshot file or
    database URL (``"${VAR}"``: read from that environment variable), deploy scripts and phase (drift)."""

    docs: list[str] = field(default_factory=list)
    implementation: list[str] = field(default_factory=list)
    tenant: Optional[str] = None
    deploy: list[str] = field(default_factory=list)
    phase: Optional[str] = None


def _load_toml(path: str) -> dict:
    if sys.version_info >= (3, 11):  # loaded when there is a settings file to read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files are UTF-8): byte 0x{e.object[e.start]:02x} "
                          f"at offset {e.start}") from None


def find_settings(start: Optional[str] = None) -> Settings:
    """The first ``nvo-scan.toml`` or ``pyproject.toml`` with ``[tool.nvo-scan]`` from ``start`` upward."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in ("nvo-scan.toml", "pyproject.toml"):
            path = os.path.join(folder, name)
            if not os.path.isfile(path):
                continue
            data = _load_toml(path)
            tool = data.get("tool", {})
            table = data if name == "nvo-scan.toml" else tool.get("nvo-scan") if isinstance(tool, dict) else None
            if isinstance(table, dict):
                return _settings(table, path)
            if table is not None:
                raise ConfigError(f"{path}: [tool.nvo-scan] must be a table")
        parent = os.path.dirname(folder)
        if parent == folder:
            return Settings()
        folder = parent


def _settings(table: dict, path: str) -> Settings:
    base = os.path.dirname(path)

    def resolve(value: Optional[str]) -> Optional[str]:
        return None if value is None else os.path.normpath(os.path.join(base, value))

    unknown = set(table) - {"sources", "helper", "phases", "schema", "existing", "nvo", "cite", "gate", "tenant",
                            "deploy", "cache_size", "jobs"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
    helper = table.get("helper")
    if helper is not None:
        helper = helper_pattern(helper, f"{path}: helper")
    file = functools.partial(_file, table=table, path=path, resolve=resolve)
    return Settings(_paths(table.get("sources", ["."]), "sources", path, resolve), helper, file("phases"),
                    file("schema"), file("existing"), path, file("nvo"),
                    _cite_patterns(table.get("cite", {}), path), _gate(table.get("gate", {}), path, resolve),
                    _tenant(table.get("tenant"), path, resolve), _paths(table.get("deploy", []), "deploy", path, resolve),
                    _cache_size(table.get("cache_size"), path), _jobs(table.get("jobs"), path))


def _cache_size(value, path: str) -> Optional[int]:
    """``cache_size``: bytes from ``"500MB"``, ``"2GB"`` or a number; ConfigError otherwise."""
    from .cache import CacheError, parse_size

    try:
        return None if value is None else parse_size(value, f"{path}: cache_size")
    except CacheError as e:
        raise ConfigError(str(e)) from None


def _jobs(value, path: str) -> Optional[int]:
    """``jobs``: a number of processes, at least 1."""
    if value is not None and (type(value) is not int or value < 1):
        raise ConfigError(f"{path}: jobs must be a number of processes (1 or more), not {value!r}")
    return value


def helper_pattern(value, where: str) -> str:
    """``value`` if it is a regular expression Python compiles; ConfigError naming ``where`` otherwise."""
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a regular expression (a string), not {_toml_type(value)}")
    try:
        re.compile(value)
    except re.error as e:
        raise ConfigError(f"{where}: invalid regular expression {value!r}: {e}") from None
    return value


def _file(key: str, table: dict, path: str, resolve) -> Optional[str]:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a file path (a string), not {_toml_type(value)}")
    return resolve(value)


def _toml_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__)


def _tenant(tenant, path: str, resolve) -> Optional[str]:
    """``tenant``: a database URL as written, or a snapshot file relative to the settings file."""
    if tenant is not None and not isinstance(tenant, str):
        raise ConfigError(f"{path}: tenant must be a snapshot file or a database URL")
    return resolve(tenant) if tenant and "://" not in tenant else tenant


def _paths(value, key: str, path: str, resolve) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        found = f"a list holding {_toml_type(next(v for v in values if not isinstance(v, str)))}" \
            if isinstance(values, list) else _toml_type(value)
        raise ConfigError(f"{path}: {key} must be a path or a list of paths, not {found}")
    return [resolve(v) for v in values]


def _cite_patterns(cite: dict, path: str) -> list[str]:
    """``[cite] patterns``: regexes with named groups, checked here so a bad one is reported at once."""
    from .citations import CitePattern, PatternError

    patterns = cite.get("patterns", []) if isinstance(cite, dict) else None
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{path}: [cite] patterns must be a list of regular expressions")
    for pattern in patterns:
        try:
            CitePattern.compile(pattern, path)
        except PatternError as e:
            raise ConfigError(str(e)) from None
    return patterns


def _gate(gate: dict, path: str, resolve) -> GateSettings:
    if not isinstance(gate, dict):
        raise ConfigError(f"{path}: [gate] must be a table")
    unknown = set(gate) - {"docs", "implementation", "tenant", "deploy", "phase"}
    if unknown:
        raise ConfigError(f"{path}: unknown [gate] setting(s): {', '.join(sorted(unknown))}")
    tenant = gate.get("tenant")
    if tenant is not None and not isinstance(tenant, str):
        raise ConfigError(f"{path}: [gate] tenant must be a snapshot file, a database URL or \"${{VARIABLE}}\"")
    if tenant and not tenant.startswith("$") and "://" not in tenant:
        tenant = resolve(tenant)
    phase = gate.get("phase")
    return GateSettings(_paths(gate.get("docs", []), "[gate] docs", path, resolve),
                        _paths(gate.get("implementation", []), "[gate] implementation", path, resolve),
                        tenant, _paths(gate.get("deploy", []), "[gate] deploy", path, resolve),
                        None if phase is None else str(phase))


def load_phases(path: str) -> dict[str, list[str]]:
    """An ordered table of phase name -> procedure names."""
    data = _load_toml(path)
    phases = {}
    for name, procedures in data.items():
        if not isinstance(procedures, list) or not all(isinstance(p, str) for p in procedures):
            raise ConfigError(f"{path}: phase {name!r} must be a list of procedure names")
        phases[str(name)] = procedures
    return phases
