/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/gbench.h: a C API over Google Benchmark (Debian
 * libbenchmark 1.7.1).
 *
 * Every benchmark body of the project is C; bench/bench/gbench.cc is the only
 * C++ file. A body is registered with a name, an argument pointer, a thread
 * count and run options; Google Benchmark runs it (its own flags such as
 * --benchmark_filter keep working) and every finished run is handed to a C
 * callback with its name, iterations, real and CPU time, threads and
 * counters.
 */
#ifndef SWTLB_BENCH_GBENCH_H
#define SWTLB_BENCH_GBENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a running body sees: Google Benchmark's State of its thread. */
struct swtlb_gb_state;
typedef void (*swtlb_gb_body)(struct swtlb_gb_state *st, void *arg);

struct swtlb_gb_options {
	int threads;	    /* threads running the body at once (>= 1) */
	int64_t iterations; /* fixed iteration count; 0: Google Benchmark's */
	int repetitions;    /* 0: --benchmark_repetitions decides */
	double min_time;    /* seconds; 0: --benchmark_min_time decides */
	bool manual_time;   /* time comes from swtlb_gb_set_iteration_time */
};

enum swtlb_gb_counter_kind {
	SWTLB_GB_SUM,	      /* reported value: sum over threads */
	SWTLB_GB_AVG_THREADS, /* reported value: mean over threads */
};

/*
 * Removes the --benchmark_* flags it knows from argv (call before parsing
 * the program's own flags). Google Benchmark calls `usage` (NULL: its own
 * help, exit 0) for --help and for a bad value of one of its flags, and
 * exits after it.
 */
void swtlb_gb_init(int *argc, char **argv, void (*usage)(void));
/* 0, or -1 when the name is taken or an option is out of range. */
int swtlb_gb_register(const char *name, swtlb_gb_body body, void *arg,
		      const struct swtlb_gb_options *opt);
/* Forgets every registered benchmark. */
void swtlb_gb_clear(void);

/* Inside a body. */
bool swtlb_gb_keep_running(struct swtlb_gb_state *st);
int swtlb_gb_thread_index(const struct swtlb_gb_state *st);
int swtlb_gb_threads(const struct swtlb_gb_state *st);
void swtlb_gb_set_counter(struct swtlb_gb_state *st, const char *name,
			  double value, enum swtlb_gb_counter_kind kind);
void swtlb_gb_set_iteration_time(struct swtlb_gb_state *st, double seconds);
/* Marks this run failed; the body should leave its loop and return. */
void swtlb_gb_skip_with_error(struct swtlb_gb_state *st, const char *msg);

/* One finished run (or an aggregate over repetitions). */
struct swtlb_gb_run {
	const char *name;   /* full run name, as --benchmark_filter sees it */
	const char *family; /* the name it was registered with */
	void *arg;	    /* the arg it was registered with */
	bool aggregate;	    /* mean/median/stddev over repetitions */
	const char *aggregate_name; /* "" unless aggregate */
	bool error;
	const char *error_message;
	int64_t iterations;
	int64_t threads;
	int64_t repetition_index; /* -1 if not repeated */
	double real_time_s;	  /* accumulated (manual time if manual) */
	double cpu_time_s;
	unsigned int ncounters;
	const char *const *counter_names;
	const double *counter_values; /* as reported (sum or mean) */
};
typedef void (*swtlb_gb_callback)(const struct swtlb_gb_run *run, void *cbarg);

/* Value of counter `name`; false if the run has none of that name. */
bool swtlb_gb_run_counter(const struct swtlb_gb_run *run, const char *name,
			  double *value);

/* Runs every registered benchmark that --benchmark_filter selects, calling
 * cb for each finished run; display also prints Google Benchmark's own
 * report on stdout. Returns how many benchmarks matched. */
size_t swtlb_gb_run_all(swtlb_gb_callback cb, void *cbarg, bool display);

#ifdef __cplusplus
}
#endif

#endif /* SWTLB_BENCH_GBENCH_H */
