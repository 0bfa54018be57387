package io.exomarket.api.v1alpha1;

/** Where the delivery note of an instance stands. */
public enum DeliveryNoteState {
  /** Not yet sent, or the last attempt surely did not reach the receiver: sent at retryAt. */
  Pending,
  /** Written before a POST whose outcome is not yet recorded. */
  Sending,
  /** The receiver answered 2xx. Final. */
  Delivered,
  /**
   * The last POST may have reached the receiver (timeout, reset): re-sent at retryAt with the same
   * id.
   */
  Uncertain
}
