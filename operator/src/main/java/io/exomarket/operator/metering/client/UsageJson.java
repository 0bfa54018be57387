package io.exomarket.operator.metering.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** The request bodies of both API shapes; each string is exactly what is signed and sent. */
final class UsageJson {
  private static final JsonFactory JSON = new JsonFactory();

  private UsageJson() {}

  /** {@code {"organization": "..", "usage": [{"product": .., "variable": .., "quantity": ..}]}}. */
  static String partner(UsageReport report) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("organization", report.organization().toString());
          g.writeArrayFieldStart("usage");
          for (UsageRecord r : report.usage()) {
            g.writeStartObject();
            g.writeStringField("product", report.product());
            g.writeStringField("variable", r.variable());
            g.writeFieldName("quantity");
            g.writeNumber(quantity(r.quantity()));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** {@code {"records": [{"variable": .., "quantity": ..}]}}; the organization is in the path. */
  static String legacy(UsageReport report) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("records");
          for (UsageRecord r : report.usage()) {
            g.writeStartObject();
            g.writeStringField("variable", r.variable());
            g.writeFieldName("quantity");
            g.writeNumber(quantity(r.quantity()));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * A JSON number with at most five decimals and never an exponent: {@code stripTrailingZeros}
   * alone turns 1000 into {@code 1E+3}, which some parsers refuse or read as a float.
   */
  static String quantity(BigDecimal q) {
    BigDecimal exact = q.stripTrailingZeros();
    if (exact.scale() > UsageRecord.MAX_DECIMALS) {
      throw new IllegalArgumentException("more than five decimals: " + q.toPlainString());
    }
    return exact.toPlainString();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
