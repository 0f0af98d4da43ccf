"""Project settings: ``nvo-scan.toml``, or ``[tool.nvo-scan]`` in ``pyproject.toml``, found upward.

Keys: ``sources`` (paths, relative to the settings file), ``helper`` (regex),
``phases``, ``schema`` and ``existing`` (files). Without settings the current
directory is scanned.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


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


def _load_toml(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None


def find_settings(start: Optional[str] = None) -> Settings:
    """The first ``nvo-scan.toml`` or ``pyproject.toml`` with ``[tool.nvo-scan]`` from ``start`` upward."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in ("nvo-scan.toml", "pyproject.toml"):
            path = os.path.join(folder, name)
            if not os.path.isfile(path):
                continue
            data = _load_toml(path)
            table = data if name == "nvo-scan.toml" else data.get("tool", {}).get("nvo-scan")
            if table is not None:
                return _settings(table, path)
        parent = os.path.dirname(folder)
        if parent == folder:
            return Settings()
        folder = parent


def _settings(table: dict, path: str) -> Settings:
    base = os.path.dirname(path)

    def resolve(value: Optional[str]) -> Optional[str]:
        return None if value is None else os.path.normpath(os.path.join(base, value))

    sources = table.get("sources", ["."])
    if isinstance(sources, str):
        sources = [sources]
    unknown = set(table) - {"sources", "helper", "phases", "schema", "existing"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
    return Settings([resolve(s) for s in sources], table.get("helper"), resolve(table.get("phases")),
                    resolve(table.get("schema")), resolve(table.get("existing")), path)


def load_phases(path: str) -> dict[str, list[str]]:
    """An ordered table of phase name -> procedure names."""
    data = _load_toml(path)
    phases = {}
    for name, procedures in data.items():
        if not isinstance(procedures, list) or not all(isinstance(p, str) for p in procedures):
            raise ConfigError(f"{path}: phase {name!r} must be a list of procedure names")
        phases[str(name)] = procedures
    return phases
