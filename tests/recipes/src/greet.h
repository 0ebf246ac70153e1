// The library every recipe project builds: a C++ shared library whose
// code needs libstdc++ symbols newer than manylinux_2_28 allows
// (std::to_chars for double, GLIBCXX_3.4.29 with GCC 11 and 12).
#ifndef GREET_H
#define GREET_H
#include <string>

std::string greet(double v);

#endif
