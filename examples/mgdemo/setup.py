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
            # Python's limited API of 3.9: one _core.abi3.so for CPython 3.9
            # and later, and a wheel tagged cp39-abi3.
            define_macros=[("Py_LIMITED_API", "0x03090000")],
            py_limited_api=True,
            extra_compile_args=["-std=c++20", "-fopenmp"],
            extra_link_args=["-fopenmp"],
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp39"}},
)
