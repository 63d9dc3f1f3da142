package com.switchboard.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Writes timeline events in the caller's transaction, so an event exists iff its change does. */
public final class Timeline {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Timeline() {}

  public static void record(
      Handle h,
      TenantId tenant,
      UUID incidentId,
      Instant at,
      String kind,
      String actor,
      String channel,
      String message,
      Map<String, ?> detail) {
    String json;
    try {
      json = JSON.writeValueAsString(detail == null ? Map.of() : detail);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("timeline detail is not serialisable", e);
    }
    Daos.on(h, IncidentDao.class)
        .insertEvent(tenant, incidentId, at, kind, actor, channel, message, json);
  }

  /** Shows enough of an address to recognise it: {@code +1•••••0123}, {@code a•••@example.com}. */
  public static String mask(String address) {
    if (address == null || address.isEmpty()) {
      return "";
    }
    int at = address.indexOf('@');
    if (at > 0) {
      return address.charAt(0) + "•••" + address.substring(at);
    }
    if (address.length() <= 6) {
      return "•••" + address.substring(Math.max(0, address.length() - 2));
    }
    return address.substring(0, 2) + "•••••" + address.substring(address.length() - 4);
  }
}
