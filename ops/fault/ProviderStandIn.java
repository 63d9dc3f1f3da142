import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Twilio's and SendGrid's HTTP APIs, in a process of its own, for the fault harness.
 * Records every request it receives, one tab-separated line each, in the log file: {@code
 * epochMillis kind to outcome body} (kind sms|voice|email; outcome ok|fail500|timeout). Answers SMS
 * and calls with resources twilio-java parses, and email with SendGrid's 202.
 *
 * <pre>java ops/fault/ProviderStandIn.java PORT LOGFILE [FAIL_500_SHARE TIMEOUT_SHARE TIMEOUT_MS]</pre>
 *
 * FAIL_500_SHARE and TIMEOUT_SHARE (0..1) apply to Twilio requests only; a timed-out request is
 * answered after TIMEOUT_MS, beyond the service's Twilio timeout.
 */
public class ProviderStandIn {
  private static final Pattern TWILIO =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
  private static final Pattern EMAIL_TO = Pattern.compile("\"to\"\\s*:\\s*\\[\\s*\\{\\s*\"email\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern TEXT = Pattern.compile("\"value\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    Path log = Path.of(args[1]);
    double fail500 = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    double timeout = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    long timeoutMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
    PrintWriter out =
        new PrintWriter(
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND),
            true);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try {
            handle(exchange, out, fail500, timeout, timeoutMillis);
          } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    System.out.println("provider stand-in listening on 127.0.0.1:" + port + ", log " + log);
  }

  private static void handle(
      HttpExchange exchange, PrintWriter out, double fail500, double timeout, long timeoutMillis)
      throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Matcher twilio = TWILIO.matcher(path);
    if (path.equals("/v3/mail/send")) {
      Matcher to = EMAIL_TO.matcher(body);
      Matcher subject = SUBJECT.matcher(body);
      Matcher text = TEXT.matcher(body);
      record(
          out,
          "email",
          to.find() ? to.group(1) : "?",
          "ok",
          (subject.find() ? subject.group(1) : "") + " | " + (text.find() ? text.group(1) : ""));
      reply(exchange, 202, "");
      return;
    }
    if (!twilio.matches()) {
      record(out, "other", path, "404", "");
      reply(exchange, 404, "{}");
      return;
    }
    Map<String, String> form = form(body);
    String kind = twilio.group(2).equals("Messages") ? "sms" : "voice";
    String to = form.getOrDefault("To", "?");
    double roll = ThreadLocalRandom.current().nextDouble();
    if (roll < fail500) {
      record(out, kind, to, "fail500", form.getOrDefault("Body", ""));
      reply(exchange, 500, "{\"code\":20500,\"message\":\"stand-in failure\",\"status\":500}");
      return;
    }
    if (roll < fail500 + timeout) {
      record(out, kind, to, "timeout", form.getOrDefault("Body", ""));
      Thread.sleep(timeoutMillis);
      reply(exchange, 500, "{\"code\":20500,\"message\":\"stand-in timeout\",\"status\":500}");
      return;
    }
    record(out, kind, to, "ok", form.getOrDefault("Body", ""));
    reply(exchange, 201, resource(twilio.group(1), kind, form));
  }

  private static synchronized void record(
      PrintWriter out, String kind, String to, String outcome, String text) {
    out.println(
        System.currentTimeMillis()
            + "\t"
            + kind
            + "\t"
            + to
            + "\t"
            + outcome
            + "\t"
            + text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(bytes);
      }
    }
  }

  /** A Message or Call resource with the fields twilio-java reads. */
  private static String resource(String account, String kind, Map<String, String> form) {
    String sid = (kind.equals("sms") ? "SM" : "CA") + UUID.randomUUID().toString().replace("-", "");
    String uri =
        "/2010-04-01/Accounts/" + account + (kind.equals("sms") ? "/Messages/" : "/Calls/") + sid;
    return "{\"account_sid\":\""
        + account
        + "\",\"api_version\":\"2010-04-01\",\"sid\":\""
        + sid
        + "\",\"status\":\"queued\",\"direction\":\"outbound-api\",\"num_segments\":\"1\","
        + "\"num_media\":\"0\",\"price_unit\":\"USD\",\"uri\":\""
        + uri
        + ".json\"}";
  }
}
