package com.switchboard.platform.http;

import com.switchboard.platform.errors.PayloadTooLargeException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rejects request bodies over the configured limit with 413, whether or not the client sent a
 * Content-Length. Bodies under the limit are small, so reading them into memory is fine.
 */
@PreMatching
@Priority(100)
public class BodyLimitFilter implements ContainerRequestFilter {
  private final int maxBytes;

  public BodyLimitFilter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (request.getLength() > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    if (!request.hasEntity()) {
      return;
    }
    InputStream body = request.getEntityStream();
    byte[] buffered = body.readNBytes(maxBytes + 1);
    if (buffered.length > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    request.setEntityStream(new ByteArrayInputStream(buffered));
  }
}
