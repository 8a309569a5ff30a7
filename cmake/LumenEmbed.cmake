# lumen_embed_text_files(OUTPUT_CPP NAMESPACE ns FUNCTION fn FILES a.sql b.sql)
# Generates a .cpp defining `std::vector<std::pair<std::string_view,std::string_view>> ns::fn()`
# that returns {file name, contents} for each file, so migrations ship inside the binary.
function(lumen_embed_text_files)
  cmake_parse_arguments(E "" "OUTPUT_CPP;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  # '|' separates the files: a ';' list would be split into separate arguments.
  list(JOIN E_FILES "|" files_arg)
  add_custom_command(
    OUTPUT ${E_OUTPUT_CPP}
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUTPUT_CPP} -DNS=${E_NAMESPACE} -DFN=${E_FUNCTION}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/LumenEmbedScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/LumenEmbedScript.cmake
    COMMENT "Embedding ${E_FUNCTION}" VERBATIM)
endfunction()
