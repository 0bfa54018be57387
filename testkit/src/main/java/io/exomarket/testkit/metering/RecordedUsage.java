package io.exomarket.testkit.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One usage line the sink accepted, i.e. what Exoscale would bill.
 *
 * @param requestNumber the sink's sequence number of the request that carried it (lines of one
 *     request share it)
 * @param product null for the legacy shape, which carries none
 * @param path the raw request path, telling the two API shapes apart
 */
public record RecordedUsage(
    long requestNumber,
    UUID organization,
    String product,
    String variable,
    BigDecimal quantity,
    Instant receivedAt,
    String path) {}
