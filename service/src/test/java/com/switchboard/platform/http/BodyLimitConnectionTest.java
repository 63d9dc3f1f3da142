package com.switchboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit is refused unread, so that connection cannot carry another request: the 413
 * says {@code Connection: close}, or a keep-alive client sends its next request into a connection
 * the server is closing and gets no answer at all (found by the fuzz test).
 */
class BodyLimitConnectionTest {
  @Test
  void anOversizedBodyIsRefusedWithConnectionClose() throws IOException {
    int port = TestApp.shared().getLocalPort();
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) 'x');
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/teams HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the server may stop reading once it has answered; its answer is still there to read
      }
      String head = head(socket.getInputStream());

      assertThat(head).startsWith("HTTP/1.1 413");
      assertThat(head.toLowerCase()).contains("connection: close");
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      received.write(b);
      if (received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return received.toString(StandardCharsets.ISO_8859_1);
  }
}
