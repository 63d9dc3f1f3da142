package com.switchboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP client for full-application tests: it speaks to the running service exactly as a
 * browser (session cookie + CSRF header) or an integration (Bearer API key) would.
 */
public final class Api {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  public static final String PASSWORD = "correct horse battery staple";

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  public Api(String base) {
    this.base = base;
  }

  /** How a request authenticates. */
  public sealed interface Auth permits Anonymous, Login, Key {}

  public record Anonymous() implements Auth {}

  public static final Anonymous ANONYMOUS = new Anonymous();

  /** A browser session: the session cookie and the CSRF token it must echo on writes. */
  public record Login(
      String tenantId, String slug, String userId, String email, String cookie, String csrf)
      implements Auth {
    public Login withoutCsrf() {
      return new Login(tenantId, slug, userId, email, cookie, null);
    }
  }

  public record Key(String tenantId, String token) implements Auth {}

  /** A response: status, parsed JSON body (MissingNode if none) and headers. */
  public record Reply(int status, JsonNode body, HttpHeaders headers, String raw) {
    public String errorCode() {
      return body.path("error").path("code").asText(null);
    }

    public String id() {
      return body.path("id").asText();
    }

    @Override
    public String toString() {
      return status + " " + raw;
    }
  }

  public Reply get(String path, Auth auth) {
    return send("GET", path, null, auth);
  }

  public Reply post(String path, Object body, Auth auth) {
    return send("POST", path, body, auth);
  }

  public Reply patch(String path, Object body, Auth auth) {
    return send("PATCH", path, body, auth);
  }

  public Reply put(String path, Object body, Auth auth) {
    return send("PUT", path, body, auth);
  }

  public Reply delete(String path, Auth auth) {
    return send("DELETE", path, null, auth);
  }

  public Reply send(String method, String path, Object body, Auth auth) {
    try {
      byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
      return raw(method, path, bytes == null ? null : "application/json", bytes, auth);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the bytes exactly as given, for malformed and oversized bodies. */
  public Reply raw(String method, String path, String contentType, byte[] body, Auth auth) {
    return raw(method, path, contentType, body, auth, Map.of());
  }

  /** Sends JSON with extra request headers, e.g. an Idempotency-Key. */
  public Reply send(
      String method, String path, Object body, Auth auth, Map<String, String> headers) {
    try {
      byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
      return raw(method, path, bytes == null ? null : "application/json", bytes, auth, headers);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Reply raw(
      String method,
      String path,
      String contentType,
      byte[] body,
      Auth auth,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    if (auth instanceof Login login) {
      request.header("Cookie", "sb_session=" + login.cookie());
      if (login.csrf() != null) {
        request.header("X-CSRF-Token", login.csrf());
      }
    } else if (auth instanceof Key key) {
      request.header("Authorization", "Bearer " + key.token());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode parsed = MissingNode.getInstance();
      if (!response.body().isEmpty()) {
        try {
          parsed = json.readTree(response.body());
        } catch (JsonProcessingException e) {
          parsed = MissingNode.getInstance();
        }
      }
      return new Reply(response.statusCode(), parsed, response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs up a new organization with a unique slug and returns its owner's session. */
  public Login signup(String organization) {
    int n = SEQUENCE.incrementAndGet();
    String slug =
        organization.toLowerCase().replaceAll("[^a-z0-9]+", "-")
            + "-"
            + n
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    Reply reply =
        post(
            "/api/v1/signup",
            Map.of(
                "organization", organization,
                "slug", slug,
                "name", organization + " Owner",
                "email", "owner" + n + "@" + slug + ".test",
                "password", PASSWORD),
            ANONYMOUS);
    if (reply.status() != 201) {
      throw new IllegalStateException("signup failed: " + reply);
    }
    return loginFrom(reply);
  }

  public Login login(String slug, String email, String password) {
    Reply reply =
        post(
            "/api/v1/session",
            Map.of("tenant", slug, "email", email, "password", password),
            ANONYMOUS);
    if (reply.status() != 200) {
      throw new IllegalStateException("login failed: " + reply);
    }
    return loginFrom(reply);
  }

  public Login loginFrom(Reply reply) {
    return new Login(
        reply.body().path("tenant").path("id").asText(),
        reply.body().path("tenant").path("slug").asText(),
        reply.body().path("user").path("id").asText(),
        reply.body().path("user").path("email").asText(),
        cookie(reply, "sb_session"),
        reply.body().path("csrfToken").asText());
  }

  /** Invites a user with the role and accepts the invitation, returning their session. */
  public Login addMember(Login admin, String role) {
    int n = SEQUENCE.incrementAndGet();
    String email = role + n + "@" + admin.slug() + ".test";
    Reply invited = post("/api/v1/users/invitations", Map.of("email", email, "role", role), admin);
    if (invited.status() != 201) {
      throw new IllegalStateException("invitation failed: " + invited);
    }
    String url = invited.body().path("acceptUrl").asText();
    String token =
        java.net.URLDecoder.decode(
            url.substring(url.indexOf("token=") + 6), StandardCharsets.UTF_8);
    Reply accepted =
        post(
            "/api/v1/invitations/accept",
            Map.of("token", token, "name", "Member " + n, "password", PASSWORD),
            ANONYMOUS);
    if (accepted.status() != 201) {
      throw new IllegalStateException("accepting the invitation failed: " + accepted);
    }
    return loginFrom(accepted);
  }

  public Key createKey(Login admin, String role) {
    Reply reply = post("/api/v1/api-keys", Map.of("name", role + " key", "role", role), admin);
    if (reply.status() != 201) {
      throw new IllegalStateException("creating an API key failed: " + reply);
    }
    return new Key(admin.tenantId(), reply.body().path("token").asText());
  }

  /** Sends an invitation and returns the whole reply (the accept link is in {@code acceptUrl}). */
  public Reply invite(Login admin, String email, String role) {
    return post("/api/v1/users/invitations", Map.of("email", email, "role", role), admin);
  }

  /** Accepts an invitation anonymously, as the invited person's browser would. */
  public Reply accept(String token, String name) {
    return post(
        "/api/v1/invitations/accept",
        Map.of("token", token, "name", name, "password", PASSWORD),
        ANONYMOUS);
  }

  /** The one-time token inside an invitation reply's accept link. */
  public static String invitationToken(Reply invited) {
    String url = invited.body().path("acceptUrl").asText();
    if (!url.contains("token=")) {
      throw new IllegalStateException("no accept link in the invitation reply: " + invited);
    }
    return java.net.URLDecoder.decode(
        url.substring(url.indexOf("token=") + 6), StandardCharsets.UTF_8);
  }

  /** Creates a team and returns its id. */
  public String createTeam(Auth admin, String name, String kind) {
    Reply reply = post("/api/v1/teams", Map.of("name", name, "kind", kind), admin);
    if (reply.status() != 201) {
      throw new IllegalStateException("creating a team failed: " + reply);
    }
    return reply.id();
  }

  /** Creates a business service owned by the team and returns its id. */
  public String createService(Auth admin, String name, String description, String teamId) {
    Reply reply =
        post(
            "/api/v1/services",
            Map.of("name", name, "description", description, "teamId", teamId),
            admin);
    if (reply.status() != 201) {
      throw new IllegalStateException("creating a service failed: " + reply);
    }
    return reply.id();
  }

  public static String cookie(Reply reply, String name) {
    return reply.headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith(name + "="))
        .map(
            header ->
                header.substring(
                    name.length() + 1,
                    header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
        .findFirst()
        .orElse(null);
  }
}
