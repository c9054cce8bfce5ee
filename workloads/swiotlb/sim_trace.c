/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/sim_trace.c: a simulated run as a trace file that
 * swtlb-replay reads (sim_write_trace(), sim_engine.h). */
#include <stdio.h>

#include "bench/common/trace.h"
#include "workloads/swiotlb/sim_engine.h"

int sim_write_trace(FILE *f, const struct sim_config *cfg,
		    const struct sim_result *res, const struct sim_oplog *log,
		    const char *cmdline)
{
	if (swtlb_trace_write_pool(f, cfg->nslabs, cfg->nareas) != 0 ||
	    fprintf(f, "# generator: %s\n", cmdline) < 0 ||
	    fprintf(f, "# oracle: hiwater_exact=%lu area_hiwater_sum=%lu\n",
		    res->truth, res->area_hiwater_sum) < 0)
		return -1;
	for (size_t i = 0; i < log->len; i++) {
		const struct sim_op *o = &log->ops[i];
		int rc = o->map ? swtlb_trace_write_map(f, o->id, o->cpu,
							o->orig_addr, o->size,
							cfg->min_align_mask, 0)
				: swtlb_trace_write_unmap(f, o->id);

		if (rc != 0)
			return -1;
	}
	return 0;
}
