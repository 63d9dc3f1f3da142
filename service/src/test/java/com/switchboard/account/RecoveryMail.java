package com.switchboard.account;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the recovery emails a tenant's outbox kept, as the person's inbox would show them. */
final class RecoveryMail {
  private static final Pattern LINK = Pattern.compile("/reset-password\\?token=(\\S+)");

  private final Api api;

  RecoveryMail(Api api) {
    this.api = api;
  }

  /**
   * The tenant's emails to {@code address} whose subject contains {@code subject}, newest first.
   */
  List<JsonNode> emails(Api.Login admin, String address, String subject) {
    Api.Reply reply =
        api.get(
            "/api/v1/outbox?channel=email&limit=500&address="
                + URLEncoder.encode(address, StandardCharsets.UTF_8),
            admin);
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode message : reply.body().path("items")) {
      if (message.path("subject").asText().contains(subject)) {
        found.add(message);
      }
    }
    return found;
  }

  /** Waits until {@code count} such emails arrived and returns them, newest first. */
  List<JsonNode> awaitEmails(Api.Login admin, String address, String subject, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> emails(admin, address, subject).size() >= count);
    return emails(admin, address, subject);
  }

  /** The token of the newest of {@code count} reset emails to the address. */
  String resetToken(Api.Login admin, String address, int count) {
    return token(awaitEmails(admin, address, "Reset your Switchboard password", count).get(0));
  }

  static String token(JsonNode email) {
    Matcher link = LINK.matcher(email.path("body").asText());
    if (!link.find()) {
      throw new IllegalStateException("no reset link in " + email);
    }
    return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
  }
}
