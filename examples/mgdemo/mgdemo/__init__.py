"""manyguard's demo package: a C++ extension using OpenMP and newer C++
runtime features (see _core.cc)."""
from ._core import harmonic, shortest

__all__ = ["harmonic", "shortest"]
