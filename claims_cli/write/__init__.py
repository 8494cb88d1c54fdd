"""Writing files without ever losing the bytes that were there."""
