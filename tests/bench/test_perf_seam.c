// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_perf_seam.c: perf.c against a fake kernel. The perf
 * system calls go through bench/perf_sys.h; this fake hands out file
 * descriptors, fails chosen opens, and answers each group leader's read
 * with the PERF_FORMAT_GROUP | ID | TOTAL_TIME_ENABLED | RUNNING buffer
 * the kernel would build, so what a PMU-less VM cannot show is tested:
 * the read format, multiplexing scaling, per-thread sums, an event that
 * fails on some threads only, EMFILE.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/perf.h"
#include "bench/bench/perf_sys.h"
#include "bench/bench/pmu.h"

#define FAKE_FDS 256
#define FD_BASE	 1000

struct fake_fd {
	bool open;
	struct perf_event_attr attr;
	int group_fd;
	uint64_t id;
	uint64_t value; /* what the counter reads */
	int resets, enables, disables;
};

static struct fake {
	struct fake_fd fd[FAKE_FDS];
	unsigned int nopen, nmax;
	int opens_left; /* then EMFILE; < 0: no limit */
	/* Opens of events with this config fail with fail_errno. */
	bool fail_config_on;
	uint64_t fail_config;
	int fail_errno;
	uint64_t enabled, running; /* of every group */
	bool reverse;		   /* answer members in reverse order */
	bool short_read;
} fk;

static struct fake_fd *slot_of(int fd)
{
	assert_true(fd >= FD_BASE && fd < FD_BASE + FAKE_FDS);
	assert_true(fk.fd[fd - FD_BASE].open);
	return &fk.fd[fd - FD_BASE];
}

static int fake_open(struct perf_event_attr *attr, pid_t pid, int cpu,
		     int group_fd, unsigned long flags)
{
	assert_int_equal(pid, 0); /* this thread */
	assert_int_equal(cpu, -1);
	assert_int_equal(flags, 0);
	if (fk.opens_left == 0) {
		errno = EMFILE;
		return -1;
	}
	if (fk.fail_config_on && attr->config == fk.fail_config) {
		errno = fk.fail_errno;
		return -1;
	}
	if (group_fd >= 0)
		assert_true(slot_of(group_fd)->group_fd < 0); /* a leader */
	for (int i = 0; i < FAKE_FDS; i++) {
		if (fk.fd[i].open)
			continue;
		memset(&fk.fd[i], 0, sizeof(fk.fd[i]));
		fk.fd[i].open = true;
		fk.fd[i].attr = *attr;
		fk.fd[i].group_fd = group_fd;
		fk.fd[i].id = 0xabc000 + (uint64_t)i * 7;
		fk.fd[i].value = 1000 + attr->config;
		if (fk.opens_left > 0)
			fk.opens_left--;
		if (++fk.nopen > fk.nmax)
			fk.nmax = fk.nopen;
		return FD_BASE + i;
	}
	errno = ENFILE;
	return -1;
}

static int fake_ioctl(int fd, unsigned long request, unsigned long arg)
{
	struct fake_fd *f = slot_of(fd);

	if (request == PERF_EVENT_IOC_ID) {
		*(uint64_t *)arg = f->id;
		return 0;
	}
	/* Enable, disable, reset: only on leaders, for the whole group. */
	assert_int_equal(f->group_fd, -1);
	assert_int_equal(arg, PERF_IOC_FLAG_GROUP);
	if (request == PERF_EVENT_IOC_RESET)
		f->resets++;
	else if (request == PERF_EVENT_IOC_ENABLE)
		f->enables++;
	else if (request == PERF_EVENT_IOC_DISABLE)
		f->disables++;
	else
		fail_msg("unexpected ioctl %lx", request);
	return 0;
}

/* The kernel's group read: nr, enabled, running, {value, id} x nr. */
static ssize_t fake_read(int fd, void *buf, size_t len)
{
	struct fake_fd *leader = slot_of(fd);
	uint64_t out[3 + 2 * FAKE_FDS];
	int members[FAKE_FDS], n = 0;
	size_t bytes;

	assert_int_equal(leader->group_fd, -1);
	assert_true(leader->attr.read_format & PERF_FORMAT_GROUP);
	members[n++] = fd;
	for (int i = 0; i < FAKE_FDS; i++)
		if (fk.fd[i].open && fk.fd[i].group_fd == fd)
			members[n++] = FD_BASE + i;
	out[0] = (uint64_t)n;
	out[1] = fk.enabled;
	out[2] = fk.running;
	for (int k = 0; k < n; k++) {
		int m = members[fk.reverse ? n - 1 - k : k];

		out[3 + 2 * k] = slot_of(m)->value;
		out[3 + 2 * k + 1] = slot_of(m)->id;
	}
	bytes = (3 + 2 * (size_t)n) * sizeof(uint64_t);
	if (fk.short_read)
		bytes -= sizeof(uint64_t);
	assert_true(bytes <= len);
	memcpy(buf, out, bytes);
	return (ssize_t)bytes;
}

static int fake_close(int fd)
{
	slot_of(fd)->open = false;
	fk.nopen--;
	return 0;
}

static const struct swtlb_perf_sys fake_sys = {
    .open = fake_open,
    .read = fake_read,
    .ioctl = fake_ioctl,
    .close = fake_close,
};

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	fk.opens_left = -1;
	fk.enabled = fk.running = 5000;
	swtlb_perf_sys_install(&fake_sys);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	swtlb_perf_sys_install(NULL);
	return 0;
}

/* Two generic events beyond the fixed ones (one group each where no PMU
 * is known, one group where it has two counters or more). */
static void extra_events(struct swtlb_pmu_events *ev)
{
	char err[256];

	assert_int_equal(swtlb_pmu_events_parse("cache-references,"
						"branch-misses",
						ev, err, sizeof(err)),
			 0);
	assert_int_equal(ev->n, 2);
}

static void one_thread(struct swtlb_perf *p, const struct swtlb_pmu_events *ev,
		       struct swtlb_perf_values *v)
{
	swtlb_perf_open(p, ev);
	swtlb_perf_enable(p);
	swtlb_perf_disable(p);
	swtlb_perf_read(p, v);
	swtlb_perf_close(p);
}

static void test_read_format_and_groups(void **state)
{
	struct swtlb_pmu_events ev;
	struct swtlb_perf p;
	struct swtlb_perf_values v;
	unsigned int leaders = 0;

	(void)state;
	extra_events(&ev);
	fk.reverse = true; /* values are matched by id, not by position */
	swtlb_perf_open(&p, &ev);
	assert_int_equal(fk.nopen, SWTLB_PERF_NEVENTS + 2);
	for (int i = 0; i < FAKE_FDS; i++) {
		struct fake_fd *f = &fk.fd[i];
		uint64_t want = PERF_FORMAT_GROUP | PERF_FORMAT_ID |
				PERF_FORMAT_TOTAL_TIME_ENABLED |
				PERF_FORMAT_TOTAL_TIME_RUNNING;

		if (!f->open)
			continue;
		assert_int_equal(f->attr.read_format, want);
		/* Leaders start disabled, members follow them. */
		assert_int_equal(f->attr.disabled, f->group_fd < 0);
		leaders += f->group_fd < 0;
		/* User space only for hardware events; software events
		 * happen in the kernel. */
		assert_int_equal(f->attr.exclude_kernel,
				 f->attr.type != PERF_TYPE_SOFTWARE);
	}
	/* Fixed hw group, sw group, the list's groups. */
	assert_int_equal(leaders, 2 + ev.ngroups);
	swtlb_perf_enable(&p);
	swtlb_perf_disable(&p);
	swtlb_perf_read(&p, &v);
	for (int i = 0; i < FAKE_FDS; i++)
		if (fk.fd[i].open && fk.fd[i].group_fd < 0)
			assert_true(fk.fd[i].resets == 1 &&
				    fk.fd[i].enables == 1 &&
				    fk.fd[i].disables == 1);
	swtlb_perf_close(&p);
	assert_int_equal(fk.nopen, 0);
	assert_int_equal(v.nslots, SWTLB_PERF_NEVENTS + 2);
	for (unsigned int s = 0; s < v.nslots; s++) {
		struct perf_event_attr a;

		assert_true(v.known[s]);
		assert_false(v.scaled[s]);
		/* Each value is its own event's: the fake reads 1000 +
		 * config, and the configs differ. */
		memset(&a, 0, sizeof(a));
		if (s >= SWTLB_PERF_NEVENTS)
			a = ev.ev[s - SWTLB_PERF_NEVENTS].attr;
		if (s >= SWTLB_PERF_NEVENTS)
			assert_int_equal(v.raw[s], 1000 + a.config);
	}
	assert_int_equal(v.raw[SWTLB_PERF_INSTRUCTIONS],
			 1000 + PERF_COUNT_HW_INSTRUCTIONS);
	assert_int_equal(v.raw[SWTLB_PERF_CPU_MIGRATIONS],
			 1000 + PERF_COUNT_SW_CPU_MIGRATIONS);
	assert_string_equal(swtlb_perf_slot_name(&ev, SWTLB_PERF_NEVENTS + 1),
			    "branch-misses");
	assert_string_equal(swtlb_perf_status(&v), "hw");
}

/* Google Benchmark issue 1813: a group on the PMU for a third of the
 * time reads a third of the count; scaled by enabled/running it does not. */
static void test_multiplexing_scaled(void **state)
{
	struct swtlb_perf p;
	struct swtlb_perf_values v;

	(void)state;
	fk.enabled = 3000;
	fk.running = 1000;
	one_thread(&p, NULL, &v);
	assert_true(v.known[SWTLB_PERF_CYCLES]);
	assert_true(v.scaled[SWTLB_PERF_CYCLES]);
	assert_int_equal(v.raw[SWTLB_PERF_CYCLES], 1000);
	assert_float_equal(v.value[SWTLB_PERF_CYCLES], 3000.0, 1e-9);
	assert_string_equal(swtlb_perf_status(&v), "multiplexed");
	/* Never scheduled: unknown, and said so. */
	fk.running = 0;
	one_thread(&p, NULL, &v);
	assert_false(v.known[SWTLB_PERF_CYCLES]);
	assert_int_equal(v.err[SWTLB_PERF_CYCLES], SWTLB_PERF_ENEVER);
	assert_string_equal(swtlb_perf_status(&v), "none");
}

static void test_per_thread_sums(void **state)
{
	struct swtlb_pmu_events ev;
	struct swtlb_perf p;
	struct swtlb_perf_values v, sum;
	unsigned int last = SWTLB_PERF_NEVENTS + 1;

	(void)state;
	extra_events(&ev);
	for (int t = 0; t < 3; t++) {
		/* Thread 2's groups were multiplexed: half the time. */
		fk.running = t == 2 ? fk.enabled / 2 : fk.enabled;
		one_thread(&p, &ev, &v);
		swtlb_perf_accumulate(&sum, &v, t == 0);
	}
	assert_true(sum.known[last]);
	assert_int_equal(sum.raw[last], 3 * v.raw[last]);
	assert_float_equal(sum.value[last], 4.0 * (double)v.raw[last], 1e-6);
	assert_true(sum.scaled[last]);
	assert_int_equal(sum.raw[SWTLB_PERF_CONTEXT_SWITCHES],
			 3 * (1000 + PERF_COUNT_SW_CONTEXT_SWITCHES));
}

/* An event refused on one thread only: the sum over threads would be
 * partial, so it is unknown, with that thread's reason. */
static void test_fails_on_some_threads(void **state)
{
	struct swtlb_pmu_events ev;
	struct swtlb_perf p;
	struct swtlb_perf_values v, sum;
	unsigned int refs = SWTLB_PERF_NEVENTS, misses = refs + 1;

	(void)state;
	extra_events(&ev);
	for (int t = 0; t < 4; t++) {
		fk.fail_config_on = t == 1;
		fk.fail_config = PERF_COUNT_HW_CACHE_REFERENCES;
		fk.fail_errno = EACCES;
		one_thread(&p, &ev, &v);
		assert_int_equal(v.known[refs], t != 1);
		swtlb_perf_accumulate(&sum, &v, t == 0);
	}
	assert_false(sum.known[refs]);
	assert_int_equal(sum.err[refs], EACCES);
	assert_true(sum.known[misses]);
	assert_int_equal(sum.raw[misses],
			 4 * (1000 + PERF_COUNT_HW_BRANCH_MISSES));
	assert_int_equal(fk.nopen, 0);
}

/* Out of file descriptors half-way: what opened counts, the rest is
 * unknown with EMFILE and a remedy, and every fd opened is closed. */
static void test_emfile(void **state)
{
	struct swtlb_perf p;
	struct swtlb_perf_values v;
	char line[512];

	(void)state;
	fk.opens_left = 3;
	one_thread(&p, NULL, &v);
	assert_int_equal(fk.nopen, 0);
	assert_int_equal(fk.nmax, 3);
	for (int s = 0; s < SWTLB_PERF_NEVENTS; s++) {
		assert_int_equal(v.known[s], s < 3);
		if (s >= 3)
			assert_int_equal(v.err[s], EMFILE);
	}
	swtlb_perf_explain(SWTLB_PERF_CPU_MIGRATIONS, EMFILE, line,
			   sizeof(line));
	assert_non_null(strstr(line, "ulimit -n"));
	/* None at all: every cell unknown, nothing to close. */
	fk.opens_left = 0;
	fk.nmax = 0;
	one_thread(&p, NULL, &v);
	assert_int_equal(fk.nmax, 0);
	assert_string_equal(swtlb_perf_status(&v), "none");
}

/* A leader that opens and members that do not: the group read carries
 * only what opened. A short read fails the whole group, not the rest. */
static void test_partial_group_and_short_read(void **state)
{
	struct swtlb_perf p;
	struct swtlb_perf_values v;

	(void)state;
	fk.fail_config_on = true;
	fk.fail_config = PERF_COUNT_HW_INSTRUCTIONS;
	fk.fail_errno = ENOENT;
	one_thread(&p, NULL, &v);
	assert_true(v.known[SWTLB_PERF_CYCLES]);
	assert_false(v.known[SWTLB_PERF_INSTRUCTIONS]);
	assert_int_equal(v.err[SWTLB_PERF_INSTRUCTIONS], ENOENT);
	assert_true(v.known[SWTLB_PERF_CACHE_MISSES]);
	fk.fail_config_on = false;
	fk.short_read = true;
	one_thread(&p, NULL, &v);
	for (int s = 0; s < SWTLB_PERF_NEVENTS; s++) {
		assert_false(v.known[s]);
		assert_int_equal(v.err[s], EIO);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_read_format_and_groups, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_multiplexing_scaled, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_per_thread_sums, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fails_on_some_threads, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_emfile, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_partial_group_and_short_read,
					    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
