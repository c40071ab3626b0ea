/*
 * Preloaded into the JVMs Keel starts on AMD x86-64 CPUs (see scripts/jvm-env.sh): libtorch links Intel MKL, and
 * MKL asks this function whether the CPU is an Intel one before it picks its AVX2/AVX-512 GEMM kernels; on any
 * other vendor it falls back to a generic kernel. libtorch_cpu.so calls it through its PLT, so this definition
 * replaces MKL's. MKL still checks the CPU's feature flags, so it only uses instructions the CPU has.
 * Measured 2026-12-04 on an AMD EPYC (Zen 4), one thread: MLP 784-256-128-10 training at batch 256,
 * 69k samples/s without, 139k with.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
