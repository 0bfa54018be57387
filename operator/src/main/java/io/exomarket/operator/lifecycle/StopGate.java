package io.exomarket.operator.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a stopping operator from recording what it cannot see. When the operator stops, its caches
 * are torn down while reconciles may still run: a workload missing from a closing cache is not a
 * workload that stopped, and must never become a billing fact (a "not running" usage segment, a
 * state change, a delivery note). So the gate closes first: no reconcile starts, those in flight
 * get to finish while the caches still stand, and any that reaches an observation after the gate
 * closed writes nothing (the next operator process continues the ledger from the last observed
 * segment).
 */
public final class StopGate {
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight;

  /** Thrown where a reconcile would record an observation after the gate closed. */
  public static final class Stopping extends RuntimeException {
    Stopping() {
      super("the operator is stopping: nothing observed now is recorded");
    }
  }

  /** Whether a reconcile may start; if so, it must call {@link #exit()} when it ends. */
  public boolean enter() {
    lock.lock();
    try {
      if (stopping.get()) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  public void exit() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Call before recording an observation: throws {@link Stopping} once the gate closed. */
  public void checkObservable() {
    if (stopping.get()) {
      throw new Stopping();
    }
  }

  public boolean isStopping() {
    return stopping.get();
  }

  /**
   * Closes the gate and waits up to {@code timeout} for the reconciles in flight to end, before the
   * caches they read are closed.
   *
   * @return whether they all ended in time
   */
  public boolean closeAndDrain(Duration timeout) {
    stopping.set(true);
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }
}
