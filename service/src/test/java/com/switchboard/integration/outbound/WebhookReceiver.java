package com.switchboard.integration.outbound;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, written as a tenant's would be from docs/support/webhooks.md: it
 * keeps every request and checks its signature with the shared secret (its own HMAC, not the
 * service's code). It answers {@link #status} — or, for as long as {@link #failuresLeft} is
 * positive, 503.
 */
final class WebhookReceiver implements AutoCloseable {
  record Received(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile int status = 200;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver started() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            receiver.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            int answer = receiver.failuresLeft.getAndDecrement() > 0 ? 503 : receiver.status;
            byte[] reply =
                ("{\"ok\":" + (answer / 100 == 2) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
          });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A URL on loopback where nothing listens: a receiver that is down. */
  static String downUrl() {
    try (WebhookReceiver gone = started()) {
      return gone.url();
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/switchboard";
  }

  /**
   * Verifies {@code Switchboard-Signature: t=…,v1=…} as a receiver would: HMAC-SHA256 keyed with
   * the secret's UTF-8 bytes over {@code t + "." + body}, compared in constant time.
   */
  static boolean verifies(Received request, String secret) {
    String header = request.header("Switchboard-Signature");
    if (header == null) {
      return false;
    }
    String t = null;
    List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        t = kv[1];
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    if (t == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8));
      for (String signature : signatures) {
        if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
