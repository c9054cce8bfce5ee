/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/bytesize.h: a strict byte-count parser for command-line sizes
 * ("16G", "1m", "4096"), shared by --nslabs coco:MEM and --src-set.
 *
 * Accepted: decimal digits, then at most one binary suffix k/K (KiB),
 * m/M (MiB), g/G (GiB) or t/T (TiB), and nothing else: no sign, blank,
 * hex, fraction or "GB". The value must be at least 1 and at most max;
 * overflow is checked before the suffix is applied, so "99999999999T"
 * is refused rather than wrapped.
 */
#ifndef SWTLB_BENCH_BYTESIZE_H
#define SWTLB_BENCH_BYTESIZE_H

#include <stdint.h>

/* 0 with *out set, or -1 (nothing written) when s is not such a size. */
int swtlb_parse_bytes(const char *s, uint64_t max, uint64_t *out);

#endif /* SWTLB_BENCH_BYTESIZE_H */
