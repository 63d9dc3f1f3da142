package com.switchboard.incident;

import com.switchboard.auth.Caller;
import java.util.UUID;

/**
 * Who acts on an incident and through what: a person in the web UI or API, by SMS reply, by a key
 * press on a call, or by an email link.
 *
 * @param userId null for an API key
 * @param channel "web", "api", "sms", "voice" or "email"
 */
public record Actor(String name, UUID userId, String channel) {
  public static Actor of(Caller caller) {
    return new Actor(
        caller.displayName(),
        caller.userId() == null ? null : caller.userId().value(),
        caller.method() == com.switchboard.auth.AuthMethod.SESSION ? "web" : "api");
  }
}
