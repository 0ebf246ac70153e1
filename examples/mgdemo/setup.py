# The demo package, built with plain setuptools.  Nothing here knows about
# manyguard: CC=manyguard-cc CXX=manyguard-c++ is the whole integration.
from setuptools import Extension, setup

setup(
    name="mgdemo",
    version="1.0",
    packages=["mgdemo"],
    ext_modules=[
        Extension(
            "mgdemo._core",
            sources=["mgdemo/_core.cc"],
            language="c++",
            extra_compile_args=["-std=c++20", "-fopenmp"],
            extra_link_args=["-fopenmp"],
        )
    ],
)
