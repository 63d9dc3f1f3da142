package com.switchboard.integration.inbound;

import com.switchboard.platform.http.BodyLimitFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.IOException;

/**
 * The Inbound Parse webhook's own body limit ({@code integrations.inboundEmailMaxBytes}, 10 MB by
 * default: emails carry attachments), in place of the general one, which leaves the paths below
 * {@code /api/v1/integrations/} to their resources. Over it: 413 with the JSON error body.
 */
@PreMatching
@Priority(101)
public class InboundEmailBodyLimit implements ContainerRequestFilter {
  private static final String PREFIX = InboundEmailResource.PATH.substring(1) + "/";

  private final BodyLimitFilter limit;

  public InboundEmailBodyLimit(int maxBytes) {
    this.limit = new BodyLimitFilter(maxBytes);
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (request.getUriInfo().getPath().startsWith(PREFIX)) {
      limit.filter(request);
    }
  }
}
