# lumen_add_qtest(NAME target SOURCES ... LIBRARIES ... LABEL unit|integration|gui|bench
#                 FUNCTIONS f1 f2 ... [ENVIRONMENT k=v ...] [TIMEOUT s])
# Builds one QtTest executable and registers one CTest entry per listed test function, so
# each behaviour passes or fails on its own line.
function(lumen_add_qtest)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBRARIES;FUNCTIONS;ENVIRONMENT" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBRARIES})
  lumen_set_warnings(${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  foreach(fn IN LISTS T_FUNCTIONS)
    add_test(NAME ${T_NAME}.${fn} COMMAND ${T_NAME} ${fn})
    set_tests_properties(${T_NAME}.${fn} PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT}
                         ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${T_ENVIRONMENT}")
  endforeach()
endfunction()
