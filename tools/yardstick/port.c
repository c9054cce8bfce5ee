// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/port.c: the port's side, through the swiotlb workload's
 * own table: create, thread_prepare, get/put to fill and drain, and its
 * loop(), the very code swtlb-bench runs in its measured window.
 */
#include <stdio.h>
#include <string.h>

#include "counters/scheme.h"
#include "tools/yardstick/yard.h"

static const struct swtlb_workload_ops *wl;
static void *wl_params;
static unsigned int port_offset;

static void *port_params(const struct yard_opts *o, char *err, size_t errlen)
{
	const char *values[SWTLB_WORKLOAD_MAX_PARAMS];
	char cell[512];

	if (!wl->parse)
		return NULL;
	if (swtlb_workload_params_resolve(wl, o->port_params, o->nport_params,
					  values, cell, sizeof(cell), err,
					  errlen))
		return NULL;
	return wl->parse(values, err, errlen);
}

static int port_setup(const struct yard_opts *o, char *err, size_t errlen)
{
	struct swtlb_workload_setup ws;
	unsigned int ncpus = 0;

	wl = swtlb_workload_find("swiotlb");
	if (!wl) {
		snprintf(err, errlen, "the port has no swiotlb workload");
		return -1;
	}
	memset(&ws, 0, sizeof(ws));
	ws.scheme = swtlb_scheme_find(o->scheme);
	if (!ws.scheme) {
		snprintf(err, errlen, "--scheme %s: no such scheme", o->scheme);
		return -1;
	}
	if (o->nport_params && !wl->parse) {
		snprintf(err, errlen,
			 "--port-param: the port's swiotlb "
			 "workload takes no parameters");
		return -1;
	}
	err[0] = '\0';
	wl_params = port_params(o, err, errlen);
	if (!wl_params && err[0])
		return -1;
	for (unsigned int i = 0; i < o->threads; i++)
		if (o->cpus[i] + 1 > ncpus)
			ncpus = o->cpus[i] + 1;
	ws.scheme_params.ncpus = ncpus;
	ws.scheme_params.batch = 32;
	ws.scheme_params.period_us = 1000;
	ws.params = wl_params;
	ws.threads = o->threads;
	ws.ncpus = ncpus;
	ws.nslabs = o->nslabs;
	ws.nareas = o->nareas;
	ws.kconfig = SWTLB_DYNAMIC_OFF;
	ws.area_layout = o->padded ? SWTLB_AREAS_PADDED : SWTLB_AREAS_PACKED;
	ws.bounce = o->bounce;
	ws.alloc = o->bounce_alloc;
	ws.free = o->bounce_free;
	port_offset = o->mem_offset;
	yard_port_side.ctx = wl->create(&ws, err, errlen);
	return yard_port_side.ctx ? 0 : -1;
}

static void *port_thread_prepare(const struct yard_opts *o, unsigned int cpu,
				 char *err, size_t errlen)
{
	struct swtlb_workload_thread_setup ts = {
	    .idx = 0,
	    .cpu = cpu,
	    .queue_depth = o->queue_depth,
	    .max_size = o->size,
	    .bounce = o->bounce,
	    .src_stride = o->src_stride,
	    .src_count = o->src_count,
	};

	return wl->thread_prepare(yard_port_side.ctx, &ts, err, errlen);
}

static bool port_get(void *thr, unsigned int cpu, unsigned int slot,
		     size_t size)
{
	return wl->get(yard_port_side.ctx, thr, cpu, slot, size);
}

static void port_put(void *thr, unsigned int cpu, unsigned int slot)
{
	wl->put(yard_port_side.ctx, thr, cpu, slot);
}

static void port_loop(struct swtlb_workload_loop *l)
{
	wl->loop(l);
}

static void port_thread_release(void *thr)
{
	wl->thread_release(yard_port_side.ctx, thr);
}

static int port_finish(char *err, size_t errlen)
{
	int rc = wl->check(yard_port_side.ctx, err, errlen);

	wl->destroy(yard_port_side.ctx);
	if (wl_params && wl->params_free)
		wl->params_free(wl_params);
	return rc;
}

/* The port's mem_offset parameter (0 unless given). */
static unsigned int port_mem_offset(void)
{
	return port_offset;
}

static const char *port_variant(const struct yard_opts *o)
{
	bool pv = false;

	for (unsigned int i = 0; i < o->nport_params; i++)
		pv |= !strcmp(o->port_params[i], "lock=pv");
	if (pv)
		return o->padded ? "areas=padded;lock=pv"
				 : "areas=packed;lock=pv";
	return o->padded ? "areas=padded;lock=native"
			 : "areas=packed;lock=native";
}

struct yard_side yard_port_side = {
    .name = "port",
    .setup = port_setup,
    .thread_prepare = port_thread_prepare,
    .get = port_get,
    .put = port_put,
    .loop = port_loop,
    .thread_release = port_thread_release,
    .finish = port_finish,
    .mem_offset = port_mem_offset,
    .variant = port_variant,
};
