"""What the windows of one program run share, built once at start-up and passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass

from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.storage.database import Database


@dataclass
class AppContext:
    database: Database
    actor: Actor

    def may(self, permission: Permission) -> bool:
        return self.actor.may(permission)
