// SPDX-License-Identifier: GPL-2.0-only
// bench/bench/gbench.cc: the C API of gbench.h over Google Benchmark. The only
// C++ file of the project: it keeps templates and exceptions out of the C code.
#include "bench/bench/gbench.h"

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace
{

// Registered name -> the C arg, so each run can be handed back with it.
std::map<std::string, void *> &registry()
{
	static std::map<std::string, void *> names;
	return names;
}

benchmark::State &state_of(struct swtlb_gb_state *st)
{
	return *reinterpret_cast<benchmark::State *>(st);
}

const benchmark::State &state_of(const struct swtlb_gb_state *st)
{
	return *reinterpret_cast<const benchmark::State *>(st);
}

// Hands every run to the C callback, optionally forwarding to the display
// reporter Google Benchmark would have used (it honours
// --benchmark_format).
class CallbackReporter : public benchmark::BenchmarkReporter
{
      public:
	CallbackReporter(swtlb_gb_callback cb, void *cbarg,
			 benchmark::BenchmarkReporter *display)
	    : cb_(cb), cbarg_(cbarg), display_(display)
	{
	}

	bool ReportContext(const Context &context) override
	{
		return display_ ? display_->ReportContext(context) : true;
	}

	void ReportRuns(const std::vector<Run> &reports) override
	{
		for (const Run &r : reports)
			deliver(r);
		if (display_)
			display_->ReportRuns(reports);
	}

	void Finalize() override
	{
		if (display_)
			display_->Finalize();
	}

      private:
	void deliver(const Run &r)
	{
		std::string name = r.benchmark_name();
		std::string family = r.run_name.function_name;
		std::vector<const char *> cnames;
		std::vector<double> cvalues;
		struct swtlb_gb_run run = {};
		auto it = registry().find(family);

		for (const auto &c : r.counters) {
			cnames.push_back(c.first.c_str());
			cvalues.push_back(c.second.value);
		}
		run.name = name.c_str();
		run.family = family.c_str();
		run.arg = it == registry().end() ? nullptr : it->second;
		run.aggregate = r.run_type == Run::RT_Aggregate;
		run.aggregate_name = r.aggregate_name.c_str();
		run.error = r.error_occurred;
		run.error_message = r.error_message.c_str();
		run.iterations = r.iterations;
		run.threads = r.threads;
		run.repetition_index = r.repetition_index;
		run.real_time_s = r.real_accumulated_time;
		run.cpu_time_s = r.cpu_accumulated_time;
		run.ncounters = static_cast<unsigned int>(cnames.size());
		run.counter_names = cnames.data();
		run.counter_values = cvalues.data();
		if (cb_)
			cb_(&run, cbarg_);
	}

	swtlb_gb_callback cb_;
	void *cbarg_;
	benchmark::BenchmarkReporter *display_;
};

} // namespace

extern "C" {

void swtlb_gb_init(int *argc, char **argv, void (*usage)(void))
{
	benchmark::Initialize(argc, argv,
			      usage ? usage : benchmark::PrintDefaultHelp);
}

int swtlb_gb_register(const char *name, swtlb_gb_body body, void *arg,
		      const struct swtlb_gb_options *opt)
{
	if (!name || !body || !opt || opt->threads < 1 || opt->iterations < 0 ||
	    opt->repetitions < 0 || opt->min_time < 0)
		return -1;
	if (!registry().emplace(name, arg).second)
		return -1;
	benchmark::internal::Benchmark *b = benchmark::RegisterBenchmark(
	    name, [body, arg](benchmark::State &st) {
		    body(reinterpret_cast<struct swtlb_gb_state *>(&st), arg);
	    });
	b->Threads(opt->threads);
	if (opt->iterations > 0)
		b->Iterations(opt->iterations);
	else if (opt->min_time > 0)
		b->MinTime(opt->min_time);
	if (opt->repetitions > 0)
		b->Repetitions(opt->repetitions);
	if (opt->manual_time)
		b->UseManualTime();
	return 0;
}

void swtlb_gb_clear(void)
{
	benchmark::ClearRegisteredBenchmarks();
	registry().clear();
}

bool swtlb_gb_keep_running(struct swtlb_gb_state *st)
{
	return state_of(st).KeepRunning();
}

int swtlb_gb_thread_index(const struct swtlb_gb_state *st)
{
	return state_of(st).thread_index();
}

int swtlb_gb_threads(const struct swtlb_gb_state *st)
{
	return state_of(st).threads();
}

void swtlb_gb_set_counter(struct swtlb_gb_state *st, const char *name,
			  double value, enum swtlb_gb_counter_kind kind)
{
	benchmark::Counter::Flags flags = kind == SWTLB_GB_AVG_THREADS
					      ? benchmark::Counter::kAvgThreads
					      : benchmark::Counter::kDefaults;
	state_of(st).counters[name] = benchmark::Counter(value, flags);
}

void swtlb_gb_set_iteration_time(struct swtlb_gb_state *st, double seconds)
{
	state_of(st).SetIterationTime(seconds);
}

void swtlb_gb_skip_with_error(struct swtlb_gb_state *st, const char *msg)
{
	state_of(st).SkipWithError(msg);
}

bool swtlb_gb_run_counter(const struct swtlb_gb_run *run, const char *name,
			  double *value)
{
	for (unsigned int i = 0; i < run->ncounters; i++) {
		if (std::string(run->counter_names[i]) == name) {
			*value = run->counter_values[i];
			return true;
		}
	}
	return false;
}

size_t swtlb_gb_run_all(swtlb_gb_callback cb, void *cbarg, bool display)
{
	// The default display reporter is a process-lifetime static: not ours
	// to delete.
	benchmark::BenchmarkReporter *shown =
	    display ? benchmark::CreateDefaultDisplayReporter() : nullptr;
	CallbackReporter reporter(cb, cbarg, shown);
	return benchmark::RunSpecifiedBenchmarks(&reporter);
}

} // extern "C"
