# CMake toolchain file: build with manyguard's compiler wrappers.
#
#   cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=/usr/local/share/manyguard/integration/manyguard.cmake
#
# The wrappers are looked up next to this file's installed place
# (PREFIX/share/manyguard/integration -> PREFIX/bin), then on PATH.
# MANYGUARD_POLICY and the real compilers (MANYGUARD_CC/MANYGUARD_CXX) come
# from the environment of the build, as for any use of the wrappers; set
# -DMANYGUARD_POLICY=NAME to fix the policy in the build tree instead.
# The wrappers are native compilers: this file sets no CMAKE_SYSTEM_NAME,
# so CMake does not switch to cross-compiling.
find_program(MANYGUARD_C_COMPILER NAMES manyguard-cc
	HINTS "${CMAKE_CURRENT_LIST_DIR}/../../../bin" REQUIRED)
find_program(MANYGUARD_CXX_COMPILER NAMES manyguard-c++
	HINTS "${CMAKE_CURRENT_LIST_DIR}/../../../bin" REQUIRED)
set(CMAKE_C_COMPILER "${MANYGUARD_C_COMPILER}")
set(CMAKE_CXX_COMPILER "${MANYGUARD_CXX_COMPILER}")

# A policy fixed at configure time reaches every link (where the policy
# applies) through a launcher, so a later `cmake --build` from another
# shell uses it too.  Linker launchers need CMake 3.21 and a Makefile or
# Ninja generator.  try_compile projects read this file again: pass the
# policy on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MANYGUARD_POLICY)
if(MANYGUARD_POLICY)
	set(CMAKE_C_LINKER_LAUNCHER env "MANYGUARD_POLICY=${MANYGUARD_POLICY}")
	set(CMAKE_CXX_LINKER_LAUNCHER env "MANYGUARD_POLICY=${MANYGUARD_POLICY}")
endif()
