from ._greet import greet

__all__ = ["greet"]
