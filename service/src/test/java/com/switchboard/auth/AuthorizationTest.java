package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may call what, tested once for every endpoint and both ways to authenticate (session cookie
 * and API key): without valid credentials every endpoint answers 401, below admin every admin
 * endpoint answers 403 and changes nothing, administrators may use them, every role may read. A new
 * endpoint is one more line in {@link #endpoints()}.
 *
 * <p>Building the tenant (a member and a key for every role) takes a while, so tests share it and
 * it is rebuilt only after a test that changed something: each test starts {@code dirty} and clears
 * the flag once the database is shown to be as it was.
 */
class AuthorizationTest {
  private static final String V1 = "/api/v1";
  private static final List<String> ADMINISTRATORS = List.of("owner", "admin");
  private static final List<String> BELOW_ADMIN = List.of("responder", "agent", "viewer");
  private static final List<String> OVERRIDE_WRITERS =
      List.of("owner", "admin", "responder", "agent");
  private static final List<String> EVERY_ROLE =
      List.of("owner", "admin", "responder", "agent", "viewer");
  private static final List<String> TENANT_TABLES =
      List.of(
          "users",
          "sessions",
          "api_keys",
          "invitations",
          "teams",
          "team_members",
          "services",
          "audit_events",
          "schedules",
          "schedule_layers",
          "schedule_overrides",
          "calendar_feeds");

  private static final Api api = TestApp.api();

  private static World world;
  private static Map<String, List<String>> baseline;
  private static boolean dirty;

  /** Who an endpoint is for. */
  enum Access {
    EVERY_ROLE,
    ADMINISTRATORS,
    /** Everyone but viewers: schedule overrides (covering a shift, swapping one). */
    OVERRIDE_WRITERS,
    /** Everyone may call it; what they may change depends on the target (tested on its own). */
    DEPENDS_ON_TARGET
  }

  /** How a caller authenticates: the role's own session, or an API key made with the role. */
  enum Scheme {
    SESSION_COOKIE,
    API_KEY
  }

  /**
   * One tenant: a logged-in member and an API key for every role, and something of each kind for
   * the endpoints to act on.
   */
  record World(
      Api.Login owner,
      Map<String, Api.Login> sessions,
      Map<String, Api.Key> keys,
      String targetUserId,
      String formerUserId,
      String teamId,
      String spareTeamId,
      String teamMemberId,
      String serviceId,
      String spareKeyId,
      String invitationId,
      String scheduleId,
      String layerId,
      String overrideId,
      String feedId) {

    Api.Auth as(String role, Scheme scheme) {
      return scheme == Scheme.SESSION_COOKIE ? sessions.get(role) : keys.get(role);
    }
  }

  /** One endpoint: how to call it in a world, who may, and what success answers. */
  record Endpoint(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      Access access,
      int success) {
    @Override
    public String toString() {
      return description;
    }

    Api.Reply call(World world, Api.Auth auth) {
      return api.send(
          method, V1 + path.apply(world), body == null ? null : body.apply(world), auth);
    }
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(
        everyone("GET session", "GET", w -> "/session", 200),
        everyone("DELETE session", "DELETE", w -> "/session", 204),
        everyone("GET users", "GET", w -> "/users", 200),
        everyone("GET users/{id}", "GET", w -> "/users/" + w.targetUserId(), 200),
        new Endpoint(
            "PATCH users/{id}",
            "PATCH",
            w -> "/users/" + w.targetUserId(),
            w -> Map.of("name", "Renamed"),
            Access.DEPENDS_ON_TARGET,
            200),
        admins("POST users/{id}/deactivate", "POST", w -> user(w.targetUserId(), "deactivate")),
        admins("POST users/{id}/reactivate", "POST", w -> user(w.formerUserId(), "reactivate")),
        admins(
            "POST users/invitations",
            "POST",
            w -> "/users/invitations",
            w -> Map.of("email", "new@" + w.owner().slug() + ".test", "role", "viewer"),
            201),
        admins("GET users/invitations", "GET", w -> "/users/invitations"),
        admins(
            "DELETE users/invitations/{id}",
            "DELETE",
            w -> "/users/invitations/" + w.invitationId(),
            null,
            204),
        admins(
            "POST api-keys",
            "POST",
            w -> "/api-keys",
            w -> Map.of("name", "ci", "role", "viewer"),
            201),
        admins("GET api-keys", "GET", w -> "/api-keys"),
        admins("DELETE api-keys/{id}", "DELETE", w -> "/api-keys/" + w.spareKeyId(), null, 204),
        everyone("GET teams", "GET", w -> "/teams", 200),
        everyone("GET teams/{id}", "GET", w -> "/teams/" + w.teamId(), 200),
        admins(
            "POST teams",
            "POST",
            w -> "/teams",
            w -> Map.of("name", "New Team", "kind", "support"),
            201),
        admins(
            "PATCH teams/{id}",
            "PATCH",
            w -> "/teams/" + w.teamId(),
            w -> Map.of("description", "changed"),
            200),
        admins("DELETE teams/{id}", "DELETE", w -> "/teams/" + w.spareTeamId(), null, 204),
        admins(
            "PUT teams/{id}/members/{userId}", "PUT", w -> members(w.teamId(), w.targetUserId())),
        admins(
            "DELETE teams/{id}/members/{userId}",
            "DELETE",
            w -> members(w.teamId(), w.teamMemberId())),
        everyone("GET services", "GET", w -> "/services", 200),
        everyone("GET services?q=", "GET", w -> "/services?q=check", 200),
        everyone("GET services/{id}", "GET", w -> "/services/" + w.serviceId(), 200),
        admins(
            "POST services",
            "POST",
            w -> "/services",
            w -> Map.of("name", "New Service", "teamId", w.teamId()),
            201),
        admins(
            "PATCH services/{id}",
            "PATCH",
            w -> "/services/" + w.serviceId(),
            w -> Map.of("description", "changed"),
            200),
        admins("DELETE services/{id}", "DELETE", w -> "/services/" + w.serviceId(), null, 204),
        admins("GET audit", "GET", w -> "/audit"),
        everyone("GET schedules", "GET", w -> "/schedules", 200),
        everyone("GET schedules/{id}", "GET", w -> schedule(w), 200),
        everyone("GET schedules/{id}?history=true", "GET", w -> schedule(w) + "?history=true", 200),
        admins(
            "POST schedules",
            "POST",
            w -> "/schedules",
            w -> scheduleBody("New Schedule", w.teamMemberId()),
            201),
        admins(
            "PATCH schedules/{id}",
            "PATCH",
            w -> schedule(w),
            w -> Map.of("description", "changed", "timeZone", "Europe/Berlin"),
            200),
        admins("DELETE schedules/{id}", "DELETE", w -> schedule(w), null, 204),
        admins(
            "POST schedules/{id}/layers",
            "POST",
            w -> schedule(w) + "/layers",
            w -> layer("Follow the sun", "2027-01-04T14:00:00Z", w.targetUserId()),
            201),
        admins(
            "PUT schedules/{id}/layers/{layerId}",
            "PUT",
            w -> schedule(w) + "/layers/" + w.layerId(),
            w -> layer("Weekly, changed", "2027-02-01T14:00:00Z", w.targetUserId()),
            200),
        admins(
            "DELETE schedules/{id}/layers/{layerId}",
            "DELETE",
            w -> schedule(w) + "/layers/" + w.layerId()),
        everyone(
            "GET schedules/{id}/shifts",
            "GET",
            w -> schedule(w) + "/shifts?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
            200),
        everyone(
            "GET schedules/{id}/shifts (next 7 days)", "GET", w -> schedule(w) + "/shifts", 200),
        everyone(
            "GET schedules/{id}/oncall",
            "GET",
            w -> schedule(w) + "/oncall?at=2027-01-05T12:00:00Z",
            200),
        everyone(
            "GET schedules/{id}/overrides",
            "GET",
            w -> schedule(w) + "/overrides?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
            200),
        overrides(
            "POST schedules/{id}/overrides",
            "POST",
            w -> schedule(w) + "/overrides",
            w -> overrideBody(w.targetUserId(), "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z"),
            201),
        overrides(
            "POST schedules/{id}/overrides/batch",
            "POST",
            w -> schedule(w) + "/overrides/batch",
            w ->
                Map.of(
                    "overrides",
                    List.of(
                        overrideBody(
                            w.targetUserId(), "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z"),
                        overrideBody(
                            w.teamMemberId(), "2027-01-19T00:00:00Z", "2027-01-20T00:00:00Z"))),
            201),
        overrides(
            "DELETE schedules/{id}/overrides/{overrideId}",
            "DELETE",
            w -> schedule(w) + "/overrides/" + w.overrideId(),
            null,
            204),
        everyone("GET oncall", "GET", w -> "/oncall", 200),
        everyone(
            "GET oncall?at&teamId&userId",
            "GET",
            w ->
                "/oncall?at=2027-01-05T12:00:00Z&teamId="
                    + w.teamId()
                    + "&userId="
                    + w.teamMemberId(),
            200),
        admins(
            "POST calendar-feeds {scheduleId}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("scheduleId", w.scheduleId()),
            201),
        new Endpoint(
            "POST calendar-feeds {userId}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("userId", w.targetUserId()),
            Access.DEPENDS_ON_TARGET,
            201),
        new Endpoint(
            "DELETE calendar-feeds/{id}",
            "DELETE",
            w -> "/calendar-feeds/" + w.feedId(),
            null,
            Access.DEPENDS_ON_TARGET,
            204));
  }

  /**
   * Credentials that are not credentials: none, well-formed tokens nobody issued, and real tokens
   * presented the wrong way.
   */
  enum Stranger {
    NO_CREDENTIALS,
    UNKNOWN_API_KEY,
    UNKNOWN_SESSION_COOKIE,
    SESSION_TOKEN_AS_API_KEY,
    API_KEY_AS_SESSION_COOKIE;

    Api.Auth auth(World world) {
      Api.Login owner = world.owner();
      String tenantHex = owner.tenantId().replace("-", "");
      String unknownSecret = "x".repeat(43);
      return switch (this) {
        case NO_CREDENTIALS -> Api.ANONYMOUS;
        case UNKNOWN_API_KEY ->
            new Api.Key(owner.tenantId(), "sbk_" + tenantHex + "_" + unknownSecret);
        case UNKNOWN_SESSION_COOKIE -> withCookie(owner, "sbs_" + tenantHex + "_" + unknownSecret);
        case SESSION_TOKEN_AS_API_KEY -> new Api.Key(owner.tenantId(), owner.cookie());
        case API_KEY_AS_SESSION_COOKIE -> withCookie(owner, world.keys().get("owner").token());
      };
    }

    private static Api.Login withCookie(Api.Login owner, String cookie) {
      return new Api.Login(
          owner.tenantId(), owner.slug(), owner.userId(), owner.email(), cookie, owner.csrf());
    }
  }

  static Stream<Arguments> everyEndpointWithEveryStranger() {
    return endpoints()
        .flatMap(endpoint -> Stream.of(Stranger.values()).map(s -> Arguments.of(endpoint, s)));
  }

  static Stream<Arguments> adminEndpointsForRolesBelowAdmin() {
    return combine(Access.ADMINISTRATORS, BELOW_ADMIN);
  }

  static Stream<Arguments> adminEndpointsForAdministrators() {
    return combine(Access.ADMINISTRATORS, ADMINISTRATORS);
  }

  static Stream<Arguments> overrideEndpointsForViewers() {
    return combine(Access.OVERRIDE_WRITERS, List.of("viewer"));
  }

  static Stream<Arguments> overrideEndpointsForOverrideWriters() {
    return combine(Access.OVERRIDE_WRITERS, OVERRIDE_WRITERS);
  }

  static Stream<Arguments> everyRoleWithEachScheme() {
    return EVERY_ROLE.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> administratorsWithEachScheme() {
    return ADMINISTRATORS.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> everyRoleEndpointsForEveryRole() {
    return combine(Access.EVERY_ROLE, EVERY_ROLE);
  }

  static Stream<Arguments> rolesBelowAdminWithEachScheme() {
    return BELOW_ADMIN.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> rolesBelowAdminAndOtherRoles() {
    return Stream.of(
        Arguments.of("responder", "owner"),
        Arguments.of("responder", "admin"),
        Arguments.of("responder", "viewer"),
        Arguments.of("agent", "admin"),
        Arguments.of("agent", "responder"),
        Arguments.of("viewer", "admin"),
        Arguments.of("viewer", "agent"));
  }

  private static Stream<Arguments> combine(Access access, List<String> roles) {
    return endpoints()
        .filter(endpoint -> endpoint.access() == access)
        .flatMap(
            endpoint ->
                roles.stream()
                    .flatMap(
                        role ->
                            Stream.of(Scheme.values())
                                .map(scheme -> Arguments.of(endpoint, role, scheme))));
  }

  @BeforeAll
  static void startFromAnEmptyDatabase() {
    dirty = true;
  }

  @BeforeEach
  void oneTenantWithEveryRole() {
    if (dirty) {
      TestDatabase.get().truncateAll();
      world = world();
      baseline = snapshot();
    }
    dirty = true;
  }

  // --- the tables

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyEndpointWithEveryStranger")
  void everyEndpointAnswers401WithoutValidCredentials(Endpoint endpoint, Stranger stranger) {
    Api.Reply reply = endpoint.call(world, stranger.auth(world));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " with " + stranger + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(401);
    assertThat(reply.errorCode()).as(as).isEqualTo("unauthorized");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(reply.headers().firstValue("WWW-Authenticate")).as(as).isPresent();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("adminEndpointsForRolesBelowAdmin")
  void rolesBelowAdminAreForbiddenFromAdminEndpoints(
      Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(403);
    assertThat(reply.errorCode()).as(as).isEqualTo("forbidden");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("adminEndpointsForAdministrators")
  void administratorsMayUseAdminEndpoints(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    assertThat(reply.body().has("error")).as(as).isFalse();
    if (endpoint.method().equals("GET")) {
      assertThat(unchanged).as(as + ": a read changes nothing").isTrue();
    } else {
      assertThat(unchanged).as(as + ": a write changes something").isFalse();
    }
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("everyRoleEndpointsForEveryRole")
  void everyRoleMayReadTheDirectoryAndManageItsSession(
      Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    if (endpoint.method().equals("GET")) {
      assertThat(reply.body().isObject()).as(as).isTrue();
      assertThat(reply.body().has("error")).as(as).isFalse();
      assertThat(unchanged).as(as + ": a read changes nothing").isTrue();
    }
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("overrideEndpointsForViewers")
  void viewersAreForbiddenFromOverrides(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(403);
    assertThat(reply.errorCode()).as(as).isEqualTo("forbidden");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("overrideEndpointsForOverrideWriters")
  void everyRoleButViewerMayWriteOverrides(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    assertThat(reply.body().has("error")).as(as).isFalse();
    assertThat(unchanged).as(as + ": a write changes something").isFalse();
  }

  // --- calendar feeds: your own shifts yes, someone else's or a whole schedule only as an admin

  @ParameterizedTest
  @ValueSource(strings = {"owner", "admin", "responder", "agent", "viewer"})
  void everyRoleMayCreateAFeedOfTheirOwnShifts(String role) {
    Api.Login member = world.sessions().get(role);

    Api.Reply reply = api.post(V1 + "/calendar-feeds", Map.of("userId", member.userId()), member);

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    String url = reply.body().path("url").asText();
    Api.Reply feed = api.get(url.substring(url.indexOf(V1 + "/calendar/")), Api.ANONYMOUS);
    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("rolesBelowAdminWithEachScheme")
  void nonAdminMayNotCreateAFeedOfAnotherUsersShifts(String role, Scheme scheme) {
    Api.Reply reply =
        api.post(
            V1 + "/calendar-feeds", Map.of("userId", world.targetUserId()), world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged).as("no feed was created").isTrue();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("administratorsWithEachScheme")
  void administratorsMayCreateAFeedOfAnotherUsersShifts(String role, Scheme scheme) {
    Api.Reply reply =
        api.post(
            V1 + "/calendar-feeds", Map.of("userId", world.targetUserId()), world.as(role, scheme));

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(unchanged()).as("a feed was created").isFalse();
  }

  /**
   * As for editing a profile: an API key acts with its own role, so a viewer key made by the owner
   * must not use the owner's rights over "their own" calendar feeds.
   */
  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminApiKeyMayNotUseItsCreatorsRightsOverCalendarFeeds(String role) {
    Api.Key key = world.keys().get(role);

    Api.Reply create =
        api.post(V1 + "/calendar-feeds", Map.of("userId", world.owner().userId()), key);
    Api.Reply revoke = api.delete(V1 + "/calendar-feeds/" + world.feedId(), key);

    boolean unchanged = unchangedSoReusable();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(create.status()).as("creating the owner's feed: " + create).isEqualTo(403);
    softly.assertThat(revoke.status()).as("revoking the owner's feed: " + revoke).isEqualTo(403);
    softly.assertThat(unchanged).as("no feed was created or revoked").isTrue();
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminMayNotRevokeAnotherUsersFeed(String role) {
    Api.Reply reply =
        api.delete(V1 + "/calendar-feeds/" + world.feedId(), world.sessions().get(role));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged).as("the feed was not revoked").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void theCreatorOfAFeedMayRevokeIt(String role) {
    Api.Login member = world.sessions().get(role);
    Api.Reply created =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("userId", member.userId()), member));
    String url = created.body().path("url").asText();

    Api.Reply revoked = api.delete(V1 + "/calendar-feeds/" + created.id(), member);

    dirty = true;
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    Api.Reply feed = api.get(url.substring(url.indexOf(V1 + "/calendar/")), Api.ANONYMOUS);
    assertThat(feed.status()).as("the revoked URL: " + feed).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("administratorsWithEachScheme")
  void administratorsMayRevokeAnotherUsersFeed(String role, Scheme scheme) {
    Api.Login responder = world.sessions().get("responder");
    Api.Reply created =
        expect(
            201, api.post(V1 + "/calendar-feeds", Map.of("userId", responder.userId()), responder));

    Api.Reply revoked = api.delete(V1 + "/calendar-feeds/" + created.id(), world.as(role, scheme));

    dirty = true;
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void eachCredentialAuthenticatesAsWhatItIs(Scheme scheme) {
    for (String role : EVERY_ROLE) {
      Api.Reply session = api.get(V1 + "/session", world.as(role, scheme));

      assertThat(session.status()).as(session.toString()).isEqualTo(200);
      assertThat(session.body().path("authMethod").asText())
          .isEqualTo(scheme == Scheme.SESSION_COOKIE ? "SESSION" : "API_KEY");
      assertThat(session.body().path("tenant").path("id").asText())
          .isEqualTo(world.owner().tenantId());
      if (scheme == Scheme.SESSION_COOKIE) {
        assertThat(session.body().path("user").path("role").asText()).isEqualTo(role);
      }
    }
    assertThat(unchangedSoReusable()).as("reading the session changes nothing").isTrue();
  }

  // --- roles an administrator may not hand out or touch

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotCreateAnOwnerApiKey(Scheme scheme) {
    Api.Auth admin = world.as("admin", scheme);

    Api.Reply owner = api.post(V1 + "/api-keys", Map.of("name", "root", "role", "owner"), admin);

    assertThat(owner.status()).as(owner.toString()).isEqualTo(403);
    assertThat(owner.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged()).as("no key was created").isTrue();
    Api.Reply adminKey = api.post(V1 + "/api-keys", Map.of("name", "ops", "role", "admin"), admin);
    assertThat(adminKey.status()).as(adminKey.toString()).isEqualTo(201);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotInviteAnOwner(Scheme scheme) {
    Api.Auth admin = world.as("admin", scheme);
    String email = "boss@" + world.owner().slug() + ".test";

    Api.Reply owner =
        api.post(V1 + "/users/invitations", Map.of("email", email, "role", "owner"), admin);

    assertThat(owner.status()).as(owner.toString()).isEqualTo(403);
    assertThat(owner.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged()).as("no invitation was created").isTrue();
    Api.Reply asAdmin =
        api.post(V1 + "/users/invitations", Map.of("email", email, "role", "admin"), admin);
    assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(201);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotPromoteAnyoneToOwner(Scheme scheme) {
    Api.Reply promote =
        api.patch(
            V1 + "/users/" + world.targetUserId(),
            Map.of("role", "owner"),
            world.as("admin", scheme));

    assertThat(promote.status()).as(promote.toString()).isEqualTo(403);
    assertThat(promote.errorCode()).isEqualTo("forbidden");
    assertThat(userField(world.targetUserId(), "role")).isEqualTo("viewer");
    assertThat(unchangedSoReusable()).isTrue();
  }

  /**
   * The target is a second owner: an admin-role API key made by the first owner acts as that owner
   * and would only hear "you cannot deactivate yourself".
   */
  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotDeactivateAnOwner(Scheme scheme) {
    Api.Login secondOwner = InvitationSeed.member(api, world.owner(), "owner");

    Api.Reply deactivate =
        api.post(
            V1 + "/users/" + secondOwner.userId() + "/deactivate", null, world.as("admin", scheme));

    assertThat(deactivate.status()).as(deactivate.toString()).isEqualTo(403);
    assertThat(deactivate.errorCode()).isEqualTo("forbidden");
    assertThat(userField(secondOwner.userId(), "active")).isEqualTo("true");
    assertThat(api.get(V1 + "/session", secondOwner).status()).isEqualTo(200);
  }

  // --- credentials that stop working

  @Test
  void revokedApiKeyAnswers401() {
    Api.Reply created =
        expect(
            201,
            api.post(
                V1 + "/api-keys", Map.of("name", "short-lived", "role", "admin"), world.owner()));
    Api.Key key = new Api.Key(world.owner().tenantId(), created.body().path("token").asText());
    SoftAssertions softly = new SoftAssertions();
    Api.Reply beforeRevoking = api.get(V1 + "/users", key);
    softly
        .assertThat(beforeRevoking.status())
        .as("before revoking: " + beforeRevoking)
        .isEqualTo(200);

    Api.Reply revoked =
        api.delete(
            V1 + "/api-keys/" + created.body().path("key").path("id").asText(), world.owner());

    softly.assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    for (Api.Reply reply :
        List.of(
            api.get(V1 + "/users", key),
            api.get(V1 + "/session", key),
            api.post(V1 + "/teams", Map.of("name", "After Revoke", "kind", "support"), key))) {
      softly.assertThat(reply.status()).as("after revoking: " + reply).isEqualTo(401);
      softly.assertThat(reply.errorCode()).as("after revoking: " + reply).isEqualTo("unauthorized");
    }
    softly
        .assertThat(
            api.get(V1 + "/teams", world.owner()).body().path("items").findValuesAsText("name"))
        .doesNotContain("After Revoke");
    softly.assertAll();
  }

  @Test
  void deactivatedUsersSessionAndKeysAnswer401() {
    Api.Login admin = InvitationSeed.member(api, world.owner(), "admin");
    Api.Key adminsKey = api.createKey(admin, "responder");
    SoftAssertions softly = new SoftAssertions();
    for (Api.Auth credentials : List.<Api.Auth>of(admin, adminsKey)) {
      Api.Reply before = api.get(V1 + "/users", credentials);
      softly.assertThat(before.status()).as("before deactivating: " + before).isEqualTo(200);
    }

    Api.Reply deactivated =
        api.post(V1 + "/users/" + admin.userId() + "/deactivate", null, world.owner());

    softly.assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
    for (Api.Auth credentials : List.<Api.Auth>of(admin, adminsKey)) {
      for (Api.Reply reply :
          List.of(
              api.get(V1 + "/session", credentials),
              api.get(V1 + "/users", credentials),
              api.post(V1 + "/teams", Map.of("name", "Ghost", "kind", "support"), credentials))) {
        softly.assertThat(reply.status()).as("after deactivating: " + reply).isEqualTo(401);
        softly
            .assertThat(reply.errorCode())
            .as("after deactivating: " + reply)
            .isEqualTo("unauthorized");
      }
    }
    Api.Reply login =
        api.post(
            V1 + "/session",
            Map.of("tenant", admin.slug(), "email", admin.email(), "password", Api.PASSWORD),
            Api.ANONYMOUS);
    softly.assertThat(login.status()).as("logging in again: " + login).isEqualTo(401);
    softly.assertAll();
  }

  @Test
  void reactivatingAUserDoesNotReviveTheirOldSessionOrKeys() {
    Api.Login admin = InvitationSeed.member(api, world.owner(), "admin");
    Api.Key adminsKey = api.createKey(admin, "viewer");
    api.post(V1 + "/users/" + admin.userId() + "/deactivate", null, world.owner());

    Api.Reply reactivated =
        api.post(V1 + "/users/" + admin.userId() + "/reactivate", null, world.owner());

    assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);
    assertThat(api.get(V1 + "/session", admin).status()).isEqualTo(401);
    assertThat(api.get(V1 + "/session", adminsKey).status()).isEqualTo(401);
    Api.Login again = api.login(admin.slug(), admin.email(), Api.PASSWORD);
    assertThat(api.get(V1 + "/session", again).status()).isEqualTo(200);
  }

  // --- editing users: yourself yes, others and your own role no

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminMayEditTheirOwnNameAndTimeZone(String role) {
    Api.Login member = world.sessions().get(role);

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + member.userId(),
            Map.of("name", "New " + role + " name", "timeZone", "Europe/Berlin"),
            member);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(userField(member.userId(), "name")).isEqualTo("New " + role + " name");
    assertThat(userField(member.userId(), "timeZone")).isEqualTo("Europe/Berlin");
    assertThat(userField(member.userId(), "role")).isEqualTo(role);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("rolesBelowAdminWithEachScheme")
  void nonAdminMayNotEditAnotherUser(String role, Scheme scheme) {
    String name = userField(world.targetUserId(), "name");

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + world.targetUserId(),
            Map.of("name", "Renamed by " + role, "timeZone", "Asia/Tokyo"),
            world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(userField(world.targetUserId(), "name")).isEqualTo(name);
    assertThat(userField(world.targetUserId(), "timeZone")).isEqualTo("UTC");
    assertThat(unchanged).isTrue();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("rolesBelowAdminAndOtherRoles")
  void nonAdminMayNotChangeTheirOwnRole(String role, String wanted) {
    Api.Login member = world.sessions().get(role);
    String name = userField(member.userId(), "name");

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + member.userId(),
            Map.of("role", wanted, "name", "Sneaky " + role),
            member);

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(userField(member.userId(), "role")).isEqualTo(role);
    assertThat(userField(member.userId(), "name")).isEqualTo(name);
    assertThat(api.get(V1 + "/session", member).status()).isEqualTo(200);
    assertThat(unchanged).as("no role, name or audit row changed").isTrue();
  }

  // --- fixtures and helpers

  private static World world() {
    Api.Login owner = api.signup("Authz");
    Map<String, Api.Login> sessions = new LinkedHashMap<>();
    Map<String, Api.Key> keys = new LinkedHashMap<>();
    sessions.put("owner", owner);
    for (String role : EVERY_ROLE) {
      if (!role.equals("owner")) {
        sessions.put(role, InvitationSeed.member(api, owner, role));
      }
      keys.put(role, api.createKey(owner, role));
    }
    String target = InvitationSeed.member(api, owner, "viewer").userId();
    String former = InvitationSeed.member(api, owner, "viewer").userId();
    expect(200, api.post(V1 + user(former, "deactivate"), null, owner));
    String teamId =
        expect(201, api.post(V1 + "/teams", Map.of("name", "Core", "kind", "engineering"), owner))
            .id();
    String teamMember = sessions.get("responder").userId();
    expect(200, api.put(V1 + members(teamId, teamMember), null, owner));
    String spareTeamId =
        expect(201, api.post(V1 + "/teams", Map.of("name", "Spare", "kind", "support"), owner))
            .id();
    String serviceId =
        expect(201, api.post(V1 + "/services", Map.of("name", "Checkout", "teamId", teamId), owner))
            .id();
    String spareKeyId =
        expect(201, api.post(V1 + "/api-keys", Map.of("name", "spare", "role", "viewer"), owner))
            .body()
            .path("key")
            .path("id")
            .asText();
    String invitationId =
        InvitationSeed.invite(owner, "pending@" + owner.slug() + ".test", "agent").id();
    Map<String, Object> primary = new LinkedHashMap<>(scheduleBody("Primary", teamMember));
    primary.put("teamId", teamId);
    Api.Reply schedule = expect(201, api.post(V1 + "/schedules", primary, owner));
    String layerId = schedule.body().path("layers").path(0).path("id").asText();
    String overrideId =
        expect(
                201,
                api.post(
                    V1 + "/schedules/" + schedule.id() + "/overrides",
                    overrideBody(target, "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z"),
                    owner))
            .id();
    String feedId =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("scheduleId", schedule.id()), owner))
            .id();
    return new World(
        owner,
        Map.copyOf(sessions),
        Map.copyOf(keys),
        target,
        former,
        teamId,
        spareTeamId,
        teamMember,
        serviceId,
        spareKeyId,
        invitationId,
        schedule.id(),
        layerId,
        overrideId,
        feedId);
  }

  /**
   * Whether every row of the tenant is as it was when the world was built. API keys' last-use times
   * are left out: using a key updates them.
   */
  private static boolean unchanged() {
    return snapshot().equals(baseline);
  }

  /**
   * {@link #unchanged()}, and if so the next test may reuse the world; call it after the test's
   * last request.
   */
  private static boolean unchangedSoReusable() {
    boolean same = unchanged();
    dirty = !same;
    return same;
  }

  /** Every row of every tenant table, read through row-level security as the world's tenant. */
  private static Map<String, List<String>> snapshot() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      try (PreparedStatement scope =
          connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, false)")) {
        scope.setString(1, world.owner().tenantId());
        scope.executeQuery().close();
      }
      for (String table : TENANT_TABLES) {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                    "SELECT (to_jsonb(t) - 'last_used_at')::text FROM " + table + " t ORDER BY 1");
            ResultSet result = query.executeQuery()) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        tables.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the tenant's rows", e);
    }
    return tables;
  }

  private static String userField(String userId, String field) {
    JsonNode user = expect(200, api.get(V1 + "/users/" + userId, world.owner())).body();
    return user.path(field).asText();
  }

  private static Api.Reply expect(int status, Api.Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException("expected " + status + ": " + reply);
    }
    return reply;
  }

  private static Endpoint everyone(
      String description, String method, Function<World, String> path, int success) {
    return new Endpoint(description, method, path, null, Access.EVERY_ROLE, success);
  }

  /** An admin endpoint without a body that answers 200. */
  private static Endpoint admins(String description, String method, Function<World, String> path) {
    return new Endpoint(description, method, path, null, Access.ADMINISTRATORS, 200);
  }

  private static Endpoint admins(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.ADMINISTRATORS, success);
  }

  private static Endpoint overrides(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.OVERRIDE_WRITERS, success);
  }

  private static String schedule(World world) {
    return "/schedules/" + world.scheduleId();
  }

  private static Map<String, Object> scheduleBody(String name, String participant) {
    return Map.of(
        "name",
        name,
        "timeZone",
        "America/New_York",
        "layers",
        List.of(layer("Weekly", "2027-01-04T14:00:00Z", participant)));
  }

  private static Map<String, Object> layer(String name, String start, String participant) {
    return Map.of(
        "name",
        name,
        "start",
        start,
        "turn",
        Map.of("kind", "weekly", "day", "MONDAY", "time", "09:00"),
        "participants",
        List.of(participant));
  }

  private static Map<String, Object> overrideBody(String userId, String start, String end) {
    return Map.of("userId", userId, "start", start, "end", end);
  }

  private static String user(String userId, String action) {
    return "/users/" + userId + "/" + action;
  }

  private static String members(String teamId, String userId) {
    return "/teams/" + teamId + "/members/" + userId;
  }
}
