package com.switchboard.sla;

import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.escalation.PolicyReach;
import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Opened;
import com.switchboard.incident.IncidentService.Opening;
import com.switchboard.notify.Notices;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.sla.SlaClockDao.ClockRow;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an SLA timer does when it fires: warns at the policy's warning percent (a notice to the
 * assignee, or when unassigned to whoever the escalation policy's first step reaches now), and at
 * the due instant pages through the SLA policy's escalation policy (an incident on no service,
 * opened with the clock's breach mark in one transaction, paged after commit). The clock row is
 * locked and its generation checked, and each mark is set only where it is not yet, so a timer that
 * runs twice (a node died mid-way and Quartz recovered it) warns and pages once.
 */
public class SlaAlarms {
  static final Actor ACTOR = new Actor("Switchboard SLA", null, "api");
  private static final Logger LOG = LoggerFactory.getLogger(SlaAlarms.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz");
  private static final int TITLE_LENGTH = 500;

  private final TenantDatabase db;
  private final QuartzSlaClocks clocks;
  private final IncidentService incidents;
  private final Notices notices;
  private final PolicyReach reach;
  private final Clock clock;
  private final List<SlaAlarmListener> listeners = new CopyOnWriteArrayList<>();

  public SlaAlarms(
      TenantDatabase db,
      QuartzSlaClocks clocks,
      IncidentService incidents,
      Notices notices,
      PolicyReach reach,
      Clock clock) {
    this.db = db;
    this.clocks = clocks;
    this.incidents = incidents;
    this.notices = notices;
    this.reach = reach;
    this.clock = clock;
  }

  /** Adds a listener told of every warning and breach in the transaction that records it. */
  public void onAlarm(SlaAlarmListener listener) {
    listeners.add(listener);
  }

  /** Acts on the clock's events due by now, if {@code generation} is still the clock's. */
  public void fire(TenantId tenant, UUID clockId, long generation) {
    Optional<Outcome> paging =
        db.inTenant(
            tenant,
            h -> {
              SlaClockDao dao = Daos.on(h, SlaClockDao.class);
              Optional<ClockRow> locked = dao.lock(tenant, clockId);
              if (locked.isEmpty()
                  || locked.get().generation() != generation
                  || !locked.get().status().equals("active")) {
                return Optional.<Outcome>empty();
              }
              ClockRow row = locked.get();
              Optional<SlaPolicy> policy =
                  row.policyId() == null
                      ? Optional.empty()
                      : Daos.on(h, SlaPolicyDao.class)
                          .find(tenant, row.policyId())
                          .map(SlaPolicyService::toPolicy);
              BusinessCalendar calendar =
                  policy.map(SlaPolicy::calendar).orElse(BusinessCalendar.ALWAYS);
              Instant now = clock.instant();
              Optional<Outcome> outcome = Optional.empty();
              boolean warned =
                  row.warnAt() != null
                      && !row.warnAt().isAfter(now)
                      && dao.markWarned(tenant, clockId, now) == 1;
              if (warned) {
                warn(h, tenant, row, policy, now);
              }
              boolean breached =
                  row.dueAt() != null
                      && !row.dueAt().isAfter(now)
                      && dao.markBreached(tenant, clockId, now) == 1;
              if (breached) {
                outcome = breach(h, tenant, row, policy);
              }
              // As marked above, with the breach page's incident.
              ClockRow after = dao.lock(tenant, clockId).orElseThrow();
              if (warned) {
                tell(h, tenant, row, "warning", now, null);
              }
              if (breached) {
                tell(h, tenant, row, "breached", now, after.incidentId());
              }
              // The next event (the breach after a warning), or none once breached.
              clocks.write(h, tenant, new ClockState(after), calendar, now);
              return outcome;
            });
    paging.ifPresent(outcome -> incidents.pageNow(tenant, outcome));
  }

  private void tell(
      Handle h, TenantId tenant, ClockRow row, String kind, Instant now, UUID incidentId) {
    SlaAlarmListener.SlaAlarm alarm =
        new SlaAlarmListener.SlaAlarm(
            kind,
            row.ticketId(),
            row.ticketNumber(),
            row.ticketSubject(),
            row.metric(),
            row.dueAt(),
            now,
            row.customerName(),
            row.tier(),
            row.priority(),
            row.policyId(),
            incidentId);
    for (SlaAlarmListener listener : listeners) {
      listener.alarmed(h, tenant, alarm);
    }
  }

  private void warn(
      Handle h, TenantId tenant, ClockRow row, Optional<SlaPolicy> policy, Instant now) {
    List<UUID> people =
        row.assigneeId() != null
            ? List.of(row.assigneeId())
            : policy
                .map(SlaPolicy::escalationPolicyId)
                .map(id -> reach.firstStep(h, tenant, id, now))
                .orElse(List.of());
    if (people.isEmpty()) {
      LOG.warn("SLA warning for clock {} reaches nobody", row.id());
      return;
    }
    ZoneId zone =
        policy
            .map(SlaPolicy::businessHours)
            .map(hours -> (ZoneId) ZoneId.of(hours.timeZone()))
            .orElse(ZoneOffset.UTC);
    String subject =
        "SLA warning: " + SlaMetrics.spoken(row.metric()) + " on T-" + row.ticketNumber();
    String text =
        "Ticket T-"
            + row.ticketNumber()
            + " \""
            + row.ticketSubject()
            + "\" ("
            + about(row)
            + "): "
            + SlaMetrics.spoken(row.metric())
            + " is due "
            + WHEN.format(row.dueAt().atZone(zone))
            + ".";
    for (UUID person : people) {
      notices.send(h, tenant, person, subject, text);
    }
  }

  private Optional<Outcome> breach(
      Handle h, TenantId tenant, ClockRow row, Optional<SlaPolicy> policy) {
    Optional<UUID> escalationPolicy = policy.map(SlaPolicy::escalationPolicyId);
    if (escalationPolicy.isEmpty()) {
      LOG.warn("SLA breach of clock {} has no escalation policy to page", row.id());
      return Optional.empty();
    }
    String title =
        "SLA breach: "
            + SlaMetrics.spoken(row.metric())
            + " on ticket T-"
            + row.ticketNumber()
            + " "
            + row.ticketSubject();
    String details =
        "Customer: "
            + (row.customerName() == null ? "none" : row.customerName())
            + "\nTier: "
            + (row.tier() == null ? "none" : row.tier())
            + "\nPriority: "
            + row.priority()
            + "\nTarget: "
            + row.targetSeconds() / 60
            + " minutes of business time, due "
            + row.dueAt()
            + "\nSLA policy: "
            + policy.get().name();
    Opened opened =
        incidents.open(
            h,
            tenant,
            ACTOR,
            new Opening(
                null,
                escalationPolicy.get(),
                title.length() > TITLE_LENGTH ? title.substring(0, TITLE_LENGTH - 1) + "…" : title,
                details,
                Urgency.HIGH));
    Daos.on(h, SlaClockDao.class).setIncident(tenant, row.id(), opened.incident().id());
    return Optional.of(opened.outcome());
  }

  private static String about(ClockRow row) {
    List<String> parts = new ArrayList<>();
    if (row.customerName() != null) {
      parts.add(row.customerName());
    }
    if (row.tier() != null) {
      parts.add(row.tier());
    }
    parts.add(row.priority());
    return String.join(", ", parts);
  }
}
