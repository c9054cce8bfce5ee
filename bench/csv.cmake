# The results CSV writer (bench/csv.h), shared by swtlb-bench and swtlb-sim.
add_library(swtlb_csv STATIC
  ${CMAKE_CURRENT_SOURCE_DIR}/csv.c
  ${CMAKE_CURRENT_SOURCE_DIR}/csv_host.c)
# The suite's source tree, for the git_rev column.
target_compile_definitions(swtlb_csv PRIVATE
  SWTLB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
target_link_libraries(swtlb_csv PUBLIC m)

# The --truth log (bench/truth.h): per-thread TSC logs merged after a run.
add_library(swtlb_truth STATIC ${CMAKE_CURRENT_SOURCE_DIR}/truth.c)
target_link_libraries(swtlb_truth PUBLIC swtlb_core)
