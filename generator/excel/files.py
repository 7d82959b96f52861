"""Atomic writes for the readers' and renderers' callers; the one implementation is ``generator.outputs``."""

from ..outputs import save_atomically, write_atomically

__all__ = ["save_atomically", "write_atomically"]
