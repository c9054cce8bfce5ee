# tools/linetrace/linetrace.cmake: linetrace_driver(HARNESS OUTDIR NAME)
# builds OUTDIR/linetrace-NAME from the objects of the yardstick harness
# HARNESS (yardstick_harness(), tools/yardstick/yardstick.cmake): the same
# compilation of the user's swiotlb.c, kside.c and the port, driven from
# one thread for valgrind (docs/linetrace.md).
set(LT_DIR ${CMAKE_CURRENT_LIST_DIR})

function(linetrace_driver HARNESS OUTDIR NAME)
  get_target_property(defs yardstick-${HARNESS} COMPILE_DEFINITIONS)
  add_executable(linetrace-${HARNESS}
                 ${LT_DIR}/drive.c ${YARD_DIR}/port.c ${YARD_DIR}/kloop.c
                 $<TARGET_OBJECTS:yardstick_k_${HARNESS}>)
  target_compile_definitions(linetrace-${HARNESS} PRIVATE ${defs})
  target_link_libraries(linetrace-${HARNESS} PRIVATE swtlb_workloads
                        swtlb_util)
  set_target_properties(linetrace-${HARNESS} PROPERTIES
                        OUTPUT_NAME linetrace-${NAME}
                        RUNTIME_OUTPUT_DIRECTORY ${OUTDIR})
endfunction()
