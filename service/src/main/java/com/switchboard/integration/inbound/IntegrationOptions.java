package com.switchboard.integration.inbound;

/**
 * Settings of one integration type given at creation, beside {@code type} and {@code name}: a
 * heartbeat's interval and grace, an email integration's grouping. Null when not given.
 */
public record IntegrationOptions(Integer intervalSeconds, Integer graceSeconds, String groupBy) {
  public static final IntegrationOptions NONE = new IntegrationOptions(null, null, null);
}
