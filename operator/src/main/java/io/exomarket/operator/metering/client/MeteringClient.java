package io.exomarket.operator.metering.client;

import io.exomarket.operator.outbound.CallOutcome;

/** Sends one usage report to Exoscale's metering API. */
public interface MeteringClient {

  /**
   * Sends the report once, never retrying on its own: only the caller's ledger knows whether a
   * re-send is safe (see {@link CallOutcome}). Blocks for at most about twice the request timeout.
   *
   * @throws IllegalArgumentException before anything is sent, if the report is for another product
   *     than the one this client is configured for
   */
  CallOutcome send(UsageReport report);
}
