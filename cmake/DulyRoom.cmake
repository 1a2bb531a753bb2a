# duly_room(<name> SOURCES ... [TESTS ...] [DEPS ...] [TEST_DEPS ...] [LABELS ...])
#
# Creates the static library duly_<name> from SOURCES and, when TESTS are given, the GoogleTest
# binary duly_<name>_test registered with ctest under the label "unit" (or LABELS); every test in the folder also
# carries the room name as a label (ctest -L store).
# Every target gets the house warning set (duly_warnings) and the sanitizer options.
include(GoogleTest)

function(duly_room name)
  cmake_parse_arguments(ROOM "" "" "SOURCES;TESTS;DEPS;TEST_DEPS;LABELS" ${ARGN})
  add_library(duly_${name} STATIC ${ROOM_SOURCES})
  target_include_directories(duly_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(duly_${name} PUBLIC ${ROOM_DEPS} PRIVATE duly_warnings)
  if(ROOM_TESTS)
    if(NOT ROOM_LABELS)
      set(ROOM_LABELS unit)
    endif()
    # gtest_discover_tests cannot pass a list of labels (it writes them unquoted), so the tier
    # label goes on the tests and the room's name on the folder, which labels all its tests.
    set_property(DIRECTORY APPEND PROPERTY LABELS ${name})
    add_executable(duly_${name}_test ${ROOM_TESTS})
    target_link_libraries(duly_${name}_test PRIVATE duly_${name} ${ROOM_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main duly_warnings)
    gtest_discover_tests(duly_${name}_test
      PROPERTIES LABELS "${ROOM_LABELS}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# duly_room_here(<name> [DEPS ...] [TEST_DEPS ...])
#
# duly_room() over the files of the current folder: every *.cpp is a source except *_test.cpp
# (unit tests, beside the code), *_pgtest.cpp (tests that need PostgreSQL: binary
# duly_<name>_pgtest, label "postgres"), *_main.cpp and *_fuzz.cpp.
function(duly_room_here name)
  cmake_parse_arguments(ROOM "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB _all CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  file(GLOB _tests CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp")
  file(GLOB _pgtests CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*_pgtest.cpp")
  set(_sources ${_all})
  list(FILTER _sources EXCLUDE REGEX "(_test|_pgtest|_main|_fuzz)\\.cpp$")
  duly_room(${name} SOURCES ${_sources} TESTS ${_tests} DEPS ${ROOM_DEPS}
            TEST_DEPS ${ROOM_TEST_DEPS})
  if(_pgtests)
    add_executable(duly_${name}_pgtest ${_pgtests})
    target_link_libraries(duly_${name}_pgtest PRIVATE duly_${name} ${ROOM_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main duly_warnings)
    gtest_discover_tests(duly_${name}_pgtest
      PROPERTIES LABELS postgres
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
