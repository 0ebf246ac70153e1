# The compilers come from CC/CXX only: nothing here knows about manyguard.
from setuptools import Extension, setup

setup(
    packages=["mgrecipe"],
    ext_modules=[
        Extension(
            "mgrecipe._greet",
            sources=["mgrecipe/_greet.cc", "greet.cc"],
            include_dirs=["."],
            language="c++",
            extra_compile_args=["-std=c++17"],
        )
    ],
)
