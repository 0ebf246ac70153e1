// mgdemo._core: a small CPython extension in C++ that uses what makes a
// wheel fragile: OpenMP (a runtime with a thread pool, one per process) and
// C++ runtime features newer than most users' libstdc++ (floating-point
// std::to_chars and std::stringstream::view(), GLIBCXX_3.4.29, GCC 11).
// Built through manyguard, the newer parts are linked privately and hidden
// and the module needs only the baseline's libstdc++ at run time.
//
// It uses only Python's limited API of 3.9 (setup.py defines
// Py_LIMITED_API): one build, _core.abi3.so, imports in every CPython from
// 3.9 on, so the same file runs on an old system's own Python (the demo
// imports it with Debian bullseye's Python 3.9 on its glibc 2.31).
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <charconv>
#include <sstream>
#include <string_view>
#include <vector>

#include <omp.h>

// shortest(values) -> str: each float in its shortest round-trip form.
static PyObject *shortest(PyObject *, PyObject *arg)
{
	Py_ssize_t n = PySequence_Size(arg);
	if (n < 0)
		return nullptr;
	std::stringstream out;
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *item = PySequence_GetItem(arg, i);
		double v = item ? PyFloat_AsDouble(item) : -1.0;
		Py_XDECREF(item);
		if (v == -1.0 && PyErr_Occurred())
			return nullptr;
		char buf[32];
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		if (i)
			out << ' ';
		out.write(buf, r.ptr - buf);
	}
#if _GLIBCXX_USE_CXX11_ABI
	std::string_view text = out.view(); // no copy of the buffer (C++20)
#else
	// Old-ABI streams (baselines before GCC 5: manylinux2014) have no view().
	std::string buffer = out.str();
	std::string_view text = buffer;
#endif
	return PyUnicode_FromStringAndSize(text.data(), (Py_ssize_t)text.size());
}

// harmonic(n) -> (sum of 1/k for k = 1..n, threads used): an OpenMP
// reduction, with the GIL released while the thread pool works.
static PyObject *harmonic(PyObject *, PyObject *arg)
{
	long n = PyLong_AsLong(arg);
	if (n == -1 && PyErr_Occurred())
		return nullptr;
	double sum = 0;
	int threads = 1;
	Py_BEGIN_ALLOW_THREADS
#pragma omp parallel for reduction(+ : sum)
	for (long k = n; k >= 1; k--) {
		if (k == 1)
			threads = omp_get_num_threads();
		sum += 1.0 / (double)k;
	}
	Py_END_ALLOW_THREADS
	return Py_BuildValue("(di)", sum, threads);
}

static PyMethodDef methods[] = {
	{ "shortest", shortest, METH_O, "Shortest round-trip forms of floats (std::to_chars)." },
	{ "harmonic", harmonic, METH_O, "Sum of 1/k for k = 1..n with OpenMP; (sum, threads)." },
	{ nullptr, nullptr, 0, nullptr },
};

static PyModuleDef module = {
	PyModuleDef_HEAD_INIT, "mgdemo._core", "manyguard's demo extension.", -1, methods,
	nullptr, nullptr, nullptr, nullptr,
};

PyMODINIT_FUNC PyInit__core(void)
{
	return PyModule_Create(&module);
}
