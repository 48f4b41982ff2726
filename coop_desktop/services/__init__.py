"""Use cases, one unit of work each: open the session, check the role, write the audit entry."""
