"""Coop Desktop: records, weighing, labels, trace and recall for farmers' cooperatives."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Coop Desktop"
APP_ID = "coop-desktop"
