package io.exomarket.broker.http;

/** The OSB endpoints: the status codes of an answer depend on which one was called. */
enum Endpoint {
  CATALOG,
  PROVISION,
  UPDATE,
  DEPROVISION,
  FETCH,
  LAST_OPERATION,
  BIND,
  UNBIND,
  BINDING_FETCH,
  BINDING_LAST_OPERATION
}
