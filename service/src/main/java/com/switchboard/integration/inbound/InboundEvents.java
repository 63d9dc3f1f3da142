package com.switchboard.integration.inbound;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.alert.AlertEvent;
import com.switchboard.alert.AlertIntake;
import com.switchboard.alert.AlertSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Receives events from monitoring tools: refuses requests that waited too long to reach it, reads
 * the body (at most 512 KB, PagerDuty's limit), validates it, finds the integration by its key,
 * applies the per-key rate, and hands the event to the {@link AlertIntake}, answering only after it
 * has been stored. Anything refused stores nothing.
 */
public class InboundEvents {
  /** The dedup key of an accepted event, as the answer carries it. */
  public record Accepted(
      String status, String message, @JsonProperty("dedup_key") String dedupKey) {}

  /** PagerDuty's limit on an Events API payload. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  public static final String ACCEPTED = "switchboard.alerts.events.accepted";
  public static final String REJECTED = "switchboard.alerts.events.rejected";

  private final AlertIntegrationService integrations;
  private final AlertIntake intake;
  private final ObjectMapper json;
  private final EventRateLimiter rate;
  private final Duration maxRequestAge;
  private final Map<IntegrationType, Counter> accepted = new EnumMap<>(IntegrationType.class);
  private final Map<IntegrationType, Counter> rejected = new EnumMap<>(IntegrationType.class);

  public InboundEvents(
      AlertIntegrationService integrations,
      AlertIntake intake,
      ObjectMapper json,
      InboundSettings settings,
      MetricRegistry metrics,
      Clock clock) {
    this.integrations = integrations;
    this.intake = intake;
    this.json = json;
    this.rate = new EventRateLimiter(settings.eventsPerMinutePerKey, clock);
    this.maxRequestAge = settings.maxRequestAge.toJavaDuration();
    for (IntegrationType type : IntegrationType.values()) {
      accepted.put(type, metrics.counter(ACCEPTED + "." + type.wireName()));
      rejected.put(type, metrics.counter(REJECTED + "." + type.wireName()));
    }
  }

  /**
   * An Events API v2 event: the key is its {@code routing_key}. The answer completes after the
   * intake's commit; a refusal is thrown at once or completes the answer exceptionally.
   */
  public CompletableFuture<Accepted> eventsV2(InputStream body) {
    return counted(
        IntegrationType.EVENTS_V2,
        () -> {
          JsonNode root = read(body);
          List<String> errors = new ArrayList<>();
          String key = EventsV2Event.routingKey(root, errors);
          AlertEvent event = EventsV2Event.parse(root, errors);
          if (!errors.isEmpty()) {
            throw EventRejected.invalid(errors);
          }
          return deliver(IntegrationType.EVENTS_V2, key, event);
        });
  }

  /** A webhook whose key is in its URL: Alertmanager's or the generic one. */
  public CompletableFuture<Accepted> webhook(IntegrationType type, String key, InputStream body) {
    return counted(
        type,
        () -> {
          JsonNode root = read(body);
          List<String> errors = new ArrayList<>();
          AlertEvent event =
              type == IntegrationType.ALERTMANAGER
                  ? AlertmanagerWebhook.parse(root, errors)
                  : GenericWebhook.parse(root, errors);
          if (!errors.isEmpty()) {
            throw EventRejected.invalid(errors);
          }
          return deliver(type, key, event);
        });
  }

  /**
   * Refuses (503) a request that waited longer than the limit before it reached us: the node is
   * overloaded, and the sender had better retry than wait on. Nothing is read or stored.
   */
  public void admit(IntegrationType type, Duration waited) {
    if (waited.compareTo(maxRequestAge) > 0) {
      rejected.get(type).inc();
      throw EventRejected.unavailable(1);
    }
  }

  private CompletableFuture<Accepted> deliver(IntegrationType type, String key, AlertEvent event) {
    AlertIntegrationService.Routed routed =
        integrations
            .route(key, type)
            .orElseThrow(
                () ->
                    EventRejected.invalid(
                        type == IntegrationType.EVENTS_V2
                            ? "'routing_key' is not the key of an Events API v2 integration"
                            : "the URL's key is not the key of a "
                                + type.wireName()
                                + " integration"));
    OptionalLong wait = rate.take(routed.integrationId());
    if (wait.isPresent()) {
      throw EventRejected.throttled(wait.getAsLong());
    }
    AlertEvent mapped = EventFields.withUrgency(event, routed.urgencies());
    Accepted answer = new Accepted("success", "Event processed", mapped.dedupKey());
    AlertSource source =
        new AlertSource(
            routed.tenantId(), routed.serviceId(), routed.integrationId(), type.wireName());
    try {
      return intake
          .submit(source, List.of(mapped))
          .handle(
              (stored, failure) -> {
                if (failure == null) {
                  return answer;
                }
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof AlertIntake.IntakeOverloadedException overloaded) {
                  throw EventRejected.unavailable(Math.max(1, overloaded.retryAfterSeconds()));
                }
                throw EventRejected.unavailable(1);
              });
    } catch (AlertIntake.IntakeOverloadedException e) {
      throw EventRejected.unavailable(Math.max(1, e.retryAfterSeconds()));
    }
  }

  private CompletableFuture<Accepted> counted(
      IntegrationType type, Supplier<CompletableFuture<Accepted>> work) {
    CompletableFuture<Accepted> answer;
    try {
      answer = work.get();
    } catch (RuntimeException e) {
      rejected.get(type).inc();
      throw e;
    }
    return answer.whenComplete(
        (accepted, failure) -> (failure == null ? this.accepted : rejected).get(type).inc());
  }

  /** The body as one JSON object, within the limit; anything else is an invalid event. */
  private JsonNode read(InputStream body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw EventRejected.invalid("the request body could not be read");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw EventRejected.invalid("the event is larger than " + MAX_BODY_BYTES + " bytes (512 KB)");
    }
    JsonNode root;
    try {
      root = bytes.length == 0 ? null : json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw EventRejected.invalid("the body is not valid JSON");
    } catch (IOException e) {
      throw EventRejected.invalid("the request body could not be read");
    }
    if (root == null || !root.isObject()) {
      throw EventRejected.invalid("the body must be a JSON object");
    }
    return root;
  }
}
