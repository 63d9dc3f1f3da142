package com.switchboard.platform.limits;

import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.SigningKeys;
import com.switchboard.platform.errors.TooManyRequestsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Sliding-window rate limits kept in PostgreSQL ({@code rate_limit_events}), so that every node
 * sharing the database enforces the same counts. An event is counted against several limits at once
 * (say a user, a destination and a tenant) or against none: {@link #acquire} takes an advisory
 * transaction lock per key (in one order, so callers cannot deadlock), counts inside the window and
 * inserts, all in the caller's transaction; concurrent callers for one key take turns, so no more
 * than the limit ever pass. Keys are stored as an HMAC only, never as the address or email itself.
 */
public class RateLimiter {
  /**
   * At most {@code max} events of {@code kind} for {@code key} within {@code window}; {@code
   * message} is the 429's message when it is spent.
   */
  public record Limit(String kind, String key, int max, Duration window, String message) {
    public Limit {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(key);
      if (max < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a limit needs max >= 1 and a positive window");
      }
    }
  }

  /** The events one {@link #acquire} counted, so a caller can take them back. */
  public record Reservation(Long[] eventIds) {
    public static final Reservation NONE = new Reservation(new Long[0]);
  }

  /** Events past their window deleted by each acquire; more than any acquire inserts. */
  static final int PRUNE_BATCH = 100;

  private final byte[] secret;
  private final Clock clock;

  /** {@code secret}: the HMAC key of stored keys, shared by the cluster ({@link SigningKeys}). */
  public RateLimiter(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.clock = clock;
  }

  /**
   * Counts one event against every limit, or throws {@link TooManyRequestsException} (429) and
   * counts none. Its {@code Retry-After} is the time until the event that spends the tightest limit
   * leaves its window. Runs on the caller's transaction, whose commit makes the count visible.
   */
  public Reservation acquire(Handle handle, List<Limit> limits) {
    RateLimitDao events = Daos.on(handle, RateLimitDao.class);
    List<Keyed> keyed = keyed(limits);
    for (Keyed k : keyed) {
      events.lock(k.lockId());
    }
    Instant now = clock.instant();
    refuseIfSpent(events, keyed, now);
    Long[] ids = new Long[keyed.size()];
    for (int i = 0; i < keyed.size(); i++) {
      Keyed k = keyed.get(i);
      ids[i] = events.insert(k.limit().kind(), k.hash(), now, now.plus(k.limit().window()));
    }
    events.pruneExpired(now, PRUNE_BATCH);
    return new Reservation(ids);
  }

  /**
   * Throws 429 if any limit is spent, counting nothing and taking no lock: a cheap look before
   * expensive work, which {@link #acquire} must still follow.
   */
  public void check(Handle handle, List<Limit> limits) {
    refuseIfSpent(Daos.on(handle, RateLimitDao.class), keyed(limits), clock.instant());
  }

  /** Takes back the events of a reservation (e.g. a login attempt that turned out right). */
  public void release(Handle handle, Reservation reservation) {
    if (reservation.eventIds().length > 0) {
      Daos.on(handle, RateLimitDao.class).delete(reservation.eventIds());
    }
  }

  /** Forgets the events of a limit's key inside its window. */
  public void clear(Handle handle, Limit limit) {
    Daos.on(handle, RateLimitDao.class).clear(hash(limit), clock.instant().minus(limit.window()));
  }

  private static void refuseIfSpent(RateLimitDao events, List<Keyed> keyed, Instant now) {
    Limit spent = null;
    Duration wait = Duration.ZERO;
    for (Keyed k : keyed) {
      Duration window = k.limit().window();
      Instant oldest = events.nthNewest(k.hash(), now.minus(window), k.limit().max()).orElse(null);
      if (oldest != null) {
        Duration until = Duration.between(now, oldest.plus(window));
        if (spent == null || until.compareTo(wait) > 0) {
          spent = k.limit();
          wait = until;
        }
      }
    }
    if (spent != null) {
      throw new TooManyRequestsException(spent.message(), wait);
    }
  }

  private record Keyed(Limit limit, byte[] hash, long lockId) {}

  private List<Keyed> keyed(List<Limit> limits) {
    return limits.stream()
        .map(
            limit -> {
              byte[] hash = hash(limit);
              return new Keyed(limit, hash, ByteBuffer.wrap(hash).getLong());
            })
        .sorted(Comparator.comparingLong(Keyed::lockId))
        .toList();
  }

  private byte[] hash(Limit limit) {
    return SigningKeys.hmacSha256(
        secret, (limit.kind() + "\n" + limit.key()).getBytes(StandardCharsets.UTF_8));
  }
}
