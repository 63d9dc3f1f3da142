package com.switchboard.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Jersey (an ambiguous or badly escaped URI,
 * a URI or headers over the size limits), in the API's JSON error shape instead of Jetty's HTML
 * page. Installed on the server (parse-level errors) and on the application's servlet context.
 */
public class JsonErrorHandler extends ErrorHandler {
  private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private final ObjectMapper mapper;

  public JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : null;
    response.getHeaders().put(JSON);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    if (status == 503) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
    }
    response.write(true, ByteBuffer.wrap(body(status, reason)), callback);
    return true;
  }

  /** The body of an error found while parsing the request, before any handler ran. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  private byte[] body(int status, String reason) {
    try {
      return mapper.writeValueAsBytes(
          ErrorBody.of(ErrorBody.codeFor(status), message(status, reason)));
    } catch (JsonProcessingException e) {
      return ("{\"error\":{\"code\":\"" + ErrorBody.codeFor(status) + "\"}}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Jetty's reason for a client error ("Ambiguous URI empty segment"); nothing for a 5xx. */
  private static String message(int status, String reason) {
    if (status == 503) {
      return "the service is unavailable; retry shortly";
    }
    if (status >= 500) {
      return "internal error";
    }
    String base =
        switch (status) {
          case 414 -> "the URI is longer than the server accepts";
          case 431 -> "the request headers are larger than the server accepts";
          default -> "malformed request";
        };
    return reason == null || reason.isBlank() || status == 414 || status == 431
        ? base
        : base + ": " + reason;
  }
}
