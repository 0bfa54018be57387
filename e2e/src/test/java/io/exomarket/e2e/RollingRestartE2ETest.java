package io.exomarket.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.ApiGroup;
import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.e2e.testing.E2eEnvironment;
import io.exomarket.e2e.testing.JavaProcess;
import io.exomarket.e2e.testing.Osb;
import io.exomarket.testkit.junit.E2eTier;
import io.exomarket.testkit.metering.RecordedUsage;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing across a rolling restart of the operator (issue 13): instances that run the whole time,
 * the operator stopped right after a usage report went out, alternately with SIGTERM (graceful: the
 * stop gate) and kill -9, and started again, six times. Each instance has its own organization, so
 * the sink's totals are per instance: the uptime billed must equal the time from billableSince to
 * the ledger's reportedUntil (nothing lost while the operator was down, nothing billed twice), and
 * the storage billed must be the plan's 10 GB for exactly that time.
 */
@E2eTier
class RollingRestartE2ETest {
  private static final int INSTANCES = 6;
  private static final int RESTARTS = 6;
  private static final BigDecimal SMALL_STORAGE_GB = BigDecimal.TEN;
  private static final Duration WINDOW = Duration.ofSeconds(3);

  /** The reporter rounds each window down to 5 decimals and carries the rest: totals lag < 1e-5. */
  private static final BigDecimal ROUNDING = new BigDecimal("0.00002");

  private static E2eEnvironment env;

  @BeforeAll
  static void start() {
    env = new E2eEnvironment(Duration.ofMillis(200), WINDOW);
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void usageIsNeitherLostNorDoubledAcrossRestarts() {
    JavaProcess operator = env.startOperator();
    Osb osb = env.startAdapter(0).osb();
    List<String> orgs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      String org = UUID.randomUUID().toString();
      String id = UUID.randomUUID().toString();
      Osb.Response r = osb.provision(id, Osb.provisionBody(Osb.SMALL, org, "owner@acme.ch"), false);
      assertThat(r.status()).as(r.raw()).isEqualTo(201);
      orgs.add(org);
      ids.add(id);
    }
    for (int restart = 0; restart < RESTARTS; restart++) {
      // Stop 0.1 to 0.5 s after a report arrived: reconciles are then in flight.
      int before = env.sink().reports().size();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> env.sink().reports().size() > before);
      sleep(100 + 80L * restart);
      if (restart % 2 == 0) {
        operator.stop();
      } else {
        operator.kill9();
      }
      sleep(1500);
      operator = env.startOperator();
    }
    // Let every instance report past the last restart, then compare. A kill -9 between a send and
    // the write of its outcome leaves the report Uncertain, by design: the test resolves it as an
    // SRE would after asking Exoscale, from what the sink received.
    Instant settled = Instant.now().plusSeconds(8);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              for (int i = 0; i < INSTANCES; i++) {
                resolveUncertain(env.instance(ids.get(i)), orgs.get(i));
              }
              return ids.stream()
                  .map(env::instance)
                  .allMatch(m -> reportedUntil(m).isAfter(settled) && noReportPending(m));
            });
    for (int i = 0; i < INSTANCES; i++) {
      ManagedServiceInstance msi = env.instance(ids.get(i));
      assertThat(msi.getStatus().getState()).isEqualTo(InstanceState.Ready);
      BigDecimal expectedHours =
          hours(Instant.parse(msi.getStatus().getBillableSince()), reportedUntil(msi));
      BigDecimal uptime = total(orgs.get(i), "uptime_small");
      BigDecimal storage = total(orgs.get(i), "storage_small");
      assertThat(uptime)
          .as(
              "uptime billed to instance %d, against %s h from billableSince to reportedUntil",
              i, expectedHours)
          .isBetween(expectedHours.subtract(ROUNDING), expectedHours);
      assertThat(storage)
          .as("storage billed to instance %d", i)
          .isBetween(
              expectedHours.multiply(SMALL_STORAGE_GB).subtract(ROUNDING),
              expectedHours.multiply(SMALL_STORAGE_GB));
    }
  }

  /**
   * Skip when the sink got the uncertain report, resend when it did not; as an SRE would, from what
   * was billed (Exoscale has no request ids): the uptime billed beyond what the ledger says was
   * accepted before the report (from billableSince to its start) is the report's, if it arrived.
   */
  private static void resolveUncertain(ManagedServiceInstance msi, String org) {
    PendingUsageReport pending =
        msi.getStatus().getUsage() == null ? null : msi.getStatus().getUsage().getPending();
    if (pending == null || !PendingUsageReport.UNCERTAIN.equals(pending.getState())) {
      return;
    }
    BigDecimal acceptedBefore =
        hours(
            Instant.parse(msi.getStatus().getBillableSince()),
            Instant.parse(pending.getWindowStart()));
    BigDecimal reported = new BigDecimal(pending.getQuantities().get("uptime_small"));
    boolean received =
        total(org, "uptime_small")
                .subtract(acceptedBefore)
                .compareTo(reported.divide(BigDecimal.valueOf(2)))
            >= 0;
    String decision = (received ? "skip:" : "resend:") + pending.getAttemptId();
    try {
      env.client()
          .resource(env.client().resource(msi).get())
          .edit(
              m -> {
                m.getMetadata()
                    .getAnnotations()
                    .put(ApiGroup.USAGE_RESOLUTION_ANNOTATION, decision);
                return m;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // The operator wrote meanwhile: decide again at the next poll.
    }
  }

  private static boolean noReportPending(ManagedServiceInstance msi) {
    return msi.getStatus().getUsage() != null && msi.getStatus().getUsage().getPending() == null;
  }

  private static Instant reportedUntil(ManagedServiceInstance msi) {
    return msi == null
            || msi.getStatus() == null
            || msi.getStatus().getUsage() == null
            || msi.getStatus().getUsage().getReportedUntil() == null
        ? Instant.EPOCH
        : Instant.parse(msi.getStatus().getUsage().getReportedUntil());
  }

  private static BigDecimal hours(Instant from, Instant to) {
    return BigDecimal.valueOf(Duration.between(from, to).toMillis())
        .divide(BigDecimal.valueOf(3_600_000), 10, RoundingMode.DOWN);
  }

  private static BigDecimal total(String org, String variable) {
    return env.sink().reports().stream()
        .filter(r -> r.organization().toString().equals(org) && r.variable().equals(variable))
        .map(RecordedUsage::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
