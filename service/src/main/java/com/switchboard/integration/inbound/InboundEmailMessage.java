package com.switchboard.integration.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One email as SendGrid Inbound Parse posts it (multipart/form-data, "raw" off): {@code headers},
 * {@code to}, {@code cc}, {@code from}, {@code subject}, {@code text}, {@code html}, {@code
 * envelope} (JSON: {@code to[]}, {@code from}), {@code charsets} (JSON: field → charset), {@code
 * SPF}, {@code dkim}, {@code sender_ip}, {@code spam_score}, {@code attachments} (a count), {@code
 * attachment-info}, and files {@code attachment1}…. Fields are decoded in the charset {@code
 * charsets} names for them (UTF-8 otherwise).
 *
 * @param recipients the envelope's recipients (the addresses SendGrid received it for), or the
 *     {@code to} and {@code cc} headers' when there is no envelope
 */
record InboundEmailMessage(
    List<String> recipients,
    String from,
    String subject,
    String text,
    String html,
    String messageId,
    String headers,
    String spf,
    String dkim,
    String senderIp,
    int attachments) {

  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>@\\s]+@[^<>\\s]+)>");
  private static final Pattern BARE_ADDRESS = Pattern.compile("([^<>\\s,;\"]+@[^<>\\s,;\"]+)");

  /** Parses the form's fields (name → raw bytes); never fails on odd content. */
  static InboundEmailMessage parse(Map<String, byte[]> fields, ObjectMapper json) {
    JsonNode charsets = jsonField(fields, "charsets", json);
    JsonNode envelope = jsonField(fields, "envelope", json);
    List<String> recipients = new ArrayList<>();
    if (envelope.path("to").isArray()) {
      envelope.path("to").forEach(to -> recipients.addAll(addresses(to.asText())));
    }
    if (recipients.isEmpty()) {
      recipients.addAll(addresses(text(fields, "to", charsets)));
      recipients.addAll(addresses(text(fields, "cc", charsets)));
    }
    List<String> fromHeader = addresses(text(fields, "from", charsets));
    String from =
        !fromHeader.isEmpty()
            ? fromHeader.get(0)
            : envelope.path("from").isTextual() ? envelope.path("from").asText() : null;
    String headers = text(fields, "headers", charsets);
    int attachments;
    try {
      String count = text(fields, "attachments", charsets);
      attachments = count == null ? 0 : Integer.parseInt(count.trim());
    } catch (NumberFormatException e) {
      attachments = 0;
    }
    return new InboundEmailMessage(
        List.copyOf(new LinkedHashSet<>(recipients)),
        from,
        text(fields, "subject", charsets),
        text(fields, "text", charsets),
        text(fields, "html", charsets),
        header(headers, "Message-ID"),
        headers,
        text(fields, "SPF", charsets),
        text(fields, "dkim", charsets),
        text(fields, "sender_ip", charsets),
        attachments);
  }

  /** The addresses in a header value such as {@code "Ops" <ops@example.com>, b@example.com}. */
  static List<String> addresses(String value) {
    if (value == null) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    Matcher angle = ANGLE_ADDRESS.matcher(value);
    while (angle.find()) {
      found.add(angle.group(1));
    }
    if (found.isEmpty()) {
      Matcher bare = BARE_ADDRESS.matcher(value);
      while (bare.find()) {
        found.add(bare.group(1));
      }
    }
    return List.copyOf(found);
  }

  /** The first value of header {@code name} in raw headers (folded lines unfolded), or null. */
  static String header(String headers, String name) {
    if (headers == null) {
      return null;
    }
    String unfolded = headers.replaceAll("\r?\n[ \t]+", " ");
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : unfolded.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        String value = line.substring(prefix.length()).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String text(Map<String, byte[]> fields, String name, JsonNode charsets) {
    byte[] raw = fields.get(name);
    if (raw == null) {
      return null;
    }
    Charset charset = StandardCharsets.UTF_8;
    JsonNode named = charsets.path(name);
    if (named.isTextual()) {
      try {
        charset = Charset.forName(named.asText().trim());
      } catch (IllegalArgumentException e) {
        // An unknown charset name: read it as UTF-8 rather than lose the email.
      }
    }
    return new String(raw, charset);
  }

  private static JsonNode jsonField(Map<String, byte[]> fields, String name, ObjectMapper json) {
    byte[] raw = fields.get(name);
    if (raw == null) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(raw);
      return node == null || !node.isObject() ? json.createObjectNode() : node;
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }
}
