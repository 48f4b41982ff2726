"""Label printers on this PC: their profiles, and printing through the driver (QPrinter)."""
