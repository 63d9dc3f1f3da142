package com.switchboard.auth;

import com.switchboard.audit.AuditLog;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues, lists, revokes and authenticates API keys. */
public class ApiKeyService {
  /** The key as listed, plus the secret, which is never shown again. */
  public record CreatedApiKey(ApiKey key, String token) {}

  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public ApiKeyService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public CreatedApiKey create(Caller caller, String name, Role role) {
    if (!caller.role().mayGrant(role)) {
      throw new ForbiddenException(
          "a " + caller.role() + " may not create a key with role " + role);
    }
    String token = Tokens.issue(Tokens.API_KEY, caller.tenantId());
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ApiKeyDao keys = Daos.on(h, ApiKeyDao.class);
          keys.insert(
              caller.tenantId(),
              id,
              name.trim(),
              role,
              Tokens.sha256(token),
              Tokens.hint(token),
              caller.userId(),
              now);
          audit.record(
              h,
              caller,
              "api_key.created",
              "api_key",
              id,
              "created API key '" + name.trim() + "' with role " + role);
          return new CreatedApiKey(keys.findById(caller.tenantId(), id).orElseThrow(), token);
        });
  }

  public List<ApiKey> list(Caller caller) {
    return db.inTenant(caller.tenantId(), h -> Daos.on(h, ApiKeyDao.class).list(caller.tenantId()));
  }

  public void revoke(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          ApiKeyDao keys = Daos.on(h, ApiKeyDao.class);
          ApiKey key =
              keys.findById(caller.tenantId(), id)
                  .orElseThrow(() -> new NotFoundException("API key"));
          if (keys.revoke(caller.tenantId(), id, clock.instant()) > 0) {
            audit.record(
                h,
                caller,
                "api_key.revoked",
                "api_key",
                id,
                "revoked API key '" + key.name() + "'");
          }
        });
  }

  public Optional<Caller> authenticate(Credentials credentials) {
    return Tokens.parse(Tokens.API_KEY, credentials.token())
        .flatMap(
            parsed ->
                db.inTenant(
                    parsed.tenantId(),
                    h -> {
                      ApiKeyDao keys = Daos.on(h, ApiKeyDao.class);
                      Optional<CallerRow> row = keys.findCaller(parsed.tenantId(), parsed.hash());
                      row.ifPresent(
                          r -> keys.touch(parsed.tenantId(), r.credentialId(), clock.instant()));
                      return row.map(
                          r ->
                              SessionService.toCaller(
                                  parsed.tenantId(), r, AuthMethod.API_KEY, credentials));
                    }));
  }
}
