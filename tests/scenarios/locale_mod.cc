// A C++ extension module whose state lives in "its" libstdc++: the global
// C++ locale.  Built twice (MODNAME _dyn, _static) to show that a module
// linked with -static-libstdc++ has a runtime of its own.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <locale>
#include <stdexcept>

#define CAT(a, b) a##b
#define INIT(name) CAT(PyInit_, name)
#define STR2(x) #x
#define STR(x) STR2(x)

// set_global(name): std::locale::global(std::locale(name)).
static PyObject *set_global(PyObject *, PyObject *arg)
{
	const char *name = PyUnicode_AsUTF8(arg);
	if (!name)
		return nullptr;
	try {
		std::locale::global(std::locale(name));
	} catch (const std::runtime_error &e) {
		PyErr_SetString(PyExc_RuntimeError, e.what());
		return nullptr;
	}
	Py_RETURN_NONE;
}

// global_name() -> the name of the C++ global locale this module sees.
static PyObject *global_name(PyObject *, PyObject *)
{
	return PyUnicode_FromString(std::locale().name().c_str());
}

static PyMethodDef methods[] = {
	{ "set_global", set_global, METH_O, nullptr },
	{ "global_name", global_name, METH_NOARGS, nullptr },
	{ nullptr, nullptr, 0, nullptr },
};

static PyModuleDef module = {
	PyModuleDef_HEAD_INIT, STR(MODNAME), nullptr, -1, methods, nullptr, nullptr, nullptr, nullptr,
};

PyMODINIT_FUNC INIT(MODNAME)(void)
{
	return PyModule_Create(&module);
}
