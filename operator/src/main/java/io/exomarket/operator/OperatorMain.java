package io.exomarket.operator;

import io.exomarket.api.client.KubeClientConfig;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.outbound.OutboundHttp;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: configuration from the environment, stops cleanly on SIGTERM. With the
 * single argument {@value ClassDataTraining#ARGUMENT}, the image build's training start instead.
 */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    OutboundHttp.shortenKeepAlive(System.getProperties()); // before any JDK HttpClient exists
    if (args.length == 1 && args[0].equals(ClassDataTraining.ARGUMENT)) {
      try {
        ClassDataTraining.run();
      } catch (IOException | RuntimeException e) {
        LOG.error("class-data-sharing training failed", e);
        System.exit(1);
      }
      System.exit(0); // the archive is written at exit; the training's threads must not hold it
    }
    String logFormat = System.getenv("LOG_FORMAT");
    if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
      // logback would attach no appender at all: refuse to run silently.
      System.err.println("LOG_FORMAT must be text or json (lower case), got '" + logFormat + "'");
      System.exit(2);
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(KubeClientConfig.autoConfigured()).build();
    ExomarketOperator operator;
    try {
      operator = ExomarketOperator.start(client, config);
    } catch (RuntimeException e) {
      LOG.error("the operator could not start", e);
      client.close();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: finishing reconciliations in flight");
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
