# duly_embed(<target> NAMESPACE <ns> FUNCTION <fn> FILES <abs paths...>)
#
# Generates a source file that defines
#   const std::map<std::string_view, std::string_view>& <ns>::<fn>();
# mapping each file's base name to its bytes, and adds it to <target>. The file is regenerated at
# build time whenever one of the inputs changes, so schemas and migrations ship inside the binary.
function(duly_embed target)
  cmake_parse_arguments(EMB "" "NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${EMB_FUNCTION}_embedded.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${EMB_NAMESPACE} -DFN=${EMB_FUNCTION}
            "-DFILES=${EMB_FILES}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    DEPENDS ${EMB_FILES} "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    COMMENT "Embedding ${EMB_FUNCTION}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
