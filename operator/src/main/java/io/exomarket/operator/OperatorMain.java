package io.exomarket.operator;

import io.exomarket.api.client.KubeClientConfig;
import io.exomarket.operator.config.OperatorConfig;
import io.exomarket.operator.outbound.OutboundHttp;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator process: configuration from the environment, stops cleanly on SIGTERM. */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    OutboundHttp.shortenKeepAlive(System.getProperties()); // before any JDK HttpClient exists
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
    ExomarketOperator operator = ExomarketOperator.start(client, config);
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
