"""Reproducible performance measurements on generated large data (see README.md here)."""
