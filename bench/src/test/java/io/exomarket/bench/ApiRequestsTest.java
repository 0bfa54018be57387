package io.exomarket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestsTest {
  private static final String METRICS =
      """
      # HELP apiserver_request_total [STABLE] Counter of apiserver requests
      # TYPE apiserver_request_total counter
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="secrets",scope="resource",subresource="",verb="POST",version="v1"} 5
      apiserver_request_total{code="409",component="apiserver",dry_run="",group="",resource="secrets",scope="resource",subresource="",verb="POST",version="v1"} 2
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="marketplace.exomarket.io",resource="managedserviceinstances",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 3
      apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/metrics",verb="GET",version=""} 9
      apiserver_request_duration_seconds_count{verb="POST"} 100
      """;

  @Test
  void sumsOverCodesByVerbAndResourceAndSkipsNonResourceRequests() {
    RequestCounts counts = ApiRequests.parse(METRICS);
    assertThat(counts.byKey())
        .isEqualTo(Map.of("POST secrets", 7L, "PUT managedserviceinstances/status", 3L));
  }

  @Test
  void aPhaseCostsTheDifference() {
    RequestCounts before = new RequestCounts(Map.of("POST secrets", 7L));
    RequestCounts after = new RequestCounts(Map.of("POST secrets", 17L, "DELETE secrets", 10L));
    RequestCounts phase = after.minus(before);
    assertThat(phase.total()).isEqualTo(20);
    assertThat(phase.perInstance(10)).isEqualTo(2.0);
    assertThat(after.minus(RequestCounts.UNAVAILABLE).perInstance(10)).isNaN();
  }
}
