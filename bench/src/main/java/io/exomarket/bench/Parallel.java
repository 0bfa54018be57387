package io.exomarket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs one task per index on a fixed number of threads: both sides of a comparison use it. */
public final class Parallel {
  private Parallel() {}

  /**
   * Runs {@code task(0..n-1)} on {@code threads} threads and waits; the first failure is thrown.
   */
  public static void run(int n, int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        done.add(pool.submit(() -> task.accept(index)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
