package com.switchboard.tenant;

import com.switchboard.platform.limits.RateLimiter.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** At most {@code perAddress} signups per client address and {@code perEmail} per email. */
public record SignupLimits(int perAddress, int perEmail, Duration window) {
  List<Limit> limitsFor(String email, String clientAddress) {
    List<Limit> limits = new ArrayList<>();
    limits.add(
        new Limit(
            "signup-email",
            email,
            perEmail,
            window,
            "too many organizations signed up with this email recently; try again later"));
    if (clientAddress != null) {
      limits.add(
          new Limit(
              "signup-address",
              clientAddress,
              perAddress,
              window,
              "too many organizations signed up from this address recently; try again later"));
    }
    return limits;
  }
}
