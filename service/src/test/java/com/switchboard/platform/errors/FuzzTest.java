package com.switchboard.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.Path;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * Every API endpoint, found in Jersey's resource model of the running service (so new ones are
 * covered without editing this test), gets generated bad input as an admin and as a stranger:
 * malformed and deeply nested JSON, invalid UTF-8, huge numbers and strings, wrong types, injection
 * strings, bad path ids and query parameters, wrong content types. No answer may be a 5xx, every
 * error is the JSON error shape, no body shows a stack trace, and the service is healthy after.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
  private static final Duration BUDGET = Duration.ofSeconds(40);
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

  private static final List<String> BAD_IDS =
      List.of(
          "0",
          "-1",
          "x",
          "null",
          "99999999999999999999999999",
          "1e400",
          "' OR '1'='1",
          "\"; DROP TABLE incidents; --",
          "<script>alert(1)</script>",
          "..%2f..%2fetc%2fpasswd",
          "%FF%FE",
          "%00",
          "\u00e9\u4e2d\ud83d\udca5",
          "a".repeat(3000),
          UUID.randomUUID().toString());

  private static final List<String> BAD_QUERIES =
      List.of(
          "limit=-1",
          "limit=99999999999999999999",
          "limit=abc",
          "before=x&status=nope,%FF",
          "status=triggered&status=resolved&serviceId=not-a-uuid",
          "from=yesterday&until=1e999&at=%00",
          "address=%27%20OR%201%3D1&channel=%3Cscript%3E",
          "cursor=" + "z".repeat(4000));

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=bogus-9",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/xml",
          "multipart/form-data; boundary=x");

  private record Endpoint(String method, String template) {}

  @Test
  void badInputToEveryEndpointIsNeverA5xxNorAStackTrace() {
    DropwizardTestSupport<SwitchboardConfiguration> node = TestApp.shared();
    Api api = TestApp.api();
    Api.Login admin = api.signup("Fuzz");
    String team = api.createTeam(admin, "Fuzzers", "engineering");
    List<Endpoint> endpoints = endpoints(node);
    assertThat(endpoints).as("endpoints found in the resource model").hasSizeGreaterThan(20);

    Random random = new Random(SEED);
    List<String> ids = new ArrayList<>(BAD_IDS);
    ids.add(team);
    ids.add(admin.userId());
    ids.add(admin.tenantId());
    List<String> failures = new ArrayList<>();
    Instant deadline = Instant.now().plus(BUDGET);
    int sent = 0;
    for (int round = 0; Instant.now().isBefore(deadline) && round < 40; round++) {
      for (Endpoint endpoint : endpoints) {
        if (!Instant.now().isBefore(deadline)) {
          break;
        }
        Api.Auth auth = random.nextInt(3) == 0 ? Api.ANONYMOUS : admin;
        String path = fill(endpoint.template(), ids, random);
        if (random.nextBoolean()) {
          path += "?" + BAD_QUERIES.get(random.nextInt(BAD_QUERIES.size()));
        }
        byte[] body = body(random);
        String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
        Api.Reply reply;
        try {
          reply = send(api, endpoint.method(), path, body == null ? null : type, body, auth);
        } catch (RuntimeException e) {
          failures.add(endpoint + " " + abbreviate(path) + ": no answer: " + e);
          continue;
        }
        sent++;
        String problem = problem(path, reply);
        if (problem != null) {
          failures.add(
              endpoint.method()
                  + " "
                  + abbreviate(path)
                  + " ["
                  + type
                  + "] body="
                  + abbreviate(body == null ? "none" : new String(body, StandardCharsets.UTF_8))
                  + " -> "
                  + problem
                  + ": "
                  + abbreviate(reply.toString()));
        }
      }
    }

    assertThat(failures)
        .as("seed %d (rerun with -Dfuzz.seed=%d), %d requests sent", SEED, SEED, sent)
        .isEmpty();
    // The fuzzing may have signed the admin out or changed its password: check with a new tenant.
    Api.Login after = api.signup("After fuzz");
    assertThat(api.get("/api/v1/teams", after).status()).isEqualTo(200);
    assertThat(api.raw("GET", "/health", null, null, Api.ANONYMOUS).status()).isEqualTo(200);
  }

  /**
   * Sends once more when a kept-alive connection turned out closed before any answer (Jetty closes
   * a connection after refusing a request whose body it did not read; the client may already have
   * picked it for the next request). Clients retry that on a fresh connection; so does this test.
   */
  private static Api.Reply send(
      Api api, String method, String path, String type, byte[] body, Api.Auth auth) {
    try {
      return api.raw(method, path, type, body, auth);
    } catch (UncheckedIOException e) {
      if (!String.valueOf(e.getCause().getMessage()).contains("received no bytes")) {
        throw e;
      }
      return api.raw(method, path, type, body, auth);
    }
  }

  /**
   * The inbound event endpoints answer a bad event in PagerDuty's documented shape ({@code status
   * "invalid event"} and its {@code errors}), which monitoring tools parse, instead of ours.
   */
  private static boolean pagerDutyShaped(String path, Api.Reply reply) {
    return path.startsWith("/api/v1/integrations/")
        && reply.status() == 400
        && reply.body().path("status").asText().equals("invalid event")
        && reply.body().path("errors").isArray()
        && !reply.body().path("errors").isEmpty();
  }

  /** Why a reply is wrong, or null if it is fine. */
  private static String problem(String path, Api.Reply reply) {
    if (reply.status() >= 500) {
      return "server error";
    }
    if (reply.raw().contains("at com.")
        || reply.raw().contains("at org.")
        || reply.raw().contains("Exception")) {
      return "stack trace or exception text";
    }
    if (reply.status() >= 400 && reply.errorCode() == null && !pagerDutyShaped(path, reply)) {
      return "error without the JSON error shape";
    }
    return null;
  }

  /** The API's endpoints as Jersey models them: each resource method with its full template. */
  private static List<Endpoint> endpoints(DropwizardTestSupport<SwitchboardConfiguration> node) {
    TreeSet<String> seen = new TreeSet<>();
    List<Endpoint> endpoints = new ArrayList<>();
    var config = node.getEnvironment().jersey().getResourceConfig();
    List<Class<?>> classes = new ArrayList<>(config.getClasses());
    config.getInstances().forEach(instance -> classes.add(instance.getClass()));
    for (Class<?> type : classes) {
      if (type.isAnnotationPresent(Path.class)) {
        collect(Resource.from(type), "/api", endpoints, seen);
      }
    }
    for (Resource resource : config.getResources()) {
      collect(resource, "/api", endpoints, seen);
    }
    return endpoints;
  }

  private static void collect(
      Resource resource, String prefix, List<Endpoint> endpoints, TreeSet<String> seen) {
    String path = join(prefix, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      if (seen.add(method.getHttpMethod() + " " + path)) {
        endpoints.add(new Endpoint(method.getHttpMethod(), path));
      }
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, endpoints, seen);
    }
  }

  private static String join(String prefix, String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return prefix;
    }
    return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
        + (path.startsWith("/") ? path : "/" + path);
  }

  private static String fill(String template, List<String> ids, Random random) {
    Matcher matcher = PATH_PARAM.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String id = ids.get(random.nextInt(ids.size()));
      // Some values are already escaped on purpose (%FF, %00); the rest are escaped here.
      String value = id.contains("%") ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
      matcher.appendReplacement(path, Matcher.quoteReplacement(value.replace("+", "%20")));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private static byte[] body(Random random) {
    String injection = "'; DROP TABLE users; -- <img src=x onerror=alert(1)> ${jndi:ldap://x}";
    return switch (random.nextInt(16)) {
      case 0 -> null;
      case 1 -> "{".getBytes(StandardCharsets.UTF_8);
      case 2 -> "{\"a\":".repeat(2000).getBytes(StandardCharsets.UTF_8);
      case 3 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
      case 4 ->
          new byte[] {
            '{',
            '"',
            'n',
            'a',
            'm',
            'e',
            '"',
            ':',
            '"',
            (byte) 0xC3,
            (byte) 0x28,
            (byte) 0xFF,
            '"',
            '}'
          };
      case 5 ->
          "{\"limit\":1e999999,\"delayMinutes\":123456789012345678901234567890}"
              .getBytes(StandardCharsets.UTF_8);
      case 6 -> ("{\"name\":\"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      case 7 -> "[]".getBytes(StandardCharsets.UTF_8);
      case 8 -> "\"a string\"".getBytes(StandardCharsets.UTF_8);
      case 9 -> "null".getBytes(StandardCharsets.UTF_8);
      case 10 ->
          ("{\"name\":123,\"title\":[],\"urgency\":{},\"email\":true,\"role\":7,"
                  + "\"serviceId\":\""
                  + injection
                  + "\",\"kind\":null,\"layers\":\"x\"}")
              .getBytes(StandardCharsets.UTF_8);
      case 11 ->
          ("{\"name\":\""
                  + injection
                  + "\",\"title\":\""
                  + injection
                  + "\",\"email\":\""
                  + injection
                  + "\",\"address\":\""
                  + injection
                  + "\",\"timeZone\":\""
                  + injection
                  + "\",\"password\":\""
                  + injection
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      case 12 -> "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
      case 13 -> "From=%2B1555&Body=%FF%FE&Digits=9".getBytes(StandardCharsets.UTF_8);
      case 14 ->
          ("{\"start\":\"2026-13-45T99:99\",\"end\":-1,\"at\":\"\\u0000\","
                  + "\"delayMinutes\":-9223372036854775809,\"weekdays\":[8,\"x\",null]}")
              .getBytes(StandardCharsets.UTF_8);
      default -> {
        byte[] noise = new byte[1 + random.nextInt(300)];
        random.nextBytes(noise);
        yield noise;
      }
    };
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }
}
