package io.exomarket.broker.osb;

/** Who asked: the request identity (for correlation) and the originating identity (for audit). */
public record RequestMeta(String requestId, OriginatingIdentity identity) {
  public static final String REQUEST_ID_HEADER = "X-Broker-API-Request-Identity";
  public static final RequestMeta NONE = new RequestMeta(null, null);
}
