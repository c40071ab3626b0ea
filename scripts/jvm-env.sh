# Sourced by ./keel and scripts/bench: the environment of every JVM Keel starts (LocalProcessExecutor gives the
# workers it starts the same).

# Keel never phones home: DJL telemetry is off and DJL runs offline in every process Keel starts.
export OPT_OUT_TRACKING=true

# glibc malloc, for libtorch's per-step temporaries: with the default (dynamic) thresholds a thread's arena is
# trimmed after every step and the next step faults its pages back in; in some processes (not all: it depends on
# which arena the training thread gets) that made a LeNet step at batch 256 twice as slow, with a third of the
# time in the kernel's page-fault path (measured 2026-12-04). Fixed thresholds keep up to 128 MiB free per arena.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-134217728}"
