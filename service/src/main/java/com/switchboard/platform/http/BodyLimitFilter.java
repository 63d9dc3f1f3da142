package com.switchboard.platform.http;

import com.switchboard.platform.errors.PayloadTooLargeException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Rejects request bodies over the configured limit with 413, whether or not the client sent a
 * Content-Length. Bodies under the limit are small, so reading them into memory is fine.
 */
@PreMatching
@Priority(100)
public class BodyLimitFilter implements ContainerRequestFilter {
  private final int maxBytes;
  private final List<String> ownLimitPaths;

  public BodyLimitFilter(int maxBytes) {
    this(maxBytes, List.of());
  }

  /**
   * @param ownLimitPaths path prefixes (below {@code /api/}) whose resources read and limit their
   *     bodies themselves, because their contract sets another limit and answer
   */
  public BodyLimitFilter(int maxBytes, List<String> ownLimitPaths) {
    this.maxBytes = maxBytes;
    this.ownLimitPaths = List.copyOf(ownLimitPaths);
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String path = request.getUriInfo().getPath();
    if (ownLimitPaths.stream().anyMatch(path::startsWith)) {
      return;
    }
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
