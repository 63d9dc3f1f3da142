package com.switchboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.switchboard.platform.errors.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;

/**
 * Limits failed logins per account and per client address with token buckets. Counters live in this
 * node's memory, so with N nodes an attacker gets at most N times the budget; that bound is
 * accepted (documented in docs/operations.md) in exchange for no database write per attempt.
 */
public class LoginThrottle {
  private final int perAccount;
  private final int perAddress;
  private final Duration window;
  private final Cache<String, Bucket> buckets;

  public LoginThrottle(int perAccount, int perAddress, Duration window) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(window.multipliedBy(2))
            .maximumSize(200_000)
            .build();
  }

  /** Throws 429 if either the account or the address has no attempts left. */
  public void checkAllowed(String accountKey, String address) {
    ensureAvailable(accountBucket(accountKey), "too many failed logins for this account");
    if (address != null) {
      ensureAvailable(addressBucket(address), "too many failed logins from this address");
    }
  }

  public void recordFailure(String accountKey, String address) {
    accountBucket(accountKey).tryConsume(1);
    if (address != null) {
      addressBucket(address).tryConsume(1);
    }
  }

  public void recordSuccess(String accountKey) {
    buckets.invalidate("account:" + accountKey);
  }

  private void ensureAvailable(Bucket bucket, String message) {
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    if (!probe.canBeConsumed()) {
      throw new TooManyRequestsException(
          message + "; try again later", Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  private Bucket accountBucket(String accountKey) {
    return buckets.get("account:" + accountKey, key -> newBucket(perAccount));
  }

  private Bucket addressBucket(String address) {
    return buckets.get("address:" + address, key -> newBucket(perAddress));
  }

  private Bucket newBucket(int capacity) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .build();
  }
}
