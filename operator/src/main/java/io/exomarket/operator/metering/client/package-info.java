/**
 * Reports usage to Exoscale's metering API, once per call, and says exactly what became of it.
 *
 * <p>Build a client with {@link io.exomarket.operator.metering.client.MeteringClientFactory} from a
 * {@link io.exomarket.operator.metering.client.MeteringClientConfig} (credentials via {@link
 * io.exomarket.operator.metering.client.MeteringCredentials#fromSecret}). Exoscale has no
 * idempotency key, so the caller's ledger must record its intent before {@code send} and act on the
 * {@link io.exomarket.operator.outbound.CallOutcome}: {@code Accepted} — done; {@code NotDelivered}
 * — send the same report again later; {@code Rejected} — not applied, needs a fix, not a retry;
 * {@code Ambiguous} — do not re-send, resolve first.
 */
package io.exomarket.operator.metering.client;
