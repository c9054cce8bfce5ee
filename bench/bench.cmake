# swtlb-bench: the Google Benchmark shim (the project's only C++), the
# per-thread perf counters, size distributions and the runner itself.
find_package(benchmark REQUIRED)

add_library(swtlb_gbench STATIC ${CMAKE_CURRENT_LIST_DIR}/gbench.cc)
target_link_libraries(swtlb_gbench PUBLIC benchmark::benchmark
                      Threads::Threads)

add_library(swtlb_benchlib STATIC
  ${CMAKE_CURRENT_LIST_DIR}/perf.c
  ${CMAKE_CURRENT_LIST_DIR}/sizes.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_opts.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_plan.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_body.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_periodic.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_truth.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_csvio.c
  ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_progress.c)
target_link_libraries(swtlb_benchlib PUBLIC swtlb_gbench swtlb_topology
                      swtlb_csv swtlb_truth swtlb_core Threads::Threads m)

add_executable(swtlb-bench ${CMAKE_CURRENT_LIST_DIR}/swtlb_bench_main.c)
target_link_libraries(swtlb-bench PRIVATE swtlb_benchlib)
# The C++ runtime comes with the shim; link with the C++ driver.
set_target_properties(swtlb-bench PROPERTIES LINKER_LANGUAGE CXX)
