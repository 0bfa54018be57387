package io.exomarket.testkit.junit;

/** The JUnit tags of the test tiers; a test without one is a unit test. */
public final class Tiers {
  public static final String MOCK_API = "mock-api";
  public static final String APISERVER = "apiserver";
  public static final String E2E = "e2e";

  private Tiers() {}
}
