from setuptools import Extension, setup

setup(
    name="mgwrap_ext",
    version="1.0",
    ext_modules=[Extension("mgwrap_ext", ["mgwrap_ext.cc"], language="c++")],
)
