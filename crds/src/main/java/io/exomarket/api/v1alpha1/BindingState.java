package io.exomarket.api.v1alpha1;

/** The one-word state of a binding shown by {@code kubectl get msb -o wide}; derived. */
public enum BindingState {
  Binding,
  Ready,
  Unbinding,
  Failed
}
