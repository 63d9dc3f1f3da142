package com.switchboard.platform.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;

/**
 * Copies the client's address into a request attribute that Jersey filters can read (JAX-RS has no
 * portable way to get it). Behind a proxy, enable Jetty's forwarded-header support so the address
 * is the client's, not the proxy's.
 */
public class ClientAddressFilter implements Filter {
  public static final String ATTRIBUTE = "switchboard.clientAddress";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
    chain.doFilter(request, response);
  }

  public static String of(ContainerRequestContext request) {
    Object address = request.getProperty(ATTRIBUTE);
    return address == null ? null : address.toString();
  }
}
