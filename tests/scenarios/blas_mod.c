/* An extension module (MODNAME) using OpenBLAS's thread settings: two
 * modules show whether they share one OpenBLAS (and one thread pool).
 * OpenBLAS's own prototypes, so that no BLAS headers are needed. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

void openblas_set_num_threads(int n);
int openblas_get_num_threads(void);

#define CAT(a, b) a##b
#define INIT(name) CAT(PyInit_, name)
#define STR2(x) #x
#define STR(x) STR2(x)

static PyObject *set_threads(PyObject *self, PyObject *arg)
{
	(void)self;
	long n = PyLong_AsLong(arg);
	if (n == -1 && PyErr_Occurred())
		return NULL;
	openblas_set_num_threads((int)n);
	Py_RETURN_NONE;
}

static PyObject *threads(PyObject *self, PyObject *unused)
{
	(void)self, (void)unused;
	return PyLong_FromLong(openblas_get_num_threads());
}

static PyMethodDef methods[] = {
	{ "set_threads", set_threads, METH_O, NULL },
	{ "threads", threads, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static PyModuleDef module = {
	PyModuleDef_HEAD_INIT, STR(MODNAME), NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC INIT(MODNAME)(void)
{
	return PyModule_Create(&module);
}
