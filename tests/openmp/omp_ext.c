/* A Python extension using OpenMP, for the shared-runtime tests: threads()
 * runs a parallel region and returns how many threads ran it; runtime()
 * returns the address omp_get_num_threads has in this extension, as the
 * loader bound it (the caller finds the file mapped there in
 * /proc/self/maps: which copy of the runtime the extension really calls). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <omp.h>

static PyObject *threads(PyObject *self, PyObject *args)
{
	int n = 0;
	(void)self;
	(void)args;
#pragma omp parallel
	{
#pragma omp single
		n = omp_get_num_threads();
	}
	return PyLong_FromLong(n);
}

static PyObject *runtime(PyObject *self, PyObject *args)
{
	int (*fn)(void) = omp_get_num_threads;
	(void)self;
	(void)args;
	return PyLong_FromVoidPtr(*(void **)&fn);
}

static PyMethodDef methods[] = {
	{ "threads", threads, METH_NOARGS, "threads of a parallel region" },
	{ "runtime", runtime, METH_NOARGS, "where omp_get_num_threads is" },
	{ NULL, NULL, 0, NULL },
};

static struct PyModuleDef module = { PyModuleDef_HEAD_INIT, "_omp", NULL, -1, methods,
				     NULL, NULL, NULL, NULL };

PyMODINIT_FUNC PyInit__omp(void)
{
	return PyModule_Create(&module);
}
