package com.switchboard.ticket;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.escalation.EscalationEngine.Outcome;
import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentService;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Tenant-editable impact rules, and their evaluation when a ticket joins an incident. Each rule
 * acts at most once per incident: the firing row and the action commit together.
 */
public class ImpactRules {
  /** The body of create and replace. */
  public record Request(
      @NotBlank @Size(max = 200) String name,
      @Min(1) @Max(1_000_000) Integer minTickets,
      @Pattern(
              regexp = TicketRequests.TIER_PATTERN,
              message = "must be 1-40 lower-case letters, digits, - or _")
          String tier,
      @NotNull ImpactRule.Action action,
      UUID policyId,
      Boolean enabled) {}

  public record Rules(List<ImpactRule> items) {}

  static final Actor ACTOR = new Actor("Switchboard impact rules", null, "api");

  private static final String SELECT_RULES =
      "SELECT id, name, min_tickets, tier, action, policy_id, enabled, created_at, updated_at"
          + " FROM impact_rules WHERE tenant_id = :tenant";

  private final TenantDatabase db;
  private final IncidentService incidents;
  private final AuditLog audit;
  private final Clock clock;

  public ImpactRules(TenantDatabase db, IncidentService incidents, AuditLog audit, Clock clock) {
    this.db = db;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
  }

  public List<ImpactRule> list(Caller caller) {
    return db.inTenant(
        caller.tenantId(),
        h ->
            h.createQuery(SELECT_RULES + " ORDER BY lower(name), id")
                .bind("tenant", caller.tenantId().value())
                .map((rs, ctx) -> rule(rs))
                .list());
  }

  public ImpactRule get(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> rule(h, caller.tenantId(), id));
  }

  public ImpactRule create(Caller caller, Request request) {
    UUID id = UUID.randomUUID();
    return save(caller, id, request, true);
  }

  public ImpactRule replace(Caller caller, UUID id, Request request) {
    return save(caller, id, request, false);
  }

  public void delete(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          ImpactRule rule = rule(h, caller.tenantId(), id);
          h.createUpdate("DELETE FROM impact_rules WHERE tenant_id = :tenant AND id = :id")
              .bind("tenant", caller.tenantId().value())
              .bind("id", id)
              .execute();
          audit.record(
              h,
              caller,
              "impact_rule.deleted",
              "impact_rule",
              id,
              "deleted impact rule " + rule.name());
        });
  }

  /**
   * Runs every enabled rule the incident now meets and has not fired for it, inside the caller's
   * transaction, which holds the incident's lock. Returns the pages to send after commit.
   */
  Outcome evaluate(Handle h, TenantId tenant, UUID incidentId, CustomerImpact impact) {
    List<ImpactRule> rules =
        h.createQuery(
                SELECT_RULES
                    + " AND enabled AND NOT EXISTS (SELECT 1 FROM impact_rule_firings f"
                    + "   WHERE f.tenant_id = impact_rules.tenant_id AND f.rule_id = impact_rules.id"
                    + "   AND f.incident_id = :incident) ORDER BY created_at, id")
            .bind("tenant", tenant.value())
            .bind("incident", incidentId)
            .map((rs, ctx) -> rule(rs))
            .list();
    List<UUID> dueNow = new ArrayList<>();
    for (ImpactRule rule : rules) {
      if (!rule.matches(impact)) {
        continue;
      }
      int inserted =
          h.createUpdate(
                  "INSERT INTO impact_rule_firings (tenant_id, rule_id, incident_id, fired_at)"
                      + " VALUES (:tenant, :rule, :incident, :now) ON CONFLICT DO NOTHING")
              .bind("tenant", tenant.value())
              .bind("rule", rule.id())
              .bind("incident", incidentId)
              .bind("now", clock.instant())
              .execute();
      if (inserted == 0) {
        continue;
      }
      String reason = rule.reason(impact);
      switch (rule.action()) {
        case RAISE_URGENCY ->
            incidents.raiseUrgency(h, tenant, incidentId, ACTOR, Urgency.HIGH, reason);
        case ADD_RESPONDERS ->
            dueNow.addAll(
                incidents
                    .addResponders(h, tenant, incidentId, ACTOR, rule.policyId(), reason)
                    .dueNow());
      }
    }
    return new Outcome(dueNow);
  }

  private ImpactRule save(Caller caller, UUID id, Request request, boolean create) {
    if (request.minTickets() == null && request.tier() == null) {
      throw new ValidationException("minTickets", "give minTickets, tier or both");
    }
    boolean pages = request.action() == ImpactRule.Action.ADD_RESPONDERS;
    if (pages && request.policyId() == null) {
      throw new ValidationException("policyId", "add_responders needs the policy to page");
    }
    if (!pages && request.policyId() != null) {
      throw new ValidationException("policyId", "only add_responders pages a policy");
    }
    TenantId tenant = caller.tenantId();
    String name = request.name().trim();
    return UniqueNames.orConflict(
        "an impact rule named '" + name + "' already exists",
        () ->
            db.inTenant(
                tenant,
                h -> {
                  if (pages) {
                    h.createQuery(
                            "SELECT id FROM escalation_policies WHERE tenant_id = :tenant AND id = :id")
                        .bind("tenant", tenant.value())
                        .bind("id", request.policyId())
                        .mapTo(UUID.class)
                        .findOne()
                        .orElseThrow(() -> new NotFoundException("escalation policy"));
                  }
                  Instant now = clock.instant();
                  boolean enabled = request.enabled() == null || request.enabled();
                  if (create) {
                    h.createUpdate(
                            "INSERT INTO impact_rules (tenant_id, id, name, min_tickets, tier,"
                                + " action, policy_id, enabled, created_at, updated_at)"
                                + " VALUES (:tenant, :id, :name, :minTickets, :tier, :action,"
                                + " :policyId, :enabled, :now, :now)")
                        .bind("tenant", tenant.value())
                        .bind("id", id)
                        .bind("name", name)
                        .bind("minTickets", request.minTickets())
                        .bind("tier", request.tier())
                        .bind("action", request.action().wireName())
                        .bind("policyId", request.policyId())
                        .bind("enabled", enabled)
                        .bind("now", now)
                        .execute();
                  } else {
                    rule(h, tenant, id);
                    h.createUpdate(
                            "UPDATE impact_rules SET name = :name, min_tickets = :minTickets,"
                                + " tier = :tier, action = :action, policy_id = :policyId,"
                                + " enabled = :enabled, updated_at = :now"
                                + " WHERE tenant_id = :tenant AND id = :id")
                        .bind("tenant", tenant.value())
                        .bind("id", id)
                        .bind("name", name)
                        .bind("minTickets", request.minTickets())
                        .bind("tier", request.tier())
                        .bind("action", request.action().wireName())
                        .bind("policyId", request.policyId())
                        .bind("enabled", enabled)
                        .bind("now", now)
                        .execute();
                  }
                  audit.record(
                      h,
                      caller,
                      create ? "impact_rule.created" : "impact_rule.updated",
                      "impact_rule",
                      id,
                      (create ? "created" : "updated") + " impact rule " + name);
                  return rule(h, tenant, id);
                }));
  }

  private static ImpactRule rule(Handle h, TenantId tenant, UUID id) {
    return h.createQuery(SELECT_RULES + " AND id = :id")
        .bind("tenant", tenant.value())
        .bind("id", id)
        .map((rs, ctx) -> rule(rs))
        .findOne()
        .orElseThrow(() -> new NotFoundException("impact rule"));
  }

  private static ImpactRule rule(ResultSet rs) throws SQLException {
    return new ImpactRule(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getObject("min_tickets", Integer.class),
        rs.getString("tier"),
        ImpactRule.Action.valueOf(rs.getString("action").toUpperCase(java.util.Locale.ROOT)),
        rs.getObject("policy_id", UUID.class),
        rs.getBoolean("enabled"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
