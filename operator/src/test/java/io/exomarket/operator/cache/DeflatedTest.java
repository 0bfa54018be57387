package io.exomarket.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

class DeflatedTest {
  @Test
  void repetitiveJsonShrinksAndComesBackByteForByte() throws Exception {
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 40; i++) {
      json.append("{\"name\":\"db-").append(i).append("\",\"labels\":{\"app\":\"acme-db\"}},");
    }
    byte[] raw = json.append("{}]}").toString().getBytes(StandardCharsets.UTF_8);

    byte[] stored = Deflated.of(raw);

    assertThat(stored.length).isLessThan(raw.length / 4);
    assertThat(Deflated.inflate(stored)).isEqualTo(raw);
  }

  @Test
  void incompressibleAndEmptyInputRoundTrip() throws Exception {
    byte[] noise = new byte[100_000];
    new Random(42).nextBytes(noise);
    assertThat(Deflated.inflate(Deflated.of(noise))).isEqualTo(noise);
    assertThat(Deflated.inflate(Deflated.of(new byte[0]))).isEmpty();
  }

  @Test
  void truncatedBytesAreAnErrorNotAShortObject() {
    byte[] stored =
        Deflated.of("{\"a\":\"bcdefghij\"}".repeat(50).getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(stored, stored.length / 2);
    assertThatThrownBy(() -> Deflated.inflate(truncated)).isInstanceOf(DataFormatException.class);
  }
}
