# shellcheck shell=bash
# Sourced by scripts/yardstick and scripts/linetrace (each defines die()):
# the checks that a directory is a Linux tree the tools can build from.

# A Linux tree: kernel/dma/swiotlb.c and include/linux/swiotlb.h, the
# default pool's map path in one, struct io_tlb_mem in the other.
swtlb_check_tree() { # option, dir
  [ -n "$2" ] || die "$1: give the Linux source tree (a directory)"
  [ -d "$2" ] || die "$1 $2: not a directory"
  [ -f "$2/kernel/dma/swiotlb.c" ] ||
    die "$1 $2: no kernel/dma/swiotlb.c: not a Linux source tree"
  [ -f "$2/include/linux/swiotlb.h" ] ||
    die "$1 $2: no include/linux/swiotlb.h: not a Linux source tree"
  grep -q 'swiotlb_tbl_map_single' "$2/kernel/dma/swiotlb.c" &&
    grep -q 'struct io_tlb_area {' "$2/kernel/dma/swiotlb.c" ||
    die "$1 $2: kernel/dma/swiotlb.c has no swiotlb_tbl_map_single() and struct io_tlb_area (too old: areas came in v6.0)"
  grep -q 'struct io_tlb_mem {' "$2/include/linux/swiotlb.h" ||
    die "$1 $2: include/linux/swiotlb.h has no struct io_tlb_mem"
}

# The same tree with seed 003 applied: used_hiwater in struct io_tlb_area.
swtlb_check_hiwater_tree() { # dir
  sed -n '/^struct io_tlb_area {/,/^};/p' "$1/kernel/dma/swiotlb.c" |
    grep -q used_hiwater ||
    die "--kernel-src-area-hiwater $1: struct io_tlb_area has no used_hiwater (seed 003 not applied)"
}
