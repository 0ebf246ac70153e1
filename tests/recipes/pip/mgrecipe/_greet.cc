// A CPython extension over the recipes' C++ library.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <exception>

#include "greet.h"

static PyObject *py_greet(PyObject *, PyObject *arg)
{
	double v = PyFloat_AsDouble(arg);
	if (v == -1.0 && PyErr_Occurred())
		return nullptr;
	try {
		std::string s = greet(v);
		return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
	} catch (const std::exception &e) {
		PyErr_SetString(PyExc_RuntimeError, e.what());
		return nullptr;
	}
}

static PyMethodDef methods[] = {
	{"greet", py_greet, METH_O, "greet(float) -> str"},
	{nullptr, nullptr, 0, nullptr},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_greet", nullptr, -1, methods,
				    nullptr, nullptr, nullptr, nullptr};

PyMODINIT_FUNC PyInit__greet(void)
{
	return PyModule_Create(&module);
}
