package io.exomarket.operator;

import io.exomarket.api.validation.ParameterValidator;
import io.exomarket.operator.catalog.OfferingCatalog;
import io.exomarket.operator.catalog.PlanResolution;
import io.exomarket.operator.catalog.ResolvedPlan;
import io.exomarket.operator.catalog.WorkloadGraphs;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.config.UsageSettings;
import io.exomarket.operator.controller.DeletionFailures;
import io.exomarket.operator.controller.ErrorStatusHandler;
import io.exomarket.operator.controller.InstanceEventSources;
import io.exomarket.operator.controller.InstanceReconciler;
import io.exomarket.operator.deletion.DeletionHandler;
import io.exomarket.operator.deletion.DeletionHook;
import io.exomarket.operator.delivery.DeliveryMetrics;
import io.exomarket.operator.delivery.DeliveryStep;
import io.exomarket.operator.delivery.WebhookSender;
import io.exomarket.operator.events.EventRecorder;
import io.exomarket.operator.lifecycle.OperationTracker;
import io.exomarket.operator.lifecycle.PauseRecorder;
import io.exomarket.operator.lifecycle.StopGate;
import io.exomarket.operator.lifecycle.WorkloadObserver;
import io.exomarket.operator.metering.LazyMeteringClient;
import io.exomarket.operator.metering.Metering;
import io.exomarket.operator.metering.UsageMetrics;
import io.exomarket.operator.metering.UsageReporter;
import io.exomarket.operator.metering.client.MeteringClient;
import io.exomarket.operator.metering.client.MeteringClientConfig;
import io.exomarket.operator.metrics.InstanceMetrics;
import io.exomarket.operator.metrics.OperatorMetrics;
import io.exomarket.operator.retention.RestoreClaims;
import io.exomarket.operator.retention.RetentionPolicy;
import io.exomarket.operator.steps.ReconcileStep;
import io.exomarket.operator.workload.GraphApplier;
import io.exomarket.operator.workload.ObjectWriter;
import io.exomarket.operator.workload.PvcResizer;
import io.exomarket.operator.workload.WorkloadCleanup;
import io.exomarket.operator.workload.WorkloadInformers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.client.CollectorRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the instance controller from the configuration: the steps that are on (delivery notes, then
 * metering: a metering failure must not hold the note back) and the deletion hooks.
 */
final class InstanceControllerFactory {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceControllerFactory.class);

  private InstanceControllerFactory() {}

  static InstanceReconciler create(
      KubernetesClient client,
      OperatorConfig config,
      CollectorRegistry registry,
      WorkloadGraphs graphs,
      StopGate gate,
      List<DeletionHook> extraHooks,
      WorkloadInformers informers,
      InstanceMetrics instanceMetrics,
      OperatorMetrics operatorMetrics,
      Function<MeteringClientConfig, MeteringClient> meteringClients) {
    EventRecorder events = new EventRecorder(client, config.clock());
    OfferingCatalog catalog = new OfferingCatalog();
    List<ReconcileStep> steps = new ArrayList<>();
    List<DeletionHook> hooks = new ArrayList<>(extraHooks);
    if (config.delivery().enabled()) {
      steps.add(
          new DeliveryStep(
              config.delivery(),
              new WebhookSender(config.delivery(), config.clock()),
              events,
              new DeliveryMetrics(registry)));
      LOG.info("delivery notes go to {}", config.delivery().redactedWebhook());
    }
    UsageSettings usage = config.usage();
    if (usage.enabled()) {
      UsageMetrics usageMetrics = new UsageMetrics(registry);
      UsageReporter reporter =
          new UsageReporter(
              usage, new LazyMeteringClient(client, usage, meteringClients), events, usageMetrics);
      Metering metering = new Metering(usage, reporter, usageMetrics, catalog, events);
      steps.add(metering);
      hooks.add(metering);
    }
    PlanResolution plans = new PlanResolution(catalog, graphs, new ParameterValidator());
    ObjectWriter writer = new ObjectWriter(client);
    WorkloadCleanup cleanup =
        new WorkloadCleanup(
            client,
            informers,
            writer,
            instance ->
                Optional.ofNullable(plans.resolve(instance).plan()).map(ResolvedPlan::graph),
            new RetentionPolicy(
                config.clock(),
                instance ->
                    catalog
                        .byServiceId(instance.getSpec().getServiceId())
                        .map(o -> o.getSpec().retainFor())
                        .orElse(Duration.ZERO)));
    return new InstanceReconciler(
        config.clock(),
        new InstanceEventSources(catalog, config.tenantGrant()),
        plans,
        new PauseRecorder(events),
        new OperationTracker(events),
        new GraphApplier(informers, writer, new PvcResizer(client), events),
        events,
        new WorkloadObserver(events, instanceMetrics, steps, gate),
        steps,
        new DeletionHandler(cleanup, hooks, events),
        new ErrorStatusHandler(events, gate),
        new DeletionFailures(events, gate, operatorMetrics),
        gate,
        new RestoreClaims(client));
  }
}
