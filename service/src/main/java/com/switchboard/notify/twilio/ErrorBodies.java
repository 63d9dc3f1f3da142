package com.switchboard.notify.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Makes sure twilio-java learns the HTTP status of every error answer. twilio-java takes the status
 * of a failed request from the {@code "status"} field of Twilio's JSON error body; a body that is
 * not that JSON (a proxy's HTML 502 page, an empty 500) would otherwise surface as a parse error
 * with no status, hiding whether the failure is worth retrying.
 */
final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 200;

  private ErrorBodies() {}

  /** The body twilio-java should see for an answer with this status and body. */
  static String normalize(int status, String body) {
    if (status < 400) {
      return body;
    }
    try {
      JsonNode parsed = body == null || body.isBlank() ? null : JSON.readTree(body);
      if (parsed instanceof ObjectNode) {
        ObjectNode object = (ObjectNode) parsed;
        if (!object.path("status").isInt()) {
          object.put("status", status);
        }
        if (!object.path("message").isTextual()) {
          object.put("message", "HTTP " + status);
        }
        return object.toString();
      }
    } catch (IOException e) {
      // not JSON: replaced below
    }
    ObjectNode replacement = JSON.createObjectNode();
    replacement.put("status", status);
    replacement.put("message", describe(body));
    return replacement.toString();
  }

  private static String describe(String body) {
    if (body == null || body.isBlank()) {
      return "empty error body";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return "non-JSON error body: "
        + (flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat);
  }
}
