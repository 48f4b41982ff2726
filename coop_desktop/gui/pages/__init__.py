"""One page per area of the cooperative's work."""
