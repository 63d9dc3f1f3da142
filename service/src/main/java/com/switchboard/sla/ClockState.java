package com.switchboard.sla;

import com.switchboard.sla.SlaClockDao.ClockRow;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One clock being changed: pause, resume, meet, re-target, then {@link #recompute} once, which sets
 * its due and warning instants and the status people see. Pure: no database, no Quartz.
 */
final class ClockState {
  final ClockRow row;
  UUID policyId;
  long targetSeconds;
  long warnSeconds;
  long consumedSeconds;
  Instant runningSince;
  Instant dueAt;
  Instant warnAt;
  Instant metAt;
  String status;

  ClockState(ClockRow row) {
    this.row = row;
    this.policyId = row.policyId();
    this.targetSeconds = row.targetSeconds();
    this.warnSeconds = row.warnSeconds();
    this.consumedSeconds = row.consumedSeconds();
    this.runningSince = row.runningSince();
    this.dueAt = row.dueAt();
    this.warnAt = row.warnAt();
    this.metAt = row.metAt();
    this.status = row.status();
  }

  boolean breached() {
    return row.breachedAt() != null;
  }

  boolean running() {
    return runningSince != null;
  }

  /** Met, or breached and then answered: nothing more to wait for. */
  boolean stopped() {
    return metAt != null;
  }

  /** Business seconds counted by {@code at}. */
  long consumedAt(BusinessCalendar calendar, Instant at) {
    return running()
        ? consumedSeconds + calendar.businessTimeBetween(runningSince, at).getSeconds()
        : consumedSeconds;
  }

  void pause(BusinessCalendar calendar, Instant at) {
    if (running()) {
      consumedSeconds = consumedAt(calendar, at);
      runningSince = null;
    }
  }

  void resume(Instant at) {
    if (!running() && !stopped()) {
      runningSince = at;
    }
  }

  void meet(BusinessCalendar calendar, Instant at) {
    pause(calendar, at);
    if (!stopped()) {
      metAt = at;
    }
  }

  /** A solved ticket reopened: its resolution clock counts on from where it stopped. */
  void reopen(Instant at) {
    metAt = null;
    resume(at);
  }

  void retarget(UUID policy, long target, int warningPercent) {
    policyId = policy;
    targetSeconds = target;
    warnSeconds = target * warningPercent / 100;
  }

  /**
   * Sets due and warning instants from what was counted. A breached clock keeps the instant it was
   * due; a clock past its target or warning when re-targeted is due at once.
   */
  void recompute(BusinessCalendar calendar) {
    if (!breached()) {
      dueAt = running() ? at(calendar, targetSeconds) : null;
    }
    warnAt = running() && !breached() && row.warnedAt() == null ? at(calendar, warnSeconds) : null;
    status = breached() ? "breached" : stopped() ? "met" : running() ? "active" : "paused";
  }

  /** When the clock, running since {@code runningSince}, reaches {@code seconds} counted. */
  private Instant at(BusinessCalendar calendar, long seconds) {
    long left = seconds - consumedSeconds;
    if (left <= 0) {
      return runningSince;
    }
    return calendar.addBusinessTime(runningSince, Duration.ofSeconds(left));
  }

  /** The next instant a timer must act at, or null for none. */
  Instant nextEvent() {
    if (!"active".equals(status)) {
      return null;
    }
    if (warnAt != null && (dueAt == null || warnAt.isBefore(dueAt))) {
      return warnAt;
    }
    return dueAt;
  }

  ClockRow toRow(long generation) {
    return new ClockRow(
        row.id(),
        row.ticketId(),
        row.metric(),
        row.cycle(),
        policyId,
        status,
        targetSeconds,
        warnSeconds,
        consumedSeconds,
        runningSince,
        dueAt,
        warnAt,
        row.warnedAt(),
        row.breachedAt(),
        metAt,
        row.incidentId(),
        generation,
        row.ticketNumber(),
        row.ticketSubject(),
        row.customerName(),
        row.tier(),
        row.priority(),
        row.assigneeId());
  }
}
