/** The API token the benchmark client sends; the benchmarked app gives it to its first admin. */
export const BENCH_TOKEN = 'cq_bench-token';
