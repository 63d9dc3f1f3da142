package com.switchboard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Twilio's Messages API that notes when each SMS request arrived. Switchboard's
 * {@code notify.twilio.apiBaseUrl} points here; every {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} is timestamped ({@link Clocks#nowMicros()}) as soon as
 * its body has been read, then answered 201 with a Message resource twilio-java can parse, after an
 * optional fixed delay standing for the provider's own latency.
 *
 * <p>Pages are kept by (recipient, tenant, incident number), first arrival only, read from the
 * {@code [tenant] #N} of Switchboard's SMS text. Verification codes are kept by recipient.
 */
final class SmsSink implements AutoCloseable {
  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern INCIDENT = Pattern.compile("\\[([^\\]]+)\\] #([0-9]+) ");
  private static final Pattern CODE = Pattern.compile("verification code: ([0-9]{6})");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private final HttpServer server;
  private final ExecutorService executor;
  private final long replyDelayMillis;
  private final Map<String, Long> firstPage = new ConcurrentHashMap<>();
  private final Map<String, Long> firstPageOfIncident = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong pages = new AtomicLong();

  /**
   * @param threads handler threads (each waits out {@code replyDelayMillis} on its own)
   */
  SmsSink(int threads, long replyDelayMillis) {
    this.replyDelayMillis = replyDelayMillis;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind the SMS sink", e);
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "sms-sink-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** When the first SMS about the tenant's incident {@code number} reached {@code to}, or null. */
  Long firstPageMicros(String to, String tenantSlug, long number) {
    return firstPage.get(to + " " + tenantSlug + "#" + number);
  }

  /** When the first SMS about the tenant's incident {@code number} reached anyone, or null. */
  Long firstPageMicros(String tenantSlug, long number) {
    return firstPageOfIncident.get(tenantSlug + "#" + number);
  }

  /** How many distinct (recipient, incident) pages have arrived. */
  long pages() {
    return pages.get();
  }

  /** Every request to the Messages API, pages and codes. */
  long messages() {
    return messages.get();
  }

  /** The latest verification code sent to {@code to}, or null. */
  String code(String to) {
    return codes.get(to);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      long receivedMicros = Clocks.nowMicros();
      Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
        reply(exchange, 404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
        return;
      }
      messages.incrementAndGet();
      Map<String, String> form = form(new String(raw, StandardCharsets.UTF_8));
      String to = form.getOrDefault("To", "");
      String body = form.getOrDefault("Body", "");
      Matcher code = CODE.matcher(body);
      if (code.find()) {
        codes.put(to, code.group(1));
      }
      Matcher incident = INCIDENT.matcher(body);
      if (incident.find()) {
        String key = incident.group(1) + "#" + incident.group(2);
        firstPageOfIncident.putIfAbsent(key, receivedMicros);
        if (firstPage.putIfAbsent(to + " " + key, receivedMicros) == null) {
          pages.incrementAndGet();
        }
      }
      if (replyDelayMillis > 0) {
        try {
          Thread.sleep(replyDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      reply(exchange, 201, message(path.group(1), form));
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A Message resource as the real API answers a create, with the fields twilio-java reads. */
  private static String message(String account, Map<String, String> form) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    String uri = "/2010-04-01/Accounts/" + account + "/Messages/" + sid;
    return "{\"account_sid\":"
        + quote(account)
        + ",\"api_version\":\"2010-04-01\",\"body\":"
        + quote(form.getOrDefault("Body", ""))
        + ",\"date_created\":"
        + quote(now)
        + ",\"date_sent\":null,\"date_updated\":"
        + quote(now)
        + ",\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,\"from\":"
        + quote(form.getOrDefault("From", ""))
        + ",\"num_media\":\"0\",\"num_segments\":\"1\",\"price\":null,\"price_unit\":\"USD\","
        + "\"sid\":"
        + quote(sid)
        + ",\"status\":\"queued\",\"subresource_uris\":{\"media\":"
        + quote(uri + "/Media.json")
        + "},\"to\":"
        + quote(form.getOrDefault("To", ""))
        + ",\"uri\":"
        + quote(uri + ".json")
        + "}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.putIfAbsent(name, value);
    }
    return fields;
  }
}
