"""Storage: the engine factory, the database handle, migrations, backup and restore."""
