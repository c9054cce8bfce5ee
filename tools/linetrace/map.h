/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/linetrace/map.h: the analyser's map of a traced run (regions,
 * symbols, locked instructions, the tbl-unmap functions), read by
 * map.c, used by analyse.c to name and classify each access.
 */
#ifndef LT_MAP_H
#define LT_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "tools/linetrace/linetrace.h"

#define LT_MAX_REGIONS 64
#define LT_MAX_ADDRS   200000

struct lt_region {
	char name[64];
	uint64_t lo, hi;
};

struct lt_map {
	struct lt_run *run;
	uint64_t marks, bias;
	int have_marks;
	struct lt_region ignore[8], region[LT_MAX_REGIONS];
	unsigned int nignore, nregion;
	struct lt_region *sym; /* sorted by lo */
	size_t nsym;
	uint64_t *locked; /* sorted */
	size_t nlocked;
	struct lt_region unmap_fn[128];
	unsigned int nunmap_fn;
};

/* One line "FILE:LINE: what" (or "FILE: what") on stderr, exit 2. */
_Noreturn void lt_fail(const char *file, unsigned long line, const char *what);
/* Bare hexadecimal, as lackey and the map write addresses; 0 or -1. */
int lt_parse_hex(const char *s, uint64_t *v);
/* Reads map_path into m (m->run set by the caller); exits 2 if bad. */
void lt_read_map(struct lt_map *m, const char *map_path);
const struct lt_region *lt_find_range(const struct lt_region *g, size_t n,
				      uint64_t a);
/* The last symbol starting at or below a that contains it. */
const struct lt_region *lt_find_sym(const struct lt_map *m, uint64_t a);
int lt_is_locked(const struct lt_map *m, uint64_t insn);

#endif /* LT_MAP_H */
