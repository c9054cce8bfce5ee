#!/usr/bin/env bash
# tests/pool/check_disasm.sh OBJDUMP LIBSWTLB_CORE
# Reads the disassembly of the hot path compiled per scheme (pool_impl.h,
# one compilation per hook set) and checks what the kernel's inlining
# gives: global-atomic's map (swiotlb_tbl_map_single(), swtlb_map_*)
# holds inc_used_and_hiwater()'s `lock xadd` and `lock cmpxchg` and its
# unmap (__swiotlb_tbl_unmap_single(), tbl_unmap_*) dec_used()'s locked
# subtract, with no indirect call; none's hold no locked instruction and no
# indirect call at all (the area lock is the out-of-line
# _raw_spin_lock_irqsave() stand-in); the `indirect` variant's map does
# call through a pointer, which shows the check can fail.
# Exit 0 pass, 1 fail.
set -u
objdump=$1 lib=$2
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# The whole hot-path disassembly once, relocations inline (call targets
# named); then the instructions of one function, GCC's clone suffixes
# (.isra.0, .part.0, ...) allowed.
dis=$(mktemp)
trap 'rm -f "$dis"' EXIT
"$objdump" -d -r --no-show-raw-insn "$lib" >"$dis" 2>/dev/null || fail "objdump $lib"
body() {
  awk -v f="$1" '
    /^[0-9a-f]+ <.*>:$/ {
      name = $2; sub(/^</, "", name); sub(/>:$/, "", name)
      base = name; sub(/\..*$/, "", base)
      on = (base == f); next
    }
    on' "$dis"
}
indirect() { grep -E '(call|jmp)[a-z]* +\*' ; }

for kc in dynoff dynon; do
  for lock in native pv; do
    ga_map=$(body swtlb_map_global_atomic_${kc}_${lock})
    ga_unmap=$(body tbl_unmap_global_atomic_${kc}_${lock})
    none_map=$(body swtlb_map_none_${kc}_${lock})
    none_unmap=$(body tbl_unmap_none_${kc}_${lock})
    ind_map=$(body swtlb_map_indirect_${kc}_${lock})
    for v in ga_map ga_unmap none_map none_unmap ind_map; do
      [ -n "${!v}" ] || fail "$v ($kc, $lock): no such function in $lib"
    done
    grep -q 'lock xadd' <<<"$ga_map" || fail "global-atomic map ($kc, $lock): no lock xadd"
    grep -q 'lock cmpxchg' <<<"$ga_map" || fail "global-atomic map ($kc, $lock): no lock cmpxchg"
    grep -Eq 'lock (sub|xadd)' <<<"$ga_unmap" || fail "global-atomic unmap ($kc, $lock): no locked subtract"
    [ -z "$(indirect <<<"$ga_map$ga_unmap")" ] || fail "global-atomic ($kc, $lock): indirect call"
    # dynamic-on's find_slots() ends in smp_mb(), a locked add to the stack.
    if grep -v 'lock addl \$0x0,.*(%rsp)' <<<"$none_map$none_unmap" | grep -q 'lock '; then
      fail "none ($kc, $lock): a locked instruction in map or unmap"
    fi
    [ -z "$(indirect <<<"$none_map$none_unmap")" ] || fail "none ($kc, $lock): indirect call"
    [ -n "$(indirect <<<"$ind_map")" ] || fail "indirect map ($kc, $lock): no indirect call found"
    grep -q 'swtlb_spin_lock_irqsave' <<<"$none_map" || fail "none map ($kc, $lock): no call of the irqsave lock"
    # The dma-direct caller path: direct calls into swiotlb_map() and, on
    # unmap, into the sync for the CPU and the unmap proper.
    dmap=$(body dma_map_global_atomic_${kc}_${lock})
    dunmap=$(body dma_unmap_global_atomic_${kc}_${lock})
    grep -q 'swiotlb_map_global_atomic' <<<"$dmap" || fail "dma map ($kc, $lock): no call of swiotlb_map"
    grep -q 'sync_for_cpu_global_atomic' <<<"$dunmap" || fail "dma unmap ($kc, $lock): no sync for the CPU"
    grep -q 'tbl_unmap_global_atomic' <<<"$dunmap" || fail "dma unmap ($kc, $lock): no tbl unmap"
    [ -z "$(indirect <<<"$dmap$dunmap")" ] || fail "dma-direct path ($kc, $lock): indirect call"
    if [ "$lock" = pv ]; then
      grep -q 'swtlb_spin_unlock_irqrestore_pv' <<<"$none_map" || fail "none map ($kc, pv): no pv unlock call"
    fi
  done
done
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed" >&2; exit 1; }
echo "check_disasm: all checks passed"
