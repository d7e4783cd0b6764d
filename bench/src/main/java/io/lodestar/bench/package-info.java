/**
 * Benchmarks and load tools: the synthetic Mesos state generator, dnsperf query files, JMH benchmarks of the query
 * path and the refresh path, and a refresh probe for time and heap. Nothing here asserts correctness (tests do);
 * setup checks only make sure a benchmark measures the answer it names. See {@code docs/performance.md}.
 */
package io.lodestar.bench;
