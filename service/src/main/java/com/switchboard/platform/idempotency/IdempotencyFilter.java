package com.switchboard.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.auth.Caller;
import com.switchboard.platform.errors.ApiException;
import com.switchboard.platform.errors.BadRequestException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} header on {@link Idempotent} create calls. Runs after authentication
 * and authorization, so the key belongs to a known caller. The first request with a key claims it;
 * its 2xx response is stored and replayed (with {@code Idempotent-Replayed: true}) to retries with
 * the same key, method, path and body; any other response releases the key, so a corrected request
 * may use it again.
 */
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  public static final int MAX_KEY_LENGTH = 255;

  private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

  private final IdempotencyKeys keys;
  private final ObjectMapper json;

  public IdempotencyFilter(IdempotencyKeys keys, ObjectMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String key = request.getHeaderString(HEADER);
    if (key == null || !(request.getSecurityContext().getUserPrincipal() instanceof Caller c)) {
      return;
    }
    if (!wellFormed(key)) {
      throw new BadRequestException(
          "invalid_header",
          HEADER,
          "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
    }
    byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
    request.setEntityStream(new ByteArrayInputStream(body));
    IdempotencyKeys.Owner owner = new IdempotencyKeys.Owner(c.tenantId(), c.userId(), key);
    IdempotencyKeys.Request sent =
        new IdempotencyKeys.Request(
            request.getMethod(), "/" + request.getUriInfo().getPath(), sha256(body));
    IdempotencyKeys.Claim claim = keys.claim(owner, sent);
    if (claim instanceof IdempotencyKeys.Replay stored) {
      request.abortWith(replay(stored));
    } else if (claim instanceof IdempotencyKeys.InFlight) {
      throw new ApiException(
          409,
          "idempotency_key_in_flight",
          "a request with this Idempotency-Key is still being processed; retry later");
    } else if (claim instanceof IdempotencyKeys.Mismatch) {
      throw new ApiException(
          422,
          "idempotency_key_reused",
          "this Idempotency-Key was used with another request (method, path or body);"
              + " use a new key for a new request");
    } else {
      request.setProperty(CLAIM, owner);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(CLAIM) instanceof IdempotencyKeys.Owner owner)) {
      return;
    }
    request.removeProperty(CLAIM);
    try {
      if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
        String body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        keys.complete(owner, response.getStatus(), body, location);
      } else {
        keys.release(owner);
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // The creation is committed and its response goes out; only a retry's replay is lost, and
      // the claim ends as abandoned (see IdempotencyKeys).
      LOG.warn("Could not store the response for an idempotency key", e);
    }
  }

  private static Response replay(IdempotencyKeys.Replay stored) {
    Response.ResponseBuilder replay = Response.status(stored.status()).header(REPLAYED, "true");
    if (stored.body() != null) {
      replay.entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE);
    }
    if (stored.location() != null) {
      replay.header(HttpHeaders.LOCATION, stored.location());
    }
    return replay.build();
  }

  static boolean wellFormed(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    return key.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) && !key.isBlank();
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
