package io.exomarket.api.v1alpha1;

/** The one-word lifecycle state shown by {@code kubectl get msi}; derived, never an input. */
public enum InstanceState {
  Provisioning,
  Ready,
  Updating,
  Suspending,
  Suspended,
  Resuming,
  Deleting,
  Failed
}
