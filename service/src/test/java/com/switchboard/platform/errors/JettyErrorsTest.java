package com.switchboard.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests Jetty refuses before Jersey sees them still get the API's JSON error body. Sent over a
 * raw socket: HTTP clients would normalise or refuse these URIs themselves.
 */
class JettyErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONG = "a".repeat(20_000);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "an empty path segment, /api/v1/teams//x, '', 400, bad_request",
    "a bad percent escape, /api/v1/teams/%zz, '', 400, bad_request",
    "an escaped dot segment, /api/v1/teams/%2e%2e/x, '', 400, bad_request",
    "an escaped NUL, /api/v1/teams/a%00b, '', 400, bad_request",
    "a URI over the limit, /api/v1/teams/LONG, '', 414, uri_too_long",
    "headers over the limit, /api/v1/teams, LONG, 431, headers_too_large",
  })
  void isAnsweredWithTheJsonErrorShape(
      String what, String path, String header, int status, String code) throws IOException {
    String reply =
        exchange(path.replace("LONG", LONG), header.replace("LONG", LONG).isEmpty() ? null : LONG);

    String head = reply.substring(0, reply.indexOf("\r\n\r\n"));
    String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
    assertThat(head).startsWith("HTTP/1.1 " + status);
    assertThat(head.toLowerCase()).contains("content-type: application/json");
    JsonNode error = JSON.readTree(body).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank().doesNotContain("<");
  }

  private static String exchange(String path, String bigHeader) throws IOException {
    int port = TestApp.shared().getLocalPort();
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
              + (bigHeader == null ? "" : "X-Big: " + bigHeader + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return received.toString(StandardCharsets.UTF_8);
    }
  }
}
