package com.switchboard.platform.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /health} on the main port, for load balancers: 200 when this node can reach its
 * database, 503 when it cannot. The detailed checks live on the admin port.
 */
public class LoadBalancerHealthServlet extends HttpServlet {
  private final transient Jdbi jdbi;

  public LoadBalancerHealthServlet(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean healthy;
    try {
      healthy = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      healthy = false;
    }
    response.setStatus(healthy ? 200 : 503);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    if (!healthy) {
      response.setHeader("Retry-After", "5");
    }
    response
        .getWriter()
        .write(
            healthy
                ? "{\"status\":\"ok\",\"database\":\"reachable\"}"
                : "{\"status\":\"unavailable\",\"database\":\"unreachable\"}");
  }
}
