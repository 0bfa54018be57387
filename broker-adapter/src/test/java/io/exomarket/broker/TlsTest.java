package io.exomarket.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.broker.testing.BrokerFixture;
import io.exomarket.broker.testing.OsbClient;
import io.exomarket.testkit.junit.MockApiTier;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a keystore configured, the adapter serves HTTPS. */
@MockApiTier
class TlsTest {
  @TempDir Path dir;

  @Test
  void servesHttpsFromTheConfiguredKeystore() throws Exception {
    Path keystore = dir.resolve("broker.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    try (BrokerFixture f = new BrokerFixture(c -> c.withTls(keystore, "changeit", "PKCS12"))) {
      assertThat(f.broker.url()).startsWith("https://");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      OsbClient https =
          new OsbClient(
              HttpClient.newBuilder().sslContext(ssl).build(),
              f.broker.url().replace("127.0.0.1", "localhost"),
              BrokerFixture.USER,
              BrokerFixture.PASSWORD);
      assertThat(https.catalog().status()).isEqualTo(200);
    }
  }
}
