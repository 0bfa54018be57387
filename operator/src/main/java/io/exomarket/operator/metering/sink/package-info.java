/**
 * A local stand-in for Exoscale's metering API (tests, sandbox, e2e): {@link
 * io.exomarket.operator.metering.sink.MeteringSink#start(int, String, String)} in-process, or
 * {@code java -cp <operator classpath> io.exomarket.operator.metering.sink.MeteringSink --port 8089
 * --key K --secret S [--bind 0.0.0.0] [--faults SERVER_ERROR=0.05] [--latency-ms 10]} as a process.
 * What it billed is at {@code GET /reports}.
 */
package io.exomarket.operator.metering.sink;
