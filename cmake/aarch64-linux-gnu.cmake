# CMake toolchain file: cross-compile for linux-arm64 with Debian's
# g++-aarch64-linux-gnu (used by scripts/prebuild-arm64.js and
# scripts/test-arm64.js). The project's own flags (-ffp-contract=off, no
# fast-math) come from CMakeLists.txt and apply unchanged: aarch64 compilers
# would otherwise contract a*b+c into fused multiply-adds.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
