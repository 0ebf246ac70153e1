// mgdemo._core: a small CPython extension in C++ that uses what makes a
// wheel fragile: OpenMP (a runtime with a thread pool, one per process) and
// C++ runtime features newer than most users' libstdc++ (floating-point
// std::to_chars and std::stringstream::view(), GLIBCXX_3.4.29, GCC 11).
// Built through manyguard, the newer parts are linked privately and hidden
// and the module needs only the baseline's libstdc++ at run time.
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
	PyObject *seq = PySequence_Fast(arg, "shortest() takes a sequence of floats");
	if (!seq)
		return nullptr;
	std::stringstream out;
	Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
	for (Py_ssize_t i = 0; i < n; i++) {
		double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
		if (v == -1.0 && PyErr_Occurred()) {
			Py_DECREF(seq);
			return nullptr;
		}
		char buf[32];
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		if (i)
			out << ' ';
		out.write(buf, r.ptr - buf);
	}
	Py_DECREF(seq);
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
