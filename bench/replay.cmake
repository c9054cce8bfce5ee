# swtlb-replay: replays a trace file on the pool (bench/replay.c), and the
# trace reader/writers other tools reuse (bench/trace.c).
add_library(swtlb_trace STATIC ${CMAKE_CURRENT_LIST_DIR}/trace.c
            ${CMAKE_CURRENT_LIST_DIR}/replay_run.c)
target_link_libraries(swtlb_trace PUBLIC swtlb_core)

add_executable(swtlb-replay ${CMAKE_CURRENT_LIST_DIR}/replay.c)
target_link_libraries(swtlb-replay PRIVATE swtlb_trace swtlb_core)
