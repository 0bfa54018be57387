package io.exomarket.operator.deletion;

import io.exomarket.operator.status.StatusRecorder;
import io.exomarket.operator.steps.Requeue;

/**
 * Work that must finish before a deleted instance's finalizer goes, after its workload is deleted
 * (metering's final usage report plugs in here). Must be idempotent: it runs again after a crash.
 */
public interface DeletionHook {

  /** {@link Requeue#NEVER} when done (it may record status first); else when to look again. */
  Requeue beforeFinalizerRemoval(StatusRecorder recorder);
}
