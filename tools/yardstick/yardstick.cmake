# tools/yardstick/yardstick.cmake: yardstick_harness(TARGET OUTDIR NAME
# KSRC INCS DEFS...) builds OUTDIR/yardstick-NAME (target TARGET): the
# harness with the port (swtlb_workloads)
# and the kernel's own kernel/dma/swiotlb.c from the tree KSRC, compiled
# in userspace against kshim.h with the compile definitions DEFS.
#
# Every <...> header the tree's swiotlb.c, swiotlb.h and iommu-helper.h
# include becomes an empty stub (kshim.h, force-included, is the whole
# environment), except linux/swiotlb.h and linux/iommu-helper.h, which
# are copied from the tree. Nothing of the tree is written anywhere but
# this build directory.
set(YARD_DIR ${CMAKE_CURRENT_LIST_DIR})

function(yardstick_kernel_includes KSRC OUT)
  set(kinc ${CMAKE_CURRENT_BINARY_DIR}/kinc-${OUT})
  set(stubs ${CMAKE_CURRENT_BINARY_DIR}/kstubs-${OUT})
  set(headers)
  foreach(h swiotlb.h iommu-helper.h)
    if(EXISTS ${KSRC}/include/linux/${h})
      configure_file(${KSRC}/include/linux/${h} ${kinc}/linux/${h} COPYONLY)
      list(APPEND headers ${KSRC}/include/linux/${h})
    endif()
  endforeach()
  foreach(f ${KSRC}/kernel/dma/swiotlb.c ${headers})
    file(STRINGS ${f} lines REGEX "^#[ \t]*include[ \t]*<")
    foreach(l ${lines})
      string(REGEX REPLACE "^#[ \t]*include[ \t]*<([^>]+)>.*" "\\1" h "${l}")
      if(NOT EXISTS ${kinc}/${h} AND NOT EXISTS ${stubs}/${h})
        file(WRITE ${stubs}/${h}
             "/* yardstick: empty; tools/yardstick/kshim.h provides it */\n")
      endif()
    endforeach()
  endforeach()
  set(${OUT}_INCLUDES ${kinc} ${stubs} PARENT_SCOPE)
endfunction()

function(yardstick_harness TARGET OUTDIR NAME KSRC INCS)
  set(defs ${ARGN})
  set(NAME ${TARGET})
  set(kflags -std=gnu11 -include ${YARD_DIR}/kshim.h -fno-strict-aliasing)
  add_library(yardstick_k_${NAME} OBJECT
              ${KSRC}/kernel/dma/swiotlb.c ${YARD_DIR}/kside.c
              ${YARD_DIR}/kshim.c)
  target_include_directories(yardstick_k_${NAME} BEFORE PRIVATE ${INCS})
  target_include_directories(yardstick_k_${NAME} PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(yardstick_k_${NAME} PRIVATE
                             CONFIG_SWIOTLB=1 CONFIG_X86_64=1 ${defs})
  target_compile_options(yardstick_k_${NAME} PRIVATE ${kflags})
  # The kernel's code is not held to our warnings; our kside.c is, less
  # what the kernel's inline helpers in its header trip.
  set_source_files_properties(${KSRC}/kernel/dma/swiotlb.c
                              TARGET_DIRECTORY yardstick_k_${NAME}
                              PROPERTIES COMPILE_OPTIONS "-w")
  set_source_files_properties(${YARD_DIR}/kside.c
                              TARGET_DIRECTORY yardstick_k_${NAME}
                              PROPERTIES COMPILE_OPTIONS
                              "-Wno-unused-parameter;-Wno-sign-compare")
  add_executable(yardstick-${NAME}
                 ${YARD_DIR}/main.c ${YARD_DIR}/harness.c ${YARD_DIR}/port.c
                 ${YARD_DIR}/kloop.c
                 $<TARGET_OBJECTS:yardstick_k_${NAME}>)
  # The scheme this harness's kernel side was compiled as (NAME minus
  # its area layout and unlock): the default --scheme, the only one for it.
  string(REGEX REPLACE "-(packed|padded)(-pv)?$" "" scheme "${ARGV2}")
  target_compile_definitions(yardstick-${NAME} PRIVATE ${defs}
                             YARD_SCHEME="${scheme}")
  target_link_libraries(yardstick-${NAME} PRIVATE swtlb_workloads)
  set_target_properties(yardstick-${NAME} PROPERTIES
                        OUTPUT_NAME yardstick-${ARGV2}
                        RUNTIME_OUTPUT_DIRECTORY ${OUTDIR})
endfunction()
