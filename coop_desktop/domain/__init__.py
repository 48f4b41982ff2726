"""The records and the pure rules that protect them. No Qt, no I/O beyond the ORM mapping."""
