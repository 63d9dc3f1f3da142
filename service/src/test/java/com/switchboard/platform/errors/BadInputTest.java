package com.switchboard.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.switchboard.auth.Tokens;
import com.switchboard.notify.ActionLinks;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint that reads a JSON body, sent every kind of bad body a client can send, with a
 * valid caller and valid path ids so that only the body is wrong. Each rejection must be the one
 * JSON error shape with the right status, code and field, must not leak internals, and must leave
 * the database exactly as it was. Query parameters, unknown routes, wrong methods and non-UUID path
 * ids are covered the same way.
 */
class BadInputTest {
  private static final int LIMIT = 64 * 1024;
  private static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Text that would show a stack trace, a Java class name, SQL or a server error page. */
  private static final List<String> LEAKS =
      List.of(
          "at com.",
          "at org.",
          "at java.",
          "Exception",
          "SELECT",
          "INSERT",
          "UPDATE ",
          "org.",
          "java.",
          "jakarta.",
          "com.fasterxml",
          "com.switchboard",
          "PSQL",
          "<html");

  private final Api api = TestApp.api();
  private Fixture fx;

  /*
   * Building the fixture (an organization with a team, a service, a schedule, a paged incident and
   * support data) is most of a case's time. A case that proves it wrote nothing leaves the database
   * as the fixture built it, so the next case reuses it; any other test, or a case that changed
   * anything, gets a fresh one. JUnit runs the cases one after another, so statics are safe here.
   */
  private static Fixture builtFixture;
  private static Map<String, String> builtState;
  private static boolean fixtureUntouched;
  private static Instant builtAt = Instant.MIN;

  /** Codes and tokens in the fixture expire after minutes; rebuild well before any could. */
  private static final Duration MAX_FIXTURE_AGE = Duration.ofMinutes(5);

  @BeforeEach
  void aTenantWithATeamAServiceAndAPendingInvitation() {
    boolean fresh = Duration.between(builtAt, Instant.now()).compareTo(MAX_FIXTURE_AGE) < 0;
    if (builtFixture != null && fixtureUntouched && fresh) {
      fx = builtFixture;
      fixtureUntouched = false;
      return;
    }
    TestDatabase.get().truncateAll();
    fx = Fixture.create(api);
    storeResetLink(fx);
    builtFixture = fx;
    builtState = databaseState();
    builtAt = Instant.now();
  }

  /** Lets the next case reuse the fixture when the database is still exactly as it was built. */
  private static void reuseFixtureIfUnchanged(Map<String, String> after) {
    fixtureUntouched = after.equals(builtState);
  }

  // ---------------------------------------------------------------------------------------------
  // The table: endpoints × kinds of bad body.

  static Stream<Case> badBodies() {
    return endpoints().stream()
        .flatMap(e -> Stream.concat(generic(e), e.specific().stream()).map(b -> new Case(e, b)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBadBodyIsRejectedWithTheJsonErrorAndWritesNothing(Case c) {
    Map<String, String> before = databaseState();
    byte[] body = c.bad().body().apply(c.endpoint().valid().apply(fx));
    Api.Auth auth = c.endpoint().anonymous() ? Api.ANONYMOUS : fx.owner();
    String path = fx.resolve(c.endpoint().path());

    Api.Reply reply =
        c.bad().chunked()
            ? chunked(c.endpoint().method(), path, c.bad().contentType(), body, auth)
            : api.raw(c.endpoint().method(), path, c.bad().contentType(), body, auth);

    SoftAssertions softly = new SoftAssertions();
    assertJsonError(softly, reply, c.bad().status(), c.bad().code(), c.bad().fields());
    Map<String, String> after = databaseState();
    softly
        .assertThat(after)
        .as("database after the rejected request (nothing created, changed or half-written)")
        .isEqualTo(before);
    softly.assertAll();
    reuseFixtureIfUnchanged(after);
  }

  static Stream<Endpoint> writeEndpoints() {
    return endpoints().stream();
  }

  /** The control for the table above: the valid body that every bad one is made from works. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("writeEndpoints")
  void theValidBodyIsAcceptedAndVisibleOnReRead(Endpoint e) {
    Api.Auth auth = e.anonymous() ? Api.ANONYMOUS : fx.owner();
    Api.Reply reply = api.send(e.method(), fx.resolve(e.path()), e.valid().apply(fx), auth);

    assertThat(reply.status()).as("%s: %s", e, reply).isBetween(200, 299);
    if (reply.status() == 204) {
      assertThat(reply.raw()).as("a 204 has no body").isEmpty();
    } else {
      assertThat(contentType(reply)).startsWith(JSON);
    }
    e.reRead().check(api, fx, reply);
  }

  @Test
  void aBodyOfExactlyTheLimitIsAccepted() {
    byte[] json = json(Map.of("name", "Exactly At The Limit", "kind", "support"));
    byte[] body = padTo(json, LIMIT);
    assertThat(body).hasSize(LIMIT);

    Api.Reply created = api.raw("POST", "/api/v1/teams", JSON, body, fx.owner());

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Reply reRead = api.get("/api/v1/teams/" + created.id(), fx.owner());
    assertThat(reRead.body().path("name").asText()).isEqualTo("Exactly At The Limit");
  }

  @Test
  void aChunkedBodyUnderTheLimitIsAccepted() {
    byte[] body = padTo(json(Map.of("name", "Sent In Chunks", "kind", "engineering")), LIMIT - 10);

    Api.Reply created = chunked("POST", "/api/v1/teams", JSON, body, fx.owner());

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Reply reRead = api.get("/api/v1/teams/" + created.id(), fx.owner());
    assertThat(reRead.body().path("name").asText()).isEqualTo("Sent In Chunks");
  }

  // ---------------------------------------------------------------------------------------------
  // Query parameters, unknown routes, wrong methods, non-UUID path ids.

  // ---------------------------------------------------------------------------------------------
  // The Idempotency-Key header of create calls.

  static Stream<Route> badIdempotencyKeys() {
    Function<Fixture, byte[]> team = f -> json(Map.of("name", "Keyed", "kind", "support"));
    Function<Fixture, byte[]> service = f -> json(Map.of("name", "Keyed", "teamId", f.teamId()));
    return Stream.of(
        new Route("POST", "/api/v1/teams", true, team, 400, "invalid_header", "k".repeat(256)),
        new Route("POST", "/api/v1/teams", true, team, 400, "invalid_header", "k".repeat(4000)),
        new Route(
            "POST", "/api/v1/services", true, service, 400, "invalid_header", "k".repeat(256)));
  }

  /** {@code field} of each row is the key sent. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badIdempotencyKeys")
  void aBadIdempotencyKeyIsABadRequestAndWritesNothing(Route r) {
    Map<String, String> before = databaseState();

    Api.Reply reply =
        api.raw(
            r.method(),
            fx.resolve(r.path()),
            JSON,
            r.body().apply(fx),
            fx.owner(),
            Map.of("Idempotency-Key", r.field()));

    SoftAssertions softly = new SoftAssertions();
    assertJsonError(softly, reply, r.status(), r.code(), List.of("Idempotency-Key"));
    Map<String, String> after = databaseState();
    softly.assertThat(after).as("database after the rejected request").isEqualTo(before);
    softly.assertAll();
    reuseFixtureIfUnchanged(after);
  }

  static Stream<Route> badRoutes() {
    String tooLongQuery = "a".repeat(101);
    Function<Fixture, byte[]> teamBody = f -> json(Map.of("name", "Renamed"));
    Function<Fixture, byte[]> signupBody = f -> json(signup(f));
    return Stream.of(
        param("GET", "/api/v1/audit?limit=abc", "limit"),
        param("GET", "/api/v1/audit?limit=0", "limit"),
        param("GET", "/api/v1/audit?limit=100000", "limit"),
        param("GET", "/api/v1/audit?limit=201", "limit"),
        param("GET", "/api/v1/audit?limit=1.5", "limit"),
        param("GET", "/api/v1/audit?limit=99999999999", "limit"),
        param("GET", "/api/v1/audit?before=-1", "before"),
        param("GET", "/api/v1/audit?before=0", "before"),
        param("GET", "/api/v1/audit?before=abc", "before"),
        param("GET", "/api/v1/services?limit=x", "limit"),
        param("GET", "/api/v1/services?limit=0", "limit"),
        param("GET", "/api/v1/services?limit=501", "limit"),
        param("GET", "/api/v1/services?q=" + tooLongQuery, "q"),
        param("GET", "/api/v1/webhooks/{webhook}/deliveries?limit=0", "limit"),
        param("GET", "/api/v1/webhooks/{webhook}/deliveries?limit=201", "limit"),
        param("GET", "/api/v1/webhooks/{webhook}/deliveries?status=lost", "status"),
        route("GET", "/api/v1/webhooks/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/helpdesk-integrations/not-a-uuid", true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/helpdesk-integrations/not-a-uuid/events",
            false,
            teamBody,
            401,
            "unauthorized"),
        // Heartbeat pings and SendGrid Inbound Parse (docs/integrations/heartbeat-and-email.md).
        route("GET", "/api/v1/heartbeats/not-a-key", false, null, 404, "not_found"),
        route("POST", "/api/v1/heartbeats/not-a-key", false, teamBody, 404, "not_found"),
        route("PUT", "/api/v1/heartbeats/not-a-key", false, teamBody, 405, "method_not_allowed"),
        route(
            "POST",
            "/api/v1/integrations/email/inbound/not-the-token",
            false,
            teamBody,
            415,
            "unsupported_media_type"),
        route(
            "POST",
            "/api/v1/webhooks/{webhook}/deliveries/not-a-uuid/redeliver",
            true,
            null,
            404,
            "not_found"),
        // Inbound alert integrations (issue 12); the event endpoints answer PagerDuty's shape
        // (badInboundEvents below), but a wrong method still gets the API's own.
        route(
            "GET",
            "/api/v1/services/{service}/integrations/not-a-uuid",
            true,
            null,
            404,
            "not_found"),
        route("GET", "/api/v1/services/not-a-uuid/integrations", true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/services/{service}/integrations/" + UUID.randomUUID() + "/rotate-key",
            true,
            null,
            404,
            "not_found"),
        route("GET", "/v2/enqueue", false, null, 405, "method_not_allowed"),
        route("GET", "/api/v1/integrations/events", false, null, 405, "method_not_allowed"),
        route(
            "PUT",
            "/api/v1/alert-settings/severity-urgency",
            true,
            f -> json(Map.of("info", 42)),
            400,
            "invalid_type"),
        route(
            "PUT",
            "/api/v1/alert-settings/severity-urgency",
            true,
            f -> json(Map.of("fatal", "high")),
            422,
            "validation_failed"),
        route("GET", "/api/v1/nope", false, null, 404, "not_found"),
        route("GET", "/api/nope", false, null, 404, "not_found"),
        route("POST", "/api/v1/nope", true, teamBody, 404, "not_found"),
        route("GET", "/api/v1/teams/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/teams/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route("PATCH", "/api/v1/teams/not-a-uuid", true, teamBody, 404, "not_found"),
        route("DELETE", "/api/v1/teams/not-a-uuid", true, null, 404, "not_found"),
        route("PUT", "/api/v1/teams/{team}/members/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/services/not-a-uuid", true, null, 404, "not_found"),
        route("PATCH", "/api/v1/services/not-a-uuid", true, teamBody, 404, "not_found"),
        route("GET", "/api/v1/users/not-a-uuid", true, null, 404, "not_found"),
        route("PATCH", "/api/v1/users/not-a-uuid", true, teamBody, 404, "not_found"),
        route("DELETE", "/api/v1/api-keys/not-a-uuid", true, null, 404, "not_found"),
        route("DELETE", "/api/v1/users/invitations/not-a-uuid", true, null, 404, "not_found"),
        route("PUT", "/api/v1/signup", false, signupBody, 405, "method_not_allowed"),
        route("GET", "/api/v1/signup", false, null, 405, "method_not_allowed"),
        route("PUT", "/api/v1/session", true, null, 405, "method_not_allowed"),
        route("DELETE", "/api/v1/teams", true, null, 405, "method_not_allowed"),
        route("POST", "/api/v1/audit", true, teamBody, 405, "method_not_allowed"),
        param("GET", "/api/v1/schedules/{schedule}/shifts?from=bad", "from"),
        param("GET", "/api/v1/schedules/{schedule}/shifts?from=2027-01-04", "from"),
        param("GET", "/api/v1/schedules/{schedule}/shifts?to=tomorrow", "to"),
        param(
            "GET",
            "/api/v1/schedules/{schedule}/shifts?from=2027-01-10T00:00:00Z&to=2027-01-03T00:00:00Z",
            "to"),
        param(
            "GET",
            "/api/v1/schedules/{schedule}/shifts?from=2027-01-10T00:00:00Z&to=2027-01-10T00:00:00Z",
            "to"),
        param(
            "GET",
            "/api/v1/schedules/{schedule}/shifts?from=2027-01-01T00:00:00Z&to=2028-01-02T00:00:01Z",
            "to"),
        param("GET", "/api/v1/schedules/{schedule}/overrides?from=bad", "from"),
        param(
            "GET",
            "/api/v1/schedules/{schedule}/overrides?from=2027-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
            "to"),
        param("GET", "/api/v1/schedules/{schedule}/oncall?at=bad", "at"),
        param("GET", "/api/v1/schedules/{schedule}/oncall?at=1767225600", "at"),
        param("GET", "/api/v1/oncall?at=bad", "at"),
        param("GET", "/api/v1/oncall?teamId=not-a-uuid", "teamId"),
        param("GET", "/api/v1/oncall?userId=42", "userId"),
        route("GET", "/api/v1/schedules/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/schedules/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route("DELETE", "/api/v1/schedules/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/schedules/not-a-uuid/shifts", true, null, 404, "not_found"),
        route("DELETE", "/api/v1/schedules/{schedule}/layers/x", true, null, 404, "not_found"),
        route("DELETE", "/api/v1/schedules/{schedule}/overrides/x", true, null, 404, "not_found"),
        route("DELETE", "/api/v1/calendar-feeds/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/calendar/not-a-token.ics", false, null, 404, "not_found"),
        route("GET", "/api/v1/calendar/sbc_0_x.ics", false, null, 404, "not_found"),
        route("DELETE", "/api/v1/schedules", true, null, 405, "method_not_allowed"),
        route("GET", "/api/v1/calendar-feeds", true, null, 405, "method_not_allowed"),
        // Incidents: filters, and ids that name nothing.
        param("GET", "/api/v1/incidents?status=open", "status"),
        param("GET", "/api/v1/incidents?status=triggered,bogus", "status"),
        param("GET", "/api/v1/incidents?status=triggered,acknowledged,resolved,x", "status"),
        param("GET", "/api/v1/incidents?serviceId=not-a-uuid", "serviceId"),
        param("GET", "/api/v1/incidents?serviceId=42", "serviceId"),
        param("GET", "/api/v1/incidents?userId=not-a-uuid", "userId"),
        param("GET", "/api/v1/incidents?before=0", "before"),
        param("GET", "/api/v1/incidents?before=-1", "before"),
        param("GET", "/api/v1/incidents?before=1.5", "before"),
        param("GET", "/api/v1/incidents?before=abc", "before"),
        param("GET", "/api/v1/incidents?limit=0", "limit"),
        param("GET", "/api/v1/incidents?limit=501", "limit"),
        param("GET", "/api/v1/incidents?limit=1.5", "limit"),
        param("GET", "/api/v1/incidents?limit=99999999999", "limit"),
        param("GET", "/api/v1/incidents?limit=ten", "limit"),
        route("GET", "/api/v1/incidents/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/incidents/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route("GET", "/api/v1/incidents/1", true, null, 404, "not_found"),
        route("GET", "/api/v1/incidents/not-a-uuid/alerts", true, null, 404, "not_found"),
        route(
            "GET",
            "/api/v1/incidents/" + UUID.randomUUID() + "/alerts",
            true,
            null,
            404,
            "not_found"),
        param("GET", "/api/v1/incidents/{incident}/alerts?limit=0", "limit"),
        param("GET", "/api/v1/incidents/{incident}/alerts?limit=501", "limit"),
        param("GET", "/api/v1/incidents/{incident}/alerts?limit=ten", "limit"),
        param("GET", "/api/v1/incidents/{incident}/alerts?before=not-a-uuid", "before"),
        route("POST", "/api/v1/incidents/not-a-uuid/acknowledge", true, null, 404, "not_found"),
        route("POST", "/api/v1/incidents/not-a-uuid/resolve", true, null, 404, "not_found"),
        route("POST", "/api/v1/incidents/not-a-uuid/escalate", true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/incidents/" + UUID.randomUUID() + "/acknowledge",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/incidents/" + UUID.randomUUID() + "/escalate",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/incidents/not-a-uuid/notes",
            true,
            f -> json(Map.of("text", "x")),
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/incidents/not-a-uuid/reassign",
            true,
            f -> json(Map.of("userId", f.owner().userId())),
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/incidents/" + UUID.randomUUID() + "/responders",
            true,
            f -> json(Map.of("policyId", f.paged().policyId())),
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/incidents/not-a-uuid/urgency",
            true,
            f -> json(Map.of("urgency", "low")),
            404,
            "not_found"),
        route("DELETE", "/api/v1/incidents/{incident}", true, null, 405, "method_not_allowed"),
        route(
            "GET",
            "/api/v1/incidents/{incident}/acknowledge",
            true,
            null,
            405,
            "method_not_allowed"),
        route("PUT", "/api/v1/incidents", true, null, 405, "method_not_allowed"),
        route("POST", "/api/v1/incidents/{incident}/snooze", true, null, 404, "not_found"),
        // Escalation policies and a service's paging windows.
        route("GET", "/api/v1/escalation-policies/not-a-uuid", true, null, 404, "not_found"),
        route(
            "GET",
            "/api/v1/escalation-policies/" + UUID.randomUUID(),
            true,
            null,
            404,
            "not_found"),
        route("DELETE", "/api/v1/escalation-policies/not-a-uuid", true, null, 404, "not_found"),
        route(
            "DELETE",
            "/api/v1/escalation-policies/" + UUID.randomUUID(),
            true,
            null,
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/escalation-policies/not-a-uuid",
            true,
            f -> json(policy(f, "Nowhere")),
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/services/not-a-uuid/escalation-policy",
            true,
            f -> json(Map.of("policyId", f.paged().policyId())),
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/services/" + UUID.randomUUID() + "/escalation-policy",
            true,
            f -> json(Map.of("policyId", f.paged().policyId())),
            404,
            "not_found"),
        route(
            "PATCH", "/api/v1/escalation-policies/{policy}", true, null, 405, "method_not_allowed"),
        route("GET", "/api/v1/services/not-a-uuid/support-hours", true, null, 404, "not_found"),
        route(
            "GET",
            "/api/v1/services/" + UUID.randomUUID() + "/support-hours",
            true,
            null,
            404,
            "not_found"),
        route("DELETE", "/api/v1/services/not-a-uuid/support-hours", true, null, 404, "not_found"),
        route("GET", "/api/v1/services/not-a-uuid/alert-grouping", true, null, 404, "not_found"),
        route(
            "GET",
            "/api/v1/services/" + UUID.randomUUID() + "/alert-grouping",
            true,
            null,
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/services/" + UUID.randomUUID() + "/alert-grouping",
            true,
            f -> json(Map.of("incidentsPerWindow", 3, "windowSeconds", 600)),
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/services/" + UUID.randomUUID() + "/alert-grouping",
            true,
            null,
            404,
            "not_found"),
        route(
            "GET", "/api/v1/services/not-a-uuid/maintenance-windows", true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/services/not-a-uuid/maintenance-windows",
            true,
            f -> json(Map.of("end", inDays(1))),
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/services/{service}/maintenance-windows/not-a-uuid",
            true,
            null,
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/services/{service}/maintenance-windows/" + UUID.randomUUID(),
            true,
            null,
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/services/" + UUID.randomUUID() + "/maintenance-windows/{window}",
            true,
            null,
            404,
            "not_found"),
        route(
            "PUT",
            "/api/v1/services/{service}/maintenance-windows/{window}",
            true,
            null,
            405,
            "method_not_allowed"),
        // Account recovery, a method's test message, a policy's preview (docs/account.md).
        route("GET", "/api/v1/password-resets", false, null, 405, "method_not_allowed"),
        route("GET", "/api/v1/sign-in-name-reminders", false, null, 405, "method_not_allowed"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/not-a-uuid/test",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/" + UUID.randomUUID() + "/test",
            true,
            null,
            404,
            "not_found"),
        route(
            "GET", "/api/v1/escalation-policies/not-a-uuid/preview", true, null, 404, "not_found"),
        param("GET", "/api/v1/escalation-policies/{policy}/preview?at=yesterday", "at"),
        param("GET", "/api/v1/escalation-policies/{policy}/preview?urgency=urgent", "urgency"),
        // Contact methods and notification rules.
        route("GET", "/api/v1/users/not-a-uuid/contact-methods", true, null, 404, "not_found"),
        route(
            "GET",
            "/api/v1/users/" + UUID.randomUUID() + "/contact-methods",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/" + UUID.randomUUID() + "/contact-methods",
            true,
            f -> json(Map.of("channel", "email", "address", "ghost@bad-input.test")),
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/not-a-uuid/send-code",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/" + UUID.randomUUID() + "/send-code",
            true,
            null,
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/not-a-uuid/verify",
            true,
            f -> json(Map.of("code", "123456")),
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/users/{user}/contact-methods/" + UUID.randomUUID() + "/verify",
            true,
            f -> json(Map.of("code", "123456")),
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/users/{user}/contact-methods/not-a-uuid",
            true,
            null,
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/users/not-a-uuid/contact-methods/{method}",
            true,
            null,
            404,
            "not_found"),
        route(
            "GET",
            "/api/v1/users/{user}/contact-methods/{method}",
            true,
            null,
            405,
            "method_not_allowed"),
        route("GET", "/api/v1/users/not-a-uuid/notification-rules", true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/users/not-a-uuid/notification-rules",
            true,
            f ->
                json(
                    Map.of(
                        "contactMethodId",
                        f.paged().methodId(),
                        "urgency",
                        "low",
                        "delayMinutes",
                        1)),
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/users/{user}/notification-rules/not-a-uuid",
            true,
            null,
            404,
            "not_found"),
        route(
            "DELETE",
            "/api/v1/users/{user}/notification-rules/" + UUID.randomUUID(),
            true,
            null,
            404,
            "not_found"),
        route(
            "PATCH",
            "/api/v1/users/{user}/notification-rules/{rule}",
            true,
            null,
            405,
            "method_not_allowed"),
        // The outbox.
        // Support.
        param("GET", "/api/v1/tickets?status=reopened", "status"),
        param("GET", "/api/v1/tickets?limit=0", "limit"),
        param("GET", "/api/v1/tickets?limit=501", "limit"),
        param("GET", "/api/v1/tickets?before=0", "before"),
        param("GET", "/api/v1/tickets?assigneeId=bob", "assigneeId"),
        param("GET", "/api/v1/tickets?customerId=acme", "customerId"),
        param("GET", "/api/v1/customers?tier=Gold%20Tier", "tier"),
        param("GET", "/api/v1/customers?limit=9999", "limit"),
        param("GET", "/api/v1/tickets/{ticket}/engineering-status?serviceId=checkout", "serviceId"),
        route("GET", "/api/v1/tickets/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/tickets/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route("GET", "/api/v1/customers/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/incidents/not-a-uuid/impact", true, null, 404, "not_found"),
        route("GET", "/api/v1/impact-rules/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route("GET", "/api/v1/sla-policies/not-a-uuid", true, null, 404, "not_found"),
        route("DELETE", "/api/v1/sla-policies/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route(
            "PUT",
            "/api/v1/message-templates/birthday",
            true,
            f -> json(Map.of("body", "Hi")),
            404,
            "not_found"),
        route("DELETE", "/api/v1/tickets/{ticket}/link", true, null, 404, "not_found"),
        // Signals: similar-ticket groups.
        param("GET", "/api/v1/ticket-groups?surging=yes", "surging"),
        param("GET", "/api/v1/ticket-groups?limit=0", "limit"),
        param("GET", "/api/v1/metrics/incidents?from=yesterday", "from"),
        param("GET", "/api/v1/metrics/support?to=2026-13-01T00:00:00Z", "to"),
        param(
            "GET",
            "/api/v1/metrics/support?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "from"),
        param(
            "GET",
            "/api/v1/metrics/incidents?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "to"),
        param("GET", "/api/v1/ticket-groups?limit=201", "limit"),
        param("GET", "/api/v1/ticket-groups/{group}?limit=501", "limit"),
        param("GET", "/api/v1/tickets/{ticket}/similar?limit=many", "limit"),
        route("GET", "/api/v1/ticket-groups/not-a-uuid", true, null, 404, "not_found"),
        route("GET", "/api/v1/ticket-groups/" + UUID.randomUUID(), true, null, 404, "not_found"),
        route(
            "POST",
            "/api/v1/ticket-groups/" + UUID.randomUUID() + "/escalate",
            true,
            f -> json(Map.of()),
            404,
            "not_found"),
        route(
            "GET",
            "/api/v1/tickets/" + UUID.randomUUID() + "/similar",
            true,
            null,
            404,
            "not_found"),
        param("GET", "/api/v1/outbox?channel=fax", "channel"),
        param("GET", "/api/v1/outbox?channel=" + "s".repeat(11), "channel"),
        param("GET", "/api/v1/outbox?address=%2B1" + "4".repeat(254), "address"),
        param("GET", "/api/v1/outbox?limit=0", "limit"),
        param("GET", "/api/v1/outbox?limit=1001", "limit"),
        param("GET", "/api/v1/outbox?limit=2.5", "limit"),
        param("GET", "/api/v1/outbox?limit=-3", "limit"),
        route(
            "POST",
            "/api/v1/outbox/not-a-uuid/reply",
            true,
            f -> json(Map.of("body", "1A")),
            404,
            "not_found"),
        route(
            "POST",
            "/api/v1/outbox/" + UUID.randomUUID() + "/reply",
            true,
            f -> json(Map.of("body", "1A")),
            404,
            "not_found"),
        route("GET", "/api/v1/outbox/{outbox}/reply", true, null, 405, "method_not_allowed"),
        route("DELETE", "/api/v1/outbox", true, null, 405, "method_not_allowed"),
        // One-click email links: the token is the credential; none of these is a genuine one.
        route("GET", "/api/v1/email-actions/not-a-token", false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/not-a-token", false, null, 404, "not_found"),
        route("GET", "/api/v1/email-actions/" + "A".repeat(98), false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/%3Cscript%3E", false, null, 404, "not_found"),
        route("GET", "/api/v1/email-actions/{forgedToken}", false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/{forgedToken}", false, null, 404, "not_found"),
        route("GET", "/api/v1/email-actions/{expiredToken}", false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/{expiredToken}", false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/{tamperedToken}", false, null, 404, "not_found"),
        route("POST", "/api/v1/email-actions/{forgedToken}", true, null, 404, "not_found"),
        route(
            "PUT", "/api/v1/email-actions/{forgedToken}", false, null, 405, "method_not_allowed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRoutes")
  void aBadRouteOrParameterIsAnsweredWithTheJsonError(Route r) {
    Map<String, String> before = databaseState();
    byte[] body = r.body() == null ? null : r.body().apply(fx);

    Api.Reply reply =
        api.raw(
            r.method(),
            fx.resolve(r.path()),
            body == null ? null : JSON,
            body,
            r.authenticated() ? fx.owner() : Api.ANONYMOUS);

    SoftAssertions softly = new SoftAssertions();
    assertJsonError(
        softly, reply, r.status(), r.code(), r.field() == null ? List.of() : List.of(r.field()));
    if (r.status() == 405) {
      softly.assertThat(reply.headers().firstValue("Allow")).as("Allow header").isPresent();
    }
    Map<String, String> after = databaseState();
    softly.assertThat(after).as("database after the rejected request").isEqualTo(before);
    softly.assertAll();
    reuseFixtureIfUnchanged(after);
  }

  @Test
  void parametersAtTheirLimitsAreAccepted() {
    String longestQuery = "a".repeat(100);
    for (String path :
        List.of(
            "/api/v1/audit?limit=1",
            "/api/v1/audit?limit=200&before=1",
            "/api/v1/audit?before=" + Long.MAX_VALUE,
            "/api/v1/services?limit=500",
            "/api/v1/services?limit=1&q=" + longestQuery,
            "/api/v1/schedules/"
                + fx.scheduleId()
                + "/shifts?from=2027-01-01T00:00:00Z&to=2028-01-02T00:00:00Z",
            "/api/v1/schedules/" + fx.scheduleId() + "/overrides?from=2027-01-01T00:00:00%2B01:00",
            "/api/v1/schedules/" + fx.scheduleId() + "/oncall?at=2027-01-05T00:00:00Z",
            "/api/v1/oncall?at=2027-01-05T00:00:00Z&teamId=" + fx.teamId(),
            "/api/v1/oncall?userId=" + fx.owner().userId(),
            "/api/v1/incidents?limit=1",
            "/api/v1/incidents?limit=500&before=" + Long.MAX_VALUE,
            "/api/v1/incidents?status=TRIGGERED,acknowledged,%20resolved&serviceId="
                + fx.serviceId(),
            "/api/v1/outbox?limit=1&channel=SMS",
            "/api/v1/outbox?limit=1000&channel=email&address=" + "a".repeat(254))) {
      Api.Reply reply = api.get(path, fx.owner());
      assertThat(reply.status()).as("GET %s: %s", path, reply).isEqualTo(200);
      JsonNode body = reply.body();
      assertThat(
              body.path("items").isArray()
                  || body.path("shifts").isArray()
                  || body.path("schedule").isObject())
          .as(path)
          .isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Twilio's webhooks: form bodies signed with the auth token. They run on an instance that has
  // Twilio configured (the shared one refuses every webhook because it has no auth token).

  private static ProviderApp twilio;

  @AfterAll
  static void stopTwilioInstance() {
    if (twilio != null) {
      twilio.close();
    }
  }

  private static synchronized ProviderApp twilio() {
    if (twilio == null) {
      twilio = ProviderApp.start();
    }
    return twilio;
  }

  static Stream<Webhook> badWebhooks() {
    String sms = "/api/v1/webhooks/twilio/sms";
    String status = "/api/v1/webhooks/twilio/status/{tenant}/" + UUID.randomUUID();
    String voice = "/api/v1/webhooks/twilio/voice/{tenant}/" + UUID.randomUUID();
    String form = "application/x-www-form-urlencoded";
    Map<String, String> reply = Map.of("From", Fixture.PHONE, "Body", "1A", "To", "+15005550006");
    return Stream.of(
        webhook("SMS without a signature", sms, reply, Signing.NONE, 403, "forbidden"),
        webhook("SMS with an empty signature", sms, reply, Signing.EMPTY, 403, "forbidden"),
        webhook("SMS signed with another token", sms, reply, Signing.OTHER_TOKEN, 403, "forbidden"),
        webhook("SMS signed for other params", sms, reply, Signing.OTHER_PARAMS, 403, "forbidden"),
        webhook("SMS signed for the local URL", sms, reply, Signing.LOCAL_URL, 403, "forbidden"),
        webhook(
            "SMS with a signature not in Base64", sms, reply, Signing.GARBAGE, 403, "forbidden"),
        webhook(
            "status without a signature",
            status,
            Map.of("MessageStatus", "failed"),
            Signing.NONE,
            403,
            "forbidden"),
        webhook(
            "voice signed with another token",
            voice,
            Map.of("CallStatus", "in-progress"),
            Signing.OTHER_TOKEN,
            403,
            "forbidden"),
        webhook(
            "keys without a signature",
            voice + "/keys",
            Map.of("Digits", "4"),
            Signing.NONE,
            403,
            "forbidden"),
        new Webhook(
            "SMS signed, sent as JSON",
            sms,
            f -> "{\"From\":\"" + Fixture.PHONE + "\",\"Body\":\"1A\"}",
            Map.of(),
            Signing.VALID,
            "application/json",
            415,
            "unsupported_media_type"),
        new Webhook(
            "SMS signed, without a Content-Type",
            sms,
            f -> "From=%2B14155550100&Body=1A",
            reply,
            Signing.VALID,
            null,
            415,
            "unsupported_media_type"),
        new Webhook(
            "SMS signed, form with a broken percent-escape",
            sms,
            f -> "From=%2B14155550100&Body=%ZZ1A%",
            Map.of("From", Fixture.PHONE, "Body", "%ZZ1A%"),
            Signing.VALID,
            form,
            400,
            null),
        new Webhook(
            "SMS signed, form in a charset that does not exist",
            sms,
            f -> "From=%2B14155550100&Body=1A",
            reply,
            Signing.VALID,
            form + "; charset=klingon",
            415,
            null),
        new Webhook(
            "SMS signed, form over the size limit",
            sms,
            f -> "From=%2B14155550100&Body=" + "A".repeat(LIMIT + 1),
            Map.of("From", Fixture.PHONE, "Body", "A".repeat(LIMIT + 1)),
            Signing.VALID,
            form,
            413,
            "payload_too_large"),
        webhook(
            "status signed, tenant and notification not UUIDs",
            "/api/v1/webhooks/twilio/status/not-a-uuid/not-a-uuid",
            Map.of("MessageStatus", "failed"),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "voice signed, notification not a UUID",
            "/api/v1/webhooks/twilio/voice/{tenant}/not-a-uuid",
            Map.of(),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "voice signed, unknown notification",
            voice,
            Map.of("CallStatus", "in-progress"),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "voice signed, unknown tenant",
            "/api/v1/webhooks/twilio/voice/" + UUID.randomUUID() + "/" + UUID.randomUUID(),
            Map.of(),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "keys signed, unknown notification",
            voice + "/keys",
            Map.of("Digits", "4"),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "keys signed, notification not a UUID",
            "/api/v1/webhooks/twilio/voice/{tenant}/42/keys",
            Map.of("Digits", "6"),
            Signing.VALID,
            404,
            "not_found"),
        webhook(
            "unknown webhook, signed",
            "/api/v1/webhooks/twilio/fax",
            reply,
            Signing.VALID,
            404,
            "not_found"));
  }

  /**
   * A webhook request Twilio would not send. {@code code} null: any code, as long as the status is
   * the one given and the body is the JSON error.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badWebhooks")
  void aBadWebhookRequestIsRefusedWithTheJsonErrorAndWritesNothing(Webhook w) {
    ProviderApp app = twilio();
    Map<String, String> before = databaseState();
    String path = fx.resolve(w.path());
    Map<String, String> signed = w.signedParams();
    String signature =
        switch (w.signing()) {
          case NONE -> null;
          case EMPTY -> "";
          case GARBAGE -> "not base64 at all!";
          case VALID ->
              ProviderApp.sign(ProviderApp.AUTH_TOKEN, ProviderApp.PUBLIC_URL + path, signed);
          case OTHER_TOKEN ->
              ProviderApp.sign("0".repeat(32), ProviderApp.PUBLIC_URL + path, signed);
          case OTHER_PARAMS ->
              ProviderApp.sign(
                  ProviderApp.AUTH_TOKEN,
                  ProviderApp.PUBLIC_URL + path,
                  withParam(signed, "Body", "1R"));
          case LOCAL_URL -> ProviderApp.sign(ProviderApp.AUTH_TOKEN, app.localUrl() + path, signed);
        };
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(app.localUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(w.body().apply(fx), StandardCharsets.UTF_8));
    if (w.contentType() != null) {
      request.header("Content-Type", w.contentType());
    }
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }

    Api.Reply reply = send(request.build());

    SoftAssertions softly = new SoftAssertions();
    assertJsonError(softly, reply, w.status(), w.code(), List.of());
    Map<String, String> after = databaseState();
    softly.assertThat(after).as("database after the refused webhook").isEqualTo(before);
    softly.assertAll();
    reuseFixtureIfUnchanged(after);
  }

  /** How a webhook request is signed. */
  enum Signing {
    VALID,
    NONE,
    EMPTY,
    GARBAGE,
    OTHER_TOKEN,
    OTHER_PARAMS,
    LOCAL_URL
  }

  /** A webhook request: its form body as sent, and the parameters its signature covers. */
  record Webhook(
      String name,
      String path,
      Function<Fixture, String> body,
      Map<String, String> signedParams,
      Signing signing,
      String contentType,
      int status,
      String code) {
    @Override
    public String toString() {
      return "POST " + path + ": " + name + " → " + status + (code == null ? "" : " " + code);
    }
  }

  static Webhook webhook(
      String name,
      String path,
      Map<String, String> params,
      Signing signing,
      int status,
      String code) {
    return new Webhook(
        name,
        path,
        f -> formEncode(params),
        params,
        signing,
        "application/x-www-form-urlencoded; charset=utf-8",
        status,
        code);
  }

  private static String formEncode(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&"));
  }

  private static Map<String, String> withParam(
      Map<String, String> params, String name, String value) {
    Map<String, String> copy = new TreeMap<>(params);
    copy.put(name, value);
    return copy;
  }

  // ---------------------------------------------------------------------------------------------
  // The endpoints that read a JSON body.

  static List<Endpoint> endpoints() {
    return Stream.of(directoryEndpoints(), pagingEndpoints(), integrationEndpoints())
        .flatMap(List::stream)
        .toList();
  }

  /** Outbound webhooks and inbound helpdesk integrations (issue 10). */
  static List<Endpoint> integrationEndpoints() {
    List<Bad> webhookBodies =
        List.of(
            wrongType("url", 42),
            wrongType("events", "ticket.created"),
            wrongType("description", List.of("x")),
            invalid("no events", "events", List.of()),
            bad(
                "unknown event",
                v -> with(v, "events", List.of("ticket.exploded")),
                422,
                "validation_failed",
                "events[0]"),
            invalid("ftp url", "url", "ftp://hooks.bad-input.test/in"),
            invalid("relative url", "url", "/hooks/in"),
            invalid("too-long url", "url", "https://hooks.bad-input.test/" + "u".repeat(2048)),
            invalid("too-long description", "description", "d".repeat(501)));
    List<Bad> updateBodies = new ArrayList<>(webhookBodies);
    updateBodies.add(wrongType("enabled", "no"));
    return List.of(
        new Endpoint(
            "POST",
            "/api/v1/webhooks",
            false,
            f -> body("url", "https://hooks.bad-input.test/in", "events", List.of("sla.warning")),
            List.of("url", "events"),
            webhookBodies,
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/webhooks/" + reply.id(), f.owner())
                            .body()
                            .path("url")
                            .asText())
                    .isEqualTo("https://hooks.bad-input.test/in")),
        new Endpoint(
            "PUT",
            "/api/v1/webhooks/{webhook}",
            false,
            f ->
                body(
                    "url",
                    "https://hooks.bad-input.test/v2",
                    "events",
                    List.of("sla.breached"),
                    "enabled",
                    false),
            List.of("url", "events"),
            updateBodies,
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/webhooks/" + f.webhookId(), f.owner())
                            .body()
                            .path("enabled")
                            .asBoolean())
                    .isFalse()),
        new Endpoint(
            "POST",
            "/api/v1/helpdesk-integrations",
            false,
            f -> body("name", "Zendesk", "kind", "zendesk"),
            List.of("name", "kind"),
            List.of(
                wrongType("name", 42),
                wrongType("kind", List.of("generic")),
                invalid("blank name", "name", " "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("unknown kind", "kind", "freshdesk")),
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/helpdesk-integrations/" + reply.id(), f.owner())
                            .body()
                            .path("kind")
                            .asText())
                    .isEqualTo("zendesk")),
        new Endpoint(
            "POST",
            "/api/v1/services/{service}/integrations",
            false,
            f -> body("type", "alertmanager", "name", "Prometheus"),
            List.of("type", "name"),
            List.of(
                wrongType("name", 42),
                wrongType("type", List.of("generic")),
                invalid("blank name", "name", " "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("unknown type", "type", "nagios")),
            (api, f, reply) ->
                assertThat(
                        api.get(
                                "/api/v1/services/" + f.serviceId() + "/integrations/" + reply.id(),
                                f.owner())
                            .body()
                            .path("type")
                            .asText())
                    .isEqualTo("alertmanager")));
  }

  /**
   * The inbound event endpoints (PagerDuty's Events API v2 and the keyed webhooks) take no session:
   * a bad event is answered in PagerDuty's shape, 400 {@code invalid event}, and stores nothing.
   */
  static Stream<org.junit.jupiter.params.provider.Arguments> badInboundEvents() {
    String trigger =
        "\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\","
            + "\"severity\":\"error\"}";
    return Stream.of(
            new String[] {"/v2/enqueue", JSON, "{"},
            new String[] {"/v2/enqueue", JSON, "[]"},
            new String[] {"/v2/enqueue", JSON, ""},
            new String[] {"/v2/enqueue", JSON, "null"},
            new String[] {"/v2/enqueue", JSON, "{\"routing_key\":42," + trigger + "}"},
            new String[] {
              "/v2/enqueue", "application/xml", "{\"routing_key\":\"k\"," + trigger + "}"
            },
            new String[] {
              "/v2/enqueue", JSON, "{\"routing_key\":\"" + "a".repeat(32) + "\"," + trigger + "}"
            },
            new String[] {
              "/v2/enqueue",
              JSON,
              "{\"routing_key\":\"k\"," + trigger + ",\"x\":\"" + "x".repeat(600 * 1024) + "\"}"
            },
            new String[] {"/api/v1/integrations/events", JSON, "{\"event_action\":\"trigger\"}"},
            new String[] {"/api/v1/integrations/alertmanager/not-a-key", JSON, "{}"},
            new String[] {
              "/api/v1/integrations/alertmanager/" + "b".repeat(32),
              JSON,
              "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"g\",\"alerts\":[]}"
            },
            new String[] {
              "/api/v1/integrations/generic/" + "c".repeat(32), JSON, "{\"summary\":7}"
            },
            new String[] {
              "/api/v1/integrations/generic/" + "c".repeat(32), JSON, "{\"summary\":\"s\"}"
            })
        .map(
            row ->
                org.junit.jupiter.params.provider.Arguments.of(
                    row[0],
                    row[1],
                    row[2].length() > 200 ? row[2].substring(0, 200) : row[2],
                    row[2]));
  }

  @ParameterizedTest(name = "POST {0} ({1}) {2}")
  @MethodSource("badInboundEvents")
  void aBadInboundEventIsAnsweredInPagerDutysShapeAndStoresNothing(
      String path, String contentType, String shown, String body) {
    Map<String, String> before = databaseState();

    Api.Reply reply =
        api.raw("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8), Api.ANONYMOUS);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    softly
        .assertThat(reply.body().path("status").asText())
        .as("%s", reply)
        .isEqualTo("invalid event");
    softly.assertThat(reply.body().path("errors")).as("%s", reply).isNotEmpty();
    Map<String, String> after = databaseState();
    softly.assertThat(after).as("database after the rejected event").isEqualTo(before);
    softly.assertAll();
    reuseFixtureIfUnchanged(after);
  }

  /** Accounts, teams, services, schedules and calendar feeds. */
  static List<Endpoint> directoryEndpoints() {
    return List.of(
        new Endpoint(
            "POST",
            "/api/v1/signup",
            true,
            BadInputTest::signup,
            List.of("organization", "name", "email", "password"),
            List.of(
                wrongType("organization", 123),
                wrongType("name", true),
                wrongType("email", List.of("a@b.test")),
                wrongType("password", 12345678901L),
                wrongType("timeZone", Map.of("id", "UTC")),
                invalid("too-long organization", "organization", "o".repeat(101)),
                invalid("blank organization", "organization", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("blank name", "name", " "),
                invalid("invalid email", "email", "not-an-email"),
                invalid("too-long email", "email", "e".repeat(250) + "@x.test"),
                invalid("too-short password", "password", "short1234"),
                invalid("too-long password", "password", "p".repeat(201)),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                invalid("offset instead of a time zone", "timeZone", "+02:00"),
                invalid("slug with spaces and capitals", "slug", "Not A Slug!"),
                invalid("too-long slug", "slug", "s".repeat(41))),
            (api, f, reply) -> {
              Api.Login login = api.loginFrom(reply);
              Api.Reply me = api.get("/api/v1/session", login);
              assertThat(me.status()).isEqualTo(200);
              assertThat(me.body().path("tenant").path("slug").asText()).isEqualTo(f.freshSlug());
              assertThat(me.body().path("user").path("name").asText()).isEqualTo("Nora New");
              assertThat(me.body().path("user").path("timeZone").asText())
                  .isEqualTo("Europe/Paris");
            }),
        new Endpoint(
            "POST",
            "/api/v1/session",
            true,
            f -> body("tenant", f.owner().slug(), "email", f.owner().email(), "password", pw()),
            List.of("tenant", "email", "password"),
            List.of(
                wrongType("tenant", 42),
                wrongType("email", false),
                wrongType("password", 1234567890),
                invalid("too-long tenant", "tenant", "t".repeat(41)),
                invalid("blank tenant", "tenant", "  "),
                invalid("too-long email", "email", "e".repeat(250) + "@x.test"),
                invalid("too-long password", "password", "p".repeat(201))),
            (api, f, reply) -> {
              Api.Login login = api.loginFrom(reply);
              Api.Reply me = api.get("/api/v1/session", login);
              assertThat(me.status()).isEqualTo(200);
              assertThat(me.body().path("user").path("id").asText()).isEqualTo(f.owner().userId());
            }),
        new Endpoint(
            "POST",
            "/api/v1/password-resets",
            true,
            f -> body("tenant", f.owner().slug(), "email", f.owner().email()),
            List.of("tenant", "email"),
            List.of(
                wrongType("tenant", 42),
                wrongType("email", false),
                invalid("too-long tenant", "tenant", "t".repeat(41)),
                invalid("blank tenant", "tenant", "  "),
                invalid("invalid email", "email", "not-an-email"),
                invalid("too-long email", "email", "e".repeat(250) + "@x.test")),
            (api, f, reply) -> {
              assertThat(reply.status()).isEqualTo(202);
              assertThat(awaitEmail(api, f, "Reset your Switchboard password")).contains("sbr_");
            }),
        new Endpoint(
            "POST",
            "/api/v1/password-resets/confirm",
            true,
            f -> body("token", resetToken(f), "password", "a reset passphrase"),
            List.of("token", "password"),
            List.of(
                wrongType("token", 123),
                wrongType("password", 12345678901L),
                invalid("blank token", "token", "  "),
                invalid("too-long token", "token", "t".repeat(201)),
                invalid("too-short password", "password", "short1234"),
                invalid("too-long password", "password", "p".repeat(201))),
            (api, f, reply) ->
                assertThat(api.login(f.owner().slug(), f.owner().email(), "a reset passphrase"))
                    .isNotNull()),
        new Endpoint(
            "POST",
            "/api/v1/sign-in-name-reminders",
            true,
            f -> body("email", f.owner().email()),
            List.of("email"),
            List.of(
                wrongType("email", 1),
                invalid("invalid email", "email", "not-an-email"),
                invalid("too-long email", "email", "e".repeat(250) + "@x.test")),
            (api, f, reply) ->
                assertThat(awaitEmail(api, f, "Your Switchboard sign-in name"))
                    .contains(f.owner().slug())),
        new Endpoint(
            "POST",
            "/api/v1/session/password",
            false,
            f -> body("currentPassword", pw(), "newPassword", "a changed passphrase"),
            List.of("currentPassword", "newPassword"),
            List.of(
                wrongType("currentPassword", 1234567890),
                wrongType("newPassword", 12345678901L),
                invalid("too-long current password", "currentPassword", "p".repeat(201)),
                invalid("too-short new password", "newPassword", "short1234"),
                invalid("too-long new password", "newPassword", "p".repeat(201))),
            (api, f, reply) ->
                assertThat(api.login(f.owner().slug(), f.owner().email(), "a changed passphrase"))
                    .isNotNull()),
        new Endpoint(
            "POST",
            "/api/v1/api-keys",
            false,
            f -> body("name", "CI deploy key", "role", "responder"),
            List.of("name", "role"),
            List.of(
                wrongType("name", 7),
                wrongType("role", "superuser"),
                wrongType("role", 1),
                invalid("too-long name", "name", "k".repeat(101)),
                invalid("blank name", "name", "   ")),
            (api, f, reply) -> {
              Api.Reply keys = api.get("/api/v1/api-keys", f.owner());
              assertThat(keys.body().path("items").findValuesAsText("name"))
                  .contains("CI deploy key");
            }),
        new Endpoint(
            "PATCH",
            "/api/v1/users/{user}",
            false,
            f -> body("name", "Renamed Owner", "timeZone", "Asia/Tokyo"),
            List.of(),
            List.of(
                wrongType("name", 99),
                wrongType("timeZone", 2),
                wrongType("role", "emperor"),
                wrongType("role", 0),
                invalid("empty name", "name", ""),
                invalid("blank name", "name", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                invalid("too-long time zone", "timeZone", "Z".repeat(65))),
            (api, f, reply) -> {
              Api.Reply user = api.get("/api/v1/users/" + f.owner().userId(), f.owner());
              assertThat(user.body().path("name").asText()).isEqualTo("Renamed Owner");
              assertThat(user.body().path("timeZone").asText()).isEqualTo("Asia/Tokyo");
            }),
        new Endpoint(
            "POST",
            "/api/v1/users/invitations",
            false,
            f -> body("email", "new.hire@bad-input.test", "role", "agent"),
            List.of("email", "role"),
            List.of(
                wrongType("email", 42),
                wrongType("role", "boss"),
                invalid("invalid email", "email", "not-an-email"),
                invalid("too-long email", "email", "e".repeat(250) + "@x.test"),
                invalid("blank email", "email", " ")),
            (api, f, reply) -> {
              Api.Reply pending = api.get("/api/v1/users/invitations", f.owner());
              assertThat(pending.body().path("items").findValuesAsText("email"))
                  .contains("new.hire@bad-input.test");
            }),
        new Endpoint(
            "POST",
            "/api/v1/invitations/accept",
            true,
            f ->
                body(
                    "token",
                    f.invitationToken(),
                    "name",
                    "Ivy Invitee",
                    "password",
                    pw(),
                    "timeZone",
                    "Europe/Berlin"),
            List.of("token", "name", "password"),
            List.of(
                wrongType("token", 123),
                wrongType("name", List.of("Ivy")),
                wrongType("password", 12345678901L),
                wrongType("timeZone", 1),
                invalid("blank token", "token", "  "),
                invalid("too-long token", "token", "t".repeat(201)),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("too-short password", "password", "short1234"),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons")),
            (api, f, reply) -> {
              Api.Login login = api.loginFrom(reply);
              Api.Reply me = api.get("/api/v1/session", login);
              assertThat(me.body().path("user").path("name").asText()).isEqualTo("Ivy Invitee");
              assertThat(me.body().path("user").path("email").asText()).isEqualTo(Fixture.INVITEE);
              Api.Reply users = api.get("/api/v1/users", f.owner());
              assertThat(users.body().path("items").findValuesAsText("email"))
                  .contains(Fixture.INVITEE);
            }),
        new Endpoint(
            "POST",
            "/api/v1/teams",
            false,
            f -> body("name", "Platform", "kind", "engineering", "description", "Shared infra."),
            List.of("name", "kind"),
            List.of(
                wrongType("name", 123),
                wrongType("kind", "marketing"),
                wrongType("kind", 0),
                wrongType("description", Map.of("text", "x")),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("blank name", "name", "   "),
                invalid("too-long description", "description", "d".repeat(2001))),
            (api, f, reply) -> {
              Api.Reply team = api.get("/api/v1/teams/" + reply.id(), f.owner());
              assertThat(team.body().path("name").asText()).isEqualTo("Platform");
              assertThat(team.body().path("kind").asText()).isEqualTo("engineering");
              assertThat(api.get("/api/v1/teams", f.owner()).body().path("items").size())
                  .isEqualTo(2);
            }),
        new Endpoint(
            "PATCH",
            "/api/v1/teams/{team}",
            false,
            f -> body("name", "Renamed Team", "kind", "support", "description", "Now support."),
            List.of(),
            List.of(
                wrongType("name", 123),
                wrongType("kind", "marketing"),
                wrongType("description", true),
                invalid("empty name", "name", ""),
                invalid("blank name", "name", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("too-long description", "description", "d".repeat(2001))),
            (api, f, reply) -> {
              Api.Reply team = api.get("/api/v1/teams/" + f.teamId(), f.owner());
              assertThat(team.body().path("name").asText()).isEqualTo("Renamed Team");
              assertThat(team.body().path("kind").asText()).isEqualTo("support");
              assertThat(team.body().path("description").asText()).isEqualTo("Now support.");
            }),
        new Endpoint(
            "POST",
            "/api/v1/services",
            false,
            f -> body("name", "Billing API", "description", "Invoices.", "teamId", f.teamId()),
            List.of("name", "teamId"),
            List.of(
                wrongType("name", 123),
                wrongType("teamId", "not-a-uuid"),
                wrongType("teamId", 42),
                wrongType("description", List.of()),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("blank name", "name", "   "),
                invalid("too-long description", "description", "d".repeat(2001))),
            (api, f, reply) -> {
              Api.Reply service = api.get("/api/v1/services/" + reply.id(), f.owner());
              assertThat(service.body().path("name").asText()).isEqualTo("Billing API");
              assertThat(service.body().path("team").path("id").asText()).isEqualTo(f.teamId());
            }),
        new Endpoint(
            "PATCH",
            "/api/v1/services/{service}",
            false,
            f -> body("name", "Renamed Service", "description", "Changed.", "teamId", f.teamId()),
            List.of(),
            List.of(
                wrongType("name", false),
                wrongType("teamId", "not-a-uuid"),
                wrongType("teamId", 42),
                wrongType("description", 3.5),
                invalid("empty name", "name", ""),
                invalid("blank name", "name", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("too-long description", "description", "d".repeat(2001))),
            (api, f, reply) -> {
              Api.Reply service = api.get("/api/v1/services/" + f.serviceId(), f.owner());
              assertThat(service.body().path("name").asText()).isEqualTo("Renamed Service");
              assertThat(service.body().path("description").asText()).isEqualTo("Changed.");
            }),
        new Endpoint(
            "POST",
            "/api/v1/schedules",
            false,
            f ->
                body(
                    "name",
                    "Secondary",
                    "timeZone",
                    "America/New_York",
                    "description",
                    "Backup rotation.",
                    "teamId",
                    f.teamId(),
                    "layers",
                    List.of(layer("Weekly", null, f.owner().userId()))),
            List.of("name", "timeZone", "layers"),
            List.of(
                wrongType("name", 123),
                wrongType("timeZone", 5),
                wrongType("teamId", "not-a-uuid"),
                wrongType("layers", "weekly"),
                wrongTypeAt("layers[0].turn.day", "FUNDAY"),
                wrongTypeAt("layers[0].turn.day", "Mon"),
                wrongTypeAt("layers[0].turn.time", "25:00"),
                wrongTypeAt("layers[0].turn.time", 900),
                wrongTypeAt("layers[0].start", "yesterday"),
                wrongTypeAt("layers[0].participants[0]", "not-a-uuid"),
                wrongTypeAt("layers[0].participants", "everyone"),
                wrongTypeAt("layers[0].turn.kind", "monthly"),
                wrongTypeAt("layers[0].turn.count", "two"),
                unknownFieldAt("layers[0].turn.nickname"),
                invalid("blank name", "name", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                invalid("no layers", "layers", List.of()),
                invalid("too-long description", "description", "d".repeat(2001)),
                missingAt("layers[0].name"),
                missingAt("layers[0].start"),
                missingAt("layers[0].turn"),
                missingAt("layers[0].turn.kind"),
                missingAt("layers[0].turn.day"),
                missingAt("layers[0].turn.time"),
                missingAt("layers[0].participants"),
                invalidAt("no participants", "layers[0].participants", List.of()),
                invalidAt("null participant", "layers[0].participants[0]", null),
                invalidAt(
                    "participant who is not a user",
                    "layers[0].participants[0]",
                    UUID.randomUUID().toString()),
                invalidAt("count on a weekly turn", "layers[0].turn.count", 2)),
            (api, f, reply) -> {
              Api.Reply schedule = api.get("/api/v1/schedules/" + reply.id(), f.owner());
              assertThat(schedule.body().path("name").asText()).isEqualTo("Secondary");
              assertThat(schedule.body().path("team").path("id").asText()).isEqualTo(f.teamId());
              assertThat(schedule.body().path("layers").findValuesAsText("name"))
                  .containsExactly("Weekly");
              assertThat(api.get("/api/v1/schedules", f.owner()).body().path("items").size())
                  .isEqualTo(2);
            }),
        new Endpoint(
            "PATCH",
            "/api/v1/schedules/{schedule}",
            false,
            f ->
                body(
                    "name",
                    "Renamed Schedule",
                    "timeZone",
                    "Europe/Berlin",
                    "description",
                    "Moved.",
                    "teamId",
                    f.teamId()),
            List.of(),
            List.of(
                wrongType("name", 1),
                wrongType("timeZone", List.of("UTC")),
                wrongType("teamId", "not-a-uuid"),
                wrongType("description", false),
                invalid("empty name", "name", ""),
                invalid("blank name", "name", "   "),
                invalid("too-long name", "name", "n".repeat(101)),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                invalid("too-long description", "description", "d".repeat(2001))),
            (api, f, reply) -> {
              Api.Reply schedule = api.get("/api/v1/schedules/" + f.scheduleId(), f.owner());
              assertThat(schedule.body().path("name").asText()).isEqualTo("Renamed Schedule");
              assertThat(schedule.body().path("timeZone").asText()).isEqualTo("Europe/Berlin");
            }),
        new Endpoint(
            "POST",
            "/api/v1/schedules/{schedule}/layers",
            false,
            f -> layer("Follow the sun", null, f.owner().userId()),
            List.of("name", "turn", "participants"),
            layerBodies(),
            (api, f, reply) -> {
              Api.Reply schedule = api.get("/api/v1/schedules/" + f.scheduleId(), f.owner());
              assertThat(schedule.body().path("layers").findValuesAsText("name"))
                  .containsExactly("Weekly", "Follow the sun");
            }),
        new Endpoint(
            "PUT",
            "/api/v1/schedules/{schedule}/layers/{layer}",
            false,
            f -> layer("Weekly, changed", "2027-02-01T14:00:00Z", f.owner().userId()),
            List.of("name", "turn", "participants"),
            Stream.concat(
                    layerBodies().stream(),
                    Stream.of(invalid("start in the past", "start", "2020-01-06T14:00:00Z")))
                .toList(),
            (api, f, reply) -> {
              Api.Reply schedule = api.get("/api/v1/schedules/" + f.scheduleId(), f.owner());
              assertThat(schedule.body().path("layers").findValuesAsText("name"))
                  .contains("Weekly, changed");
            }),
        new Endpoint(
            "POST",
            "/api/v1/schedules/{schedule}/overrides",
            false,
            f -> override(f.owner().userId(), "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z"),
            List.of("userId", "start", "end"),
            List.of(
                wrongType("userId", "not-a-uuid"),
                wrongType("userId", 42),
                wrongType("start", "yesterday"),
                wrongType("end", "2027-01-06"),
                wrongType("note", 5),
                invalid("end before start", "end", "2027-01-04T00:00:00Z"),
                invalid("longer than 366 days", "end", "2028-01-07T00:00:00Z"),
                invalid("too-long note", "note", "n".repeat(501)),
                invalid("user who is not a user", "userId", UUID.randomUUID().toString())),
            (api, f, reply) -> {
              Api.Reply overrides =
                  api.get(
                      "/api/v1/schedules/"
                          + f.scheduleId()
                          + "/overrides?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
                      f.owner());
              assertThat(overrides.body().path("items").findValuesAsText("id"))
                  .containsExactly(reply.id());
            }),
        new Endpoint(
            "POST",
            "/api/v1/schedules/{schedule}/overrides/batch",
            false,
            f ->
                body(
                    "overrides",
                    List.of(
                        override(
                            f.owner().userId(), "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z"),
                        override(
                            f.owner().userId(), "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z"))),
            List.of("overrides"),
            List.of(
                wrongType("overrides", "swap"),
                wrongTypeAt("overrides[0].start", "yesterday"),
                wrongTypeAt("overrides[1].userId", "not-a-uuid"),
                unknownFieldAt("overrides[1].nickname"),
                invalid("no overrides", "overrides", List.of()),
                invalidAt("null override", "overrides[1]", null),
                missingAt("overrides[0].userId"),
                missingAt("overrides[1].end"),
                invalidAt("end before start", "overrides[1].end", "2027-01-11T00:00:00Z"),
                invalidAt(
                    "user who is not a user", "overrides[1].userId", UUID.randomUUID().toString())),
            (api, f, reply) -> {
              Api.Reply overrides =
                  api.get(
                      "/api/v1/schedules/"
                          + f.scheduleId()
                          + "/overrides?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
                      f.owner());
              assertThat(overrides.body().path("items").size()).isEqualTo(2);
            }),
        new Endpoint(
            "POST",
            "/api/v1/calendar-feeds",
            false,
            f -> body("scheduleId", f.scheduleId()),
            List.of(),
            List.of(
                wrongType("scheduleId", "not-a-uuid"),
                wrongType("scheduleId", 7),
                wrongType("userId", "me"),
                bad("empty object", v -> body(), 422, "validation_failed", "scheduleId"),
                bad(
                    "both scheduleId and userId",
                    v -> with(v, "userId", UUID.randomUUID().toString()),
                    422,
                    "validation_failed",
                    "scheduleId")),
            (api, f, reply) -> {
              String url = reply.body().path("url").asText();
              Api.Reply feed =
                  api.get(url.substring(url.indexOf("/api/v1/calendar/")), Api.ANONYMOUS);
              assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
              assertThat(contentType(feed)).startsWith("text/calendar");
              assertThat(feed.raw()).contains("BEGIN:VCALENDAR", "Primary");
            }));
  }

  /** Escalation policies, paging windows, contact methods and rules, incidents, the outbox. */
  static List<Endpoint> pagingEndpoints() {
    return List.of(
        new Endpoint(
            "POST",
            "/api/v1/escalation-policies",
            false,
            f -> policy(f, "Follow The Sun"),
            List.of("name", "repeatCount", "steps"),
            Stream.concat(
                    policyBodies().stream(),
                    Stream.of(
                        conflict("the name of another policy", v -> with(v, "name", Paged.POLICY))))
                .toList(),
            (api, f, reply) -> {
              Api.Reply policy = api.get("/api/v1/escalation-policies/" + reply.id(), f.owner());
              assertThat(policy.body().path("name").asText()).isEqualTo("Follow The Sun");
              assertThat(policy.body().path("repeatCount").asInt()).isEqualTo(2);
              assertThat(policy.body().path("steps").path(1).path("targets").size()).isEqualTo(2);
              assertThat(
                      api.get("/api/v1/escalation-policies", f.owner()).body().path("items").size())
                  .isEqualTo(2);
            }),
        new Endpoint(
            "PUT",
            "/api/v1/escalation-policies/{policy}",
            false,
            f -> policy(f, "Fixture Policy, replaced"),
            List.of("name", "repeatCount", "steps"),
            policyBodies(),
            (api, f, reply) -> {
              Api.Reply policy =
                  api.get("/api/v1/escalation-policies/" + f.paged().policyId(), f.owner());
              assertThat(policy.body().path("name").asText()).isEqualTo("Fixture Policy, replaced");
              assertThat(policy.body().path("steps").size()).isEqualTo(2);
            }),
        new Endpoint(
            "PUT",
            "/api/v1/services/{service}/escalation-policy",
            false,
            f -> body("policyId", f.paged().policyId()),
            List.of(),
            List.of(
                wrongType("policyId", "not-a-uuid"),
                wrongType("policyId", 42),
                wrongType("policyId", List.of()),
                notFound("unknown policy", v -> with(v, "policyId", UUID.randomUUID().toString()))),
            (api, f, reply) -> {
              Api.Reply service = api.get("/api/v1/services/" + f.serviceId(), f.owner());
              assertThat(service.body().path("escalationPolicyId").asText())
                  .isEqualTo(f.paged().policyId());
            }),
        new Endpoint(
            "PUT",
            "/api/v1/services/{service}/support-hours",
            false,
            f ->
                body(
                    "timeZone",
                    "America/New_York",
                    "windows",
                    List.of(window("MONDAY", "09:00", "FRIDAY", "18:00"))),
            List.of("timeZone", "windows"),
            List.of(
                wrongType("timeZone", 5),
                wrongType("windows", "weekdays"),
                wrongType("windows", Map.of("startDay", "MONDAY")),
                wrongTypeAt("windows[0].startDay", "FUNDAY"),
                wrongTypeAt("windows[0].startDay", 1),
                wrongTypeAt("windows[0].startTime", "25:00"),
                wrongTypeAt("windows[0].startTime", "9am"),
                wrongTypeAt("windows[0].endTime", 1800),
                unknownFieldAt("windows[0].nickname"),
                invalid("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                invalid("offset instead of a time zone", "timeZone", "+02:00"),
                invalid("blank time zone", "timeZone", "  "),
                invalid("too-long time zone", "timeZone", "Z".repeat(65)),
                invalid("no windows", "windows", List.of()),
                invalid(
                    "51 windows",
                    "windows",
                    java.util.Collections.nCopies(
                        51, window("MONDAY", "09:00", "MONDAY", "10:00"))),
                invalidAt("null window", "windows[0]", null),
                missingAt("windows[0].startDay"),
                missingAt("windows[0].endTime"),
                invalid(
                    "a window that ends where it starts",
                    "windows",
                    List.of(window("MONDAY", "09:00", "MONDAY", "09:00")))),
            (api, f, reply) -> {
              Api.Reply hours =
                  api.get("/api/v1/services/" + f.serviceId() + "/support-hours", f.owner());
              assertThat(hours.body().path("hours").path("timeZone").asText())
                  .isEqualTo("America/New_York");
              assertThat(hours.body().path("hours").path("windows").size()).isEqualTo(1);
            }),
        new Endpoint(
            "PUT",
            "/api/v1/services/{service}/alert-grouping",
            false,
            f -> body("incidentsPerWindow", 3, "windowSeconds", 600),
            List.of("incidentsPerWindow", "windowSeconds"),
            List.of(
                wrongType("incidentsPerWindow", "three"),
                wrongType("windowSeconds", List.of(600)),
                invalid("no cap", "incidentsPerWindow", 0),
                invalid("101 incidents per window", "incidentsPerWindow", 101),
                invalid("a window under a minute", "windowSeconds", 59),
                invalid("a window over a day", "windowSeconds", 86_401)),
            (api, f, reply) -> {
              Api.Reply grouping =
                  api.get("/api/v1/services/" + f.serviceId() + "/alert-grouping", f.owner());
              assertThat(grouping.body().path("incidentsPerWindow").asInt()).isEqualTo(3);
              assertThat(grouping.body().path("windowSeconds").asInt()).isEqualTo(600);
              assertThat(grouping.body().path("custom").asBoolean()).isTrue();
            }),
        new Endpoint(
            "POST",
            "/api/v1/services/{service}/maintenance-windows",
            false,
            f -> body("start", inDays(1), "end", inDays(2), "reason", "disk swap"),
            List.of("end"),
            List.of(
                wrongType("start", "yesterday"),
                wrongType("start", "2027-01-05"),
                wrongType("end", "2027-01-06T25:00:00Z"),
                wrongType("end", List.of()),
                wrongType("reason", 5),
                invalid("end before start", "end", inDays(-1)),
                bad(
                    "end equal to start",
                    v -> with(v, "end", v.get("start")),
                    422,
                    "validation_failed",
                    "end"),
                bad(
                    "end in the past without a start",
                    v -> body("end", inDays(-1)),
                    422,
                    "validation_failed",
                    "end"),
                invalid("longer than 31 days", "end", inDays(33)),
                invalid("end a thousand years ahead", "end", "3026-01-01T00:00:00Z"),
                invalid("too-long reason", "reason", "r".repeat(501))),
            (api, f, reply) -> {
              Api.Reply windows =
                  api.get("/api/v1/services/" + f.serviceId() + "/maintenance-windows", f.owner());
              assertThat(windows.body().path("items").findValuesAsText("reason"))
                  .contains("disk swap");
            }),
        new Endpoint(
            "POST",
            "/api/v1/users/{user}/contact-methods",
            false,
            f -> body("channel", "email", "address", "Pager@Bad-Input.test", "label", "work"),
            List.of("channel", "address"),
            List.of(
                wrongType("channel", "pigeon"),
                wrongType("channel", 1),
                wrongType("address", 14155550123L),
                wrongType("address", List.of("a@b.test")),
                wrongType("label", true),
                invalid("blank address", "address", "   "),
                invalid("too-long address", "address", "e".repeat(250) + "@x.test"),
                invalid("invalid email", "address", "not-an-email"),
                invalid("a phone number as an email", "address", "+14155550123"),
                invalid("too-long label", "label", "l".repeat(101)),
                phone("sms", "4155550123"),
                phone("sms", "+04155550123"),
                phone("sms", "+1415555012a"),
                phone("sms", "+1234567"),
                phone("sms", "+1234567890123456"),
                phone("sms", "++14155550123"),
                phone("voice", "tel:+14155550123"),
                phone("voice", "pager@bad-input.test"),
                conflict(
                    "the number the user already has",
                    v -> body("channel", "sms", "address", Fixture.PHONE))),
            (api, f, reply) -> {
              Api.Reply methods =
                  api.get("/api/v1/users/" + f.owner().userId() + "/contact-methods", f.owner());
              assertThat(methods.body().path("items").findValuesAsText("address"))
                  .contains("pager@bad-input.test", Fixture.PHONE);
            }),
        new Endpoint(
            "POST",
            "/api/v1/users/{user}/contact-methods/{method}/verify",
            false,
            f -> body("code", f.paged().code()),
            List.of("code"),
            List.of(
                wrongType("code", 123456),
                wrongType("code", List.of("123456")),
                invalid("five digits", "code", "12345"),
                invalid("seven digits", "code", "1234567"),
                invalid("letters", "code", "abcdef"),
                invalid("blank code", "code", "      "),
                invalid("digits with spaces", "code", "123 456")),
            (api, f, reply) -> {
              Api.Reply methods =
                  api.get("/api/v1/users/" + f.owner().userId() + "/contact-methods", f.owner());
              assertThat(methods.body().path("items").path(0).path("verifiedAt").isTextual())
                  .isTrue();
            }),
        new Endpoint(
            "POST",
            "/api/v1/users/{user}/notification-rules",
            false,
            f -> body("contactMethodId", f.paged().methodId(), "urgency", "low", "delayMinutes", 5),
            List.of("contactMethodId", "urgency", "delayMinutes"),
            List.of(
                wrongType("contactMethodId", "not-a-uuid"),
                wrongType("contactMethodId", 7),
                wrongType("urgency", "critical"),
                wrongType("urgency", 1),
                wrongType("delayMinutes", "5"),
                wrongType("delayMinutes", true),
                wrongType("delayMinutes", 1.5),
                outOfRange("delayMinutes", 99999999999L),
                invalid("negative delay", "delayMinutes", -1),
                invalid("delay over a day", "delayMinutes", 1441),
                invalid("huge delay", "delayMinutes", Integer.MAX_VALUE),
                notFound(
                    "unknown contact method",
                    v -> with(v, "contactMethodId", UUID.randomUUID().toString())),
                conflict(
                    "the rule the user already has",
                    v -> with(with(v, "urgency", "high"), "delayMinutes", 0))),
            (api, f, reply) -> {
              Api.Reply rules =
                  api.get("/api/v1/users/" + f.owner().userId() + "/notification-rules", f.owner());
              assertThat(rules.body().path("items").findValuesAsText("urgency"))
                  .containsExactlyInAnyOrder("high", "low");
            }),
        new Endpoint(
            "POST",
            "/api/v1/incidents",
            false,
            f ->
                body(
                    "serviceId",
                    f.serviceId(),
                    "title",
                    "Checkout error rate 12%",
                    "details",
                    "since 09:00",
                    "urgency",
                    "high",
                    "dedupKey",
                    "checkout-errors"),
            List.of("serviceId", "title", "urgency"),
            List.of(
                wrongType("serviceId", "not-a-uuid"),
                wrongType("serviceId", 42),
                wrongType("title", 5),
                wrongType("title", List.of("down")),
                wrongType("details", Map.of("rate", 12)),
                wrongType("urgency", "critical"),
                wrongType("urgency", 1),
                wrongType("urgency", true),
                wrongType("dedupKey", 7),
                invalid("blank title", "title", "   "),
                invalid("too-long title", "title", "t".repeat(501)),
                invalid("too-long details", "details", "d".repeat(10_001)),
                invalid("empty dedup key", "dedupKey", ""),
                invalid("too-long dedup key", "dedupKey", "k".repeat(256)),
                notFound(
                    "unknown service", v -> with(v, "serviceId", UUID.randomUUID().toString()))),
            (api, f, reply) -> {
              assertThat(reply.status()).isEqualTo(201);
              String id = reply.body().path("incident").path("id").asText();
              Api.Reply incident = api.get("/api/v1/incidents/" + id, f.owner());
              assertThat(incident.body().path("incident").path("title").asText())
                  .isEqualTo("Checkout error rate 12%");
              assertThat(api.get("/api/v1/incidents", f.owner()).body().path("items").size())
                  .isEqualTo(2);
            }),
        new Endpoint(
            "POST",
            "/api/v1/incidents/{incident}/reassign",
            false,
            f -> body("userId", f.owner().userId()),
            List.of(),
            List.of(
                wrongType("userId", "not-a-uuid"),
                wrongType("userId", 42),
                wrongType("policyId", "not-a-uuid"),
                bad("empty object", v -> body(), 422, "validation_failed", "userId"),
                bad(
                    "both userId and policyId",
                    v -> with(v, "policyId", UUID.randomUUID().toString()),
                    422,
                    "validation_failed",
                    "userId"),
                notFound("unknown user", v -> with(v, "userId", UUID.randomUUID().toString())),
                notFound("unknown policy", v -> body("policyId", UUID.randomUUID().toString()))),
            (api, f, reply) -> assertTimelineHas(api, f, "reassigned")),
        new Endpoint(
            "POST",
            "/api/v1/incidents/{incident}/responders",
            false,
            f -> body("policyId", f.paged().policyId()),
            List.of("policyId"),
            List.of(
                wrongType("policyId", "not-a-uuid"),
                wrongType("policyId", 3),
                notFound("unknown policy", v -> with(v, "policyId", UUID.randomUUID().toString()))),
            (api, f, reply) -> assertTimelineHas(api, f, "responders_added")),
        new Endpoint(
            "POST",
            "/api/v1/incidents/{incident}/notes",
            false,
            f -> body("text", "Rolled back the 09:00 deploy."),
            List.of("text"),
            List.of(
                wrongType("text", 5),
                wrongType("text", List.of("a", "b")),
                invalid("blank text", "text", " \n "),
                invalid("too-long text", "text", "n".repeat(10_001))),
            (api, f, reply) -> assertTimelineHas(api, f, "note")),
        new Endpoint(
            "POST",
            "/api/v1/incidents/{incident}/status-updates",
            false,
            f -> body("message", "Rolling back the 09:00 deploy."),
            List.of("message"),
            List.of(
                wrongType("message", 5),
                invalid("blank message", "message", "  "),
                invalid("too-long message", "message", "m".repeat(5_001))),
            (api, f, reply) -> assertTimelineHas(api, f, "status_update")),
        // Support: customers, tickets, links, impact rules, templates.
        new Endpoint(
            "POST",
            "/api/v1/customers",
            false,
            f -> body("name", "Globex", "tier", "business", "externalId", "zd-org-7"),
            List.of("name", "tier"),
            List.of(
                wrongType("name", 5),
                wrongType("tier", List.of("premium")),
                invalid("blank name", "name", " "),
                invalid("too-long name", "name", "n".repeat(201)),
                invalid("tier with spaces", "tier", "Premium Plus"),
                invalid("too-long tier", "tier", "t".repeat(41)),
                invalid("empty externalId", "externalId", ""),
                conflict("name taken", v -> with(v, "name", "Acme"))),
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/customers/" + reply.id(), f.owner())
                            .body()
                            .path("tier")
                            .asText())
                    .isEqualTo("business")),
        new Endpoint(
            "PATCH",
            "/api/v1/customers/{customer}",
            false,
            f -> body("tier", "business"),
            List.of(),
            List.of(wrongType("tier", 3), invalid("tier with capitals", "tier", "Gold")),
            (api, f, reply) ->
                assertThat(reply.body().path("tier").asText()).isEqualTo("business")),
        new Endpoint(
            "POST",
            "/api/v1/tickets",
            false,
            f ->
                body(
                    "subject", "Card payments fail",
                    "description", "Since 09:00",
                    "priority", "urgent",
                    "customerId", f.support().customerId(),
                    "serviceId", f.serviceId(),
                    "externalId", "zd-42",
                    "externalUrl", "https://acme.zendesk.com/agent/tickets/42"),
            List.of("subject", "priority"),
            List.of(
                wrongType("priority", "critical"),
                wrongType("subject", 42),
                wrongType("customerId", "not-a-uuid"),
                invalid("blank subject", "subject", " "),
                invalid("too-long subject", "subject", "s".repeat(501)),
                invalid("too-long description", "description", "d".repeat(20_001)),
                invalid("externalUrl not http", "externalUrl", "javascript:alert(1)"),
                notFound(
                    "unknown customer", v -> with(v, "customerId", UUID.randomUUID().toString())),
                notFound(
                    "unknown service", v -> with(v, "serviceId", UUID.randomUUID().toString())),
                notFound(
                    "unknown assignee", v -> with(v, "assigneeId", UUID.randomUUID().toString())),
                conflict("externalId taken", v -> with(v, "externalId", "fixture-1"))),
            (api, f, reply) ->
                assertThat(
                        api.get(
                                "/api/v1/tickets/"
                                    + reply.body().path("ticket").path("id").asText(),
                                f.owner())
                            .body()
                            .path("ticket")
                            .path("priority")
                            .asText())
                    .isEqualTo("urgent")),
        new Endpoint(
            "PATCH",
            "/api/v1/tickets/{ticket}",
            false,
            f -> body("priority", "low", "subject", "Renamed"),
            List.of(),
            List.of(
                wrongType("priority", "p1"),
                invalid("empty subject", "subject", ""),
                notFound(
                    "unknown customer", v -> with(v, "customerId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("ticket").path("subject").asText())
                    .isEqualTo("Renamed")),
        new Endpoint(
            "PUT",
            "/api/v1/tickets/{ticket}/status",
            false,
            f -> body("status", "pending"),
            List.of("status"),
            List.of(wrongType("status", "reopened"), wrongType("status", 1)),
            (api, f, reply) ->
                assertThat(reply.body().path("ticket").path("status").asText())
                    .isEqualTo("pending")),
        new Endpoint(
            "PUT",
            "/api/v1/tickets/{ticket}/assignee",
            false,
            f -> body("assigneeId", f.owner().userId()),
            List.of(),
            List.of(
                wrongType("assigneeId", 7),
                notFound("unknown user", v -> with(v, "assigneeId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("ticket").path("assigneeId").asText())
                    .isEqualTo(f.owner().userId())),
        new Endpoint(
            "POST",
            "/api/v1/tickets/{ticket}/replies",
            false,
            f -> body("body", "We are looking into it."),
            List.of("body"),
            List.of(
                wrongType("body", List.of()),
                invalid("blank body", "body", " "),
                invalid("too-long body", "body", "b".repeat(20_001))),
            (api, f, reply) ->
                assertThat(reply.body().path("events").findValuesAsText("kind"))
                    .contains("public_reply")),
        new Endpoint(
            "POST",
            "/api/v1/tickets/{ticket}/customer-replies",
            false,
            f -> body("body", "Still failing."),
            List.of("body"),
            List.of(wrongType("body", 1), invalid("blank body", "body", "")),
            (api, f, reply) ->
                assertThat(reply.body().path("events").findValuesAsText("kind"))
                    .contains("customer_reply")),
        new Endpoint(
            "POST",
            "/api/v1/tickets/{ticket}/notes",
            false,
            f -> body("body", "Same as last week."),
            List.of("body"),
            List.of(wrongType("body", true), invalid("blank body", "body", "\n")),
            (api, f, reply) ->
                assertThat(reply.body().path("events").findValuesAsText("kind"))
                    .contains("internal_note")),
        new Endpoint(
            "POST",
            "/api/v1/tickets/{ticket}/escalate",
            false,
            f -> body("serviceId", f.serviceId(), "urgency", "low"),
            List.of(),
            List.of(
                wrongType("urgency", "medium"),
                wrongType("serviceId", "checkout"),
                notFound(
                    "unknown service", v -> with(v, "serviceId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("incident").path("how").asText())
                    .isEqualTo("escalated")),
        new Endpoint(
            "POST",
            "/api/v1/ticket-groups/{group}/escalate",
            false,
            f -> body("serviceId", f.serviceId(), "urgency", "low"),
            List.of(),
            List.of(
                wrongType("urgency", "medium"),
                wrongType("serviceId", "checkout"),
                notFound(
                    "unknown service", v -> with(v, "serviceId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("escalatedTicketId").asText())
                    .isEqualTo(f.support().ticketId())),
        new Endpoint(
            "PUT",
            "/api/v1/support-settings",
            false,
            f -> body("surgeThreshold", 3, "surgeWindowMinutes", 10),
            List.of("surgeThreshold", "surgeWindowMinutes"),
            List.of(
                wrongType("surgeThreshold", "five"),
                wrongType("surgeWindowMinutes", 2.5),
                wrongType("surgeAlertPolicyId", "desk"),
                invalid("threshold of 1", "surgeThreshold", 1),
                invalid("threshold over 1000", "surgeThreshold", 1001),
                invalid("window of 0", "surgeWindowMinutes", 0),
                invalid("window over a day", "surgeWindowMinutes", 1441),
                notFound(
                    "unknown policy",
                    v -> with(v, "surgeAlertPolicyId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/support-settings", f.owner())
                            .body()
                            .path("surgeThreshold")
                            .asInt())
                    .isEqualTo(3)),
        new Endpoint(
            "POST",
            "/api/v1/tickets/{ticket}/link",
            false,
            f -> body("incidentId", f.paged().incidentId()),
            List.of("incidentId"),
            List.of(
                wrongType("incidentId", 12),
                notFound(
                    "unknown incident", v -> with(v, "incidentId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("incident").path("id").asText())
                    .isEqualTo(f.paged().incidentId())),
        new Endpoint(
            "POST",
            "/api/v1/impact-rules",
            false,
            f ->
                body(
                    "name",
                    "Premium hurt",
                    "tier",
                    "premium",
                    "minTickets",
                    3,
                    "action",
                    "raise_urgency"),
            List.of("name", "action"),
            List.of(
                wrongType("action", "page_everyone"),
                wrongType("minTickets", "ten"),
                outOfRange("minTickets", 99_999_999_999L),
                invalid("zero minTickets", "minTickets", 0),
                invalid("too many minTickets", "minTickets", 1_000_001),
                invalid("bad tier", "tier", "Gold Tier"),
                bad(
                    "neither minTickets nor tier",
                    v -> body("name", "Nothing", "action", "raise_urgency"),
                    422,
                    "validation_failed",
                    "minTickets"),
                bad(
                    "add_responders without policy",
                    v -> body("name", "Page", "minTickets", 2, "action", "add_responders"),
                    422,
                    "validation_failed",
                    "policyId"),
                notFound(
                    "unknown policy",
                    v ->
                        body(
                            "name",
                            "Page",
                            "minTickets",
                            2,
                            "action",
                            "add_responders",
                            "policyId",
                            UUID.randomUUID().toString())),
                conflict("name taken", v -> with(v, "name", "Fixture rule"))),
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/impact-rules/" + reply.id(), f.owner())
                            .body()
                            .path("tier")
                            .asText())
                    .isEqualTo("premium")),
        new Endpoint(
            "PUT",
            "/api/v1/impact-rules/{impactRule}",
            false,
            f -> body("name", "Fixture rule", "minTickets", 50, "action", "raise_urgency"),
            List.of("name", "action"),
            List.of(invalid("zero minTickets", "minTickets", 0), wrongType("enabled", "yes")),
            (api, f, reply) -> assertThat(reply.body().path("minTickets").asInt()).isEqualTo(50)),
        new Endpoint(
            "POST",
            "/api/v1/sla-policies",
            false,
            f -> slaPolicy("business", f.paged().policyId()),
            List.of("name", "tier", "targets", "escalationPolicyId"),
            List.of(
                wrongType("warningPercent", "high"),
                wrongType("targets", "urgent"),
                invalid("warningPercent 100", "warningPercent", 100),
                invalid("warningPercent 0", "warningPercent", 0),
                invalid("no targets", "targets", List.of()),
                bad(
                    "zero minutes",
                    v -> with(v, "targets", List.of(target("urgent", 0))),
                    422,
                    "validation_failed",
                    "targets[0].firstResponseMinutes"),
                bad(
                    "over a year",
                    v -> with(v, "targets", List.of(target("urgent", 525_601))),
                    422,
                    "validation_failed",
                    "targets[0].firstResponseMinutes"),
                bad(
                    "unknown priority",
                    v -> with(v, "targets", List.of(target("critical", 30))),
                    422,
                    "validation_failed",
                    "targets[0].priority"),
                bad(
                    "a priority twice",
                    v -> with(v, "targets", List.of(target("urgent", 30), target("urgent", 60))),
                    422,
                    "validation_failed",
                    "targets[1].priority"),
                bad(
                    "unknown time zone",
                    v ->
                        with(
                            v,
                            "businessHours",
                            body(
                                "timeZone",
                                "Mars/Olympus",
                                "windows",
                                List.of(
                                    body(
                                        "startDay",
                                        "MONDAY",
                                        "startTime",
                                        "09:00",
                                        "endDay",
                                        "MONDAY",
                                        "endTime",
                                        "17:00")))),
                    422,
                    "validation_failed",
                    "businessHours.timeZone"),
                notFound(
                    "unknown escalation policy",
                    v -> with(v, "escalationPolicyId", UUID.randomUUID().toString())),
                conflict("tier taken", v -> with(v, "tier", "premium"))),
            (api, f, reply) ->
                assertThat(
                        api.get("/api/v1/sla-policies/" + reply.id(), f.owner())
                            .body()
                            .path("tier")
                            .asText())
                    .isEqualTo("business")),
        new Endpoint(
            "PUT",
            "/api/v1/sla-policies/{slaPolicy}",
            false,
            f -> with(slaPolicy("premium", f.paged().policyId()), "warningPercent", 60),
            List.of("name", "tier", "targets", "escalationPolicyId"),
            List.of(
                invalid("warningPercent 100", "warningPercent", 100),
                notFound(
                    "unknown escalation policy",
                    v -> with(v, "escalationPolicyId", UUID.randomUUID().toString()))),
            (api, f, reply) ->
                assertThat(reply.body().path("warningPercent").asInt()).isEqualTo(60)),
        new Endpoint(
            "PUT",
            "/api/v1/message-templates/status_update",
            false,
            f -> body("body", "Update for {{customer.name}}: {{update}}"),
            List.of("body"),
            List.of(
                wrongType("body", 5),
                invalid("blank body", "body", " "),
                invalid("too-long body", "body", "b".repeat(5_001)),
                invalid("unknown placeholder", "body", "Hi {{customer.password}}")),
            (api, f, reply) -> assertThat(reply.body().path("builtIn").asBoolean()).isFalse()),
        new Endpoint(
            "PUT",
            "/api/v1/incidents/{incident}/urgency",
            false,
            f -> body("urgency", "low"),
            List.of("urgency"),
            List.of(
                wrongType("urgency", "urgent"),
                wrongType("urgency", 0),
                wrongType("urgency", List.of("low"))),
            (api, f, reply) -> {
              Api.Reply incident =
                  api.get("/api/v1/incidents/" + f.paged().incidentId(), f.owner());
              assertThat(incident.body().path("incident").path("urgency").asText())
                  .isEqualTo("low");
            }),
        new Endpoint(
            "POST",
            "/api/v1/outbox/{outbox}/reply",
            false,
            f -> body("body", "HELP"),
            List.of("body"),
            List.of(
                wrongType("body", 42),
                wrongType("body", Map.of("text", "HELP")),
                invalid("blank body", "body", "   "),
                invalid("too-long body", "body", "b".repeat(1601))),
            (api, f, reply) -> {
              Api.Reply outbox = api.get("/api/v1/outbox?address=%2B14155550100", f.owner());
              assertThat(outbox.body().path("items").findValuesAsText("direction"))
                  .contains("inbound");
            }));
  }

  /** Bad escalation policies, for creating one and for replacing one. */
  static List<Bad> policyBodies() {
    return List.of(
        wrongType("name", 1),
        wrongType("description", List.of()),
        wrongType("repeatCount", "two"),
        wrongType("repeatCount", true),
        wrongType("repeatCount", 1.5),
        outOfRange("repeatCount", 99999999999L),
        wrongType("steps", "escalate"),
        wrongType("steps", Map.of("delayMinutes", 5)),
        wrongTypeAt("steps[0].delayMinutes", "5"),
        wrongTypeAt("steps[0].delayMinutes", 2.5),
        wrongTypeAt("steps[0].targets", "everyone"),
        wrongTypeAt("steps[0].targets[0].type", "robot"),
        wrongTypeAt("steps[0].targets[0].type", 0),
        wrongTypeAt("steps[0].targets[0].id", "not-a-uuid"),
        wrongTypeAt("steps[1].targets[1].teamMode", "random"),
        unknownFieldAt("steps[0].nickname"),
        unknownFieldAt("steps[0].targets[0].nickname"),
        invalid("blank name", "name", "   "),
        invalid("too-long name", "name", "n".repeat(101)),
        invalid("too-long description", "description", "d".repeat(2001)),
        invalid("negative repeat count", "repeatCount", -1),
        invalid("repeat count over 9", "repeatCount", 10),
        invalid("huge repeat count", "repeatCount", 1_000_000),
        invalid("no steps", "steps", List.of()),
        bad(
            "21 steps",
            v -> with(v, "steps", java.util.Collections.nCopies(21, firstOf(v, "steps"))),
            422,
            "validation_failed",
            "steps"),
        invalidAt("null step", "steps[0]", null),
        invalidAt("zero delay", "steps[0].delayMinutes", 0),
        invalidAt("negative delay", "steps[0].delayMinutes", -5),
        invalidAt("delay over a day", "steps[0].delayMinutes", 1441),
        invalidAt("no targets", "steps[0].targets", List.of()),
        invalidAt("null target", "steps[0].targets[0]", null),
        missingAt("steps[0].delayMinutes"),
        missingAt("steps[0].targets"),
        missingAt("steps[0].targets[0].type"),
        missingAt("steps[0].targets[0].id"),
        missingAt("steps[1].targets[1].teamMode"),
        invalidAt("team mode on a user target", "steps[0].targets[0].teamMode", "all"),
        invalidAt("user who is not a user", "steps[0].targets[0].id", UUID.randomUUID().toString()),
        invalidAt(
            "schedule that is not a schedule",
            "steps[1].targets[0].id",
            UUID.randomUUID().toString()),
        bad(
            "11 targets in a step",
            v ->
                atPath(
                    v,
                    "steps[0].targets",
                    java.util.Collections.nCopies(11, firstTarget(v)),
                    false),
            422,
            "validation_failed",
            "steps[0].targets"));
  }

  /** A policy of two steps: the owner, then the fixture's schedule and team. */
  static Map<String, Object> policy(Fixture f, String name) {
    return body(
        "name",
        name,
        "description",
        "Payments on call.",
        "repeatCount",
        2,
        "steps",
        List.of(
            body(
                "delayMinutes",
                10,
                "targets",
                List.of(body("type", "user", "id", f.owner().userId()))),
            body(
                "delayMinutes",
                15,
                "targets",
                List.of(
                    body("type", "schedule", "id", f.scheduleId()),
                    body("type", "team", "id", f.teamId(), "teamMode", "round_robin")))));
  }

  static Map<String, Object> window(String startDay, String startTime, String endDay, String end) {
    return body("startDay", startDay, "startTime", startTime, "endDay", endDay, "endTime", end);
  }

  /** An instant whole days from now on the service's clock, as ISO-8601. */
  static String inDays(int days) {
    return TestClock.shared()
        .instant()
        .truncatedTo(ChronoUnit.SECONDS)
        .plus(Duration.ofDays(days))
        .toString();
  }

  private static Object firstOf(Map<String, Object> valid, String list) {
    return ((List<?>) valid.get(list)).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Object firstTarget(Map<String, Object> valid) {
    return ((List<?>) ((Map<String, Object>) firstOf(valid, "steps")).get("targets")).get(0);
  }

  /** A phone channel with an address that is not an E.164 number. */
  static Bad phone(String channel, String address) {
    return bad(
        channel + " to " + address,
        v -> body("channel", channel, "address", address),
        422,
        "validation_failed",
        "address");
  }

  static Bad notFound(String name, Function<Map<String, Object>, Map<String, Object>> change) {
    return new Bad(
        name, valid -> json(change.apply(valid)), JSON, false, 404, "not_found", List.of());
  }

  static Bad conflict(String name, Function<Map<String, Object>, Map<String, Object>> change) {
    return new Bad(
        name, valid -> json(change.apply(valid)), JSON, false, 409, "conflict", List.of());
  }

  private static void assertTimelineHas(Api api, Fixture f, String kind) {
    Api.Reply incident = api.get("/api/v1/incidents/" + f.paged().incidentId(), f.owner());
    assertThat(incident.body().path("timeline").findValuesAsText("kind")).contains(kind);
  }

  /** Bad layers, for the two endpoints that take one layer as their whole body. */
  static List<Bad> layerBodies() {
    return List.of(
        wrongType("name", 9),
        wrongType("participants", "everyone"),
        wrongType("turn", "weekly"),
        wrongTypeAt("turn.day", "FUNDAY"),
        wrongTypeAt("turn.time", "25:00"),
        wrongTypeAt("turn.kind", "monthly"),
        wrongTypeAt("start", "yesterday"),
        wrongTypeAt("participants[0]", "not-a-uuid"),
        wrongTypeAt("restrictions", Map.of("startDay", "FRIDAY")),
        unknownFieldAt("turn.nickname"),
        invalid("blank name", "name", " "),
        invalid("too-long name", "name", "n".repeat(101)),
        invalid("no participants", "participants", List.of()),
        invalidAt("null participant", "participants[0]", null),
        invalidAt("participant who is not a user", "participants[0]", UUID.randomUUID().toString()),
        missingAt("turn.kind"),
        missingAt("turn.day"),
        missingAt("turn.time"),
        invalidAt("count on a weekly turn", "turn.count", 1),
        bad(
            "hours without a count",
            v -> with(v, "turn", Map.of("kind", "hours")),
            422,
            "validation_failed",
            "turn.count"),
        bad(
            "restriction without its end",
            v ->
                with(
                    v,
                    "restrictions",
                    List.of(
                        Map.of("startDay", "FRIDAY", "startTime", "18:00", "endDay", "MONDAY"))),
            422,
            "validation_failed",
            "restrictions[0].endTime"));
  }

  /** The kinds of bad body every endpoint is sent, derived from its valid body. */
  static Stream<Bad> generic(Endpoint e) {
    List<Bad> bad = new ArrayList<>();
    bad.add(
        new Bad(
            "malformed JSON (truncated)",
            valid -> {
              String text = new String(json(valid), StandardCharsets.UTF_8);
              return text.substring(0, text.length() - 1).getBytes(StandardCharsets.UTF_8);
            },
            JSON,
            false,
            400,
            "malformed_json",
            List.of()));
    bad.add(
        new Bad(
            "malformed JSON (form-encoded)",
            valid -> "name=x&role=admin".getBytes(StandardCharsets.UTF_8),
            JSON,
            false,
            400,
            "malformed_json",
            List.of()));
    bad.add(
        new Bad(
            "empty body",
            valid -> new byte[0],
            JSON,
            false,
            422,
            "validation_failed",
            List.of("body")));
    bad.add(
        new Bad(
            "JSON null as the body",
            valid -> "null".getBytes(StandardCharsets.UTF_8),
            JSON,
            false,
            422,
            "validation_failed",
            List.of("body")));
    bad.add(
        new Bad(
            "JSON array as the body",
            valid ->
                ("[" + new String(json(valid), StandardCharsets.UTF_8) + "]")
                    .getBytes(StandardCharsets.UTF_8),
            JSON,
            false,
            400,
            "invalid_type",
            List.of("body")));
    bad.add(
        new Bad(
            "unknown field",
            valid -> json(with(valid, "nickname", "Nick")),
            JSON,
            false,
            400,
            "unknown_field",
            List.of("nickname")));
    bad.add(
        new Bad(
            "oversized body with Content-Length",
            valid -> padTo(json(valid), LIMIT + 1),
            JSON,
            false,
            413,
            "payload_too_large",
            List.of()));
    bad.add(
        new Bad(
            "oversized body sent chunked",
            valid -> padTo(json(valid), LIMIT * 2),
            JSON,
            true,
            413,
            "payload_too_large",
            List.of()));
    bad.add(
        new Bad(
            "Content-Type text/plain",
            BadInputTest::json,
            "text/plain",
            false,
            415,
            "unsupported_media_type",
            List.of()));
    bad.add(
        new Bad(
            "no Content-Type",
            BadInputTest::json,
            null,
            false,
            415,
            "unsupported_media_type",
            List.of()));
    if (!e.required().isEmpty()) {
      bad.add(
          new Bad(
              "empty object",
              valid -> "{}".getBytes(StandardCharsets.UTF_8),
              JSON,
              false,
              422,
              "validation_failed",
              e.required()));
      for (String field : e.required()) {
        bad.add(
            new Bad(
                "missing " + field,
                valid -> json(without(valid, field)),
                JSON,
                false,
                422,
                "validation_failed",
                List.of(field)));
        bad.add(
            new Bad(
                "null " + field,
                valid -> json(with(valid, field, null)),
                JSON,
                false,
                422,
                "validation_failed",
                List.of(field)));
      }
    }
    return bad.stream();
  }

  static Bad wrongType(String field, Object value) {
    return new Bad(
        "wrong type " + field + "=" + new String(json(value), StandardCharsets.UTF_8),
        valid -> json(with(valid, field, value)),
        JSON,
        false,
        400,
        "invalid_type",
        List.of(field));
  }

  /**
   * A number too big for the field's type: Jackson cannot even read it, so it is refused as an
   * invalid value (400) rather than validated (422).
   */
  static Bad outOfRange(String field, Object value) {
    return new Bad(
        "out of range " + field + "=" + new String(json(value), StandardCharsets.UTF_8),
        valid -> json(with(valid, field, value)),
        JSON,
        false,
        400,
        "invalid_value",
        List.of(field));
  }

  static Bad invalid(String name, String field, Object value) {
    return new Bad(
        name,
        valid -> json(with(valid, field, value)),
        JSON,
        false,
        422,
        "validation_failed",
        List.of(field));
  }

  /** The wrong JSON type at a nested path such as {@code layers[0].turn.day}. */
  static Bad wrongTypeAt(String path, Object value) {
    return new Bad(
        "wrong type " + path + "=" + new String(json(value), StandardCharsets.UTF_8),
        valid -> json(atPath(valid, path, value, false)),
        JSON,
        false,
        400,
        "invalid_type",
        List.of(path));
  }

  /** A well-typed but invalid value at a nested path. */
  static Bad invalidAt(String name, String path, Object value) {
    return new Bad(
        name,
        valid -> json(atPath(valid, path, value, false)),
        JSON,
        false,
        422,
        "validation_failed",
        List.of(path));
  }

  /** A nested field left out. */
  static Bad missingAt(String path) {
    return new Bad(
        "missing " + path,
        valid -> json(atPath(valid, path, null, true)),
        JSON,
        false,
        422,
        "validation_failed",
        List.of(path));
  }

  /** A field the endpoint does not know, inside a nested object. */
  static Bad unknownFieldAt(String path) {
    return new Bad(
        "unknown field " + path,
        valid -> json(atPath(valid, path, "x", false)),
        JSON,
        false,
        400,
        "unknown_field",
        List.of(path));
  }

  static Bad bad(
      String name,
      Function<Map<String, Object>, Map<String, Object>> change,
      int status,
      String code,
      String field) {
    return new Bad(
        name, valid -> json(change.apply(valid)), JSON, false, status, code, List.of(field));
  }

  static Map<String, Object> layer(String name, String start, String... participants) {
    Map<String, Object> layer =
        body(
            "name",
            name,
            "start",
            start == null ? "2027-01-04T14:00:00Z" : start,
            "turn",
            body("kind", "weekly", "day", "MONDAY", "time", "09:00"),
            "participants",
            List.of(participants),
            "restrictions",
            List.of(
                body(
                    "startDay",
                    "FRIDAY",
                    "startTime",
                    "18:00",
                    "endDay",
                    "MONDAY",
                    "endTime",
                    "09:00")));
    return layer;
  }

  static Map<String, Object> override(String userId, String start, String end) {
    return body("userId", userId, "start", start, "end", end, "note", "covering");
  }

  static Route param(String method, String path, String field) {
    return new Route(method, path, true, null, 400, "invalid_parameter", field);
  }

  static Route route(
      String method,
      String path,
      boolean authenticated,
      Function<Fixture, byte[]> body,
      int status,
      String code) {
    return new Route(method, path, authenticated, body, status, code, null);
  }

  static Map<String, Object> signup(Fixture f) {
    return body(
        "organization",
        "New Org",
        "slug",
        f.freshSlug(),
        "name",
        "Nora New",
        "email",
        "nora@new-org.test",
        "password",
        pw(),
        "timeZone",
        "Europe/Paris");
  }

  // ---------------------------------------------------------------------------------------------
  // The table's types.

  /** What lets a re-read check that an accepted write took effect. */
  @FunctionalInterface
  interface ReRead {
    void check(Api api, Fixture fx, Api.Reply accepted);
  }

  /** An endpoint reading a JSON body; {@code {team}}, {@code {service}}, {@code {user}} in path. */
  record Endpoint(
      String method,
      String path,
      boolean anonymous,
      Function<Fixture, Map<String, Object>> valid,
      List<String> required,
      List<Bad> specific,
      ReRead reRead) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A kind of bad body, made from the endpoint's valid one, and the error it must get. */
  record Bad(
      String name,
      Function<Map<String, Object>, byte[]> body,
      String contentType,
      boolean chunked,
      int status,
      String code,
      List<String> fields) {}

  record Case(Endpoint endpoint, Bad bad) {
    @Override
    public String toString() {
      return endpoint + ": " + bad.name() + " → " + bad.status() + " " + bad.code();
    }
  }

  record Route(
      String method,
      String path,
      boolean authenticated,
      Function<Fixture, byte[]> body,
      int status,
      String code,
      String field) {
    @Override
    public String toString() {
      return method + " " + path + " → " + status + " " + code;
    }
  }

  /**
   * A tenant owner with a team, a service, a pending invitation, a schedule with one layer, and a
   * free slug; and for paging: an escalation policy (no service uses it, so nothing is paged), a
   * triggered incident, the owner's SMS number waiting for its code (and that code, from the
   * outbox), a notification rule, a maintenance window, and email action links that must not work.
   */
  record Fixture(
      Api.Login owner,
      String teamId,
      String serviceId,
      String invitationToken,
      String freshSlug,
      String scheduleId,
      String layerId,
      Paged paged,
      Support support,
      String webhookId) {
    static final String INVITEE = "invitee@bad-input.test";
    static final String PHONE = "+14155550100";

    static Fixture create(Api api) {
      Api.Login owner = api.signup("Bad Input");
      Api.Reply team =
          api.post("/api/v1/teams", Map.of("name", "Payments", "kind", "engineering"), owner);
      assertThat(team.status()).as(team.toString()).isEqualTo(201);
      Api.Reply service =
          api.post("/api/v1/services", Map.of("name", "Checkout API", "teamId", team.id()), owner);
      assertThat(service.status()).as(service.toString()).isEqualTo(201);
      String token = insertInvitation(owner, INVITEE, "responder");
      String slug = "new-org-" + UUID.randomUUID().toString().substring(0, 8);
      Api.Reply schedule =
          api.post(
              "/api/v1/schedules",
              body(
                  "name",
                  "Primary",
                  "timeZone",
                  "America/New_York",
                  "layers",
                  List.of(layer("Weekly", null, owner.userId()))),
              owner);
      assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
      String layerId = schedule.body().path("layers").path(0).path("id").asText();
      Paged paged = Paged.create(api, owner, service.id());
      Api.Reply webhook =
          api.post(
              "/api/v1/webhooks",
              body("url", "https://hooks.bad-input.test/fixture", "events", List.of("sla.warning")),
              owner);
      assertThat(webhook.status()).as(webhook.toString()).isEqualTo(201);
      return new Fixture(
          owner,
          team.id(),
          service.id(),
          token,
          slug,
          schedule.id(),
          layerId,
          paged,
          Support.create(api, owner, paged.policyId()),
          webhook.id());
    }

    /**
     * A pending invitation written straight to the database, so that the accept endpoint is tested
     * on its own whatever the invite endpoint does; returns its token.
     */
    static String insertInvitation(Api.Login owner, String email, String role) {
      TenantId tenant = TenantId.of(UUID.fromString(owner.tenantId()));
      String token = Tokens.issue(Tokens.INVITATION, tenant);
      TestDatabase db = TestDatabase.get();
      try (Connection connection =
          DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        connection.setAutoCommit(false);
        try (PreparedStatement scope =
            connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
          scope.setString(1, owner.tenantId());
          scope.executeQuery().close();
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO invitations (tenant_id, id, email, role, token_hash, invited_by,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, now(),"
                    + " now() + interval '7 days')")) {
          insert.setObject(1, tenant.value());
          insert.setObject(2, UUID.randomUUID());
          insert.setString(3, email);
          insert.setString(4, role);
          insert.setBytes(5, Tokens.sha256(token));
          insert.setObject(6, UUID.fromString(owner.userId()));
          insert.executeUpdate();
        }
        connection.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("could not create the invitation", e);
      }
      return token;
    }

    String resolve(String path) {
      return path.replace("{team}", teamId)
          .replace("{service}", serviceId)
          .replace("{schedule}", scheduleId)
          .replace("{layer}", layerId)
          .replace("{webhook}", webhookId)
          .replace("{user}", owner.userId())
          .replace("{tenant}", owner.tenantId())
          .replace("{policy}", paged.policyId())
          .replace("{incident}", paged.incidentId())
          .replace("{method}", paged.methodId())
          .replace("{rule}", paged.ruleId())
          .replace("{window}", paged.windowId())
          .replace("{outbox}", paged.outboxId())
          .replace("{forgedToken}", paged.forgedToken())
          .replace("{expiredToken}", paged.expiredToken())
          .replace("{tamperedToken}", paged.tamperedToken())
          .replace("{customer}", support.customerId())
          .replace("{ticket}", support.ticketId())
          .replace("{impactRule}", support.impactRuleId())
          .replace("{group}", support.groupId())
          .replace("{slaPolicy}", support.slaPolicyId());
    }
  }

  /**
   * A customer named Acme, a ticket with external id fixture-1, the similar-ticket group it
   * started, an impact rule, and the premium tier's SLA policy (the ticket has no customer, so no
   * clocks).
   */
  record Support(
      String customerId, String ticketId, String impactRuleId, String groupId, String slaPolicyId) {
    static Support create(Api api, Api.Login owner, String escalationPolicyId) {
      Api.Reply customer =
          api.post("/api/v1/customers", Map.of("name", "Acme", "tier", "premium"), owner);
      assertThat(customer.status()).as(customer.toString()).isEqualTo(201);
      Api.Reply ticket =
          api.post(
              "/api/v1/tickets",
              Map.of("subject", "Login fails", "priority", "high", "externalId", "fixture-1"),
              owner);
      assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
      Api.Reply rule =
          api.post(
              "/api/v1/impact-rules",
              Map.of("name", "Fixture rule", "minTickets", 1000, "action", "raise_urgency"),
              owner);
      assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
      String ticketId = ticket.body().path("ticket").path("id").asText();
      String groupId =
          api.get("/api/v1/tickets/" + ticketId + "/similar", owner)
              .body()
              .path("group")
              .path("id")
              .asText();
      Api.Reply sla =
          api.post("/api/v1/sla-policies", slaPolicy("premium", escalationPolicyId), owner);
      assertThat(sla.status()).as(sla.toString()).isEqualTo(201);
      return new Support(customer.id(), ticketId, rule.id(), groupId, sla.id());
    }
  }

  /** An SLA policy of {@code tier}: urgent answered in 30 minutes, resolved in 4 hours. */
  static Map<String, Object> slaPolicy(String tier, String escalationPolicyId) {
    return body(
        "name",
        tier + " SLA",
        "tier",
        tier,
        "targets",
        List.of(with(target("urgent", 30), "resolutionMinutes", 240)),
        "escalationPolicyId",
        escalationPolicyId);
  }

  static Map<String, Object> target(String priority, int firstResponseMinutes) {
    return body("priority", priority, "firstResponseMinutes", firstResponseMinutes);
  }

  /** The fixture's paging side; nothing in it is paged, so nothing changes on its own later. */
  record Paged(
      String policyId,
      String incidentId,
      String methodId,
      String code,
      String ruleId,
      String windowId,
      String outboxId,
      String forgedToken,
      String expiredToken,
      String tamperedToken) {
    static final String POLICY = "Fixture Policy";

    static Paged create(Api api, Api.Login owner, String serviceId) {
      Api.Reply policy =
          api.post(
              "/api/v1/escalation-policies",
              body(
                  "name",
                  POLICY,
                  "repeatCount",
                  0,
                  "steps",
                  List.of(
                      body(
                          "delayMinutes",
                          30,
                          "targets",
                          List.of(body("type", "user", "id", owner.userId()))))),
              owner);
      assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
      Api.Reply incident =
          api.post(
              "/api/v1/incidents",
              body("serviceId", serviceId, "title", "Fixture incident", "urgency", "high"),
              owner);
      assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
      String incidentId = incident.body().path("incident").path("id").asText();
      Api.Reply method =
          api.post(
              "/api/v1/users/" + owner.userId() + "/contact-methods",
              body("channel", "sms", "address", Fixture.PHONE, "label", "mobile"),
              owner);
      assertThat(method.status()).as(method.toString()).isEqualTo(201);
      String methodId = method.body().path("method").path("id").asText();
      JsonNode sent =
          api.get("/api/v1/outbox?channel=sms&address=%2B14155550100", owner)
              .body()
              .path("items")
              .path(0);
      java.util.regex.Matcher code =
          java.util.regex.Pattern.compile("code: ([0-9]{6})").matcher(sent.path("body").asText());
      assertThat(code.find()).as("a verification code in %s", sent).isTrue();
      Api.Reply rule =
          api.post(
              "/api/v1/users/" + owner.userId() + "/notification-rules",
              body("contactMethodId", methodId, "urgency", "high", "delayMinutes", 0),
              owner);
      assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
      Instant now = TestClock.shared().instant().truncatedTo(ChronoUnit.SECONDS);
      Api.Reply window =
          api.post(
              "/api/v1/services/" + serviceId + "/maintenance-windows",
              body(
                  "start",
                  now.plus(Duration.ofDays(10)).toString(),
                  "end",
                  now.plus(Duration.ofDays(11)).toString(),
                  "reason",
                  "database upgrade"),
              owner);
      assertThat(window.status()).as(window.toString()).isEqualTo(201);

      TenantId tenant = TenantId.of(UUID.fromString(owner.tenantId()));
      ActionLinks links = new ActionLinks(signingKey("email-action-links"), "http://localhost");
      UUID incidentUuid = UUID.fromString(incidentId);
      UUID ownerUuid = UUID.fromString(owner.userId());
      String expired =
          links.token(
              tenant,
              incidentUuid,
              ownerUuid,
              UUID.fromString(methodId),
              ActionLinks.Action.ACKNOWLEDGE,
              Instant.now().minus(Duration.ofDays(8)));
      String genuine =
          links.token(
              tenant,
              incidentUuid,
              ownerUuid,
              UUID.fromString(methodId),
              ActionLinks.Action.ACKNOWLEDGE,
              Instant.now());
      // The same payload signed with another key: what someone without the key could make.
      String forged =
          new ActionLinks(new byte[32], "http://localhost")
              .token(
                  tenant,
                  incidentUuid,
                  ownerUuid,
                  UUID.fromString(methodId),
                  ActionLinks.Action.RESOLVE,
                  Instant.now());
      // The genuine link with its action byte (after four ids) turned from acknowledge to resolve.
      byte[] tampered = Base64.getUrlDecoder().decode(genuine);
      ByteBuffer.wrap(tampered).put(64, (byte) ActionLinks.Action.RESOLVE.ordinal());
      return new Paged(
          policy.id(),
          incidentId,
          methodId,
          code.group(1),
          rule.id(),
          window.id(),
          sent.path("id").asText(),
          forged,
          expired,
          Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
    }

    /** The secret the running service signs with: kept in the database, never truncated. */
    static byte[] signingKey(String name) {
      TestDatabase db = TestDatabase.get();
      try (Connection connection =
              DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          PreparedStatement query =
              connection.prepareStatement("SELECT secret FROM signing_keys WHERE name = ?")) {
        query.setString(1, name);
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).as("signing key %s", name).isTrue();
          return row.getBytes(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not read the signing key", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Assertions and helpers.

  private static void assertJsonError(
      SoftAssertions softly, Api.Reply reply, int status, String code, List<String> fields) {
    String described = "response " + reply;
    softly.assertThat(reply.status()).as("status; " + described).isEqualTo(status);
    softly.assertThat(contentType(reply)).as("Content-Type; " + described).startsWith(JSON);
    if (code == null) {
      softly.assertThat(reply.errorCode()).as("error code; " + described).isNotBlank();
    } else {
      softly.assertThat(reply.errorCode()).as("error code; " + described).isEqualTo(code);
    }
    softly
        .assertThat(reply.body().path("error").path("message").asText(""))
        .as("error message; " + described)
        .isNotBlank();
    List<JsonNode> named =
        StreamSupport.stream(reply.body().path("error").path("fields").spliterator(), false)
            .toList();
    if (!fields.isEmpty()) {
      softly
          .assertThat(named.stream().map(n -> n.path("field").asText()).distinct().toList())
          .as("fields named; " + described)
          .containsExactlyInAnyOrderElementsOf(fields);
    }
    for (JsonNode field : named) {
      softly
          .assertThat(field.path("message").asText(""))
          .as("message of field %s; %s", field.path("field").asText(), described)
          .isNotBlank();
    }
    for (String leak : LEAKS) {
      softly.assertThat(reply.raw()).as("leaks '%s'; %s", leak, described).doesNotContain(leak);
    }
  }

  private static String contentType(Api.Reply reply) {
    return reply.headers().firstValue("Content-Type").orElse("");
  }

  /**
   * Sends the body with no Content-Length: {@code ofInputStream} has no known length, so HTTP/1.1
   * sends it with {@code Transfer-Encoding: chunked}.
   */
  private static Api.Reply chunked(
      String method, String path, String contentType, byte[] body, Api.Auth auth) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + TestApp.shared().getLocalPort() + path))
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (auth instanceof Api.Login login) {
      request.header("Cookie", "sb_session=" + login.cookie());
      request.header("X-CSRF-Token", login.csrf());
    }
    return send(request.build());
  }

  /** Sends the request over HTTP/1.1 and reads the answer as {@link Api} would. */
  private static Api.Reply send(HttpRequest request) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode parsed;
      try {
        parsed =
            response.body().isEmpty()
                ? MissingNode.getInstance()
                : MAPPER.readTree(response.body());
      } catch (JsonProcessingException e) {
        parsed = MissingNode.getInstance();
      }
      return new Api.Reply(response.statusCode(), parsed, response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every row of every table, per tenant, as a count and a digest: equal before and after a request
   * means the request created, changed and deleted nothing.
   */
  private static Map<String, String> databaseState() {
    TestDatabase db = TestDatabase.get();
    Map<String, String> state = new TreeMap<>();
    try (Connection connection =
        DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      connection.setAutoCommit(false);
      List<String> tables = new ArrayList<>();
      List<String> tenants = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT LIKE 'databasechangelog%'"
                    // Quartz's own bookkeeping (cluster check-ins, the recurring sweeper) moves on
                    // its own; a rejected request can write none of it anyway.
                    + " AND tablename NOT LIKE 'qrtz_%' ORDER BY tablename")) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
        try (ResultSet rows = statement.executeQuery("SELECT id FROM tenants ORDER BY id")) {
          while (rows.next()) {
            tenants.add(rows.getString(1));
          }
        }
      }
      state.put("tenants", digest(connection, "tenants"));
      for (String tenant : tenants) {
        try (PreparedStatement scope =
            connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
          scope.setString(1, tenant);
          scope.executeQuery().close();
        }
        for (String table : tables) {
          if (!table.equals("tenants")) {
            state.put(tenant + "/" + table, digest(connection, table));
          }
        }
      }
      connection.rollback();
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the database state", e);
    }
    return state;
  }

  private static String digest(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) || ' rows, md5 '"
                    + " || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                    + " FROM "
                    + table
                    + " t")) {
      row.next();
      return row.getString(1);
    }
  }

  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(valid);
    copy.put(field, value);
    return copy;
  }

  private static Map<String, Object> without(Map<String, Object> valid, String field) {
    Map<String, Object> copy = new LinkedHashMap<>(valid);
    copy.remove(field);
    return copy;
  }

  private static final java.util.regex.Pattern SEGMENT =
      java.util.regex.Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

  /**
   * A deep copy of the valid body with the value at {@code path} ({@code layers[0].turn.day})
   * replaced, or removed.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> atPath(
      Map<String, Object> valid, String path, Object value, boolean remove) {
    Map<String, Object> copy = MAPPER.convertValue(valid, LinkedHashMap.class);
    Object container = copy;
    String[] segments = path.split("\\.");
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      java.util.regex.Matcher segment = SEGMENT.matcher(segments[i]);
      if (!segment.matches()) {
        throw new IllegalArgumentException("bad path " + path);
      }
      Map<String, Object> object = (Map<String, Object>) container;
      String key = segment.group(1);
      if (segment.group(2) == null) {
        if (last) {
          if (remove) {
            object.remove(key);
          } else {
            object.put(key, value);
          }
        }
        container = object.get(key);
      } else {
        List<Object> list = (List<Object>) object.get(key);
        int index = Integer.parseInt(segment.group(2));
        if (last) {
          if (remove) {
            list.remove(index);
          } else {
            list.set(index, value);
          }
        } else {
          container = list.get(index);
        }
      }
    }
    return copy;
  }

  private static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON followed by spaces up to {@code size} bytes: still valid, only too big. */
  private static byte[] padTo(byte[] json, int size) {
    byte[] padded = new byte[size];
    System.arraycopy(json, 0, padded, 0, json.length);
    Arrays.fill(padded, json.length, size, (byte) ' ');
    return padded;
  }

  /** The fixture's password reset link (see {@link #storeResetLink}): made from its tenant. */
  static String resetToken(Fixture f) {
    return Tokens.PASSWORD_RESET
        + "_"
        + f.owner().tenantId().replace("-", "")
        + "_bad-input-fixture-reset-link";
  }

  /** Stores the owner's reset link as AccountRecovery does: its hash, good for 30 minutes. */
  static void storeResetLink(Fixture f) {
    int stored =
        TestDatabase.get()
            .executeInTenant(
                f.owner().tenantId(),
                "INSERT INTO password_resets (tenant_id, id, user_id, token_hash, created_at,"
                    + " expires_at) VALUES (?::uuid, ?::uuid, ?::uuid, ?, now(),"
                    + " now() + interval '30 minutes')",
                f.owner().tenantId(),
                UUID.randomUUID().toString(),
                f.owner().userId(),
                Tokens.sha256(resetToken(f)));
    assertThat(stored).isEqualTo(1);
  }

  /** The body of the newest email to the owner whose subject is {@code subject}, once it came. */
  static String awaitEmail(Api api, Fixture f, String subject) {
    String[] body = new String[1];
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode message :
                  api.get("/api/v1/outbox?channel=email&limit=50", f.owner())
                      .body()
                      .path("items")) {
                if (message.path("subject").asText().equals(subject)) {
                  body[0] = message.path("body").asText();
                  return true;
                }
              }
              return false;
            });
    return body[0];
  }

  private static String pw() {
    return Api.PASSWORD;
  }
}
