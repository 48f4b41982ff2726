"""Reports and exports built from service results (no Qt)."""
