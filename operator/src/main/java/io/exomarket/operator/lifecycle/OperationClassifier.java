package io.exomarket.operator.lifecycle;

import io.exomarket.api.v1alpha1.AppliedSpec;
import io.exomarket.api.v1alpha1.LastOperation;
import io.exomarket.api.v1alpha1.OperationState;
import io.exomarket.api.v1alpha1.OperationType;

/** Names the operation a new spec generation asks for, by comparing it with what was applied. */
public final class OperationClassifier {
  private OperationClassifier() {}

  public static OperationType classify(
      AppliedSpec applied, boolean wantSuspended, LastOperation last) {
    // A provision that has not finished stays a provision whatever else changes meanwhile.
    if (applied == null
        || (last != null
            && last.getType() == OperationType.PROVISION
            && last.getState() != OperationState.SUCCEEDED)) {
      return OperationType.PROVISION;
    }
    if (!applied.isSuspended() && wantSuspended) {
      return OperationType.SUSPEND;
    }
    if (applied.isSuspended() && !wantSuspended) {
      return OperationType.RESUME;
    }
    return OperationType.UPDATE;
  }
}
