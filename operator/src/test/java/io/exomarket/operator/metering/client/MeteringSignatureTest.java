package io.exomarket.operator.metering.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.exomarket.testkit.metering.Exo2Verifier;
import io.exomarket.testkit.metering.Exo2Verifier.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MeteringSignatureTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final MeteringCredentials CREDS = new MeteringCredentials("EXOkey123", "s3cr3t");
  static final String PATH = "/v1.alpha/metering:apply";
  static final String BODY =
      "{\"organization\":\"bf9bbc88-71ea-407c-9920-fc1101d86183\","
          + "\"usage\":[{\"product\":\"p\",\"variable\":\"v\",\"quantity\":12.5}]}";

  @Test
  void signsTheDocumentedMessageWithHmacSha256() throws Exception {
    long expires = NOW.getEpochSecond() + 600;
    // Computed here independently of the signer's code.
    String message = "POST " + PATH + "\n" + BODY + "\n\n\n" + expires;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));

    String header = new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY);

    assertThat(header)
        .isEqualTo(
            "EXO2-HMAC-SHA256 credential=EXOkey123,expires=" + expires + ",signature=" + expected);
  }

  @Test
  void matchesThePublishedVectorOfExoscalesPythonSigner() {
    // From exoscale/python-exoscale-auth's test suite: GET https://api.exoscale.com/v2/zone,
    // expiring 2077-01-01T00:00:00Z.
    MeteringCredentials creds =
        new MeteringCredentials(
            "EXOxxxxxxxxxxxxxxxxxxxxxxxx", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    String header = new Exo2Signer(creds, CLOCK).authorization("GET", "/v2/zone", "", 3376684800L);
    assertThat(header)
        .isEqualTo(
            "EXO2-HMAC-SHA256 credential=EXOxxxxxxxxxxxxxxxxxxxxxxxx"
                + ",expires=3376684800,signature=Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=");
  }

  @Test
  void expiresAfterTheConfiguredValidity() {
    assertThat(new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY))
        .contains(",expires=" + (NOW.getEpochSecond() + 600) + ",");
    Exo2Signer shortLived = new Exo2Signer(CREDS, CLOCK, Duration.ofSeconds(30));
    assertThat(shortLived.authorization("POST", PATH, BODY))
        .contains(",expires=" + (NOW.getEpochSecond() + 30) + ",");
  }

  @Test
  void verifierAcceptsWhatTheSignerProduces() {
    String header = new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY);
    assertThat(
            new Exo2Verifier(CREDS.key(), CREDS.secret(), CLOCK).verify(header, "POST", PATH, BODY))
        .isEqualTo(Result.VALID);
  }

  @Test
  void verifierRejectsATamperedRequest() {
    String header = new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY);
    Exo2Verifier verifier = new Exo2Verifier(CREDS.key(), CREDS.secret(), CLOCK);
    assertThat(verifier.verify(header, "POST", PATH, BODY.replace("12.5", "125")))
        .isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify(header, "POST", "/orgs/x/usage", BODY))
        .isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify(header, "PUT", PATH, BODY)).isEqualTo(Result.BAD_SIGNATURE);
    long expires = NOW.getEpochSecond() + 600;
    assertThat(
            verifier.verify(
                header.replace("expires=" + expires, "expires=" + (expires + 3600)),
                "POST",
                PATH,
                BODY))
        .isEqualTo(Result.BAD_SIGNATURE);
  }

  @Test
  void verifierRejectsTheWrongSecretOrKey() {
    Exo2Verifier verifier = new Exo2Verifier(CREDS.key(), CREDS.secret(), CLOCK);
    String wrongSecret =
        new Exo2Signer(new MeteringCredentials("EXOkey123", "other"), CLOCK)
            .authorization("POST", PATH, BODY);
    String wrongKey =
        new Exo2Signer(new MeteringCredentials("EXOother", "s3cr3t"), CLOCK)
            .authorization("POST", PATH, BODY);
    assertThat(verifier.verify(wrongSecret, "POST", PATH, BODY)).isEqualTo(Result.BAD_SIGNATURE);
    assertThat(verifier.verify(wrongKey, "POST", PATH, BODY)).isEqualTo(Result.UNKNOWN_KEY);
  }

  @Test
  void verifierRejectsAnExpiredSignatureButNotOneAtItsLastSecond() {
    String header = new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY);
    Clock atExpiry = Clock.offset(CLOCK, Duration.ofMinutes(10));
    Clock afterExpiry = Clock.offset(CLOCK, Duration.ofMinutes(10).plusSeconds(1));
    assertThat(
            new Exo2Verifier(CREDS.key(), CREDS.secret(), atExpiry)
                .verify(header, "POST", PATH, BODY))
        .isEqualTo(Result.VALID);
    assertThat(
            new Exo2Verifier(CREDS.key(), CREDS.secret(), afterExpiry)
                .verify(header, "POST", PATH, BODY))
        .isEqualTo(Result.EXPIRED);
  }

  @Test
  void verifierRejectsMissingAndMalformedHeaders() {
    Exo2Verifier verifier = new Exo2Verifier(CREDS.key(), CREDS.secret(), CLOCK);
    String good = new Exo2Signer(CREDS, CLOCK).authorization("POST", PATH, BODY);
    assertThat(verifier.verify(null, "POST", PATH, BODY)).isEqualTo(Result.MISSING);
    assertThat(verifier.verify("", "POST", PATH, BODY)).isEqualTo(Result.MISSING);
    assertThat(verifier.verify("Bearer abc", "POST", PATH, BODY)).isEqualTo(Result.MALFORMED);
    assertThat(verifier.verify(good.replaceAll(",signature=.*", ""), "POST", PATH, BODY))
        .isEqualTo(Result.MALFORMED);
    assertThat(verifier.verify(good.replaceAll("expires=\\d+", "expires=soon"), "POST", PATH, BODY))
        .isEqualTo(Result.MALFORMED);
    assertThat(verifier.verify(good + ",signature=AAAA", "POST", PATH, BODY))
        .isEqualTo(Result.MALFORMED);
  }
}
