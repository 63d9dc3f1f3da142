package com.switchboard.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * An own Switchboard instance whose SMS and calls go through the real twilio-java SDK and whose
 * email goes through the real sendgrid-java SDK, both pointed at one {@link ProviderStub}. Its
 * public URL is {@link #PUBLIC_URL}, so links, callbacks and webhook signatures use that address
 * while requests go to the local port. {@link #close()} stops both.
 */
public final class ProviderApp implements AutoCloseable {
  public static final String PUBLIC_URL = "https://switchboard.example";
  public static final String ACCOUNT_SID = "AC5f0c3b2a1e9d8c7b6a5f4e3d2c1b0a99";
  public static final String AUTH_TOKEN = "9c1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d";
  public static final String FROM_NUMBER = "+15005550006";
  public static final String SENDGRID_KEY = "SG.switchboard-test.key-0123456789";
  public static final String FROM_ADDRESS = "pager@switchboard.example";
  public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  public static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";
  public static final String MAIL = "/v3/mail/send";
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** The code as texted ("123456") or as a call reads it ("1 2 3 4 5 6"). */
  private static final Pattern CODE = Pattern.compile("verification code: ([0-9](?: ?[0-9]){5})");

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private final ProviderStub stub;
  private final DropwizardTestSupport<SwitchboardConfiguration> app;
  private final String publicUrl;
  private final String contextPath;
  private final Api api;
  private final HttpClient http = HttpClient.newHttpClient();

  private ProviderApp(
      ProviderStub stub,
      DropwizardTestSupport<SwitchboardConfiguration> app,
      String publicUrl,
      String contextPath) {
    this.stub = stub;
    this.app = app;
    this.publicUrl = publicUrl;
    this.contextPath = contextPath;
    this.api = new Api(localUrl());
  }

  public static ProviderApp start() {
    return start(PUBLIC_URL, "");
  }

  /** Starts with these settings on top of the providers' (later ones win). */
  public static ProviderApp start(ConfigOverride... extra) {
    return start(PUBLIC_URL, "", extra);
  }

  /**
   * An instance known to people as {@code publicUrl} whose server serves under {@code contextPath}
   * ({@code ""} for the root): {@code https://example.com/switchboard} and {@code ""} stand for a
   * proxy that strips the prefix, {@code "/switchboard"} for one that forwards it.
   */
  public static ProviderApp start(String publicUrl, String contextPath, ConfigOverride... extra) {
    ProviderStub stub = ProviderStub.started();
    try {
      List<ConfigOverride> overrides = new ArrayList<>();
      if (!contextPath.isEmpty()) {
        overrides.add(ConfigOverride.config("server.applicationContextPath", contextPath));
      }
      overrides.addAll(
          List.of(
              ConfigOverride.config("publicUrl", publicUrl),
              // Quartz refuses less than one second (test-config.yml on this branch says 500ms).
              ConfigOverride.config("jobs.idleWaitTime", "1s"),
              ConfigOverride.config("notify.twilio.accountSid", ACCOUNT_SID),
              ConfigOverride.config("notify.twilio.authToken", AUTH_TOKEN),
              ConfigOverride.config("notify.twilio.fromNumber", FROM_NUMBER),
              ConfigOverride.config("notify.twilio.apiBaseUrl", stub.baseUrl()),
              ConfigOverride.config("notify.sendgrid.apiKey", SENDGRID_KEY),
              ConfigOverride.config("notify.sendgrid.fromAddress", FROM_ADDRESS),
              ConfigOverride.config("notify.sendgrid.host", stub.hostAndPort())));
      overrides.addAll(List.of(extra));
      DropwizardTestSupport<SwitchboardConfiguration> app =
          TestApp.start(overrides.toArray(ConfigOverride[]::new));
      return new ProviderApp(stub, app, publicUrl, contextPath);
    } catch (RuntimeException e) {
      stub.close();
      throw e;
    }
  }

  public ProviderStub stub() {
    return stub;
  }

  public Api api() {
    return api;
  }

  /** Where this instance serves, its context path included. */
  public String localUrl() {
    return "http://localhost:" + app.getLocalPort() + contextPath;
  }

  /** A phone number no other test of this run uses. */
  public static String newPhone() {
    return String.format("+1415%07d", 5_550_000 + NUMBERS.incrementAndGet());
  }

  /** An email address no other test of this run uses. */
  public static String newEmail() {
    return "oncall" + NUMBERS.incrementAndGet() + "@responders.example";
  }

  /**
   * Adds a contact method and verifies it with the code the stub received, as the person would;
   * returns the method's id.
   */
  public String verifiedMethod(Login admin, String userId, String channel, String address) {
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
    String text =
        switch (channel) {
          case "email" -> lastMailTo(address).json().path("content").path(0).path("value").asText();
          case "voice" -> codeCallsTo(address).get(codeCallsTo(address).size() - 1).form("Twiml");
          default -> lastSmsTo(address).form("Body");
        };
    Reply verified =
        api.post(
            "/api/v1/users/" + userId + "/contact-methods/" + id + "/verify",
            Map.of("code", codeIn(text)),
            admin);
    if (verified.status() != 200) {
      throw new IllegalStateException("verifying failed: " + verified);
    }
    return id;
  }

  /** The six-digit code of a verification message. */
  public static String codeIn(String text) {
    Matcher code = CODE.matcher(text == null ? "" : text);
    if (!code.find()) {
      throw new IllegalStateException("no verification code in " + text);
    }
    return code.group(1).replace(" ", "");
  }

  /** Twilio Messages requests to the number, oldest first. */
  public List<RecordedRequest> smsTo(String number) {
    return stub.requestsTo(MESSAGES).stream().filter(r -> number.equals(r.form("To"))).toList();
  }

  /**
   * Twilio Calls requests that page the number (their TwiML is fetched from the service's Url),
   * oldest first.
   */
  public List<RecordedRequest> callsTo(String number) {
    return allCallsTo(number).stream().filter(r -> r.form("Url") != null).toList();
  }

  /** Twilio Calls requests that read a verification code (TwiML inline), oldest first. */
  public List<RecordedRequest> codeCallsTo(String number) {
    return allCallsTo(number).stream().filter(r -> r.form("Twiml") != null).toList();
  }

  private List<RecordedRequest> allCallsTo(String number) {
    return stub.requestsTo(CALLS).stream().filter(r -> number.equals(r.form("To"))).toList();
  }

  /** SendGrid Mail Send requests to the address, oldest first. */
  public List<RecordedRequest> mailTo(String address) {
    return stub.requestsTo(MAIL).stream()
        .filter(
            r ->
                address.equals(
                    r.json()
                        .path("personalizations")
                        .path(0)
                        .path("to")
                        .path(0)
                        .path("email")
                        .asText()))
        .toList();
  }

  public RecordedRequest lastSmsTo(String number) {
    List<RecordedRequest> found = smsTo(number);
    if (found.isEmpty()) {
      throw new AssertionError("no SMS to " + number + " reached the stub");
    }
    return found.get(found.size() - 1);
  }

  public RecordedRequest lastMailTo(String address) {
    List<RecordedRequest> found = mailTo(address);
    if (found.isEmpty()) {
      throw new AssertionError("no email to " + address + " reached the stub");
    }
    return found.get(found.size() - 1);
  }

  /** Waits until {@code count} SMS to the number reached the stub; returns them all. */
  public List<RecordedRequest> awaitSms(String number, int count) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> smsTo(number).size() >= count);
    return smsTo(number);
  }

  public List<RecordedRequest> awaitCalls(String number, int count) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> callsTo(number).size() >= count);
    return callsTo(number);
  }

  public List<RecordedRequest> awaitMail(String address, int count) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> mailTo(address).size() >= count);
    return mailTo(address);
  }

  /**
   * Twilio's request signature, written out here rather than taken from twilio-java: HMAC-SHA1
   * keyed with the auth token over the full URL followed by each POST parameter, sorted by name, as
   * name then value; Base64.
   */
  public static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The path of a URL under {@link #PUBLIC_URL}, e.g. {@code /api/v1/webhooks/twilio/sms}. */
  public static String pathOf(String publicUrl) {
    if (!publicUrl.startsWith(PUBLIC_URL + "/")) {
      throw new AssertionError(publicUrl + " is not under " + PUBLIC_URL);
    }
    return publicUrl.substring(PUBLIC_URL.length());
  }

  /**
   * The path of a URL under this instance's public URL, e.g. {@code /api/v1/webhooks/twilio/sms}.
   */
  public String pathUnderPublicUrl(String url) {
    if (!url.startsWith(publicUrl + "/")) {
      throw new AssertionError(url + " is not under " + publicUrl);
    }
    return url.substring(publicUrl.length());
  }

  /** The form Twilio posts to a call's webhooks while the call to {@code to} is in progress. */
  public static Map<String, String> callParams(String to) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("AccountSid", ACCOUNT_SID);
    params.put("CallSid", "CA0123456789abcdef0123456789abcdef");
    params.put("From", FROM_NUMBER);
    params.put("To", to);
    params.put("CallStatus", "in-progress");
    params.put("Direction", "outbound-api");
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  /** A webhook answer: status, content type and raw body. */
  /** An inbound SMS from {@code from} to the configured number, as Twilio posts it. */
  public static Map<String, String> inboundSms(String from, String body) {
    String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("ToCountry", "US");
    params.put("SmsMessageSid", sid);
    params.put("NumMedia", "0");
    params.put("SmsSid", sid);
    params.put("SmsStatus", "received");
    params.put("Body", body);
    params.put("To", FROM_NUMBER);
    params.put("NumSegments", "1");
    params.put("MessageSid", sid);
    params.put("AccountSid", ACCOUNT_SID);
    params.put("From", from);
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  public record WebhookReply(int status, String contentType, String body) {}

  /** POSTs the form as Twilio would, signed with the configured auth token for the public URL. */
  public WebhookReply postSigned(String path, Map<String, String> params) {
    return postForm(path, params, sign(AUTH_TOKEN, publicUrl + path, params));
  }

  /** POSTs the form with the given {@code X-Twilio-Signature}, or none when null. */
  public WebhookReply postForm(String path, Map<String, String> params, String signature) {
    return postForm(path, params, signature, "application/x-www-form-urlencoded; charset=utf-8");
  }

  /** POSTs the form, UTF-8 encoded, with the given content type and signature (none if null). */
  public WebhookReply postForm(
      String path, Map<String, String> params, String signature, String contentType) {
    String body =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(localUrl() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return send(request.build());
  }

  /** A plain request to this instance, e.g. a browser following an email link. */
  public WebhookReply browser(String method, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(localUrl() + path));
    if (method.equals("POST")) {
      // What a browser sends for a form without fields.
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request.build());
  }

  private WebhookReply send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new WebhookReply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The incident's detail as the API shows it. */
  public JsonNode incident(Login admin, String incidentId) {
    Reply reply = api.get("/api/v1/incidents/" + incidentId, admin);
    if (reply.status() != 200) {
      throw new IllegalStateException("reading the incident failed: " + reply);
    }
    return reply.body();
  }

  /** The incident's timeline events, oldest first. */
  public List<JsonNode> timeline(Login admin, String incidentId) {
    List<JsonNode> events = new ArrayList<>();
    incident(admin, incidentId).path("timeline").forEach(events::add);
    return events;
  }

  /** Waits until the incident's notification with the id has the status. */
  public JsonNode awaitNotification(Login admin, String incidentId, String id, String status) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status.equals(notification(admin, incidentId, id).path("status").asText()));
    return notification(admin, incidentId, id);
  }

  public JsonNode notification(Login admin, String incidentId, String id) {
    for (JsonNode n : incident(admin, incidentId).path("notifications")) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("incident " + incidentId + " has no notification " + id);
  }

  /** Parses a TwiML answer, failing the test when it is not well-formed XML. */
  public static Document twiml(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document =
          factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      if (!document.getDocumentElement().getTagName().equals("Response")) {
        throw new AssertionError("TwiML must have a <Response> root: " + xml);
      }
      return document;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("not well-formed TwiML: " + xml, e);
    }
  }

  /** The element children of a TwiML element, e.g. the verbs of a {@code <Response>}. */
  public static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }

  @Override
  public void close() {
    try {
      app.after();
    } finally {
      stub.close();
    }
  }
}
