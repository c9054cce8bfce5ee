// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/linetrace/drive.c: linetrace-<scheme>-<areas>, the driver traced
 * under valgrind (docs/linetrace.md). One thread plays two virtual CPUs:
 * it prepares a queue for vcpu 0 and one for vcpu 1 and then, op by op,
 * unmaps and maps for each in turn through the same side code the
 * yardstick measures (the port's swiotlb workload get/put; the kernel's
 * swiotlb.c through kside.c), setting the CPU id both read first: the
 * port takes it as an argument, the kernel's raw_smp_processor_id()
 * stand-in is set with yk_set_cpu(). Before each op it stores to a marker
 * word (one per vcpu and op kind) so the trace can be cut into ops; it
 * writes a map (--map) naming the memory the analyser should name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pool/pool_internal.h"
#include "tools/yardstick/kside.h"
#include "tools/yardstick/yard.h"
#include "tools/yardstick/yard_cli.h"
#include "util/outpath.h"
#include "workloads/src_set.h"

#ifdef YARD_PADDED_AREAS
#define LT_AREAS "padded"
#else
#define LT_AREAS "packed"
#endif

/* Marker words: vcpu * 4 + kind (0 map, 1 unmap, 3 idle), on a line the
 * traced code never touches. */
enum { LT_MAP = 0, LT_UNMAP = 1, LT_IDLE = 3 };
static _Alignas(64) volatile uint64_t lt_marks[8];

struct lt_map {
	char *buf;
	size_t len, cap;
};

static void map_add(struct lt_map *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void map_add(struct lt_map *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(m->buf + m->len, m->cap - m->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < m->cap - m->len)
			break;
		m->cap = m->cap * 2 + 4096;
		m->buf = realloc(m->buf, m->cap);
		if (!m->buf) {
			fprintf(stderr, "linetrace: out of memory\n");
			exit(1);
		}
	}
	m->len += (size_t)n;
}

static void map_region(const char *name, const void *addr, size_t bytes,
		       void *arg)
{
	if (addr && bytes)
		map_add(arg, "region %s %#lx %zu\n", name,
			(unsigned long)(uintptr_t)addr, bytes);
}

/* The kernel side's blocks, the slot array named by its size. */
static unsigned long lt_nslabs;
static void map_kernel_region(const char *name, const void *addr, size_t bytes,
			      void *arg)
{
	if (!strcmp(name, "kalloc") && bytes % lt_nslabs == 0 &&
	    bytes / lt_nslabs >= 8 && bytes / lt_nslabs <= 64)
		name = "slots";
	map_region(name, addr, bytes, arg);
}

static void map_port(struct lt_map *m, const struct swtlb *s)
{
	map_region("io_tlb_mem", s->mem, sizeof(struct io_tlb_mem_dynoff), m);
	map_region("areas", s->areas, (size_t)s->nareas * s->area.stride, m);
	map_region("slots", s->slots, s->nslabs * sizeof(*s->slots), m);
	map_region("bounce", s->vaddr, s->vaddr_bytes, m);
	map_region("dev", &s->dev, sizeof(s->dev), m);
	map_region("swtlb", s, sizeof(*s), m);
}

/* Fresh anonymous pages: zero without a store for valgrind to record. */
static void *lt_bounce_alloc(size_t bytes, void *arg)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	return p == MAP_FAILED ? NULL : p;
}

static void lt_bounce_free(void *mem, size_t bytes, void *arg)
{
	(void)arg;
	munmap(mem, bytes);
}

const char yard_cli_tool[] = "linetrace";

struct lt_opts {
	struct yard_opts y;
	unsigned long ops, warm;
	const char *map;
};

static void parse(int argc, char **argv, struct lt_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->y.side = NULL;
	o->y.scheme = YARD_SCHEME;
	o->y.threads = 2;
	o->y.cpus[1] = 1;
	o->y.queue_depth = 4;
	o->y.size = 4096;
	o->y.padded = !strcmp(LT_AREAS, "padded");
	o->y.dma_direct = true;
	o->y.src_set = "1m";
	o->y.nslabs = 32768;
	o->y.nareas = 2;
	o->y.bounce_alloc = lt_bounce_alloc;
	o->y.bounce_free = lt_bounce_free;
	o->ops = 32;
	o->warm = 8;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help")) {
			printf("usage: linetrace-VARIANT --side port|kernel "
			       "--map FILE [--bounce on|off]\n"
			       "  [--ops N] [--warm N] [--nslabs N] "
			       "[--port-param KEY=VALUE]\n");
			exit(0);
		}
		if (!v)
			bad(a, NULL, "a value (--help)");
		i++;
		if (!strcmp(a, "--side")) {
			if (strcmp(v, "port") && strcmp(v, "kernel"))
				bad(a, v, "port or kernel");
			o->y.side = v;
		} else if (!strcmp(a, "--bounce")) {
			if (strcmp(v, "on") && strcmp(v, "off"))
				bad(a, v, "on or off");
			o->y.bounce = !strcmp(v, "on");
		} else if (!strcmp(a, "--ops")) {
			o->ops = number(a, v, 1, 100000);
		} else if (!strcmp(a, "--warm")) {
			o->warm = number(a, v, 0, 100000);
		} else if (!strcmp(a, "--nslabs")) {
			o->y.nslabs = number(a, v, 1024, 1UL << 24);
		} else if (!strcmp(a, "--port-param")) {
			if (o->y.nport_params == YARD_MAX_PORT_PARAMS)
				bad(a, v, "at most 8 of them");
			o->y.port_params[o->y.nport_params++] = v;
		} else if (!strcmp(a, "--map")) {
			o->map = v;
		} else {
			bad(a, NULL, "a known option (--help)");
		}
	}
	if (!o->y.side)
		bad("--side", NULL, "port or kernel");
	if (!o->map)
		bad("--map", NULL, "a file to write the memory map to");
}

static void layout_sources(struct yard_opts *y)
{
	struct swtlb_src_set_spec spec;
	char err[256];

	if (swtlb_src_set_parse(y->src_set, &spec, err, sizeof(err)) ||
	    swtlb_src_set_layout(&spec, y->size, y->queue_depth, &y->src_stride,
				 &y->src_count, err, sizeof(err))) {
		fprintf(stderr, "linetrace: %s\n", err);
		exit(2);
	}
}

/* One op of one vcpu: the CPU id, the marker (idle while warming up),
 * the side's get or put. */
static inline void op(struct yard_side *side, void **thr, unsigned int vcpu,
		      bool map, bool traced, unsigned int slot, size_t size,
		      bool *ok)
{
	yk_set_cpu(vcpu);
	lt_marks[vcpu * 4 + (traced ? (map ? LT_MAP : LT_UNMAP) : LT_IDLE)] = 1;
	if (map)
		*ok &= side->get(thr[vcpu], vcpu, slot, size);
	else
		side->put(thr[vcpu], vcpu, slot);
	lt_marks[vcpu * 4 + LT_IDLE] = 1;
}

/* Rounds of the measured loop's order (unmap the slot, then map it
 * again), each op of vcpu 0 followed by the same op of vcpu 1. */
static bool run(struct yard_side *side, void **thr, const struct lt_opts *o)
{
	bool ok = true;
	unsigned long rounds = o->warm + o->ops;

	for (unsigned int v = 0; v < 2; v++)
		for (unsigned int s = 0; s < o->y.queue_depth; s++) {
			yk_set_cpu(v);
			ok &= side->get(thr[v], v, s, o->y.size);
		}
	for (unsigned long r = 0; r < rounds; r++) {
		unsigned int slot = (unsigned int)(r % o->y.queue_depth);
		bool traced = r >= o->warm;

		for (unsigned int v = 0; v < 2; v++)
			op(side, thr, v, false, traced, slot, 0, &ok);
		for (unsigned int v = 0; v < 2; v++)
			op(side, thr, v, true, traced, slot, o->y.size, &ok);
	}
	for (unsigned int v = 0; v < 2; v++)
		for (unsigned int s = 0; s < o->y.queue_depth; s++) {
			yk_set_cpu(v);
			side->put(thr[v], v, s);
		}
	return ok;
}

int main(int argc, char **argv)
{
	struct lt_opts o;
	struct yard_side *side;
	struct lt_map m = {0};
	void *thr[2] = {NULL, NULL};
	char err[512];
	int here; /* the stack, for the analyser to leave out */
	char *tp = __builtin_thread_pointer();

	parse(argc, argv, &o);
	if (swtlb_out_check(o.map, err, sizeof(err))) {
		fprintf(stderr, "linetrace: --map %s\n", err);
		return 2;
	}
	layout_sources(&o.y);
	side = !strcmp(o.y.side, "port") ? &yard_port_side : &yard_kernel_side;
	lt_nslabs = o.y.nslabs;
	yk_alloc_large_unzeroed();
	if (side->setup(&o.y, err, sizeof(err))) {
		fprintf(stderr, "linetrace: %s setup: %s\n", o.y.side, err);
		return 1;
	}
	for (unsigned int v = 0; v < 2; v++) {
		thr[v] = side->thread_prepare(&o.y, v, err, sizeof(err));
		if (!thr[v]) {
			fprintf(stderr, "linetrace: %s\n", err);
			return 1;
		}
	}
	map_add(&m, "linetrace 1\nside %s\nscheme %s\nareas %s\nbounce %s\n",
		o.y.side, o.y.scheme, LT_AREAS, o.y.bounce ? "on" : "off");
	map_add(&m, "anchor main %#lx\nmarks %#lx\n",
		(unsigned long)(uintptr_t)main,
		(unsigned long)(uintptr_t)lt_marks);
	map_add(&m, "ignore stack %#lx %#lx\nignore tls %#lx %#lx\n",
		(unsigned long)(uintptr_t)&here - (8UL << 20),
		(unsigned long)(uintptr_t)&here + (64UL << 10),
		(unsigned long)(uintptr_t)tp - 8192,
		(unsigned long)(uintptr_t)tp + 2048);
	if (side == &yard_port_side)
		map_port(&m, side->ctx);
	else
		yk_regions(map_kernel_region, &m);
	if (!run(side, thr, &o)) {
		fprintf(stderr, "linetrace: a map failed\n");
		return 1;
	}
	for (unsigned int v = 0; v < 2; v++)
		side->thread_release(thr[v]);
	if (side->finish(err, sizeof(err))) {
		fprintf(stderr, "linetrace: %s\n", err);
		return 1;
	}
	if (swtlb_out_replace(o.map, m.buf, m.len, err, sizeof(err))) {
		fprintf(stderr, "linetrace: %s\n", err);
		return 1;
	}
	free(m.buf);
	return 0;
}
