/* An extension module (MODNAME) calling a library's version function FN
 * (zlibVersion, XML_ExpatVersion: both `const char *FN(void)`) and saying
 * which loaded file provided it: the copy it ships, or another. */
#define _GNU_SOURCE
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <dlfcn.h>

const char *FN(void);

#define CAT(a, b) a##b
#define INIT(name) CAT(PyInit_, name)
#define STR2(x) #x
#define STR(x) STR2(x)

static PyObject *version(PyObject *self, PyObject *unused)
{
	(void)self, (void)unused;
	return PyUnicode_FromString(FN());
}

/* provider() -> the file FN was bound to. */
static PyObject *provider(PyObject *self, PyObject *unused)
{
	(void)self, (void)unused;
	Dl_info info;
	if (!dladdr((void *)FN, &info) || !info.dli_fname)
		Py_RETURN_NONE;
	return PyUnicode_FromString(info.dli_fname);
}

static PyMethodDef methods[] = {
	{ "version", version, METH_NOARGS, NULL },
	{ "provider", provider, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static PyModuleDef module = {
	PyModuleDef_HEAD_INIT, STR(MODNAME), NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC INIT(MODNAME)(void)
{
	return PyModule_Create(&module);
}
