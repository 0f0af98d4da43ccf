"""nvo-scan: static analysis of PowerBuilder source exports."""

__version__ = "0.1.0"
