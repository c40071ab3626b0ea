# Sourced by ./keel and scripts/bench, with $root set to the checkout: the environment of every JVM Keel starts
# (LocalProcessExecutor passes the server's environment on to the workers it starts).

# Keel never phones home: DJL telemetry is off and DJL runs offline in every process Keel starts.
export OPT_OUT_TRACKING=true

# glibc malloc, for libtorch's per-step temporaries (tens of MB for a LeNet step at batch 256): by default large
# blocks are mmap'ed and unmapped, a thread arena's top is trimmed, and a 64 MiB arena heap that empties is
# unmapped, so the next step faults the same memory back in. In some processes (it depends on the heap layout)
# that made the step up to twice as slow, with 3,000 page faults a step and a third of the time in the kernel
# (measured 2026-12-04). Fixed thresholds and a 64 MiB top pad keep that memory; the cost is up to that much
# free memory held per arena.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-134217728}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"

# On AMD CPUs, let libtorch's MKL use its fast GEMM kernels (why: keel-train/src/main/native/mkl_vendor_check.c).
# Needs a C compiler once; KEEL_MKL_VENDOR_CHECK=keep leaves MKL as it is.
keel_mkl_shim() {
  [ "${KEEL_MKL_VENDOR_CHECK:-}" != keep ] && [ "$(uname -sm)" = "Linux x86_64" ] \
    && grep -q -m1 AuthenticAMD /proc/cpuinfo 2>/dev/null || return 0
  local source="$root/keel-train/src/main/native/mkl_vendor_check.c"
  local library="$root/keel-train/target/native/libkeel_mkl_vendor_check.so"
  if [ ! -f "$library" ] || [ "$source" -nt "$library" ]; then
    local compiler
    compiler="$(command -v cc || command -v gcc || true)"
    mkdir -p "$(dirname "$library")"
    if [ -z "$compiler" ]; then
      # Said once per build folder, not on every command.
      [ -f "$library.missing-cc" ] || echo "keel: no C compiler, so libtorch's MKL runs its generic kernels on this" \
        "AMD CPU (dense layers train up to 2x slower); apt-get install gcc to fix it" >&2
      touch "$library.missing-cc"
      return 0
    fi
    "$compiler" -O2 -shared -fPIC -o "$library" "$source" && [ -f "$library" ] || return 0
  fi
  export LD_PRELOAD="$library${LD_PRELOAD:+:$LD_PRELOAD}"
}
keel_mkl_shim
