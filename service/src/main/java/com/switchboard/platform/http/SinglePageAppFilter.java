package com.switchboard.platform.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Serves the web UI's index.html for client-side routes such as {@code /teams/42}: any GET outside
 * {@code /api} and {@code /health} whose last path segment has no file extension.
 */
public class SinglePageAppFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    // Below the context path, as the routes are (a server.applicationContextPath behind a proxy).
    String path = http.getRequestURI().substring(http.getContextPath().length());
    if ("GET".equals(http.getMethod()) && isClientRoute(path)) {
      request.getRequestDispatcher("/index.html").forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isClientRoute(String path) {
    if (path.equals("/")
        || path.startsWith("/api/")
        || path.equals("/api")
        || path.equals("/health")) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
