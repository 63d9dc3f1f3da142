package com.switchboard.platform.limits;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The counted events of every rate limit (migration 017); cross-tenant, keys only as HMACs. */
public interface RateLimitDao {
  /** Serialises callers counting against the same key until their transaction ends. */
  @SqlQuery("SELECT pg_advisory_xact_lock(:lockId)::text")
  String lock(long lockId);

  /**
   * When the {@code max}-th newest event of the key inside the window happened, if there are that
   * many: the limit is spent until that event leaves the window.
   */
  @SqlQuery(
      "SELECT occurred_at FROM rate_limit_events WHERE key_hash = :keyHash AND occurred_at > :since"
          + " ORDER BY occurred_at DESC OFFSET :max - 1 LIMIT 1")
  Optional<Instant> nthNewest(byte[] keyHash, Instant since, int max);

  @SqlUpdate(
      "INSERT INTO rate_limit_events (kind, key_hash, occurred_at, expires_at)"
          + " VALUES (:kind, :keyHash, :now, :expiresAt)")
  @GetGeneratedKeys("id")
  long insert(String kind, byte[] keyHash, Instant now, Instant expiresAt);

  @SqlUpdate("DELETE FROM rate_limit_events WHERE id = ANY(:ids)")
  void delete(Long[] ids);

  @SqlUpdate("DELETE FROM rate_limit_events WHERE key_hash = :keyHash AND occurred_at > :since")
  void clear(byte[] keyHash, Instant since);

  /** Deletes up to {@code batch} events that have left their window, skipping ones being read. */
  @SqlUpdate(
      "DELETE FROM rate_limit_events WHERE id IN (SELECT id FROM rate_limit_events"
          + " WHERE expires_at <= :now ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
  int pruneExpired(Instant now, int batch);
}
