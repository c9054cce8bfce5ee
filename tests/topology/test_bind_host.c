// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_bind_host.c: pin threads to two CPUs of this machine
 * and check sched_getcpu() agrees. Needs 2 allowed CPUs: on a 1-CPU machine
 * it prints why and exits 77 (CTest SKIP_RETURN_CODE), never a fake pass.
 */
#include <pthread.h>
#include <sched.h>

#include "tests/topology/test_helpers.h"

#define SKIP 77

static struct swtlb_topo *host;
static unsigned int cpus[2]; /* the first two allowed CPUs */

struct job {
	unsigned int cpu;
	int rc;
	int seen[50];
	char err[256];
};

static void *bind_and_watch(void *arg)
{
	struct job *job = arg;

	job->rc = swtlb_bind_self(host, job->cpu, job->err, sizeof(job->err));
	/* Stay put: look again while yielding, the scheduler may not move
	 * us. */
	for (int i = 0; i < 50; i++) {
		sched_yield();
		job->seen[i] = sched_getcpu();
	}
	return NULL;
}

static void test_bind_two_cpus(void **state)
{
	cpu_set_t before, after;
	struct job jobs[2];
	pthread_t tid[2];

	(void)state;
	memset(jobs, 0, sizeof(jobs));
	assert_int_equal(sched_getaffinity(0, sizeof(before), &before), 0);
	for (int i = 0; i < 2; i++) {
		jobs[i].cpu = cpus[i];
		assert_int_equal(
		    pthread_create(&tid[i], NULL, bind_and_watch, &jobs[i]), 0);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
		if (jobs[i].rc != 0)
			fail_msg("bind to cpu %u: %s", cpus[i], jobs[i].err);
		for (int k = 0; k < 50; k++)
			assert_int_equal(jobs[i].seen[k], (int)cpus[i]);
	}
	/* Thread binding: the main thread's affinity is untouched. */
	assert_int_equal(sched_getaffinity(0, sizeof(after), &after), 0);
	assert_true(CPU_EQUAL(&before, &after));
}

/* Rebinding the same thread moves it. */
static void test_rebind_self(void **state)
{
	char err[256] = "";

	(void)state;
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 2; i++) {
			if (swtlb_bind_self(host, cpus[i], err, sizeof(err)))
				fail_msg("bind to cpu %u: %s", cpus[i], err);
			assert_int_equal(sched_getcpu(), (int)cpus[i]);
		}
}

static void test_bind_absent_cpu(void **state)
{
	unsigned int absent = swtlb_topo_max_cpu(host) + 3;
	char err[256] = "", needle[64];

	(void)state;
	assert_int_equal(swtlb_bind_self(host, absent, err, sizeof(err)), -1);
	snprintf(needle, sizeof(needle), "cannot bind to cpu %u: no such CPU",
		 absent);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bind_two_cpus),
	    cmocka_unit_test(test_rebind_self),
	    cmocka_unit_test(test_bind_absent_cpu),
	};
	struct swtlb_placement p[2];
	char err[512] = "";
	int rc;

	host = swtlb_topo_load("host", err, sizeof(err));
	if (!host) {
		fprintf(stderr, "cannot load the host topology: %s\n", err);
		return 1;
	}
	if (!swtlb_topo_is_host(host)) {
		printf("SKIP: hwloc did not load this system (HWLOC_XMLFILE or "
		       "HWLOC_SYNTHETIC set?)\n");
		swtlb_topo_free(host);
		return SKIP;
	}
	if (swtlb_topo_npus(host) < 2) {
		printf("SKIP: this machine has %u allowed CPU, binding test "
		       "needs 2\n",
		       swtlb_topo_npus(host));
		swtlb_topo_free(host);
		return SKIP;
	}
	if (swtlb_layout_plan(host, "compact", 2, false, p, err, sizeof(err))) {
		fprintf(stderr, "plan failed: %s\n", err);
		return 1;
	}
	cpus[0] = p[0].cpu;
	cpus[1] = p[1].cpu;
	printf("binding to cpus %u and %u\n", cpus[0], cpus[1]);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	swtlb_topo_free(host);
	return rc;
}
