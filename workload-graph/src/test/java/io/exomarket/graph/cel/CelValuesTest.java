package io.exomarket.graph.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CelValuesTest {

  @Test
  void javaValuesBecomeCelValues() throws Exception {
    Map<String, Object> in = new HashMap<>();
    in.put("int", 3);
    in.put("float", 1.5f);
    in.put("null", null);
    in.put("list", List.of((short) 1, 2L));
    in.put("quantity", new Quantity("500m"));
    in.put("json", new ObjectMapper().readTree("{\"a\": [1, 2.5, null, true]}"));
    @SuppressWarnings("unchecked")
    Map<String, Object> cel = (Map<String, Object>) CelValues.toCel(in);
    assertThat(cel.get("int")).isEqualTo(3L);
    assertThat(cel.get("float")).isEqualTo(1.5);
    assertThat(cel.get("null")).isSameAs(NullValue.NULL_VALUE);
    assertThat(cel.get("list")).isEqualTo(List.of(1L, 2L));
    assertThat(cel.get("quantity")).isEqualTo("500m");
    assertThat(cel.get("json"))
        .isEqualTo(Map.of("a", List.of(1L, 2.5, NullValue.NULL_VALUE, true)));
    assertThat(CelValues.toPlain(in).toString()).contains("null=null");
  }

  @Test
  void celResultsBecomePlainValues() {
    assertThat(CelValues.fromCel(UnsignedLong.valueOf(7))).isEqualTo(7L);
    assertThat(CelValues.fromCel(UnsignedLong.MAX_VALUE))
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(CelValues.fromCel(CelByteString.copyFromUtf8("hi"))).isEqualTo("aGk=");
    assertThat(CelValues.fromCel(Optional.of(NullValue.NULL_VALUE))).isNull();
    assertThat(CelValues.fromCel(Optional.of(List.of(1L)))).isEqualTo(List.of(1L));
    assertThat(CelValues.fromCel(Optional.empty())).isNull();
    assertThat(CelValues.fromCel(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(CelValues.fromCel(Map.of(1L, Arrays.asList(NullValue.NULL_VALUE, 2))))
        .isEqualTo(Map.of("1", Arrays.asList(null, 2L)));
  }

  @Test
  void toJsonIsCanonical() throws Exception {
    Map<String, Object> unordered = new java.util.LinkedHashMap<>();
    unordered.put("b", 1);
    unordered.put("a", Map.of("d", true, "c", NullValue.NULL_VALUE));
    assertThat(GraphFunctions.toJson(unordered))
        .isEqualTo("{\"a\":{\"c\":null,\"d\":true},\"b\":1}");
  }

  @Test
  void randomStringsAreUrlSafeOfTheLengthAsked() throws Exception {
    assertThat(GraphFunctions.randomString(1L)).hasSize(1);
    assertThat(GraphFunctions.randomString(33L)).hasSize(33).matches("[A-Za-z0-9_-]+");
    assertThat(GraphFunctions.randomString(32L)).isNotEqualTo(GraphFunctions.randomString(32L));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GraphFunctions.randomString(0L))
        .hasMessageContaining("length must be 1..");
  }
}
