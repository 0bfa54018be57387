package io.exomarket.broker;

import io.exomarket.api.client.KubeClientConfig;
import io.exomarket.broker.config.BrokerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the OSB adapter with the configuration from the environment (see {@link BrokerConfig}); with
 * {@value ClassDataTraining#ARGUMENT}, the image build's training start instead.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals(ClassDataTraining.ARGUMENT)) {
      ClassDataTraining.run();
      // The archive is written at exit: no lingering thread may keep the image build waiting.
      System.exit(0);
    }
    String logFormat = System.getenv("LOG_FORMAT");
    if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
      // logback would attach no appender at all: refuse to run silently.
      System.err.println("LOG_FORMAT must be text or json (lower case), got '" + logFormat + "'");
      System.exit(2);
    }
    BrokerConfig config = BrokerConfig.fromEnv();
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(KubeClientConfig.autoConfigured()).build();
    BrokerServer server = BrokerServer.start(client, config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } finally {
                    client.close();
                    stopped.countDown();
                  }
                },
                "broker-shutdown"));
    stopped.await();
  }
}
