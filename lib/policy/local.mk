# policy: symbol version names and caps, policy files, baselines taken from
# a real old runtime, runtime families, the names newer than a baseline,
# the glibc ABI table.
lib_libmanyguard_a_SOURCES += %reldir%/symver.c %reldir%/symver.h %reldir%/caps.c \
	%reldir%/caps.h %reldir%/verset.c %reldir%/verset.h %reldir%/policy.c \
	%reldir%/policy.h %reldir%/baseline.c %reldir%/baseline.h %reldir%/runtime.c \
	%reldir%/glibc_need.c %reldir%/glibc_need.h \
	%reldir%/runtime.h %reldir%/runtime_symbols.c %reldir%/split.c %reldir%/split.h \
	%reldir%/newer.c %reldir%/newer.h %reldir%/glibc_abi.c %reldir%/glibc_abi.h \
	%reldir%/ompinfo.c %reldir%/ompinfo.h %reldir%/cxxabi.c %reldir%/cxxabi.h
