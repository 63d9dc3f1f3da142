package com.switchboard.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import com.switchboard.audit.AuditLog;
import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Tokens;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.schedule.ScheduleRows.FeedRow;
import com.switchboard.schedule.ScheduleRows.ScheduleRow;
import com.switchboard.schedule.ScheduleViews.CalendarFeedView;
import com.switchboard.schedule.ScheduleViews.ShiftView;
import com.switchboard.schedule.ScheduleViews.ShiftsView;
import com.switchboard.schedule.ScheduleViews.UserRef;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Secret-URL iCalendar feeds (RFC 5545) of a schedule's shifts or of one user's shifts on every
 * schedule, for Google Calendar and Outlook subscriptions. Each shift is one event whose UID is
 * derived from schedule, user and start, so it stays the same across fetches while the shift does.
 */
public class CalendarFeedService {
  static final Duration PAST = Duration.ofDays(14);
  static final Duration AHEAD = Duration.ofDays(90);

  private final TenantDatabase db;
  private final OnCallService onCall;
  private final AuditLog audit;
  private final Clock clock;
  private final String publicUrl;

  public CalendarFeedService(
      TenantDatabase db, OnCallService onCall, AuditLog audit, Clock clock, String publicUrl) {
    this.db = db;
    this.onCall = onCall;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Publishing a whole schedule's calendar is for admins. */
  public CalendarFeedView createForSchedule(Caller caller, UUID scheduleId) {
    if (!caller.role().isAdministrator()) {
      throw new ForbiddenException("only admins may publish a schedule's calendar");
    }
    return db.inTenant(
        caller.tenantId(),
        h -> {
          ScheduleRow schedule = ScheduleService.find(h, caller, scheduleId);
          CalendarFeedView feed = create(h, caller, scheduleId, null);
          audit.record(
              h,
              caller,
              "calendar_feed.created",
              "schedule",
              scheduleId,
              "created a calendar feed of " + schedule.name());
          return feed;
        });
  }

  /** Anyone may create a feed of their own shifts; admins may for anyone. */
  public CalendarFeedView createForUser(Caller caller, UUID userId) {
    if (!isSelf(caller, userId) && !caller.role().isAdministrator()) {
      throw new ForbiddenException("only admins may create calendar feeds for other users");
    }
    return db.inTenant(
        caller.tenantId(),
        h -> {
          if (!onCall.users(h, caller.tenantId()).containsKey(userId)) {
            throw new NotFoundException("user");
          }
          CalendarFeedView feed = create(h, caller, null, userId);
          audit.record(
              h,
              caller,
              "calendar_feed.created",
              "user",
              userId,
              "created a personal calendar feed");
          return feed;
        });
  }

  public void revoke(Caller caller, UUID feedId) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          FeedRow feed =
              schedules
                  .findFeed(caller.tenantId(), feedId)
                  .orElseThrow(() -> new NotFoundException("calendar feed"));
          if (!isSelf(caller, feed.createdBy()) && !caller.role().isAdministrator()) {
            throw new ForbiddenException("only its creator or an admin may revoke a calendar feed");
          }
          if (schedules.revokeFeed(caller.tenantId(), feedId, clock.instant()) > 0) {
            audit.record(
                h,
                caller,
                "calendar_feed.revoked",
                "calendar_feed",
                feedId,
                "revoked a calendar feed");
          }
        });
  }

  /**
   * A person acting for themselves. An API key acts with its own role only: a viewer key made by an
   * owner must not publish or revoke the owner's feeds.
   */
  private static boolean isSelf(Caller caller, UUID userId) {
    return caller.method() == AuthMethod.SESSION && caller.userId().value().equals(userId);
  }

  /** The iCalendar text for a feed token; unknown or revoked tokens are not found. */
  public String render(String token) {
    Tokens.Parsed parsed =
        Tokens.parse(Tokens.CALENDAR, token)
            .orElseThrow(() -> new NotFoundException("calendar feed"));
    TenantId tenant = parsed.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          ScheduleDao schedules = Daos.on(h, ScheduleDao.class);
          FeedRow feed =
              schedules
                  .findActiveFeed(tenant, parsed.hash())
                  .orElseThrow(() -> new NotFoundException("calendar feed"));
          Instant now = clock.instant();
          // The feed shows shifts that end after `from`. They are computed from well before it,
          // so each event keeps its real start, and with it its UID, on every fetch; only a
          // shift older than the reach is cut there (at a day-aligned instant).
          Instant from = now.minus(PAST);
          Instant computeFrom =
              from.minus(OnCallService.SHIFT_REACH).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
          Instant to = now.plus(AHEAD);
          ICalendar calendar = new ICalendar();
          calendar.setProductId("-//Switchboard//On-call schedules//EN");
          calendar.setMethod(Method.publish());
          if (feed.scheduleId() != null) {
            ScheduleRow schedule =
                schedules
                    .findSchedule(tenant, feed.scheduleId())
                    .orElseThrow(() -> new NotFoundException("calendar feed"));
            name(calendar, "On call: " + schedule.name());
            ShiftsView shifts = onCall.shifts(h, tenant, schedule.id(), computeFrom, to);
            for (ShiftView shift : shifts.shifts()) {
              if (!shift.end().isAfter(from)) {
                continue;
              }
              UserRef user = shifts.users().get(shift.userId());
              calendar.addEvent(
                  event(
                      schedule,
                      shift,
                      (user == null ? "?" : user.name()) + " on call: " + schedule.name(),
                      now));
            }
          } else {
            UserRef user = onCall.users(h, tenant).get(feed.userId());
            name(calendar, "My on-call shifts" + (user == null ? "" : " (" + user.name() + ")"));
            for (UUID scheduleId : schedules.schedulesInvolving(tenant, feed.userId(), from)) {
              ScheduleRow schedule = schedules.findSchedule(tenant, scheduleId).orElseThrow();
              for (ShiftView shift :
                  onCall.shifts(h, tenant, scheduleId, computeFrom, to).shifts()) {
                if (shift.userId().equals(feed.userId()) && shift.end().isAfter(from)) {
                  calendar.addEvent(event(schedule, shift, "On call: " + schedule.name(), now));
                }
              }
            }
          }
          return Biweekly.write(calendar).go();
        });
  }

  /** RFC 7986 NAME, and X-WR-CALNAME, which Google Calendar and Outlook read. */
  private static void name(ICalendar calendar, String name) {
    calendar.setName(name);
    calendar.setExperimentalProperty("X-WR-CALNAME", name);
  }

  private CalendarFeedView create(Handle h, Caller caller, UUID scheduleId, UUID userId) {
    String token = Tokens.issue(Tokens.CALENDAR, caller.tenantId());
    UUID id = UUID.randomUUID();
    Daos.on(h, ScheduleDao.class)
        .insertFeed(
            caller.tenantId(),
            id,
            scheduleId,
            userId,
            Tokens.sha256(token),
            caller.userId(),
            clock.instant());
    return new CalendarFeedView(id, publicUrl + "/api/v1/calendar/" + token + ".ics");
  }

  private static VEvent event(ScheduleRow schedule, ShiftView shift, String summary, Instant now) {
    VEvent event = new VEvent();
    event.setUid(uid(schedule.id(), shift.userId(), shift.start()));
    event.setDateTimeStamp(Date.from(now));
    event.setDateStart(Date.from(shift.start()), true);
    event.setDateEnd(Date.from(shift.end()), true);
    event.setSummary(summary);
    event.setDescription(
        "Switchboard schedule " + schedule.name() + " (" + schedule.timeZone() + ")");
    return event;
  }

  static String uid(UUID scheduleId, UUID userId, Instant start) {
    byte[] digest = Tokens.sha256(scheduleId + "/" + userId + "/" + start.getEpochSecond());
    return HexFormat.of().formatHex(digest, 0, 16) + "@switchboard";
  }
}
