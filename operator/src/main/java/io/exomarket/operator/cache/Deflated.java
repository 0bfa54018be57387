package io.exomarket.operator.cache;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Bytes deflated at the fastest level, behind a 4-byte header with their inflated length.
 * Kubernetes objects in JSON repeat their field names and label keys, so even small ones shrink
 * several times. One deflater and one inflater per thread: they hold native buffers, too costly per
 * call.
 */
final class Deflated {
  private static final ThreadLocal<Deflater> DEFLATER =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
  private static final ThreadLocal<Inflater> INFLATER =
      ThreadLocal.withInitial(() -> new Inflater(true));

  private Deflated() {}

  static byte[] of(byte[] raw) {
    Deflater deflater = DEFLATER.get();
    deflater.reset();
    deflater.setInput(raw);
    deflater.finish();
    // Incompressible input grows by a few bytes per 16 KiB block at most.
    byte[] out = new byte[4 + raw.length + raw.length / 1000 + 64];
    ByteBuffer.wrap(out).putInt(raw.length);
    int length = 4;
    while (!deflater.finished()) {
      if (length == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      length += deflater.deflate(out, length, out.length - length);
    }
    return Arrays.copyOf(out, length);
  }

  static byte[] inflate(byte[] stored) throws DataFormatException {
    int size = ByteBuffer.wrap(stored).getInt();
    Inflater inflater = INFLATER.get();
    inflater.reset();
    inflater.setInput(stored, 4, stored.length - 4);
    byte[] raw = new byte[size];
    int length = 0;
    while (length < size) {
      int n = inflater.inflate(raw, length, size - length);
      if (n == 0 && (inflater.finished() || inflater.needsInput())) {
        throw new DataFormatException("cached bytes end after " + length + " of " + size);
      }
      length += n;
    }
    return raw;
  }
}
