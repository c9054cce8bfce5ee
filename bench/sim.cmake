# swtlb-sim: the accuracy simulator (bench/sim*.c) over the real pool.
add_executable(swtlb-sim
  ${CMAKE_CURRENT_LIST_DIR}/sim_main.c
  ${CMAKE_CURRENT_LIST_DIR}/sim_engine.c
  ${CMAKE_CURRENT_LIST_DIR}/sizes.c)
target_link_libraries(swtlb-sim PRIVATE swtlb_csv swtlb_trace swtlb_core)
