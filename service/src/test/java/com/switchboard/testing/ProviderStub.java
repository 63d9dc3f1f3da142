package com.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local stand-in for the Twilio and SendGrid APIs, on the JDK's HTTP server at a random loopback
 * port. Point the SDKs at it with {@code twilio.apiBaseUrl = }{@link #baseUrl()} and {@code
 * sendgrid.host = }{@link #hostAndPort()}.
 *
 * <p><b>Recording.</b> Every request is kept, in arrival order, with its method, path and query,
 * headers, raw body and (for {@code application/x-www-form-urlencoded}) decoded form fields: see
 * {@link #requests()}, {@link #requestsTo(String)}, and {@link #awaitRequestsTo(String, int,
 * Duration)} for requests made by another thread. A request is recorded as soon as its body has
 * been read, before any scripted delay.
 *
 * <p><b>Default answers</b> look like the real APIs, so the SDKs parse them:
 *
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{sid}/Messages.json}: 201 with a Message resource, a fresh
 *       {@code "sid":"SM…"}, the posted To, From and Body echoed and {@code "status":"queued"};
 *   <li>{@code POST /2010-04-01/Accounts/{sid}/Calls.json}: 201 with a Call resource, a fresh
 *       {@code "sid":"CA…"} and {@code "status":"queued"};
 *   <li>{@code POST /v3/mail/send}: 202 with an empty body and a fresh {@code X-Message-Id} header;
 *   <li>anything else: 404 with a Twilio-style JSON error.
 * </ul>
 *
 * <p><b>Scripting.</b> {@link #script(String, Reply...)} makes requests whose path starts with a
 * prefix get the given replies in order, the last one repeating; the latest script whose prefix
 * matches wins. A {@link Reply} sets status, body, extra headers and a delay before answering (for
 * timeouts); {@link Reply#defaultAnswer()} stands for the default answer above, so {@code
 * script(prefix, Reply.status(503), Reply.defaultAnswer())} fails once and then succeeds. {@link
 * #clear()} forgets requests and scripts.
 *
 * <p>Thread-safe. {@link #close()} stops the server at once, cutting short any delayed reply.
 */
public final class ProviderStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TWILIO_RESOURCE =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private final Object lock = new Object();
  private final List<RecordedRequest> recorded = new ArrayList<>();
  private final List<Script> scripts = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private HttpServer server;
  private boolean stopped;
  private ExecutorService executor;

  /** Starts a stub on a random loopback port. */
  public static ProviderStub started() {
    return new ProviderStub().start();
  }

  /** Binds a random loopback port and starts answering; returns this stub. */
  public synchronized ProviderStub start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind the provider stub", e);
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "provider-stub-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "http://" + hostAndPort();
  }

  /** {@code 127.0.0.1:PORT}. */
  public String hostAndPort() {
    InetSocketAddress address = address();
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  public int port() {
    return address().getPort();
  }

  private synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress();
  }

  /**
   * Answers requests whose path (with query) starts with {@code pathPrefix} with {@code replies} in
   * order; the last reply repeats. Replaces nothing: a later script for an overlapping prefix takes
   * precedence.
   */
  public void script(String pathPrefix, Reply... replies) {
    if (replies.length == 0) {
      throw new IllegalArgumentException("at least one reply");
    }
    synchronized (lock) {
      scripts.add(new Script(pathPrefix, List.of(replies)));
    }
  }

  /** Every request so far, oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  /** The requests whose path (with query) starts with {@code pathPrefix}, oldest first. */
  public List<RecordedRequest> requestsTo(String pathPrefix) {
    synchronized (lock) {
      return matching(pathPrefix);
    }
  }

  /**
   * Waits until at least {@code count} requests to {@code pathPrefix} have arrived and returns them
   * all; for requests sent from another thread.
   *
   * @throws AssertionError when they have not arrived within {@code timeout}
   */
  public List<RecordedRequest> awaitRequestsTo(String pathPrefix, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<RecordedRequest> found = matching(pathPrefix);
        if (found.size() >= count) {
          return found;
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " request(s) to "
                  + pathPrefix
                  + " within "
                  + timeout
                  + ", got "
                  + found.size()
                  + "; all requests: "
                  + recorded.stream().map(r -> r.method() + " " + r.path()).toList());
        }
        try {
          lock.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for requests", e);
        }
      }
    }
  }

  /** Forgets recorded requests and scripts; default answers apply again. */
  public void clear() {
    synchronized (lock) {
      recorded.clear();
      scripts.clear();
    }
  }

  /** Stops the server immediately; delayed replies are abandoned. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    closing.countDown();
    if (server != null && !stopped) {
      stopped = true;
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private List<RecordedRequest> matching(String pathPrefix) {
    return recorded.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      RecordedRequest request = record(exchange);
      Reply reply = replyFor(request);
      if (!reply.delay.isZero()) {
        try {
          if (closing.await(reply.delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return; // stub closed while delaying: drop the connection
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(exchange, reply.isDefault ? defaultAnswer(request) : reply);
    } catch (IOException e) {
      // The client went away (e.g. it timed out during a delay); nothing to answer.
    } catch (RuntimeException e) {
      sendQuietly(exchange, Reply.status(500).body("text/plain", "provider stub failed: " + e));
    } finally {
      exchange.close();
    }
  }

  private RecordedRequest record(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String body = new String(bytes, StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    Map<String, List<String>> form =
        contentType != null
                && contentType
                    .toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")
            ? decodeForm(body)
            : Map.of();
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()),
            Collections.unmodifiableMap(headers),
            body,
            form);
    synchronized (lock) {
      recorded.add(request);
      lock.notifyAll();
    }
    return request;
  }

  private Reply replyFor(RecordedRequest request) {
    synchronized (lock) {
      for (int i = scripts.size() - 1; i >= 0; i--) {
        Script script = scripts.get(i);
        if (request.path().startsWith(script.pathPrefix)) {
          int index = Math.min(script.served.getAndIncrement(), script.replies.size() - 1);
          return script.replies.get(index);
        }
      }
    }
    return Reply.defaultAnswer();
  }

  private static Reply defaultAnswer(RecordedRequest request) {
    Matcher twilio = TWILIO_RESOURCE.matcher(request.pathWithoutQuery());
    if (request.method().equals("POST") && twilio.matches()) {
      String accountSid = twilio.group(1);
      return twilio.group(2).equals("Messages")
          ? Reply.status(201).json(twilioMessage(accountSid, request))
          : Reply.status(201).json(twilioCall(accountSid, request));
    }
    if (request.method().equals("POST") && request.pathWithoutQuery().equals("/v3/mail/send")) {
      return Reply.status(202).header("X-Message-Id", sendGridMessageId());
    }
    return Reply.twilioError(
        404, 20404, "The requested resource " + request.pathWithoutQuery() + " was not found");
  }

  private static String twilioMessage(String accountSid, RecordedRequest request) {
    String sid = twilioSid("SM");
    String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
    String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    ObjectNode json = JSON.createObjectNode();
    json.put("account_sid", accountSid);
    json.put("api_version", "2010-04-01");
    json.put("body", request.form("Body"));
    json.put("date_created", now);
    json.putNull("date_sent");
    json.put("date_updated", now);
    json.put("direction", "outbound-api");
    json.putNull("error_code");
    json.putNull("error_message");
    json.put("from", request.form("From"));
    json.put("messaging_service_sid", request.form("MessagingServiceSid"));
    json.put("num_media", "0");
    json.put("num_segments", "1");
    json.putNull("price");
    json.put("price_unit", "USD");
    json.put("sid", sid);
    json.put("status", "queued");
    json.putObject("subresource_uris").put("media", uri + "/Media.json");
    json.put("to", request.form("To"));
    json.put("uri", uri + ".json");
    return json.toString();
  }

  private static String twilioCall(String accountSid, RecordedRequest request) {
    String sid = twilioSid("CA");
    String uri = "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid;
    String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    ObjectNode json = JSON.createObjectNode();
    json.put("account_sid", accountSid);
    json.putNull("answered_by");
    json.put("api_version", "2010-04-01");
    json.putNull("caller_name");
    json.put("date_created", now);
    json.put("date_updated", now);
    json.put("direction", "outbound-api");
    json.putNull("duration");
    json.putNull("end_time");
    json.putNull("forwarded_from");
    json.put("from", request.form("From"));
    json.put("from_formatted", request.form("From"));
    json.putNull("group_sid");
    json.putNull("parent_call_sid");
    json.putNull("phone_number_sid");
    json.putNull("price");
    json.put("price_unit", "USD");
    json.put("queue_time", "0");
    json.put("sid", sid);
    json.putNull("start_time");
    json.put("status", "queued");
    ObjectNode subresources = json.putObject("subresource_uris");
    subresources.put("notifications", uri + "/Notifications.json");
    subresources.put("recordings", uri + "/Recordings.json");
    json.put("to", request.form("To"));
    json.put("to_formatted", request.form("To"));
    json.putNull("trunk_sid");
    json.put("uri", uri + ".json");
    return json.toString();
  }

  /** Twilio SIDs: a two-letter type prefix and 32 lower-case hex digits. */
  private static String twilioSid(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  private static String sendGridMessageId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(22);
    for (int i = 0; i < 22; i++) {
      id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (reply.body == null || reply.body.isEmpty()) {
      exchange.sendResponseHeaders(reply.status, -1);
      return;
    }
    byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendQuietly(HttpExchange exchange, Reply reply) {
    try {
      send(exchange, reply);
    } catch (IOException | RuntimeException ignored) {
      // headers already sent or client gone
    }
  }

  private static Map<String, List<String>> decodeForm(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return Map.of();
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return Collections.unmodifiableMap(
        form.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> List.copyOf(e.getValue()),
                    (a, b) -> a,
                    LinkedHashMap::new)));
  }

  /**
   * One request as the stub received it.
   *
   * @param method {@code GET}, {@code POST}, …
   * @param path the raw path with the raw query, if any, e.g. {@code /v3/mail/send}
   * @param headers header values by name; lookups ignore case
   * @param body the raw body as UTF-8 text; empty when there was none
   * @param form decoded fields of an {@code application/x-www-form-urlencoded} body in the order
   *     sent, each with all its values; empty for other bodies
   */
  public record RecordedRequest(
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      Map<String, List<String>> form) {
    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a form field, or null. */
    public String form(String name) {
      List<String> values = form.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated form field, in the order sent; empty when absent. */
    public List<String> formValues(String name) {
      return form.getOrDefault(name, List.of());
    }

    public String pathWithoutQuery() {
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("request body is not JSON: " + body, e);
      }
    }
  }

  /** A scripted answer: status, optional body and headers, optional delay. Immutable. */
  public static final class Reply {
    private final int status;
    private final String body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final boolean isDefault;

    private Reply(
        int status, String body, Map<String, String> headers, Duration delay, boolean isDefault) {
      this.status = status;
      this.body = body;
      this.headers = headers;
      this.delay = delay;
      this.isDefault = isDefault;
    }

    /** A reply with this status and no body. */
    public static Reply status(int status) {
      return new Reply(status, null, Map.of(), Duration.ZERO, false);
    }

    /** The stub's default answer for the request (see the class comment), e.g. after a delay. */
    public static Reply defaultAnswer() {
      return new Reply(0, null, Map.of(), Duration.ZERO, true);
    }

    /** Twilio's error body: {@code {"code":…,"message":…,"more_info":…,"status":…}}. */
    public static Reply twilioError(int status, int code, String message) {
      ObjectNode json = JSON.createObjectNode();
      json.put("code", code);
      json.put("message", message);
      json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
      json.put("status", status);
      return status(status).json(json.toString());
    }

    /** SendGrid's error body: {@code {"errors":[{"message":…,"field":…,"help":null}]}}. */
    public static Reply sendGridError(int status, String message, String field) {
      ObjectNode json = JSON.createObjectNode();
      ObjectNode error = json.putArray("errors").addObject();
      error.put("message", message);
      error.put("field", field);
      error.putNull("help");
      return status(status).json(json.toString());
    }

    /** This reply with a JSON body and {@code Content-Type: application/json}. */
    public Reply json(String json) {
      return body("application/json", json);
    }

    /** This reply with a body of the given content type. */
    public Reply body(String contentType, String body) {
      return new Reply(status, body, withHeader("Content-Type", contentType), delay, isDefault);
    }

    /** This reply with one more response header. */
    public Reply header(String name, String value) {
      return new Reply(status, body, withHeader(name, value), delay, isDefault);
    }

    /** This reply, sent only after {@code delay} (cut short when the stub closes). */
    public Reply delay(Duration delay) {
      return new Reply(status, body, headers, delay, isDefault);
    }

    private Map<String, String> withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return Collections.unmodifiableMap(copy);
    }
  }

  private static final class Script {
    final String pathPrefix;
    final List<Reply> replies;
    final AtomicInteger served = new AtomicInteger();

    Script(String pathPrefix, List<Reply> replies) {
      this.pathPrefix = pathPrefix;
      this.replies = replies;
    }
  }
}
