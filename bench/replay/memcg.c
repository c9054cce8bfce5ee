/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/replay/memcg.c: swtlb-replay --workload memcg: a memcg trace
 * (trace-format-pc.md) on workloads/memcg, output held in memory and
 * written only when the whole trace replayed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/replay/memcg.h"
#include "workloads/memcg/replay.h"

static int load(const char *path, struct memcg_trace *t, char *err,
		size_t errlen)
{
	FILE *f = fopen(path, "r");
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = memcg_trace_read(f, path, t, err, errlen);
	fclose(f);
	return rc;
}

int swtlb_replay_memcg(const char *path, const struct memcg_replay_opts *opts)
{
	struct memcg_trace *t = malloc(sizeof(*t));
	char *data = NULL;
	size_t len = 0;
	FILE *out = NULL;
	char err[512];
	int rc = 2;

	if (!t) {
		fprintf(stderr, "swtlb-replay: out of memory\n");
		return 2;
	}
	if (load(path, t, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		free(t);
		return 2;
	}
	out = open_memstream(&data, &len);
	if (!out) {
		fprintf(stderr, "swtlb-replay: out of memory\n");
	} else if (memcg_replay(t, path, opts, out, err, sizeof(err))) {
		fclose(out);
		fprintf(stderr, "%s\n", err);
	} else if (fclose(out) != 0) {
		fprintf(stderr, "swtlb-replay: out of memory for the output\n");
	} else if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "swtlb-replay: cannot write the output: %s\n",
			strerror(errno));
	} else {
		rc = 0;
	}
	free(data);
	memcg_trace_free(t);
	free(t);
	return rc;
}
