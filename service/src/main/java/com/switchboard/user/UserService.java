package com.switchboard.user;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.ApiKeyDao;
import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.auth.SessionDao;
import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.notify.sms.SmsReplyCodeDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.schedule.ScheduleDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Lists and changes the members of a tenant. */
public class UserService {
  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public UserService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  public List<User> list(Caller caller) {
    return db.inTenant(caller.tenantId(), h -> Daos.on(h, UserDao.class).list(caller.tenantId()));
  }

  public User get(Caller caller, UserId id) {
    return db.inTenant(caller.tenantId(), h -> find(h, caller, id));
  }

  public User update(Caller caller, UserId id, UserRequests.UpdateUser change) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          User user = find(h, caller, id);
          // People edit their own profile; an API key acts with its own role, which for a
          // viewer key made by an owner must not mean "may edit the owner".
          boolean self = caller.is(id) && caller.method() == AuthMethod.SESSION;
          if (!self && !caller.role().isAdministrator()) {
            throw new ForbiddenException("only admins may change other users");
          }
          Role role = user.role();
          List<String> changes = new ArrayList<>();
          if (change.role() != null && change.role() != user.role()) {
            requireMayManage(caller, user);
            if (!caller.role().mayGrant(change.role())) {
              throw new ForbiddenException(
                  "a " + caller.role() + " may not grant the role " + change.role());
            }
            if (user.role() == Role.OWNER && user.active()) {
              requireAnotherOwner(h, caller);
            }
            role = change.role();
            changes.add("role " + user.role() + " → " + role);
            // Keys keep the role they were made with; a demoted user must not keep stronger ones.
            Daos.on(h, ApiKeyDao.class).revokeAllOf(caller.tenantId(), id, clock.instant());
          }
          String name = change.name() == null ? user.name() : change.name().trim();
          if (!name.equals(user.name())) {
            changes.add("name");
          }
          String zone =
              change.timeZone() == null
                  ? user.timeZone()
                  : TimeZones.require("timeZone", change.timeZone());
          if (!zone.equals(user.timeZone())) {
            changes.add("time zone " + zone);
          }
          if (change.statusUpdates() != null && change.statusUpdates() != user.statusUpdates()) {
            changes.add("status updates " + (change.statusUpdates() ? "on" : "off"));
            Daos.on(h, UserDao.class)
                .setStatusUpdates(caller.tenantId(), id, change.statusUpdates(), clock.instant());
          }
          if (!changes.isEmpty()) {
            Daos.on(h, UserDao.class)
                .updateProfile(caller.tenantId(), id, name, zone, role, clock.instant());
            audit.record(
                h,
                caller,
                "user.updated",
                "user",
                id,
                user.email() + ": " + String.join(", ", changes));
          }
          return find(h, caller, id);
        });
  }

  public User setActive(Caller caller, UserId id, boolean active) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          User user = find(h, caller, id);
          if (user.active() == active) {
            return user;
          }
          if (caller.is(id)) {
            throw new ConflictException("you cannot deactivate yourself");
          }
          requireMayManage(caller, user);
          if (!active && user.role() == Role.OWNER) {
            requireAnotherOwner(h, caller);
          }
          Instant now = clock.instant();
          Daos.on(h, UserDao.class).setActive(caller.tenantId(), id, active, now);
          if (!active) {
            Daos.on(h, SessionDao.class).deleteForUser(caller.tenantId(), id);
            Daos.on(h, ApiKeyDao.class).revokeAllOf(caller.tenantId(), id, now);
            // Their phones no longer answer pages for them (the reply handler checks too).
            Daos.on(h, SmsReplyCodeDao.class).forgetUser(caller.tenantId(), id.value());
            Daos.on(h, SmsNumberDao.class).forgetUser(caller.tenantId(), id.value(), null, now);
            // Revoked, not hidden: reactivating someone must not revive URLs shared long ago.
            Daos.on(h, ScheduleDao.class).revokeFeedsOf(caller.tenantId(), id, now);
          }
          audit.record(
              h,
              caller,
              active ? "user.reactivated" : "user.deactivated",
              "user",
              id,
              (active ? "reactivated " : "deactivated ") + user.email());
          return find(h, caller, id);
        });
  }

  private static User find(Handle h, Caller caller, UserId id) {
    return Daos.on(h, UserDao.class)
        .findById(caller.tenantId(), id)
        .orElseThrow(() -> new NotFoundException("user"));
  }

  private static void requireMayManage(Caller caller, User target) {
    if (!caller.role().mayGrant(target.role())) {
      throw new ForbiddenException("a " + caller.role() + " may not change a " + target.role());
    }
  }

  private static void requireAnotherOwner(Handle h, Caller caller) {
    if (Daos.on(h, UserDao.class).countActiveOwners(caller.tenantId()) <= 1) {
      throw new ConflictException("a tenant needs at least one active owner");
    }
  }
}
