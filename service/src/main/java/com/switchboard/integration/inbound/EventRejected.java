package com.switchboard.integration.inbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.switchboard.platform.errors.ApiException;
import java.util.List;
import java.util.Map;

/**
 * An inbound event refused, answered in the shape PagerDuty's Events API v2 answers, so that its
 * clients (and Alertmanager) understand it: {@code {"status":"invalid event","message":…,
 * "errors":[…]}}. Nothing of the request was stored.
 */
final class EventRejected extends ApiException {
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Body(String status, String message, List<String> errors) {}

  private final Body body;

  private EventRejected(int status, Body body, Map<String, String> headers) {
    super(status, body.status().replace(' ', '_'), body.message(), List.of(), headers);
    this.body = body;
  }

  static EventRejected invalid(List<String> errors) {
    return new EventRejected(
        400, new Body("invalid event", "Event object is invalid", errors), Map.of());
  }

  static EventRejected invalid(String error) {
    return invalid(List.of(error));
  }

  static EventRejected throttled(long retryAfterSeconds) {
    return new EventRejected(
        429,
        new Body(
            "throttle event",
            "Requests for this integration key are arriving too quickly; retry after "
                + retryAfterSeconds
                + " s",
            List.of()),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static EventRejected unavailable(long retryAfterSeconds) {
    return new EventRejected(
        503,
        new Body(
            "unavailable",
            "Switchboard cannot take events now; nothing was stored; retry after "
                + retryAfterSeconds
                + " s",
            List.of()),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  @Override
  public Object body() {
    return body;
  }
}
