// A C++ extension using a runtime feature newer than manylinux_2_28:
// std::to_chars(double) (GLIBCXX_3.4.29).
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <charconv>
#include <string>

static PyObject *shortest(PyObject *, PyObject *args)
{
	double v;
	if (!PyArg_ParseTuple(args, "d", &v))
		return nullptr;
	char buf[32];
	auto r = std::to_chars(buf, buf + sizeof buf, v);
	std::string s(buf, r.ptr);
	return PyUnicode_FromStringAndSize(s.data(), (Py_ssize_t)s.size());
}

static PyMethodDef methods[] = {
	{ "shortest", shortest, METH_VARARGS, "shortest round-trip form of a float" },
	{ nullptr, nullptr, 0, nullptr },
};

static struct PyModuleDef module = { PyModuleDef_HEAD_INIT, "mgwrap_ext", nullptr, -1, methods };

PyMODINIT_FUNC PyInit_mgwrap_ext(void)
{
	return PyModule_Create(&module);
}
