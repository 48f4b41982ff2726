"""Devices in the interface: a reader thread per port and the live weight readout."""
