package com.switchboard.platform.idempotency;

import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys of create calls: claims a key for the first request, stores its 2xx response,
 * answers retries with it, and forgets keys after {@link #RETENTION}.
 *
 * <p>The claim, the creation and the stored response are three transactions: a creation commits
 * before its response is stored. A node that dies in that window leaves the key claimed; retries
 * get 409 until the claim is {@link #ABANDONED_AFTER} old, and then run again (a second creation is
 * possible only in that case).
 */
public class IdempotencyKeys {
  public static final String JOB_NAME = "idempotency-key-purge";
  public static final Duration RETENTION = Duration.ofHours(24);
  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

  private final TenantDatabase db;
  private final Clock clock;

  public IdempotencyKeys(TenantDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Who holds a key: keys of one caller never meet another's. */
  public record Owner(TenantId tenant, UserId user, String key) {}

  /** What the request was: a retry must match it. */
  public record Request(String method, String path, byte[] bodySha256) {}

  /** The outcome of a claim. */
  public sealed interface Claim permits Claimed, Replay, InFlight, Mismatch {}

  /** The key is new (or expired): run the request. */
  public record Claimed() implements Claim {}

  /** The stored response of the first request. */
  public record Replay(int status, String body, String location) implements Claim {}

  /** The first request with this key is still running. */
  public record InFlight() implements Claim {}

  /** The key was used for another method, path or body. */
  public record Mismatch() implements Claim {}

  public Claim claim(Owner owner, Request request) {
    Instant now = clock.instant();
    return db.inTenant(
        owner.tenant(),
        h -> {
          IdempotencyDao dao = Daos.on(h, IdempotencyDao.class);
          for (int attempt = 0; attempt < 2; attempt++) {
            if (insert(dao, owner, request, now) == 1) {
              return new Claimed();
            }
            var stored = dao.lock(owner.tenant(), owner.user(), owner.key());
            if (stored.isEmpty()) {
              continue; // released between the insert and the read
            }
            IdempotencyDao.Stored s = stored.get();
            boolean expired = !s.createdAt().isAfter(now.minus(RETENTION));
            boolean abandoned =
                s.responseStatus() == null && !s.createdAt().isAfter(now.minus(ABANDONED_AFTER));
            if (expired || abandoned) {
              dao.release(owner.tenant(), owner.user(), owner.key());
              continue;
            }
            if (!s.requestMethod().equals(request.method())
                || !s.requestPath().equals(request.path())
                || !Arrays.equals(s.bodySha256(), request.bodySha256())) {
              return new Mismatch();
            }
            if (s.responseStatus() == null) {
              return new InFlight();
            }
            return new Replay(s.responseStatus(), s.responseBody(), s.responseLocation());
          }
          return new InFlight();
        });
  }

  private static int insert(IdempotencyDao dao, Owner owner, Request request, Instant now) {
    return dao.claim(
        owner.tenant(),
        owner.user(),
        owner.key(),
        request.method(),
        request.path(),
        request.bodySha256(),
        now);
  }

  /** Stores the first request's 2xx response for retries. */
  public void complete(Owner owner, int status, String body, String location) {
    db.useTenant(
        owner.tenant(),
        h ->
            Daos.on(h, IdempotencyDao.class)
                .complete(owner.tenant(), owner.user(), owner.key(), status, body, location));
  }

  /** Forgets a claim whose request failed, so the caller may retry with a corrected body. */
  public void release(Owner owner) {
    db.useTenant(
        owner.tenant(),
        h -> Daos.on(h, IdempotencyDao.class).release(owner.tenant(), owner.user(), owner.key()));
  }

  /** Deletes keys past {@link #RETENTION}, tenant by tenant; returns how many. */
  public int purge() {
    Instant cutoff = clock.instant().minus(RETENTION);
    int deleted =
        db.sumOverTenants(
            (tenant, h) -> Daos.on(h, IdempotencyDao.class).deleteOlderThan(tenant, cutoff));
    if (deleted > 0) {
      LOG.info("Deleted {} expired idempotency keys", deleted);
    }
    return deleted;
  }

  /** Registers the recurring purge with the cluster (once; later nodes find it there). */
  public static void register(JobScheduler jobs, Duration interval) {
    jobs.registerRecurring(JOB_NAME, PurgeJob.class, interval);
  }

  /** The Quartz job: calls {@link #purge()}; runs every {@code jobs.sessionPurgeInterval}. */
  @DisallowConcurrentExecution
  public static class PurgeJob implements Job {
    private final IdempotencyKeys keys;

    public PurgeJob(IdempotencyKeys keys) {
      this.keys = keys;
    }

    @Override
    public void execute(JobExecutionContext context) {
      keys.purge();
    }
  }
}
