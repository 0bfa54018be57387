package io.exomarket.e2e.apiserver;

import static io.exomarket.operator.testing.Fixtures.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exomarket.api.v1alpha1.InstanceState;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.PendingUsageReport;
import io.exomarket.api.v1alpha1.ServiceUser;
import io.exomarket.operator.ExomarketOperator;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.metering.client.ApiVariant;
import io.exomarket.operator.testing.Awaits;
import io.exomarket.operator.testing.Fixtures;
import io.exomarket.testkit.junit.ApiServerTier;
import io.exomarket.testkit.junit.RealApiServer;
import io.exomarket.testkit.kube.SimulatedKubelet;
import io.exomarket.testkit.metering.MeteringSink;
import io.exomarket.testkit.metering.RecordedUsage;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The race between a usage report's send and the record of its outcome, on a real API server: the
 * sink accepts a report and, before it answers, the platform changes the instance (a user sync), so
 * the operator's write of the outcome conflicts. The report must be recorded as sent (the operator
 * remembers its attempt), never sent twice and never left Uncertain.
 */
@ApiServerTier
class UsageConflictOnRealApiServerTest {
  private static final String SYSTEM = "exomarket-system";
  private static final String NS = "tenant-usage-conflict";
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static RealApiServer api;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    api = RealApiServer.start();
    admin = api.adminClient();
    Fixtures.namespace(admin, SYSTEM);
    Fixtures.namespace(admin, NS);
    Fixtures.installOffering(admin);
    Fixtures.meteringSecret(admin, SYSTEM, "EXOrace", "race-secret");
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aConflictBetweenSendAndRecordNeitherRepeatsNorLosesTheReport() throws Exception {
    try (MeteringSink sink = MeteringSink.start(0, "EXOrace", "race-secret")) {
      UsageSettings usage =
          new UsageSettings(
              sink.url(),
              ApiVariant.PARTNER,
              "acme-db",
              SYSTEM,
              "exomarket-metering-credentials",
              WINDOW,
              Duration.ofMillis(300),
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              false,
              Duration.ofHours(6));
      ManagedServiceInstance msi = Fixtures.instance(NS, "db", SMALL);
      String org = msi.getSpec().getOrganization();
      AtomicBoolean changed = new AtomicBoolean();
      // The first report accepted: the platform syncs the users before the answer leaves.
      sink.onRecord(
          lines -> {
            if (!changed.get()
                && lines.stream().anyMatch(l -> org.equals(String.valueOf(l.organization())))) {
              admin
                  .resource(msi)
                  .edit(
                      m -> {
                        List<ServiceUser> users = new ArrayList<>(m.getSpec().getUsers());
                        users.add(new ServiceUser("late@acme.ch", "Late Joiner", "member"));
                        m.getSpec().setUsers(users);
                        return m;
                      });
              changed.set(true);
            }
          });
      OperatorConfig config = OperatorConfig.defaults().withUsage(usage);
      try (ExomarketOperator operator = ExomarketOperator.start(admin, config);
          SimulatedKubelet kubelet = SimulatedKubelet.start(admin, Duration.ofMillis(50))) {
        admin.resource(msi).create();
        Awaits.awaitState(admin, msi, InstanceState.Ready, TIMEOUT);
        await().atMost(TIMEOUT).until(changed::get);
        Instant conflictAt = Instant.now();
        // Two more windows reported after the conflicting one, with nothing pending, and never
        // Uncertain on the way.
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  ManagedServiceInstance now = admin.resource(msi).get();
                  PendingUsageReport pending = now.getStatus().getUsage().getPending();
                  if (pending != null && PendingUsageReport.UNCERTAIN.equals(pending.getState())) {
                    // Fails at once: an Uncertain report waits for a person.
                    throw new IllegalStateException("the report was left Uncertain: " + pending);
                  }
                  return pending == null
                      && reportedUntil(now).isAfter(conflictAt.plus(WINDOW.multipliedBy(2)));
                });
        ManagedServiceInstance done = admin.resource(msi).get();
        assertThat(done.getSpec().getUsers()).hasSize(2);
        // One request per window from billableSince to reportedUntil: none twice, none missing.
        long window = WINDOW.toMillis();
        long since = Instant.parse(done.getStatus().getBillableSince()).toEpochMilli();
        long until = reportedUntil(done).toEpochMilli();
        long windows = Math.floorDiv(until - 1, window) - Math.floorDiv(since, window) + 1;
        long requests =
            sink.reports().stream()
                .filter(r -> org.equals(String.valueOf(r.organization())))
                .map(RecordedUsage::requestNumber)
                .distinct()
                .count();
        assertThat(requests).as("usage requests for %d windows", windows).isEqualTo(windows);
      }
    }
  }

  private static Instant reportedUntil(ManagedServiceInstance msi) {
    return msi.getStatus() == null
            || msi.getStatus().getUsage() == null
            || msi.getStatus().getUsage().getReportedUntil() == null
        ? Instant.EPOCH
        : Instant.parse(msi.getStatus().getUsage().getReportedUntil());
  }
}
