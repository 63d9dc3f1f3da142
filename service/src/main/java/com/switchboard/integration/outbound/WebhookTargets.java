package com.switchboard.integration.outbound;

import com.switchboard.platform.errors.ValidationException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook may call. Only http and https; https unless private targets are allowed;
 * and, unless they are, no host that resolves to a loopback, private, link-local, shared or
 * reserved address, checked when the endpoint is saved and again before every attempt (a name may
 * resolve elsewhere later). Redirects are never followed, so a public URL cannot bounce inward.
 */
public final class WebhookTargets {
  public static final int MAX_URL_LENGTH = 2048;

  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  public WebhookTargets(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public WebhookTargets(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The URL to store, or a 422 on {@code url} saying what is wrong with it. */
  public URI check(String raw) {
    URI uri =
        parse(raw)
            .orElseThrow(() -> new ValidationException("url", "must be an absolute http(s) URL"));
    if (!allowPrivate && !uri.getScheme().equals("https")) {
      throw new ValidationException("url", "must use https");
    }
    refusal(uri)
        .ifPresent(
            reason -> {
              throw new ValidationException("url", reason);
            });
    return uri;
  }

  /** Why an attempt must not call this URL now, if it must not. */
  public Optional<String> refusal(URI uri) {
    if (allowPrivate) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        return Optional.of(
            "host "
                + uri.getHost()
                + " resolves to an internal address ("
                + address.getHostAddress()
                + "); private targets are not allowed");
      }
    }
    return Optional.empty();
  }

  static Optional<URI> parse(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_URL_LENGTH) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawFragment() != null) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Loopback, private, link-local, shared (CGNAT), multicast, unique-local and reserved. */
  static boolean isInternal(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0
          || (first == 100 && second >= 64 && second < 128)
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
          || (first == 198 && (second == 18 || second == 19))
          || first >= 240;
    }
    if (address instanceof Inet6Address v6) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // IPv4 inside IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d): judge the IPv4.
      boolean nat64 =
          (b[0] & 0xff) == 0
              && (b[1] & 0xff) == 0x64
              && (b[2] & 0xff) == 0xff
              && (b[3] & 0xff) == 0x9b;
      if (v6.isIPv4CompatibleAddress() || nat64) {
        try {
          return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
