"""Scales, sensors and readers: pure codecs (bytes in, readings out), device profiles loaded from
the top-level ``devices/`` folder, transports and the Modbus RTU master. No Qt here: the GUI's
reader threads and signals live in ``coop_desktop/gui``."""
