package com.switchboard.team;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Teams, their members, and the business services they own. */
public class TeamService {
  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public TeamService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Team> listTeams(Caller caller) {
    return db.inTenant(caller.tenantId(), h -> Daos.on(h, TeamDao.class).list(caller.tenantId()));
  }

  public TeamDetail getTeam(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> detail(h, caller, id));
  }

  public TeamDetail createTeam(Caller caller, TeamRequests.CreateTeam request) {
    UUID id = UUID.randomUUID();
    String name = request.name().trim();
    return uniqueName(
        "team",
        name,
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  Daos.on(h, TeamDao.class)
                      .insert(
                          caller.tenantId(),
                          id,
                          name,
                          request.kind(),
                          orEmpty(request.description()),
                          clock.instant());
                  audit.record(
                      h,
                      caller,
                      "team.created",
                      "team",
                      id,
                      "created " + request.kind() + " team " + name);
                  return detail(h, caller, id);
                }));
  }

  public TeamDetail updateTeam(Caller caller, UUID id, TeamRequests.UpdateTeam request) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          Team team = team(h, caller, id);
          String name = request.name() == null ? team.name() : request.name().trim();
          TeamKind kind = request.kind() == null ? team.kind() : request.kind();
          String description =
              request.description() == null ? team.description() : request.description();
          uniqueName(
              "team",
              name,
              () -> {
                Daos.on(h, TeamDao.class).update(caller.tenantId(), id, name, kind, description);
                return null;
              });
          audit.record(h, caller, "team.updated", "team", id, "updated team " + name);
          return detail(h, caller, id);
        });
  }

  public void deleteTeam(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          Team team = team(h, caller, id);
          if (team.serviceCount() > 0) {
            throw new ConflictException(
                "team "
                    + team.name()
                    + " still owns "
                    + team.serviceCount()
                    + " service(s); hand them to another team first");
          }
          Daos.on(h, TeamDao.class).delete(caller.tenantId(), id);
          audit.record(h, caller, "team.deleted", "team", id, "deleted team " + team.name());
        });
  }

  public TeamDetail addMember(Caller caller, UUID teamId, UserId userId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          Team team = team(h, caller, teamId);
          var user =
              Daos.on(h, UserDao.class)
                  .findById(caller.tenantId(), userId)
                  .orElseThrow(() -> new NotFoundException("user"));
          if (Daos.on(h, TeamDao.class)
                  .addMember(caller.tenantId(), teamId, userId, clock.instant())
              > 0) {
            audit.record(
                h,
                caller,
                "team.member_added",
                "team",
                teamId,
                "added " + user.email() + " to " + team.name());
          }
          return detail(h, caller, teamId);
        });
  }

  public TeamDetail removeMember(Caller caller, UUID teamId, UserId userId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          Team team = team(h, caller, teamId);
          String email =
              Daos.on(h, UserDao.class)
                  .findById(caller.tenantId(), userId)
                  .map(user -> user.email())
                  .orElseThrow(() -> new NotFoundException("team member"));
          if (Daos.on(h, TeamDao.class).removeMember(caller.tenantId(), teamId, userId) == 0) {
            throw new NotFoundException("team member");
          }
          audit.record(
              h,
              caller,
              "team.member_removed",
              "team",
              teamId,
              "removed " + email + " from " + team.name());
          return detail(h, caller, teamId);
        });
  }

  public List<BusinessService> searchServices(Caller caller, String query, int limit) {
    String pattern = query == null ? null : escapeLike(query);
    return db.inTenant(
        caller.tenantId(),
        h -> Daos.on(h, ServiceDao.class).search(caller.tenantId(), pattern, limit));
  }

  public BusinessService getService(Caller caller, UUID id) {
    return db.inTenant(caller.tenantId(), h -> service(h, caller, id));
  }

  public BusinessService createService(Caller caller, TeamRequests.CreateService request) {
    UUID id = UUID.randomUUID();
    String name = request.name().trim();
    return uniqueName(
        "service",
        name,
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  Team owner = team(h, caller, request.teamId());
                  Daos.on(h, ServiceDao.class)
                      .insert(
                          caller.tenantId(),
                          id,
                          name,
                          orEmpty(request.description()),
                          owner.id(),
                          clock.instant());
                  audit.record(
                      h,
                      caller,
                      "service.created",
                      "service",
                      id,
                      "created service " + name + " owned by " + owner.name());
                  return service(h, caller, id);
                }));
  }

  public BusinessService updateService(Caller caller, UUID id, TeamRequests.UpdateService request) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          BusinessService current = service(h, caller, id);
          String name = request.name() == null ? current.name() : request.name().trim();
          String description =
              request.description() == null ? current.description() : request.description();
          UUID teamId =
              request.teamId() == null
                  ? current.team().id()
                  : team(h, caller, request.teamId()).id();
          uniqueName(
              "service",
              name,
              () -> {
                Daos.on(h, ServiceDao.class)
                    .update(caller.tenantId(), id, name, description, teamId, clock.instant());
                return null;
              });
          BusinessService updated = service(h, caller, id);
          String summary =
              teamId.equals(current.team().id())
                  ? "updated service " + name
                  : "handed service "
                      + name
                      + " from "
                      + current.team().name()
                      + " to "
                      + updated.team().name();
          audit.record(h, caller, "service.updated", "service", id, summary);
          return updated;
        });
  }

  /** Points a service at an escalation policy, or at none when {@code policyId} is null. */
  public BusinessService setEscalationPolicy(Caller caller, UUID id, UUID policyId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          BusinessService current = service(h, caller, id);
          String policyName = null;
          if (policyId != null) {
            policyName =
                h.createQuery(
                        "SELECT name FROM escalation_policies WHERE tenant_id = :tenant AND id = :id")
                    .bind("tenant", caller.tenantId().value())
                    .bind("id", policyId)
                    .mapTo(String.class)
                    .findOne()
                    .orElseThrow(() -> new NotFoundException("escalation policy"));
          }
          Daos.on(h, ServiceDao.class)
              .setEscalationPolicy(caller.tenantId(), id, policyId, clock.instant());
          audit.record(
              h,
              caller,
              "service.escalation_policy_set",
              "service",
              id,
              policyName == null
                  ? "service " + current.name() + " pages nobody (no escalation policy)"
                  : "service " + current.name() + " pages escalation policy " + policyName);
          return service(h, caller, id);
        });
  }

  public void deleteService(Caller caller, UUID id) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          BusinessService service = service(h, caller, id);
          if (Daos.on(h, ServiceDao.class).incidentCount(caller.tenantId(), id) > 0) {
            throw new ConflictException(
                "service has incidents; its history would be lost, so it cannot be deleted");
          }
          Daos.on(h, ServiceDao.class).delete(caller.tenantId(), id);
          audit.record(
              h, caller, "service.deleted", "service", id, "deleted service " + service.name());
        });
  }

  private static Team team(Handle h, Caller caller, UUID id) {
    return Daos.on(h, TeamDao.class)
        .findById(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("team"));
  }

  private static TeamDetail detail(Handle h, Caller caller, UUID id) {
    TeamDao teams = Daos.on(h, TeamDao.class);
    return TeamDetail.of(
        team(h, caller, id),
        teams.members(caller.tenantId(), id),
        teams.services(caller.tenantId(), id));
  }

  private static BusinessService service(Handle h, Caller caller, UUID id) {
    return Daos.on(h, ServiceDao.class)
        .findById(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("service"));
  }

  private static <R> R uniqueName(String what, String name, java.util.function.Supplier<R> work) {
    return UniqueNames.orConflict("a " + what + " named '" + name + "' already exists", work);
  }

  private static String escapeLike(String query) {
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
