/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/fuzz/fuzz_trace.c: fuzz entry for the trace reader and the replay
 * swtlb-replay runs (bench/common/trace.c, bench/replay/run.c). Any input must
 * either parse and replay or be rejected with one "NAME:LINE: ..." error;
 * the sanitizers catch the rest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/trace.h"
#include "bench/replay/run.h"
#include "counters/scheme.h"
#include "pool/swiotlb.h"

/* Pools above this are parsed but not replayed: a 2^24-slot pool per input
 * would make the fuzzer crawl without covering anything new. */
#define FUZZ_MAX_REPLAY_NSLABS (1UL << 16)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The output without its `hiwater` line: what every scheme, kernel
 * configuration and area layout must print byte for byte. */
static size_t answer_len(const struct swtlb_replay_out *o)
{
	size_t n = o->len;

	while (n > 0 && o->data[n - 1] == '\n') {
		size_t s = n - 1;

		while (s > 0 && o->data[s - 1] != '\n')
			s--;
		if (strncmp(o->data + s, "hiwater ", 8) != 0)
			break;
		n = s;
	}
	return n;
}

static void replay_once(const struct swtlb_trace *t, const char *scheme,
			enum swtlb_kconfig kconfig, enum swtlb_area_layout al,
			struct swtlb_replay_out *o)
{
	struct swtlb_config cfg = {
	    .kconfig = kconfig,
	    .area_layout = al,
	    .start = SWTLB_DEFAULT_START,
	    .bounce = false,
	    .scheme = swtlb_scheme_find(scheme),
	};

	if (!cfg.scheme)
		abort(); /* the scheme list changed under the fuzz target */
	/* A trace the reader accepted must replay completely. */
	if (swtlb_replay_run("fuzz", t, &cfg, true, o) != 0 || o->oom ||
	    !o->len || o->data[o->len - 1] != '\n')
		abort();
}

static void replay_all(const struct swtlb_trace *t)
{
	static const struct {
		const char *scheme;
		enum swtlb_kconfig kconfig;
		enum swtlb_area_layout al;
	} runs[] = {
	    {"none", SWTLB_DYNAMIC_OFF, SWTLB_AREAS_PACKED},
	    {"global-atomic", SWTLB_DYNAMIC_ON, SWTLB_AREAS_PADDED},
	    {"area-hiwater", SWTLB_DYNAMIC_OFF, SWTLB_AREAS_PADDED},
	    {"percpu-batch", SWTLB_DYNAMIC_ON, SWTLB_AREAS_PACKED},
	};
	struct swtlb_replay_out first = {0};

	replay_once(t, runs[0].scheme, runs[0].kconfig, runs[0].al, &first);
	for (size_t i = 1; i < sizeof(runs) / sizeof(runs[0]); i++) {
		struct swtlb_replay_out o = {0};

		replay_once(t, runs[i].scheme, runs[i].kconfig, runs[i].al, &o);
		if (answer_len(&o) != answer_len(&first) ||
		    memcmp(o.data, first.data, answer_len(&o)) != 0)
			abort(); /* the pool's answers depend on the scheme */
		free(o.data);
	}
	free(first.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct swtlb_trace t;
	char err[512];
	FILE *f;

	/* fmemopen() refuses an empty buffer: read /dev/null instead. */
	char *copy = malloc(size + 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	f = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (!f) {
		free(copy);
		return 0;
	}
	err[0] = 0;
	if (swtlb_trace_read(f, "fuzz", &t, err, sizeof(err)) == 0) {
		if (t.nslabs <= FUZZ_MAX_REPLAY_NSLABS)
			replay_all(&t);
		swtlb_trace_free(&t);
	} else if (strncmp(err, "fuzz:", 5) != 0 || strchr(err, '\n')) {
		abort(); /* every error names the input and is one line */
	}
	fclose(f);
	free(copy);
	return 0;
}
