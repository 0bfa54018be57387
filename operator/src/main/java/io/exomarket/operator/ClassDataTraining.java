package io.exomarket.operator;

import io.exomarket.api.training.TrainingStart;
import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.api.v1alpha1.ManagedServiceInstanceSpec;
import io.exomarket.api.v1alpha1.PlanSpec;
import io.exomarket.api.v1alpha1.ServiceOffering;
import io.exomarket.api.v1alpha1.ServiceOfferingSpec;
import io.exomarket.api.v1alpha1.WorkloadTemplate;
import io.exomarket.graph.CompileResult;
import io.exomarket.graph.GraphInputs;
import io.exomarket.graph.GraphRenderer;
import io.exomarket.graph.WorkloadGraphCompiler;
import io.exomarket.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the operator image's class-data-sharing archive ({@code operator/Dockerfile}:
 * {@code java -XX:ArchiveClassesAtExit=... OperatorMain --train-class-data-sharing}), as the
 * adapter's. There is no API server at image build time, so the operator starts as in production
 * against a loopback socket that accepts connections and never answers: its client, controllers,
 * informers and HTTP server start, its endpoints are asked, then the informers' first lists time
 * out and the start stops everything. What the silent socket cannot cause is done on samples: the
 * parsing of the API server's answers, and the compiling and rendering of a workload graph (CEL).
 */
final class ClassDataTraining {
  static final String ARGUMENT = "--train-class-data-sharing";
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataTraining.class);
  // Long enough for the requests below on a slow (emulated) build machine.
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

  private ClassDataTraining() {}

  /**
   * Runs the training start.
   *
   * @return the status each request was answered with (-1: no answer)
   */
  static Map<String, Integer> run() throws IOException {
    Map<String, Integer> answers = new LinkedHashMap<>();
    try (TrainingStart training = new TrainingStart();
        KubernetesClient client =
            new KubernetesClientBuilder().withConfig(training.clientConfig()).build()) {
      TrainingStart.parseAnswers(
          client.getKubernetesSerialization(),
          List.of(
              new ServiceOffering(),
              new ManagedServiceInstance(),
              new ManagedServiceBinding(),
              new Namespace(),
              new Secret(),
              new StatefulSet()));
      renderSampleGraph();
      int port = TrainingStart.freePort();
      OperatorConfig config =
          OperatorConfig.defaults().withHttpPort(port).withInformerSyncTimeout(SYNC_TIMEOUT);
      CompletableFuture<ExomarketOperator> starting =
          CompletableFuture.supplyAsync(() -> ExomarketOperator.start(client, config));
      String base = "http://127.0.0.1:" + port;
      answers.put("/healthz", training.awaitAnswer(base + "/healthz", starting));
      answers.put("/readyz", training.status(base + "/readyz", Map.of()));
      answers.put("/metrics", training.status(base + "/metrics", Map.of()));
      try {
        starting.join().close(); // not expected: nothing answers the informers
      } catch (RuntimeException expected) {
        // the start timed out and stopped its informers and HTTP server
      }
    }
    LOG.info("class-data-sharing training done: {}", answers);
    return answers;
  }

  /** The built-in workload graph of an image-only offering, compiled and rendered (CEL). */
  private static void renderSampleGraph() {
    WorkloadTemplate workload = new WorkloadTemplate();
    workload.setImage("registry.example.com/training:1");
    workload.setPort(5432);
    workload.setDataPath("/data");
    CompileResult compiled = WorkloadGraphCompiler.compile(workload);
    ServiceOffering offering = new ServiceOffering();
    offering.setMetadata(new ObjectMetaBuilder().withName("training").build());
    offering.setSpec(new ServiceOfferingSpec());
    offering.getSpec().setWorkload(workload);
    PlanSpec plan = new PlanSpec();
    plan.setId("training-plan");
    plan.setName("training");
    ManagedServiceInstance instance = new ManagedServiceInstance();
    instance.setMetadata(
        new ObjectMetaBuilder().withName("training").withNamespace("tenant-training").build());
    instance.setSpec(new ManagedServiceInstanceSpec());
    instance.getSpec().setInstanceId("training");
    instance.getSpec().setPlanId(plan.getId());
    try {
      GraphRenderer.render(compiled.orElseThrow(), GraphInputs.of(instance, plan, offering));
    } catch (RuntimeException incomplete) {
      // the classes are loaded either way; a sample the renderer refuses is still training
      LOG.debug("training render: {}", incomplete.toString());
    }
  }
}
