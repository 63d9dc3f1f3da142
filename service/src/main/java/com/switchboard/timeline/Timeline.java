package com.switchboard.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * An incident's timeline: the record every domain on the paging path writes (incident, escalation,
 * notify, contact, ticket), so it sits below all of them. Events are written in the caller's
 * transaction, so an event exists iff its change does.
 */
public final class Timeline {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The event of a page that failed on every contact method of its person. */
  public static final String PAGE_FAILED = "page_failed";

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
    Daos.on(h, TimelineDao.class)
        .insert(tenant, incidentId, at, kind, actor, channel, message, json);
  }

  /** The incident's events, oldest first. */
  public static List<TimelineEvent> events(Handle h, TenantId tenant, UUID incidentId) {
    return Daos.on(h, TimelineDao.class).events(tenant, incidentId);
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
