"""Which device does which job on this PC: role → (profile, port), kept in QSettings.

Assignments belong to the PC, not the database: another PC of the same cooperative has its own
cables. Keys are ``devices/<role>/profile`` and ``devices/<role>/port``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from coop_desktop import settings as declared

PACKING_SCALE = "packing_scale"
LIVESTOCK_SCALE = "livestock_scale"
EID_READER = "eid_reader"
ROLES = (PACKING_SCALE, LIVESTOCK_SCALE, EID_READER)

@dataclass(frozen=True)
class Assignment:
    """A device profile name (``devices/<name>.toml``) and the port it is on (``COM3``,
    ``/dev/ttyUSB0``, ``tcp://host:port``)."""

    profile: str
    port: str


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def load_assignment(role: str, settings: QSettings | None = None) -> Assignment | None:
    """The stored assignment of ``role``, or None when it has none."""
    store = _settings(settings)
    profile = declared.DEVICE_PROFILE.at(role=role).get(store)
    port = declared.DEVICE_PORT.at(role=role).get(store)
    if not profile and not port:
        return None
    return Assignment(profile, port)


def load_assignments(settings: QSettings | None = None) -> dict[str, Assignment]:
    """Every role of :data:`ROLES` that has an assignment."""
    found = {role: load_assignment(role, settings) for role in ROLES}
    return {role: assignment for role, assignment in found.items() if assignment is not None}


def save_assignment(role: str, assignment: Assignment | None,
                    settings: QSettings | None = None) -> None:
    """Store (or, with None, forget) the assignment of ``role``."""
    store = _settings(settings)
    if assignment is None:
        store.remove(declared.group_key(declared.DEVICE_PROFILE, role=role))
    else:
        declared.DEVICE_PROFILE.at(role=role).set(store, assignment.profile)
        declared.DEVICE_PORT.at(role=role).set(store, assignment.port)
    store.sync()
