package com.switchboard.integration.inbound;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Serves PagerDuty's path {@code /v2/enqueue} (outside {@code /api}) with the Events API v2
 * resource, so that a tool built for PagerDuty needs only its host changed.
 */
public class EnqueuePath implements Filter {
  public static final String PATH = "/v2/enqueue";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.getRequestDispatcher("/api/v1/integrations/events").forward(request, response);
  }
}
