# Decides PITH_BUILD_PYTHON (the pybind11 module in python/) and finds the
# Python interpreter and pybind11 for it.
#
# The module is built for one interpreter, Python_EXECUTABLE, and its tests
# run with that interpreter (they need pytest and numpy). Left unset, it is
# /usr/bin/python3 where that exists: the interpreter whose Debian packages
# (python3-pytest, python3-numpy, pybind11-dev) tools/install-deps.sh
# installs. A python3 found earlier on PATH (pyenv, conda) would build a
# module that the system's interpreter cannot import, and would lack them.
# setup.py passes the interpreter that runs it.
#
# PITH_BUILD_PYTHON defaults to ON when pith is the top-level project and
# both pybind11 and the Python headers are found; to OFF, with a message,
# otherwise and under PITH_SANITIZE (an ASan-instrumented module cannot be
# loaded by an uninstrumented interpreter).

set(PITH_PYTHON_DEFAULT OFF)
set(PITH_PYTHON_WHY "")
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH
      "The Python interpreter the module is built for and tested with")
endif()

if(NOT PROJECT_IS_TOP_LEVEL)
  set(PITH_PYTHON_WHY "pith is not the top-level project")
elseif(PITH_SANITIZE AND NOT PITH_BUILD_PYTHON)
  set(PITH_PYTHON_WHY "PITH_SANITIZE is on (the interpreter is not instrumented)")
else()
  find_package(Python 3.7 COMPONENTS Interpreter Development.Module QUIET)
  if(Python_FOUND)
    find_package(pybind11 2.6 CONFIG QUIET)
  endif()
  if(NOT Python_FOUND)
    set(PITH_PYTHON_WHY "no Python interpreter with its headers (python3-dev)")
  elseif(NOT pybind11_FOUND)
    set(PITH_PYTHON_WHY "no pybind11 CMake package (pybind11-dev)")
  elseif(PITH_SANITIZE)
    set(PITH_PYTHON_WHY "PITH_SANITIZE is on (the interpreter is not instrumented)")
  else()
    set(PITH_PYTHON_DEFAULT ON)
  endif()
endif()

option(PITH_BUILD_PYTHON "Build the Python module (python/)" ${PITH_PYTHON_DEFAULT})

if(PITH_BUILD_PYTHON)
  # Asked for explicitly: fail here, with CMake's message, if anything is
  # missing.
  find_package(Python 3.7 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 2.6 CONFIG REQUIRED)
  message(STATUS "pith: Python module ON, for ${Python_EXECUTABLE} "
                 "(Python ${Python_VERSION}, pybind11 ${pybind11_VERSION})")
else()
  if(PITH_PYTHON_WHY STREQUAL "")
    set(PITH_PYTHON_WHY "PITH_BUILD_PYTHON is OFF")
  endif()
  message(STATUS "pith: Python module OFF: ${PITH_PYTHON_WHY}")
endif()
