package com.switchboard.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixtures for paging: verified contact methods, rules, policies, and the outbox. */
public final class Paging {
  /** The code as texted ("123456") or as a call reads it ("1 2 3 4 5 6"). */
  private static final Pattern CODE = Pattern.compile("code: ([0-9](?: ?[0-9]){5})");

  private final Api api;
  private final Login admin;

  public Paging(Api api, Login admin) {
    this.api = api;
    this.admin = admin;
  }

  /**
   * Adds a contact method and verifies it with the code that arrived in the outbox, as a person
   * would; returns the method's id.
   */
  public String verifiedMethod(String userId, String channel, String address) {
    Reply added =
        api.post(
            "/api/v1/users/" + userId + "/contact-methods",
            Map.of("channel", channel, "address", address),
            admin);
    if (added.status() != 201) {
      throw new IllegalStateException("adding a contact method failed: " + added);
    }
    String id = added.body().path("method").path("id").asText();
    if (added.body().path("method").path("verifiedAt").isTextual()) {
      return id;
    }
    String codeAddress = address;
    JsonNode message = latestOutbox(codeAddress);
    Matcher code = CODE.matcher(message.path("body").asText());
    if (!code.find()) {
      throw new IllegalStateException("no code in " + message);
    }
    Reply verified =
        api.post(
            "/api/v1/users/" + userId + "/contact-methods/" + id + "/verify",
            Map.of("code", code.group(1).replace(" ", "")),
            admin);
    if (verified.status() != 200) {
      throw new IllegalStateException("verifying failed: " + verified);
    }
    return id;
  }

  public void rule(String userId, String methodId, String urgency, int delayMinutes) {
    Reply reply =
        api.post(
            "/api/v1/users/" + userId + "/notification-rules",
            Map.of("contactMethodId", methodId, "urgency", urgency, "delayMinutes", delayMinutes),
            admin);
    if (reply.status() != 201) {
      throw new IllegalStateException("adding a rule failed: " + reply);
    }
  }

  /** A policy whose steps each page the given targets ({type, id[, teamMode]}). */
  public String policy(
      String name, int repeatCount, int delayMinutes, List<List<Map<String, String>>> steps) {
    List<Map<String, Object>> body = new ArrayList<>();
    for (List<Map<String, String>> targets : steps) {
      body.add(Map.of("delayMinutes", delayMinutes, "targets", targets));
    }
    Reply reply =
        api.post(
            "/api/v1/escalation-policies",
            Map.of("name", name, "repeatCount", repeatCount, "steps", body),
            admin);
    if (reply.status() != 201) {
      throw new IllegalStateException("creating a policy failed: " + reply);
    }
    return reply.id();
  }

  public static Map<String, String> user(String id) {
    return Map.of("type", "user", "id", id);
  }

  public static Map<String, String> schedule(String id) {
    return Map.of("type", "schedule", "id", id);
  }

  /** A service owned by a new team and paging the policy. */
  public String service(String name, String policyId) {
    String team = api.createTeam(admin, name + " team", "engineering");
    String service = api.createService(admin, name, "", team);
    Reply set =
        api.put(
            "/api/v1/services/" + service + "/escalation-policy",
            Map.of("policyId", policyId),
            admin);
    if (set.status() != 200) {
      throw new IllegalStateException("setting the policy failed: " + set);
    }
    return service;
  }

  public Reply trigger(String serviceId, String title, String urgency, String dedupKey) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("serviceId", serviceId);
    body.put("title", title);
    body.put("urgency", urgency);
    if (dedupKey != null) {
      body.put("dedupKey", dedupKey);
    }
    return api.post("/api/v1/incidents", body, admin);
  }

  /** The outbox, oldest first. */
  public List<JsonNode> outbox() {
    Reply reply = api.get("/api/v1/outbox?limit=1000", admin);
    List<JsonNode> items = new ArrayList<>();
    reply.body().path("items").forEach(items::add);
    java.util.Collections.reverse(items);
    return items;
  }

  /** Outbound pages (not verification codes), oldest first. */
  public List<JsonNode> pages() {
    return outbox().stream()
        .filter(m -> m.path("direction").asText().equals("outbound"))
        .filter(m -> !m.path("body").asText().contains("verification code"))
        .filter(m -> !m.path("body").asText().startsWith("Switchboard: "))
        .toList();
  }

  /** Waits until the outbox holds {@code count} pages and returns them. */
  public List<JsonNode> awaitPages(int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> pages().size() >= count);
    return pages();
  }

  public JsonNode latestOutbox(String address) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                api.get("/api/v1/outbox?address=" + enc(address), admin).body().path("items").size()
                    > 0);
    return api.get("/api/v1/outbox?address=" + enc(address), admin).body().path("items").get(0);
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
