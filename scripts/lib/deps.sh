# shellcheck shell=bash
# Sourced by the scripts: installs the Debian packages the suite needs when
# any is missing, so a fresh machine needs nothing by hand.
swtlb_debian_packages=(
  build-essential cmake pkg-config git
  libhwloc-dev hwloc libnuma-dev numactl
  libbenchmark-dev libcmocka-dev libpfm4-dev
  gnuplot-nox libdevel-nytprof-perl linux-perf
  util-linux procps python3 valgrind binutils
)

swtlb_install_deps() {
  local missing=() p
  for p in "${swtlb_debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "swtlb: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
      echo "swtlb: need root (or sudo) to install: ${missing[*]}" >&2
      return 1
    }
    sudo="sudo"
  fi
  $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Number of parallel build jobs: every core of this host.
swtlb_jobs() { nproc 2>/dev/null || echo 2; }
