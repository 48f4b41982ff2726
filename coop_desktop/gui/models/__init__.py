"""Qt item models over plain rows fetched from services."""
