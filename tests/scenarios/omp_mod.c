/* An OpenMP extension module (MODNAME) for the scenarios: it starts its
 * runtime's thread pool and shows the runtime's settings, so two modules
 * show whether they share one runtime. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <omp.h>

#define CAT(a, b) a##b
#define INIT(name) CAT(PyInit_, name)
#define STR2(x) #x
#define STR(x) STR2(x)

/* run() -> the number of threads of a parallel region. */
static PyObject *run(PyObject *self, PyObject *unused)
{
	(void)self, (void)unused;
	int threads = 0;
#pragma omp parallel
	{
#pragma omp single
		threads = omp_get_num_threads();
	}
	return PyLong_FromLong(threads);
}

/* set_threads(n): omp_set_num_threads(n), as threadpoolctl or a user's
 * "use one thread" setting would. */
static PyObject *set_threads(PyObject *self, PyObject *arg)
{
	(void)self;
	long n = PyLong_AsLong(arg);
	if (n == -1 && PyErr_Occurred())
		return NULL;
	omp_set_num_threads((int)n);
	Py_RETURN_NONE;
}

/* max_threads() -> omp_get_max_threads() as this module's runtime sees it. */
static PyObject *max_threads(PyObject *self, PyObject *unused)
{
	(void)self, (void)unused;
	return PyLong_FromLong(omp_get_max_threads());
}

static PyMethodDef methods[] = {
	{ "run", run, METH_NOARGS, NULL },
	{ "set_threads", set_threads, METH_O, NULL },
	{ "max_threads", max_threads, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static PyModuleDef module = {
	PyModuleDef_HEAD_INIT, STR(MODNAME), NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC INIT(MODNAME)(void)
{
	return PyModule_Create(&module);
}
