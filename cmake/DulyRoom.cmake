# duly_room(<name> SOURCES ... [TESTS ...] [DEPS ...] [TEST_DEPS ...] [LABELS ...])
#
# Creates the static library duly_<name> from SOURCES and, when TESTS are given, the GoogleTest
# binary duly_<name>_test registered with ctest under the labels "unit;<name>" (or LABELS).
# Every target gets the house warning set (duly_warnings) and the sanitizer options.
include(GoogleTest)

function(duly_room name)
  cmake_parse_arguments(ROOM "" "" "SOURCES;TESTS;DEPS;TEST_DEPS;LABELS" ${ARGN})
  add_library(duly_${name} STATIC ${ROOM_SOURCES})
  target_include_directories(duly_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(duly_${name} PUBLIC ${ROOM_DEPS} PRIVATE duly_warnings)
  if(ROOM_TESTS)
    if(NOT ROOM_LABELS)
      set(ROOM_LABELS unit ${name})
    endif()
    add_executable(duly_${name}_test ${ROOM_TESTS})
    target_link_libraries(duly_${name}_test PRIVATE duly_${name} ${ROOM_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main duly_warnings)
    gtest_discover_tests(duly_${name}_test
      PROPERTIES LABELS "${ROOM_LABELS}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
