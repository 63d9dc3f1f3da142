package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.notify.ActionLinks;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.testing.TestDatabase;
import com.switchboard.testing.WebhookRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may call what, tested once for every endpoint and both ways to authenticate (session cookie
 * and API key): without valid credentials every endpoint answers 401, below admin every admin
 * endpoint answers 403 and changes nothing, administrators may use them, every role may read. A new
 * endpoint is one more line in {@link #endpoints()}.
 *
 * <p>Building the tenant (a member and a key for every role) takes a while, so tests share it and
 * it is rebuilt only after a test that changed something: each test starts {@code dirty} and clears
 * the flag once the database is shown to be as it was.
 */
class AuthorizationTest {
  private static final String V1 = "/api/v1";
  private static final List<String> ADMINISTRATORS = List.of("owner", "admin");
  private static final List<String> BELOW_ADMIN = List.of("responder", "agent", "viewer");
  private static final List<String> OVERRIDE_WRITERS =
      List.of("owner", "admin", "responder", "agent");
  private static final List<String> EVERY_ROLE =
      List.of("owner", "admin", "responder", "agent", "viewer");
  private static final List<String> RESPONDERS = List.of("owner", "admin", "responder");
  private static final List<String> BELOW_RESPONDER = List.of("agent", "viewer");
  private static final List<String> REPORTERS = List.of("owner", "admin", "responder", "agent");
  private static final List<String> AGENTS = List.of("owner", "admin", "agent");
  private static final List<String> BELOW_AGENT = List.of("responder", "viewer");
  private static final Pattern CODE = Pattern.compile("code: ([0-9]{6})");
  private static final List<String> TENANT_TABLES =
      List.of(
          "users",
          "sessions",
          "api_keys",
          "invitations",
          "teams",
          "team_members",
          "services",
          "audit_events",
          "schedules",
          "schedule_layers",
          "schedule_overrides",
          "calendar_feeds",
          "escalation_policies",
          "escalation_steps",
          "escalation_targets",
          "maintenance_windows",
          "contact_methods",
          "notification_rules",
          "incidents",
          "incident_alerts",
          "incident_events",
          "escalations",
          "notifications",
          "outbox_messages",
          "customers",
          "ticket_counters",
          "tickets",
          "ticket_events",
          "ticket_incidents",
          "impact_rules",
          "impact_rule_firings",
          "message_templates",
          "ticket_groups",
          "ticket_group_members",
          "support_settings",
          "sla_policies",
          "sla_clocks",
          "webhook_endpoints",
          "webhook_deliveries",
          "helpdesk_integrations",
          "helpdesk_tickets",
          "password_resets",
          "alert_integrations",
          "alert_severity_urgencies",
          "idempotency_keys",
          "alert_grouping");

  private static final Api api = TestApp.api();
  private static final java.util.concurrent.atomic.AtomicInteger PHONES =
      new java.util.concurrent.atomic.AtomicInteger();

  private static World world;
  private static Map<String, List<String>> baseline;
  private static boolean dirty;

  /** Who an endpoint is for. */
  enum Access {
    EVERY_ROLE,
    ADMINISTRATORS,
    /** Everyone but viewers: schedule overrides (covering a shift, swapping one). */
    OVERRIDE_WRITERS,
    /** Everyone may call it; what they may change depends on the target (tested on its own). */
    DEPENDS_ON_TARGET,
    /** Owners, admins and responders: working incidents, maintenance windows. */
    RESPONDERS,
    /** Everyone but viewers: triggering an incident and adding a note (support agents too). */
    REPORTERS,
    /** Owners, admins and support agents: working tickets and customers. */
    AGENTS,
    /**
     * A user's contact methods and notification rules: the user, signed in, or an administrator.
     * The endpoints here act on another user (a viewer), so only administrators may; a user's own
     * are tested on their own.
     */
    SELF_OR_ADMINISTRATORS
  }

  /** How a caller authenticates: the role's own session, or an API key made with the role. */
  enum Scheme {
    SESSION_COOKIE,
    API_KEY
  }

  /**
   * One tenant: a logged-in member and an API key for every role, and something of each kind for
   * the endpoints to act on.
   */
  record World(
      Api.Login owner,
      Map<String, Api.Login> sessions,
      Map<String, Api.Key> keys,
      String targetUserId,
      String formerUserId,
      String teamId,
      String spareTeamId,
      String teamMemberId,
      String serviceId,
      String spareKeyId,
      String invitationId,
      String scheduleId,
      String layerId,
      String overrideId,
      String feedId,
      Paged paged,
      Support support) {

    Api.Auth as(String role, Scheme scheme) {
      return scheme == Scheme.SESSION_COOKIE ? sessions.get(role) : keys.get(role);
    }
  }

  /**
   * The paging side of the world: a second service of the team (the first must stay deletable,
   * which a service with incidents is not) whose policy pages the target user (who has no verified
   * contact method, so nothing is ever sent and nothing changes later on its own), a spare policy,
   * a triggered incident, the target's SMS number waiting for its code, a rule, a maintenance
   * window, and the outbox message that carried the code.
   */
  record Paged(
      String serviceId,
      String policyId,
      String sparePolicyId,
      String incidentId,
      String methodId,
      String code,
      String ruleId,
      String windowId,
      String outboxId) {}

  /**
   * The support side: a customer, an unlinked ticket on the paged service, a ticket linked to the
   * incident, an impact rule that never fires, a stored "resolved" template, and the premium tier's
   * SLA policy (the customer's ticket has clocks, due in weeks).
   */
  record Support(
      String customerId,
      String ticketId,
      String linkedTicketId,
      String impactRuleId,
      String slaPolicyId) {}

  /** One endpoint: how to call it in a world, who may, and what success answers. */
  record Endpoint(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      Access access,
      int success) {
    @Override
    public String toString() {
      return description;
    }

    Api.Reply call(World world, Api.Auth auth) {
      return api.send(
          method, V1 + path.apply(world), body == null ? null : body.apply(world), auth);
    }
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(
        everyone("GET session", "GET", w -> "/session", 200),
        everyone("DELETE session", "DELETE", w -> "/session", 204),
        new Endpoint(
            "POST session/password",
            "POST",
            w -> "/session/password",
            w -> Map.of("currentPassword", Api.PASSWORD, "newPassword", "a new passphrase"),
            Access.DEPENDS_ON_TARGET,
            204),
        everyone("GET users", "GET", w -> "/users", 200),
        everyone("GET users/{id}", "GET", w -> "/users/" + w.targetUserId(), 200),
        new Endpoint(
            "PATCH users/{id}",
            "PATCH",
            w -> "/users/" + w.targetUserId(),
            w -> Map.of("name", "Renamed"),
            Access.DEPENDS_ON_TARGET,
            200),
        admins("POST users/{id}/deactivate", "POST", w -> user(w.targetUserId(), "deactivate")),
        admins("POST users/{id}/reactivate", "POST", w -> user(w.formerUserId(), "reactivate")),
        admins(
            "POST users/invitations",
            "POST",
            w -> "/users/invitations",
            w -> Map.of("email", "new@" + w.owner().slug() + ".test", "role", "viewer"),
            201),
        admins("GET users/invitations", "GET", w -> "/users/invitations"),
        admins(
            "DELETE users/invitations/{id}",
            "DELETE",
            w -> "/users/invitations/" + w.invitationId(),
            null,
            204),
        admins(
            "POST api-keys",
            "POST",
            w -> "/api-keys",
            w -> Map.of("name", "ci", "role", "viewer"),
            201),
        admins("GET api-keys", "GET", w -> "/api-keys"),
        admins("DELETE api-keys/{id}", "DELETE", w -> "/api-keys/" + w.spareKeyId(), null, 204),
        everyone("GET teams", "GET", w -> "/teams", 200),
        everyone("GET teams/{id}", "GET", w -> "/teams/" + w.teamId(), 200),
        admins(
            "POST teams",
            "POST",
            w -> "/teams",
            w -> Map.of("name", "New Team", "kind", "support"),
            201),
        admins(
            "PATCH teams/{id}",
            "PATCH",
            w -> "/teams/" + w.teamId(),
            w -> Map.of("description", "changed"),
            200),
        admins("DELETE teams/{id}", "DELETE", w -> "/teams/" + w.spareTeamId(), null, 204),
        admins(
            "PUT teams/{id}/members/{userId}", "PUT", w -> members(w.teamId(), w.targetUserId())),
        admins(
            "DELETE teams/{id}/members/{userId}",
            "DELETE",
            w -> members(w.teamId(), w.teamMemberId())),
        everyone("GET services", "GET", w -> "/services", 200),
        everyone("GET services?q=", "GET", w -> "/services?q=check", 200),
        everyone("GET services/{id}", "GET", w -> "/services/" + w.serviceId(), 200),
        admins(
            "POST services",
            "POST",
            w -> "/services",
            w -> Map.of("name", "New Service", "teamId", w.teamId()),
            201),
        admins(
            "PATCH services/{id}",
            "PATCH",
            w -> "/services/" + w.serviceId(),
            w -> Map.of("description", "changed"),
            200),
        admins("DELETE services/{id}", "DELETE", w -> "/services/" + w.serviceId(), null, 204),
        admins("GET audit", "GET", w -> "/audit"),
        everyone("GET schedules", "GET", w -> "/schedules", 200),
        everyone("GET schedules/{id}", "GET", w -> schedule(w), 200),
        everyone("GET schedules/{id}?history=true", "GET", w -> schedule(w) + "?history=true", 200),
        admins(
            "POST schedules",
            "POST",
            w -> "/schedules",
            w -> scheduleBody("New Schedule", w.teamMemberId()),
            201),
        admins(
            "PATCH schedules/{id}",
            "PATCH",
            w -> schedule(w),
            w -> Map.of("description", "changed", "timeZone", "Europe/Berlin"),
            200),
        admins("DELETE schedules/{id}", "DELETE", w -> schedule(w), null, 204),
        admins(
            "POST schedules/{id}/layers",
            "POST",
            w -> schedule(w) + "/layers",
            w -> layer("Follow the sun", "2027-01-04T14:00:00Z", w.targetUserId()),
            201),
        admins(
            "PUT schedules/{id}/layers/{layerId}",
            "PUT",
            w -> schedule(w) + "/layers/" + w.layerId(),
            w -> layer("Weekly, changed", "2027-02-01T14:00:00Z", w.targetUserId()),
            200),
        admins(
            "DELETE schedules/{id}/layers/{layerId}",
            "DELETE",
            w -> schedule(w) + "/layers/" + w.layerId()),
        everyone(
            "GET schedules/{id}/shifts",
            "GET",
            w -> schedule(w) + "/shifts?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
            200),
        everyone(
            "GET schedules/{id}/shifts (next 7 days)", "GET", w -> schedule(w) + "/shifts", 200),
        everyone(
            "GET schedules/{id}/oncall",
            "GET",
            w -> schedule(w) + "/oncall?at=2027-01-05T12:00:00Z",
            200),
        everyone(
            "GET schedules/{id}/overrides",
            "GET",
            w -> schedule(w) + "/overrides?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
            200),
        overrides(
            "POST schedules/{id}/overrides",
            "POST",
            w -> schedule(w) + "/overrides",
            w -> overrideBody(w.targetUserId(), "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z"),
            201),
        overrides(
            "POST schedules/{id}/overrides/batch",
            "POST",
            w -> schedule(w) + "/overrides/batch",
            w ->
                Map.of(
                    "overrides",
                    List.of(
                        overrideBody(
                            w.targetUserId(), "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z"),
                        overrideBody(
                            w.teamMemberId(), "2027-01-19T00:00:00Z", "2027-01-20T00:00:00Z"))),
            201),
        overrides(
            "DELETE schedules/{id}/overrides/{overrideId}",
            "DELETE",
            w -> schedule(w) + "/overrides/" + w.overrideId(),
            null,
            204),
        everyone("GET oncall", "GET", w -> "/oncall", 200),
        everyone(
            "GET oncall?at&teamId&userId",
            "GET",
            w ->
                "/oncall?at=2027-01-05T12:00:00Z&teamId="
                    + w.teamId()
                    + "&userId="
                    + w.teamMemberId(),
            200),
        admins(
            "POST calendar-feeds {scheduleId}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("scheduleId", w.scheduleId()),
            201),
        new Endpoint(
            "POST calendar-feeds {userId}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("userId", w.targetUserId()),
            Access.DEPENDS_ON_TARGET,
            201),
        new Endpoint(
            "DELETE calendar-feeds/{id}",
            "DELETE",
            w -> "/calendar-feeds/" + w.feedId(),
            null,
            Access.DEPENDS_ON_TARGET,
            204),
        // Escalation policies and what a service pages.
        everyone("GET escalation-policies", "GET", w -> "/escalation-policies", 200),
        everyone(
            "GET escalation-policies/{id}/preview",
            "GET",
            w -> "/escalation-policies/" + w.paged().policyId() + "/preview",
            200),
        everyone(
            "GET escalation-policies/{id}",
            "GET",
            w -> "/escalation-policies/" + w.paged().policyId(),
            200),
        admins(
            "POST escalation-policies",
            "POST",
            w -> "/escalation-policies",
            w -> policyBody("New Policy", w.targetUserId()),
            201),
        admins(
            "PUT escalation-policies/{id}",
            "PUT",
            w -> "/escalation-policies/" + w.paged().policyId(),
            w -> policyBody("Replaced Policy", w.teamMemberId()),
            200),
        admins(
            "DELETE escalation-policies/{id}",
            "DELETE",
            w -> "/escalation-policies/" + w.paged().sparePolicyId(),
            null,
            204),
        admins(
            "PUT services/{id}/escalation-policy",
            "PUT",
            w -> "/services/" + w.paged().serviceId() + "/escalation-policy",
            w -> Map.of("policyId", w.paged().sparePolicyId()),
            200),
        everyone(
            "GET services/{id}/support-hours",
            "GET",
            w -> "/services/" + w.paged().serviceId() + "/support-hours",
            200),
        admins(
            "PUT services/{id}/support-hours",
            "PUT",
            w -> "/services/" + w.paged().serviceId() + "/support-hours",
            w ->
                Map.of(
                    "timeZone",
                    "Europe/Berlin",
                    "windows",
                    List.of(
                        Map.of(
                            "startDay",
                            "MONDAY",
                            "startTime",
                            "08:00",
                            "endDay",
                            "FRIDAY",
                            "endTime",
                            "18:00"))),
            200),
        admins(
            "DELETE services/{id}/support-hours",
            "DELETE",
            w -> "/services/" + w.paged().serviceId() + "/support-hours",
            null,
            204),
        everyone(
            "GET services/{id}/maintenance-windows",
            "GET",
            w -> "/services/" + w.paged().serviceId() + "/maintenance-windows",
            200),
        responders(
            "POST services/{id}/maintenance-windows",
            "POST",
            w -> "/services/" + w.paged().serviceId() + "/maintenance-windows",
            w -> Map.of("end", inDays(3), "reason", "failover drill"),
            201),
        responders(
            "DELETE services/{id}/maintenance-windows/{windowId}",
            "DELETE",
            w ->
                "/services/"
                    + w.paged().serviceId()
                    + "/maintenance-windows/"
                    + w.paged().windowId(),
            null,
            204),
        // Contact methods and notification rules: read by all, changed by the user or an admin.
        everyone(
            "GET users/{id}/contact-methods", "GET", w -> contactMethods(w.targetUserId()), 200),
        selfOrAdmins(
            "POST users/{id}/contact-methods",
            "POST",
            w -> contactMethods(w.targetUserId()),
            w -> Map.of("channel", "email", "address", "desk@" + w.owner().slug() + ".test"),
            201),
        selfOrAdmins(
            "POST users/{id}/contact-methods/{mid}/send-code",
            "POST",
            w -> contactMethods(w.targetUserId()) + "/" + w.paged().methodId() + "/send-code",
            null,
            200),
        selfOrAdmins(
            "POST users/{id}/contact-methods/{mid}/verify",
            "POST",
            w -> contactMethods(w.targetUserId()) + "/" + w.paged().methodId() + "/verify",
            w -> Map.of("code", w.paged().code()),
            200),
        selfOrAdmins(
            "POST users/{id}/contact-methods/{mid}/test",
            "POST",
            w -> contactMethods(testedMethod.userId()) + "/" + testedMethod.methodId() + "/test",
            null,
            200),
        selfOrAdmins(
            "DELETE users/{id}/contact-methods/{mid}",
            "DELETE",
            w -> contactMethods(w.targetUserId()) + "/" + w.paged().methodId(),
            null,
            204),
        everyone(
            "GET users/{id}/notification-rules",
            "GET",
            w -> notificationRules(w.targetUserId()),
            200),
        selfOrAdmins(
            "POST users/{id}/notification-rules",
            "POST",
            w -> notificationRules(w.targetUserId()),
            w ->
                Map.of(
                    "contactMethodId", w.paged().methodId(), "urgency", "low", "delayMinutes", 15),
            201),
        selfOrAdmins(
            "DELETE users/{id}/notification-rules/{rid}",
            "DELETE",
            w -> notificationRules(w.targetUserId()) + "/" + w.paged().ruleId(),
            null,
            204),
        // Incidents.
        everyone("GET incidents", "GET", w -> "/incidents", 200),
        everyone(
            "GET incidents?status&serviceId&userId&before&limit",
            "GET",
            w ->
                "/incidents?status=triggered,acknowledged&serviceId="
                    + w.paged().serviceId()
                    + "&userId="
                    + w.targetUserId()
                    + "&before=100&limit=10",
            200),
        everyone("GET incidents/{id}", "GET", w -> incident(w), 200),
        everyone("GET incidents/{id}/alerts", "GET", w -> incident(w) + "/alerts?limit=10", 200),
        reporters(
            "POST incidents",
            "POST",
            w -> "/incidents",
            w ->
                Map.of(
                    "serviceId",
                    w.paged().serviceId(),
                    "title",
                    "checkout is slow",
                    "urgency",
                    "low"),
            201),
        reporters(
            "POST incidents/{id}/notes",
            "POST",
            w -> incident(w) + "/notes",
            w -> Map.of("text", "customers report timeouts"),
            200),
        // Agents too: support specialists are paged when a ticket's SLA breaches.
        reporters(
            "POST incidents/{id}/acknowledge",
            "POST",
            w -> incident(w) + "/acknowledge",
            null,
            200),
        reporters("POST incidents/{id}/resolve", "POST", w -> incident(w) + "/resolve", null, 200),
        reporters(
            "POST incidents/{id}/escalate", "POST", w -> incident(w) + "/escalate", null, 200),
        responders(
            "POST incidents/{id}/reassign",
            "POST",
            w -> incident(w) + "/reassign",
            w -> Map.of("userId", w.teamMemberId()),
            200),
        responders(
            "POST incidents/{id}/responders",
            "POST",
            w -> incident(w) + "/responders",
            w -> Map.of("policyId", w.paged().sparePolicyId()),
            200),
        responders(
            "PUT incidents/{id}/urgency",
            "PUT",
            w -> incident(w) + "/urgency",
            w -> Map.of("urgency", "low"),
            200),
        responders(
            "POST incidents/{id}/status-updates",
            "POST",
            w -> incident(w) + "/status-updates",
            w -> Map.of("message", "rolling back"),
            200),
        // Support: customers and tickets for agents, rules and templates for administrators.
        everyone("GET customers", "GET", w -> "/customers?tier=premium&q=ac&limit=5", 200),
        everyone("GET customers/{id}", "GET", w -> "/customers/" + w.support().customerId(), 200),
        agents(
            "POST customers",
            "POST",
            w -> "/customers",
            w -> Map.of("name", "Globex", "tier", "standard"),
            201),
        agents(
            "PATCH customers/{id}",
            "PATCH",
            w -> "/customers/" + w.support().customerId(),
            w -> Map.of("tier", "business"),
            200),
        everyone("GET tickets", "GET", w -> "/tickets?status=new,open&limit=5", 200),
        everyone("GET tickets/{id}", "GET", w -> ticket(w), 200),
        everyone(
            "GET tickets/{id}/engineering-status",
            "GET",
            w -> ticket(w) + "/engineering-status",
            200),
        agents(
            "POST tickets",
            "POST",
            w -> "/tickets",
            w -> Map.of("subject", "Slow", "priority", "normal"),
            201),
        agents(
            "PATCH tickets/{id}", "PATCH", w -> ticket(w), w -> Map.of("priority", "urgent"), 200),
        agents(
            "PUT tickets/{id}/status",
            "PUT",
            w -> ticket(w) + "/status",
            w -> Map.of("status", "pending"),
            200),
        agents(
            "PUT tickets/{id}/assignee",
            "PUT",
            w -> ticket(w) + "/assignee",
            w -> Map.of("assigneeId", w.teamMemberId()),
            200),
        agents(
            "POST tickets/{id}/replies",
            "POST",
            w -> ticket(w) + "/replies",
            w -> Map.of("body", "On it"),
            200),
        agents(
            "POST tickets/{id}/customer-replies",
            "POST",
            w -> ticket(w) + "/customer-replies",
            w -> Map.of("body", "Still broken"),
            200),
        reporters(
            "POST tickets/{id}/notes",
            "POST",
            w -> ticket(w) + "/notes",
            w -> Map.of("body", "Seen it"),
            200),
        agents(
            "POST tickets/{id}/escalate", "POST", w -> ticket(w) + "/escalate", w -> Map.of(), 201),
        agents(
            "POST tickets/{id}/link",
            "POST",
            w -> ticket(w) + "/link",
            w -> Map.of("incidentId", w.paged().incidentId()),
            200),
        agents(
            "DELETE tickets/{id}/link",
            "DELETE",
            w -> "/tickets/" + w.support().linkedTicketId() + "/link",
            null,
            200),
        everyone("GET incidents/{id}/impact", "GET", w -> incident(w) + "/impact", 200),
        everyone("GET impact-rules", "GET", w -> "/impact-rules", 200),
        everyone(
            "GET impact-rules/{id}",
            "GET",
            w -> "/impact-rules/" + w.support().impactRuleId(),
            200),
        admins(
            "POST impact-rules",
            "POST",
            w -> "/impact-rules",
            w -> Map.of("name", "Premium", "tier", "premium", "action", "raise_urgency"),
            201),
        admins(
            "PUT impact-rules/{id}",
            "PUT",
            w -> "/impact-rules/" + w.support().impactRuleId(),
            w -> Map.of("name", "Many", "minTickets", 500, "action", "raise_urgency"),
            200),
        admins(
            "DELETE impact-rules/{id}",
            "DELETE",
            w -> "/impact-rules/" + w.support().impactRuleId(),
            null,
            204),
        everyone("GET message-templates", "GET", w -> "/message-templates", 200),
        admins(
            "PUT message-templates/{event}",
            "PUT",
            w -> "/message-templates/acknowledged",
            w -> Map.of("body", "We are on it, {{requester}}"),
            200),
        admins(
            "DELETE message-templates/{event}",
            "DELETE",
            w -> "/message-templates/resolved",
            null,
            200),
        // SLA policies: administrators write, everyone reads.
        everyone("GET sla-policies", "GET", w -> "/sla-policies", 200),
        everyone(
            "GET sla-policies/{id}", "GET", w -> "/sla-policies/" + w.support().slaPolicyId(), 200),
        admins(
            "POST sla-policies",
            "POST",
            w -> "/sla-policies",
            w -> slaPolicy("business", w.paged().policyId()),
            201),
        admins(
            "PUT sla-policies/{id}",
            "PUT",
            w -> "/sla-policies/" + w.support().slaPolicyId(),
            w -> slaPolicy("premium", w.paged().policyId()),
            200),
        admins(
            "DELETE sla-policies/{id}",
            "DELETE",
            w -> "/sla-policies/" + w.support().slaPolicyId(),
            null,
            204),
        // Signals: similar-ticket groups, support settings, the status board.
        everyone("GET ticket-groups", "GET", w -> "/ticket-groups?surging=true&limit=5", 200),
        everyone("GET ticket-groups/{id}", "GET", w -> "/ticket-groups/" + group(w), 200),
        everyone("GET tickets/{id}/similar", "GET", w -> ticket(w) + "/similar", 200),
        agents(
            "POST ticket-groups/{id}/escalate",
            "POST",
            w -> "/ticket-groups/" + group(w) + "/escalate",
            w -> Map.of(),
            201),
        everyone("GET support-settings", "GET", w -> "/support-settings", 200),
        admins(
            "PUT support-settings",
            "PUT",
            w -> "/support-settings",
            w -> Map.of("surgeThreshold", 3, "surgeWindowMinutes", 10),
            200),
        everyone("GET status-board", "GET", w -> "/status-board", 200),
        everyone("GET metrics/incidents", "GET", w -> "/metrics/incidents", 200),
        everyone("GET metrics/support", "GET", w -> "/metrics/support", 200),
        // The outbox shows everyone's pages: administrators only.
        admins("GET outbox", "GET", w -> "/outbox"),
        admins("GET outbox?address&channel&limit", "GET", w -> "/outbox?channel=sms&limit=5"),
        admins(
            "POST outbox/{id}/reply",
            "POST",
            w -> "/outbox/" + w.paged().outboxId() + "/reply",
            w -> Map.of("body", "HELP"),
            200),
        // Outbound webhooks: administrators configure them and read their delivery log.
        admins(
            "POST webhooks",
            "POST",
            w -> "/webhooks",
            w -> Map.of("url", HOOK_URL + "/new", "events", List.of("sla.warning")),
            201),
        admins("GET webhooks", "GET", w -> "/webhooks"),
        admins("GET webhooks/{id}", "GET", w -> "/webhooks/" + hooks.webhookId()),
        admins(
            "PUT webhooks/{id}",
            "PUT",
            w -> "/webhooks/" + hooks.webhookId(),
            w -> Map.of("url", HOOK_URL + "/v2", "events", List.of("sla.breached")),
            200),
        admins("DELETE webhooks/{id}", "DELETE", w -> "/webhooks/" + hooks.webhookId(), null, 204),
        admins(
            "POST webhooks/{id}/rotate-secret",
            "POST",
            w -> "/webhooks/" + hooks.webhookId() + "/rotate-secret"),
        admins(
            "GET webhooks/{id}/deliveries",
            "GET",
            w -> "/webhooks/" + hooks.webhookId() + "/deliveries"),
        admins(
            "POST webhooks/{id}/deliveries/{id}/redeliver",
            "POST",
            w ->
                "/webhooks/"
                    + hooks.webhookId()
                    + "/deliveries/"
                    + hooks.deliveryId()
                    + "/redeliver",
            null,
            202),
        // Inbound helpdesk integrations: administrators configure them. Their events endpoint takes
        // no session or key, only the integration's secret (HelpdeskInboundTest).
        admins(
            "POST helpdesk-integrations",
            "POST",
            w -> "/helpdesk-integrations",
            w -> Map.of("name", "Another helpdesk", "kind", "zendesk"),
            201),
        admins("GET helpdesk-integrations", "GET", w -> "/helpdesk-integrations"),
        admins(
            "GET helpdesk-integrations/{id}", "GET", w -> "/helpdesk-integrations/" + helpdeskId),
        admins(
            "POST helpdesk-integrations/{id}/rotate-secret",
            "POST",
            w -> "/helpdesk-integrations/" + helpdeskId + "/rotate-secret"),
        admins(
            "DELETE helpdesk-integrations/{id}",
            "DELETE",
            w -> "/helpdesk-integrations/" + helpdeskId,
            null,
            204),
        // Inbound alert integrations: administrators only, reads too (the answer holds the key).
        // Their event endpoints take no session or key, only the integration key
        // (InboundEventsTest). Every role reads the severity mapping; administrators set it.
        admins(
            "POST services/{id}/integrations",
            "POST",
            w -> "/services/" + w.serviceId() + "/integrations",
            w -> Map.of("type", "events_v2", "name", "Another monitor"),
            201),
        admins("GET services/{id}/integrations", "GET", w -> alertIntegrations(w)),
        admins(
            "GET services/{id}/integrations/{id}",
            "GET",
            w -> alertIntegrations(w) + "/" + alertIntegrationId),
        admins(
            "POST services/{id}/integrations/{id}/rotate-key",
            "POST",
            w -> alertIntegrations(w) + "/" + alertIntegrationId + "/rotate-key"),
        admins(
            "DELETE services/{id}/integrations/{id}",
            "DELETE",
            w -> alertIntegrations(w) + "/" + alertIntegrationId,
            null,
            204),
        everyone(
            "GET alert-settings/severity-urgency",
            "GET",
            w -> "/alert-settings/severity-urgency",
            200),
        admins(
            "PUT alert-settings/severity-urgency",
            "PUT",
            w -> "/alert-settings/severity-urgency",
            w -> Map.of("info", "high"),
            200),
        everyone(
            "GET services/{id}/alert-grouping",
            "GET",
            w -> "/services/" + w.paged().serviceId() + "/alert-grouping",
            200),
        admins(
            "PUT services/{id}/alert-grouping",
            "PUT",
            w -> "/services/" + w.paged().serviceId() + "/alert-grouping",
            w -> Map.of("incidentsPerWindow", 4, "windowSeconds", 600),
            200),
        admins(
            "DELETE services/{id}/alert-grouping",
            "DELETE",
            w -> "/services/" + w.paged().serviceId() + "/alert-grouping",
            null,
            200),
        // Heartbeat and email integrations are created like every inbound integration; their ping
        // URL and the Inbound Parse webhook take no session or key (HeartbeatMonitorTest,
        // InboundEmailTest).
        admins(
            "POST services/{id}/integrations (heartbeat)",
            "POST",
            w -> "/services/" + w.serviceId() + "/integrations",
            w -> Map.of("type", "heartbeat", "name", "Nightly", "intervalSeconds", 3600),
            201),
        admins(
            "POST services/{id}/integrations (email)",
            "POST",
            w -> "/services/" + w.serviceId() + "/integrations",
            w -> Map.of("type", "email", "name", "Mail", "groupBy", "subject"),
            201));
  }

  private static String alertIntegrations(World w) {
    return "/services/" + w.serviceId() + "/integrations";
  }

  /** The world's inbound alert integration (on its service); rebuilt with the world. */
  private static String alertIntegrationId;

  /** The world's inbound helpdesk integration; rebuilt with the world. */
  private static String helpdeskId;

  /**
   * A viewer's verified email address, which no policy pages, for the test-message endpoint (the
   * target user's method is unverified); rebuilt with the world.
   */
  private record TestedMethod(String userId, String methodId) {}

  private static TestedMethod testedMethod;

  /** Nothing listens at this URL: a delivery to it fails and is recorded, and nothing else. */
  private static final String HOOK_URL = "http://127.0.0.1:9/hooks";

  /** The world's webhook and one (failed) delivery of it; rebuilt with the world. */
  private record Hooks(String webhookId, String deliveryId) {}

  private static Hooks hooks;

  private static Hooks hooks(Api.Login owner) {
    String webhookId =
        expect(
                201,
                api.post(
                    V1 + "/webhooks",
                    Map.of("url", HOOK_URL, "events", List.of("ticket.created")),
                    owner))
            .id();
    return new Hooks(webhookId, WebhookRows.failedDelivery(owner.tenantId(), webhookId));
  }

  /**
   * Credentials that are not credentials: none, well-formed tokens nobody issued, and real tokens
   * presented the wrong way.
   */
  enum Stranger {
    NO_CREDENTIALS,
    UNKNOWN_API_KEY,
    UNKNOWN_SESSION_COOKIE,
    SESSION_TOKEN_AS_API_KEY,
    API_KEY_AS_SESSION_COOKIE;

    Api.Auth auth(World world) {
      Api.Login owner = world.owner();
      String tenantHex = owner.tenantId().replace("-", "");
      String unknownSecret = "x".repeat(43);
      return switch (this) {
        case NO_CREDENTIALS -> Api.ANONYMOUS;
        case UNKNOWN_API_KEY ->
            new Api.Key(owner.tenantId(), "sbk_" + tenantHex + "_" + unknownSecret);
        case UNKNOWN_SESSION_COOKIE -> withCookie(owner, "sbs_" + tenantHex + "_" + unknownSecret);
        case SESSION_TOKEN_AS_API_KEY -> new Api.Key(owner.tenantId(), owner.cookie());
        case API_KEY_AS_SESSION_COOKIE -> withCookie(owner, world.keys().get("owner").token());
      };
    }

    private static Api.Login withCookie(Api.Login owner, String cookie) {
      return new Api.Login(
          owner.tenantId(), owner.slug(), owner.userId(), owner.email(), cookie, owner.csrf());
    }
  }

  static Stream<Arguments> everyEndpointWithEveryStranger() {
    return endpoints()
        .flatMap(endpoint -> Stream.of(Stranger.values()).map(s -> Arguments.of(endpoint, s)));
  }

  static Stream<Arguments> adminEndpointsForRolesBelowAdmin() {
    return combine(Access.ADMINISTRATORS, BELOW_ADMIN);
  }

  static Stream<Arguments> adminEndpointsForAdministrators() {
    return combine(Access.ADMINISTRATORS, ADMINISTRATORS);
  }

  static Stream<Arguments> overrideEndpointsForViewers() {
    return combine(Access.OVERRIDE_WRITERS, List.of("viewer"));
  }

  static Stream<Arguments> overrideEndpointsForOverrideWriters() {
    return combine(Access.OVERRIDE_WRITERS, OVERRIDE_WRITERS);
  }

  static Stream<Arguments> responderEndpointsForAgentsAndViewers() {
    return combine(Access.RESPONDERS, BELOW_RESPONDER);
  }

  static Stream<Arguments> responderEndpointsForResponders() {
    return combine(Access.RESPONDERS, RESPONDERS);
  }

  static Stream<Arguments> reporterEndpointsForViewers() {
    return combine(Access.REPORTERS, List.of("viewer"));
  }

  static Stream<Arguments> reporterEndpointsForReporters() {
    return combine(Access.REPORTERS, REPORTERS);
  }

  static Stream<Arguments> agentEndpointsForRespondersAndViewers() {
    return combine(Access.AGENTS, BELOW_AGENT);
  }

  static Stream<Arguments> agentEndpointsForAgents() {
    return combine(Access.AGENTS, AGENTS);
  }

  static Stream<Arguments> anotherUsersContactEndpointsForRolesBelowAdmin() {
    return combine(Access.SELF_OR_ADMINISTRATORS, BELOW_ADMIN);
  }

  static Stream<Arguments> anotherUsersContactEndpointsForAdministrators() {
    return combine(Access.SELF_OR_ADMINISTRATORS, ADMINISTRATORS);
  }

  static Stream<Arguments> everyRoleWithEachScheme() {
    return EVERY_ROLE.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> administratorsWithEachScheme() {
    return ADMINISTRATORS.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> everyRoleEndpointsForEveryRole() {
    return combine(Access.EVERY_ROLE, EVERY_ROLE);
  }

  static Stream<Arguments> rolesBelowAdminWithEachScheme() {
    return BELOW_ADMIN.stream()
        .flatMap(role -> Stream.of(Scheme.values()).map(s -> Arguments.of(role, s)));
  }

  static Stream<Arguments> rolesBelowAdminAndOtherRoles() {
    return Stream.of(
        Arguments.of("responder", "owner"),
        Arguments.of("responder", "admin"),
        Arguments.of("responder", "viewer"),
        Arguments.of("agent", "admin"),
        Arguments.of("agent", "responder"),
        Arguments.of("viewer", "admin"),
        Arguments.of("viewer", "agent"));
  }

  private static Stream<Arguments> combine(Access access, List<String> roles) {
    return endpoints()
        .filter(endpoint -> endpoint.access() == access)
        .flatMap(
            endpoint ->
                roles.stream()
                    .flatMap(
                        role ->
                            Stream.of(Scheme.values())
                                .map(scheme -> Arguments.of(endpoint, role, scheme))));
  }

  @BeforeAll
  static void startFromAnEmptyDatabase() {
    dirty = true;
  }

  @BeforeEach
  void oneTenantWithEveryRole() {
    if (dirty) {
      TestDatabase.get().truncateAll();
      world = world();
      baseline = snapshot();
    }
    dirty = true;
  }

  // --- the tables

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyEndpointWithEveryStranger")
  void everyEndpointAnswers401WithoutValidCredentials(Endpoint endpoint, Stranger stranger) {
    Api.Reply reply = endpoint.call(world, stranger.auth(world));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " with " + stranger + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(401);
    assertThat(reply.errorCode()).as(as).isEqualTo("unauthorized");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(reply.headers().firstValue("WWW-Authenticate")).as(as).isPresent();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("adminEndpointsForRolesBelowAdmin")
  void rolesBelowAdminAreForbiddenFromAdminEndpoints(
      Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(403);
    assertThat(reply.errorCode()).as(as).isEqualTo("forbidden");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("adminEndpointsForAdministrators")
  void administratorsMayUseAdminEndpoints(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    assertThat(reply.errorCode()).as(as).isNull();
    if (endpoint.method().equals("GET")) {
      assertThat(unchanged).as(as + ": a read changes nothing").isTrue();
    } else {
      assertThat(unchanged).as(as + ": a write changes something").isFalse();
    }
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("everyRoleEndpointsForEveryRole")
  void everyRoleMayReadTheDirectoryAndManageItsSession(
      Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    if (endpoint.method().equals("GET")) {
      assertThat(reply.body().isObject()).as(as).isTrue();
      assertThat(reply.errorCode()).as(as).isNull();
      assertThat(unchanged).as(as + ": a read changes nothing").isTrue();
    }
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("overrideEndpointsForViewers")
  void viewersAreForbiddenFromOverrides(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(403);
    assertThat(reply.errorCode()).as(as).isEqualTo("forbidden");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("overrideEndpointsForOverrideWriters")
  void everyRoleButViewerMayWriteOverrides(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    assertThat(reply.errorCode()).as(as).isNull();
    assertThat(unchanged).as(as + ": a write changes something").isFalse();
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("responderEndpointsForAgentsAndViewers")
  void agentsAndViewersAreForbiddenFromWorkingIncidents(
      Endpoint endpoint, String role, Scheme scheme) {
    assertForbiddenAndUnchanged(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("responderEndpointsForResponders")
  void respondersAndAdministratorsMayWorkIncidents(Endpoint endpoint, String role, Scheme scheme) {
    assertSucceedsAndChanges(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("reporterEndpointsForViewers")
  void viewersAreForbiddenFromTriggeringIncidentsAndAddingNotes(
      Endpoint endpoint, String role, Scheme scheme) {
    assertForbiddenAndUnchanged(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("reporterEndpointsForReporters")
  void everyRoleButViewerMayTriggerIncidentsAndAddNotes(
      Endpoint endpoint, String role, Scheme scheme) {
    assertSucceedsAndChanges(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("agentEndpointsForRespondersAndViewers")
  void respondersAndViewersAreForbiddenFromWorkingTickets(
      Endpoint endpoint, String role, Scheme scheme) {
    assertForbiddenAndUnchanged(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("agentEndpointsForAgents")
  void agentsAndAdministratorsMayWorkTickets(Endpoint endpoint, String role, Scheme scheme) {
    assertSucceedsAndChanges(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("anotherUsersContactEndpointsForRolesBelowAdmin")
  void rolesBelowAdminAreForbiddenFromAnotherUsersContactMethodsAndRules(
      Endpoint endpoint, String role, Scheme scheme) {
    assertForbiddenAndUnchanged(endpoint, role, scheme);
  }

  @ParameterizedTest(name = "{0} as {1} with {2}")
  @MethodSource("anotherUsersContactEndpointsForAdministrators")
  void administratorsMayChangeAnotherUsersContactMethodsAndRules(
      Endpoint endpoint, String role, Scheme scheme) {
    assertSucceedsAndChanges(endpoint, role, scheme);
  }

  private static void assertForbiddenAndUnchanged(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(403);
    assertThat(reply.errorCode()).as(as).isEqualTo("forbidden");
    assertThat(reply.body().path("error").path("message").asText()).as(as).isNotBlank();
    assertThat(unchanged).as(as + ": the database is as it was").isTrue();
  }

  private static void assertSucceedsAndChanges(Endpoint endpoint, String role, Scheme scheme) {
    Api.Reply reply = endpoint.call(world, world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    String as = endpoint + " as " + role + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(endpoint.success());
    assertThat(reply.errorCode()).as(as).isNull();
    assertThat(unchanged).as(as + ": a write changes something").isFalse();
  }

  // --- contact methods and rules: your own (signed in) yes, someone else's only as an admin

  @ParameterizedTest
  @ValueSource(strings = {"owner", "admin", "responder", "agent", "viewer"})
  void everyRoleMayManageTheirOwnContactMethodsAndRulesSignedIn(String role) {
    Api.Login member = world.sessions().get(role);
    String methods = V1 + contactMethods(member.userId());

    Api.Reply added =
        api.post(
            methods,
            Map.of("channel", "email", "address", role + "@pager." + member.slug() + ".test"),
            member);
    String methodId = added.body().path("method").path("id").asText();
    Api.Reply resent = api.post(methods + "/" + methodId + "/send-code", null, member);
    Api.Reply rule =
        api.post(
            V1 + notificationRules(member.userId()),
            Map.of("contactMethodId", methodId, "urgency", "high", "delayMinutes", 0),
            member);
    Api.Reply ruleDeleted =
        api.delete(V1 + notificationRules(member.userId()) + "/" + rule.id(), member);
    Api.Reply methodDeleted = api.delete(methods + "/" + methodId, member);

    dirty = true;
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(added.status()).as("adding: " + added).isEqualTo(201);
    softly
        .assertThat(resent.status())
        .as("asking for a code again at once: " + resent)
        .isEqualTo(429);
    softly.assertThat(rule.status()).as("adding a rule: " + rule).isEqualTo(201);
    softly.assertThat(ruleDeleted.status()).as("deleting the rule: " + ruleDeleted).isEqualTo(204);
    softly
        .assertThat(methodDeleted.status())
        .as("deleting the method: " + methodDeleted)
        .isEqualTo(204);
    softly.assertAll();
  }

  /**
   * An API key acts with its own role, not as its creator: a key below admin made by the owner may
   * not change the owner's contact methods, though the owner signed in may.
   */
  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminApiKeyMayNotChangeItsCreatorsContactMethodsOrRules(String role) {
    Api.Key key = world.keys().get(role);
    String owner = world.owner().userId();

    Api.Reply add =
        api.post(
            V1 + contactMethods(owner),
            Map.of("channel", "email", "address", "keyed@" + world.owner().slug() + ".test"),
            key);
    Api.Reply rule =
        api.post(
            V1 + notificationRules(owner),
            Map.of(
                "contactMethodId", world.paged().methodId(), "urgency", "low", "delayMinutes", 1),
            key);

    boolean unchanged = unchangedSoReusable();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(add.status()).as("adding the owner's method: " + add).isEqualTo(403);
    softly.assertThat(add.errorCode()).isEqualTo("forbidden");
    softly.assertThat(rule.status()).as("adding the owner's rule: " + rule).isEqualTo(403);
    softly.assertThat(unchanged).as("nothing was added").isTrue();
    softly.assertAll();
  }

  // --- your own password: signed in, never with an API key

  @Test
  void everyRoleMayChangeTheirOwnPasswordSignedInButNoApiKeyMay() {
    SoftAssertions softly = new SoftAssertions();
    for (String role : EVERY_ROLE) {
      Map<String, String> wrong =
          Map.of("currentPassword", "not the password", "newPassword", "a new passphrase");
      Map<String, String> right =
          Map.of("currentPassword", Api.PASSWORD, "newPassword", "a new passphrase");
      Api.Reply signedIn = api.post(V1 + "/session/password", wrong, world.sessions().get(role));
      Api.Reply keyed = api.post(V1 + "/session/password", right, world.keys().get(role));
      softly.assertThat(signedIn.status()).as(role + " signed in: " + signedIn).isEqualTo(400);
      softly.assertThat(signedIn.errorCode()).as(role).isEqualTo("wrong_password");
      softly.assertThat(keyed.status()).as(role + " with a key: " + keyed).isEqualTo(403);
      softly.assertThat(keyed.errorCode()).as(role).isEqualTo("forbidden");
    }
    softly.assertThat(unchangedSoReusable()).as("no password changed").isTrue();
    Api.Login viewer = world.sessions().get("viewer");
    Api.Reply changed =
        api.post(
            V1 + "/session/password",
            Map.of("currentPassword", Api.PASSWORD, "newPassword", "a new passphrase"),
            viewer);
    dirty = true;
    softly.assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    softly.assertThat(api.get(V1 + "/session", viewer).status()).isEqualTo(200);
    softly.assertAll();
  }

  // --- one-click email links: the signed link is the credential

  @Test
  void anEmailActionLinkNeedsNoOtherCredentials() {
    String responder = world.sessions().get("responder").userId();
    String email = verifiedEmailMethod(responder);
    String token = emailActionToken(responder, email, ActionLinks.Action.ACKNOWLEDGE);

    Api.Reply page = api.get(V1 + "/email-actions/" + token, Api.ANONYMOUS);
    Api.Reply acknowledged = api.post(V1 + "/email-actions/" + token, null, Api.ANONYMOUS);

    dirty = true;
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.raw()).contains("Acknowledge incident #1");
    assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
    assertThat(
            api.get(V1 + incident(world), world.owner())
                .body()
                .path("incident")
                .path("status")
                .asText())
        .isEqualTo("acknowledged");
  }

  /** The link acts as the user it was sent to, with that user's role: a viewer's does nothing. */
  @Test
  void anEmailActionLinkOfAViewerAnswers403AndChangesNothing() {
    String email = verifiedEmailMethod(world.targetUserId());
    String token = emailActionToken(world.targetUserId(), email, ActionLinks.Action.RESOLVE);
    Map<String, List<String>> before = snapshot();

    Api.Reply reply = api.post(V1 + "/email-actions/" + token, null, Api.ANONYMOUS);

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("forbidden");
    assertThat(snapshot()).as("the incident was not resolved").isEqualTo(before);
  }

  /** Like a session or an API key, an emailed link stops working when its user is deactivated. */
  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST"})
  void anEmailActionLinkOfADeactivatedUserAnswers404AndChangesNothing(String method) {
    String email = verifiedEmailMethod(world.targetUserId());
    String token = emailActionToken(world.targetUserId(), email, ActionLinks.Action.RESOLVE);
    expect(200, api.post(V1 + user(world.targetUserId(), "deactivate"), null, world.owner()));
    Map<String, List<String>> deactivated = snapshot();

    Api.Reply reply = api.send(method, V1 + "/email-actions/" + token, null, Api.ANONYMOUS);

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("not_found");
    assertThat(snapshot()).as("the incident was not resolved").isEqualTo(deactivated);
  }

  // --- calendar feeds: your own shifts yes, someone else's or a whole schedule only as an admin

  @ParameterizedTest
  @ValueSource(strings = {"owner", "admin", "responder", "agent", "viewer"})
  void everyRoleMayCreateAFeedOfTheirOwnShifts(String role) {
    Api.Login member = world.sessions().get(role);

    Api.Reply reply = api.post(V1 + "/calendar-feeds", Map.of("userId", member.userId()), member);

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    String url = reply.body().path("url").asText();
    Api.Reply feed = api.get(url.substring(url.indexOf(V1 + "/calendar/")), Api.ANONYMOUS);
    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("rolesBelowAdminWithEachScheme")
  void nonAdminMayNotCreateAFeedOfAnotherUsersShifts(String role, Scheme scheme) {
    Api.Reply reply =
        api.post(
            V1 + "/calendar-feeds", Map.of("userId", world.targetUserId()), world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged).as("no feed was created").isTrue();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("administratorsWithEachScheme")
  void administratorsMayCreateAFeedOfAnotherUsersShifts(String role, Scheme scheme) {
    Api.Reply reply =
        api.post(
            V1 + "/calendar-feeds", Map.of("userId", world.targetUserId()), world.as(role, scheme));

    dirty = true;
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(unchanged()).as("a feed was created").isFalse();
  }

  /**
   * As for editing a profile: an API key acts with its own role, so a viewer key made by the owner
   * must not use the owner's rights over "their own" calendar feeds.
   */
  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminApiKeyMayNotUseItsCreatorsRightsOverCalendarFeeds(String role) {
    Api.Key key = world.keys().get(role);

    Api.Reply create =
        api.post(V1 + "/calendar-feeds", Map.of("userId", world.owner().userId()), key);
    Api.Reply revoke = api.delete(V1 + "/calendar-feeds/" + world.feedId(), key);

    boolean unchanged = unchangedSoReusable();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(create.status()).as("creating the owner's feed: " + create).isEqualTo(403);
    softly.assertThat(revoke.status()).as("revoking the owner's feed: " + revoke).isEqualTo(403);
    softly.assertThat(unchanged).as("no feed was created or revoked").isTrue();
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminMayNotRevokeAnotherUsersFeed(String role) {
    Api.Reply reply =
        api.delete(V1 + "/calendar-feeds/" + world.feedId(), world.sessions().get(role));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged).as("the feed was not revoked").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void theCreatorOfAFeedMayRevokeIt(String role) {
    Api.Login member = world.sessions().get(role);
    Api.Reply created =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("userId", member.userId()), member));
    String url = created.body().path("url").asText();

    Api.Reply revoked = api.delete(V1 + "/calendar-feeds/" + created.id(), member);

    dirty = true;
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    Api.Reply feed = api.get(url.substring(url.indexOf(V1 + "/calendar/")), Api.ANONYMOUS);
    assertThat(feed.status()).as("the revoked URL: " + feed).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("administratorsWithEachScheme")
  void administratorsMayRevokeAnotherUsersFeed(String role, Scheme scheme) {
    Api.Login responder = world.sessions().get("responder");
    Api.Reply created =
        expect(
            201, api.post(V1 + "/calendar-feeds", Map.of("userId", responder.userId()), responder));

    Api.Reply revoked = api.delete(V1 + "/calendar-feeds/" + created.id(), world.as(role, scheme));

    dirty = true;
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void eachCredentialAuthenticatesAsWhatItIs(Scheme scheme) {
    for (String role : EVERY_ROLE) {
      Api.Reply session = api.get(V1 + "/session", world.as(role, scheme));

      assertThat(session.status()).as(session.toString()).isEqualTo(200);
      assertThat(session.body().path("authMethod").asText())
          .isEqualTo(scheme == Scheme.SESSION_COOKIE ? "SESSION" : "API_KEY");
      assertThat(session.body().path("tenant").path("id").asText())
          .isEqualTo(world.owner().tenantId());
      if (scheme == Scheme.SESSION_COOKIE) {
        assertThat(session.body().path("user").path("role").asText()).isEqualTo(role);
      }
    }
    assertThat(unchangedSoReusable()).as("reading the session changes nothing").isTrue();
  }

  // --- roles an administrator may not hand out or touch

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotCreateAnOwnerApiKey(Scheme scheme) {
    Api.Auth admin = world.as("admin", scheme);

    Api.Reply owner = api.post(V1 + "/api-keys", Map.of("name", "root", "role", "owner"), admin);

    assertThat(owner.status()).as(owner.toString()).isEqualTo(403);
    assertThat(owner.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged()).as("no key was created").isTrue();
    Api.Reply adminKey = api.post(V1 + "/api-keys", Map.of("name", "ops", "role", "admin"), admin);
    assertThat(adminKey.status()).as(adminKey.toString()).isEqualTo(201);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotInviteAnOwner(Scheme scheme) {
    Api.Auth admin = world.as("admin", scheme);
    String email = "boss@" + world.owner().slug() + ".test";

    Api.Reply owner =
        api.post(V1 + "/users/invitations", Map.of("email", email, "role", "owner"), admin);

    assertThat(owner.status()).as(owner.toString()).isEqualTo(403);
    assertThat(owner.errorCode()).isEqualTo("forbidden");
    assertThat(unchanged()).as("no invitation was created").isTrue();
    Api.Reply asAdmin =
        api.post(V1 + "/users/invitations", Map.of("email", email, "role", "admin"), admin);
    assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(201);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotPromoteAnyoneToOwner(Scheme scheme) {
    Api.Reply promote =
        api.patch(
            V1 + "/users/" + world.targetUserId(),
            Map.of("role", "owner"),
            world.as("admin", scheme));

    assertThat(promote.status()).as(promote.toString()).isEqualTo(403);
    assertThat(promote.errorCode()).isEqualTo("forbidden");
    assertThat(userField(world.targetUserId(), "role")).isEqualTo("viewer");
    assertThat(unchangedSoReusable()).isTrue();
  }

  /**
   * The target is a second owner: an admin-role API key made by the first owner acts as that owner
   * and would only hear "you cannot deactivate yourself".
   */
  @ParameterizedTest
  @EnumSource(Scheme.class)
  void adminCannotDeactivateAnOwner(Scheme scheme) {
    Api.Login secondOwner = InvitationSeed.member(api, world.owner(), "owner");

    Api.Reply deactivate =
        api.post(
            V1 + "/users/" + secondOwner.userId() + "/deactivate", null, world.as("admin", scheme));

    assertThat(deactivate.status()).as(deactivate.toString()).isEqualTo(403);
    assertThat(deactivate.errorCode()).isEqualTo("forbidden");
    assertThat(userField(secondOwner.userId(), "active")).isEqualTo("true");
    assertThat(api.get(V1 + "/session", secondOwner).status()).isEqualTo(200);
  }

  // --- credentials that stop working

  @Test
  void revokedApiKeyAnswers401() {
    Api.Reply created =
        expect(
            201,
            api.post(
                V1 + "/api-keys", Map.of("name", "short-lived", "role", "admin"), world.owner()));
    Api.Key key = new Api.Key(world.owner().tenantId(), created.body().path("token").asText());
    SoftAssertions softly = new SoftAssertions();
    Api.Reply beforeRevoking = api.get(V1 + "/users", key);
    softly
        .assertThat(beforeRevoking.status())
        .as("before revoking: " + beforeRevoking)
        .isEqualTo(200);

    Api.Reply revoked =
        api.delete(
            V1 + "/api-keys/" + created.body().path("key").path("id").asText(), world.owner());

    softly.assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    for (Api.Reply reply :
        List.of(
            api.get(V1 + "/users", key),
            api.get(V1 + "/session", key),
            api.post(V1 + "/teams", Map.of("name", "After Revoke", "kind", "support"), key))) {
      softly.assertThat(reply.status()).as("after revoking: " + reply).isEqualTo(401);
      softly.assertThat(reply.errorCode()).as("after revoking: " + reply).isEqualTo("unauthorized");
    }
    softly
        .assertThat(
            api.get(V1 + "/teams", world.owner()).body().path("items").findValuesAsText("name"))
        .doesNotContain("After Revoke");
    softly.assertAll();
  }

  @Test
  void deactivatedUsersSessionAndKeysAnswer401() {
    Api.Login admin = InvitationSeed.member(api, world.owner(), "admin");
    Api.Key adminsKey = api.createKey(admin, "responder");
    SoftAssertions softly = new SoftAssertions();
    for (Api.Auth credentials : List.<Api.Auth>of(admin, adminsKey)) {
      Api.Reply before = api.get(V1 + "/users", credentials);
      softly.assertThat(before.status()).as("before deactivating: " + before).isEqualTo(200);
    }

    Api.Reply deactivated =
        api.post(V1 + "/users/" + admin.userId() + "/deactivate", null, world.owner());

    softly.assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
    for (Api.Auth credentials : List.<Api.Auth>of(admin, adminsKey)) {
      for (Api.Reply reply :
          List.of(
              api.get(V1 + "/session", credentials),
              api.get(V1 + "/users", credentials),
              api.post(V1 + "/teams", Map.of("name", "Ghost", "kind", "support"), credentials))) {
        softly.assertThat(reply.status()).as("after deactivating: " + reply).isEqualTo(401);
        softly
            .assertThat(reply.errorCode())
            .as("after deactivating: " + reply)
            .isEqualTo("unauthorized");
      }
    }
    Api.Reply login =
        api.post(
            V1 + "/session",
            Map.of("tenant", admin.slug(), "email", admin.email(), "password", Api.PASSWORD),
            Api.ANONYMOUS);
    softly.assertThat(login.status()).as("logging in again: " + login).isEqualTo(401);
    softly.assertAll();
  }

  @Test
  void reactivatingAUserDoesNotReviveTheirOldSessionOrKeys() {
    Api.Login admin = InvitationSeed.member(api, world.owner(), "admin");
    Api.Key adminsKey = api.createKey(admin, "viewer");
    api.post(V1 + "/users/" + admin.userId() + "/deactivate", null, world.owner());

    Api.Reply reactivated =
        api.post(V1 + "/users/" + admin.userId() + "/reactivate", null, world.owner());

    assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);
    assertThat(api.get(V1 + "/session", admin).status()).isEqualTo(401);
    assertThat(api.get(V1 + "/session", adminsKey).status()).isEqualTo(401);
    Api.Login again = api.login(admin.slug(), admin.email(), Api.PASSWORD);
    assertThat(api.get(V1 + "/session", again).status()).isEqualTo(200);
  }

  // --- editing users: yourself yes, others and your own role no

  @ParameterizedTest
  @ValueSource(strings = {"responder", "agent", "viewer"})
  void nonAdminMayEditTheirOwnNameAndTimeZone(String role) {
    Api.Login member = world.sessions().get(role);

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + member.userId(),
            Map.of("name", "New " + role + " name", "timeZone", "Europe/Berlin"),
            member);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(userField(member.userId(), "name")).isEqualTo("New " + role + " name");
    assertThat(userField(member.userId(), "timeZone")).isEqualTo("Europe/Berlin");
    assertThat(userField(member.userId(), "role")).isEqualTo(role);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("rolesBelowAdminWithEachScheme")
  void nonAdminMayNotEditAnotherUser(String role, Scheme scheme) {
    String name = userField(world.targetUserId(), "name");

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + world.targetUserId(),
            Map.of("name", "Renamed by " + role, "timeZone", "Asia/Tokyo"),
            world.as(role, scheme));

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(userField(world.targetUserId(), "name")).isEqualTo(name);
    assertThat(userField(world.targetUserId(), "timeZone")).isEqualTo("UTC");
    assertThat(unchanged).isTrue();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("rolesBelowAdminAndOtherRoles")
  void nonAdminMayNotChangeTheirOwnRole(String role, String wanted) {
    Api.Login member = world.sessions().get(role);
    String name = userField(member.userId(), "name");

    Api.Reply reply =
        api.patch(
            V1 + "/users/" + member.userId(),
            Map.of("role", wanted, "name", "Sneaky " + role),
            member);

    boolean unchanged = unchangedSoReusable();
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("forbidden");
    assertThat(userField(member.userId(), "role")).isEqualTo(role);
    assertThat(userField(member.userId(), "name")).isEqualTo(name);
    assertThat(api.get(V1 + "/session", member).status()).isEqualTo(200);
    assertThat(unchanged).as("no role, name or audit row changed").isTrue();
  }

  // --- fixtures and helpers

  private static World world() {
    Api.Login owner = api.signup("Authz");
    Map<String, Api.Login> sessions = new LinkedHashMap<>();
    Map<String, Api.Key> keys = new LinkedHashMap<>();
    sessions.put("owner", owner);
    for (String role : EVERY_ROLE) {
      if (!role.equals("owner")) {
        sessions.put(role, InvitationSeed.member(api, owner, role));
      }
      keys.put(role, api.createKey(owner, role));
    }
    String target = InvitationSeed.member(api, owner, "viewer").userId();
    String former = InvitationSeed.member(api, owner, "viewer").userId();
    expect(200, api.post(V1 + user(former, "deactivate"), null, owner));
    String teamId =
        expect(201, api.post(V1 + "/teams", Map.of("name", "Core", "kind", "engineering"), owner))
            .id();
    String teamMember = sessions.get("responder").userId();
    expect(200, api.put(V1 + members(teamId, teamMember), null, owner));
    String spareTeamId =
        expect(201, api.post(V1 + "/teams", Map.of("name", "Spare", "kind", "support"), owner))
            .id();
    String serviceId =
        expect(201, api.post(V1 + "/services", Map.of("name", "Checkout", "teamId", teamId), owner))
            .id();
    String spareKeyId =
        expect(201, api.post(V1 + "/api-keys", Map.of("name", "spare", "role", "viewer"), owner))
            .body()
            .path("key")
            .path("id")
            .asText();
    String invitationId =
        InvitationSeed.invite(owner, "pending@" + owner.slug() + ".test", "agent").id();
    Map<String, Object> primary = new LinkedHashMap<>(scheduleBody("Primary", teamMember));
    primary.put("teamId", teamId);
    Api.Reply schedule = expect(201, api.post(V1 + "/schedules", primary, owner));
    String layerId = schedule.body().path("layers").path(0).path("id").asText();
    String overrideId =
        expect(
                201,
                api.post(
                    V1 + "/schedules/" + schedule.id() + "/overrides",
                    overrideBody(target, "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z"),
                    owner))
            .id();
    String feedId =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("scheduleId", schedule.id()), owner))
            .id();
    Paged paged = paged(owner, target, teamMember, teamId);
    hooks = hooks(owner);
    String tested = InvitationSeed.member(api, owner, "viewer").userId();
    testedMethod = new TestedMethod(tested, verifiedEmailMethod(owner, tested));
    helpdeskId =
        expect(
                201,
                api.post(
                    V1 + "/helpdesk-integrations",
                    Map.of("name", "World helpdesk", "kind", "generic"),
                    owner))
            .id();
    alertIntegrationId =
        expect(
                201,
                api.post(
                    V1 + "/services/" + serviceId + "/integrations",
                    Map.of("type", "generic", "name", "World monitor"),
                    owner))
            .id();
    return new World(
        owner,
        Map.copyOf(sessions),
        Map.copyOf(keys),
        target,
        former,
        teamId,
        spareTeamId,
        teamMember,
        serviceId,
        spareKeyId,
        invitationId,
        schedule.id(),
        layerId,
        overrideId,
        feedId,
        paged,
        support(owner, paged));
  }

  private static Support support(Api.Login owner, Paged paged) {
    String slaPolicyId =
        expect(201, api.post(V1 + "/sla-policies", slaPolicy("premium", paged.policyId()), owner))
            .id();
    String customerId =
        expect(201, api.post(V1 + "/customers", Map.of("name", "Acme", "tier", "premium"), owner))
            .id();
    String ticketId =
        ticket(
            owner,
            Map.of(
                "subject",
                "Checkout fails",
                "priority",
                "high",
                "customerId",
                customerId,
                "serviceId",
                paged.serviceId()));
    String linkedId = ticket(owner, Map.of("subject", "Payments fail", "priority", "low"));
    expect(
        200,
        api.post(
            V1 + "/tickets/" + linkedId + "/link",
            Map.of("incidentId", paged.incidentId()),
            owner));
    String ruleId =
        expect(
                201,
                api.post(
                    V1 + "/impact-rules",
                    Map.of("name", "Many", "minTickets", 1000, "action", "raise_urgency"),
                    owner))
            .id();
    expect(
        200,
        api.put(V1 + "/message-templates/resolved", Map.of("body", "Fixed, {{requester}}"), owner));
    return new Support(customerId, ticketId, linkedId, ruleId, slaPolicyId);
  }

  /** High priority answered in 30 days and resolved in 60, paging {@code escalationPolicyId}. */
  private static Map<String, Object> slaPolicy(String tier, String escalationPolicyId) {
    return Map.of(
        "name",
        tier + " SLA",
        "tier",
        tier,
        "targets",
        List.of(
            Map.of(
                "priority", "high", "firstResponseMinutes", 43_200, "resolutionMinutes", 86_400)),
        "escalationPolicyId",
        escalationPolicyId);
  }

  private static String ticket(Api.Login owner, Map<String, Object> body) {
    return expect(201, api.post(V1 + "/tickets", body, owner))
        .body()
        .path("ticket")
        .path("id")
        .asText();
  }

  private static Paged paged(Api.Login owner, String target, String member, String teamId) {
    String serviceId =
        expect(201, api.post(V1 + "/services", Map.of("name", "Payments", "teamId", teamId), owner))
            .id();
    String policyId =
        expect(201, api.post(V1 + "/escalation-policies", policyBody("Primary", target), owner))
            .id();
    String sparePolicyId =
        expect(201, api.post(V1 + "/escalation-policies", policyBody("Spare", member), owner)).id();
    expect(
        200,
        api.put(
            V1 + "/services/" + serviceId + "/escalation-policy",
            Map.of("policyId", policyId),
            owner));
    String phone = "+1415555" + String.format("%04d", PHONES.incrementAndGet() % 10_000);
    Api.Reply method =
        expect(
            201,
            api.post(
                V1 + contactMethods(target), Map.of("channel", "sms", "address", phone), owner));
    String methodId = method.body().path("method").path("id").asText();
    JsonNode sent =
        expect(200, api.get(V1 + "/outbox?channel=sms&address=%2B" + phone.substring(1), owner))
            .body()
            .path("items")
            .path(0);
    Matcher code = CODE.matcher(sent.path("body").asText());
    if (!code.find()) {
      throw new IllegalStateException("no verification code in " + sent);
    }
    // Sent two minutes ago, so that asking for another one is allowed (once a minute).
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "UPDATE contact_methods SET verification_sent_at = verification_sent_at"
                + " - interval '2 minutes' WHERE id = ?",
            UUID.fromString(methodId));
    String ruleId =
        expect(
                201,
                api.post(
                    V1 + notificationRules(target),
                    Map.of("contactMethodId", methodId, "urgency", "high", "delayMinutes", 0),
                    owner))
            .id();
    String windowId =
        expect(
                201,
                api.post(
                    V1 + "/services/" + serviceId + "/maintenance-windows",
                    Map.of("start", inDays(10), "end", inDays(11), "reason", "upgrade"),
                    owner))
            .id();
    // A cap of its own, so that handing it back to the defaults changes something.
    expect(
        200,
        api.put(
            V1 + "/services/" + serviceId + "/alert-grouping",
            Map.of("incidentsPerWindow", 3, "windowSeconds", 900),
            owner));
    String incidentId =
        expect(
                201,
                api.post(
                    V1 + "/incidents",
                    Map.of("serviceId", serviceId, "title", "checkout errors", "urgency", "high"),
                    owner))
            .body()
            .path("incident")
            .path("id")
            .asText();
    return new Paged(
        serviceId,
        policyId,
        sparePolicyId,
        incidentId,
        methodId,
        code.group(1),
        ruleId,
        windowId,
        sent.path("id").asText());
  }

  /** Adds an email address to the user and verifies it with the code in the outbox; its id. */
  private static String verifiedEmailMethod(String userId) {
    return verifiedEmailMethod(world.owner(), userId);
  }

  private static String verifiedEmailMethod(Api.Login owner, String userId) {
    String address = "links" + PHONES.incrementAndGet() + "@responders.example";
    String id =
        expect(
                201,
                api.post(
                    V1 + contactMethods(userId),
                    Map.of("channel", "email", "address", address),
                    owner))
            .body()
            .path("method")
            .path("id")
            .asText();
    JsonNode sent =
        expect(200, api.get(V1 + "/outbox?channel=email&address=" + address, owner))
            .body()
            .path("items")
            .path(0);
    Matcher code = CODE.matcher(sent.path("body").asText());
    if (!code.find()) {
      throw new IllegalStateException("no verification code in " + sent);
    }
    expect(
        200,
        api.post(
            V1 + contactMethods(userId) + "/" + id + "/verify",
            Map.of("code", code.group(1)),
            owner));
    return id;
  }

  /** A genuine one-click link for the email method, signed with the key the service uses. */
  private static String emailActionToken(
      String userId, String contactMethodId, ActionLinks.Action action) {
    byte[] key;
    try (Connection connection = TestDatabase.get().dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT secret FROM signing_keys WHERE name = 'email-action-links'");
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("the service has no email link key");
      }
      key = row.getBytes(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the email link key", e);
    }
    return new ActionLinks(key, "http://localhost")
        .token(
            TenantId.of(UUID.fromString(world.owner().tenantId())),
            UUID.fromString(world.paged().incidentId()),
            UUID.fromString(userId),
            UUID.fromString(contactMethodId),
            action,
            Instant.now());
  }

  /**
   * Whether every row of the tenant is as it was when the world was built. API keys' last-use times
   * are left out: using a key updates them.
   */
  private static boolean unchanged() {
    return snapshot().equals(baseline);
  }

  /**
   * {@link #unchanged()}, and if so the next test may reuse the world; call it after the test's
   * last request.
   */
  private static boolean unchangedSoReusable() {
    boolean same = unchanged();
    dirty = !same;
    return same;
  }

  /** Every row of every tenant table, read through row-level security as the world's tenant. */
  private static Map<String, List<String>> snapshot() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      try (PreparedStatement scope =
          connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, false)")) {
        scope.setString(1, world.owner().tenantId());
        scope.executeQuery().close();
      }
      for (String table : TENANT_TABLES) {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                    "SELECT (to_jsonb(t) - 'last_used_at')::text FROM " + table + " t ORDER BY 1");
            ResultSet result = query.executeQuery()) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        tables.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the tenant's rows", e);
    }
    return tables;
  }

  private static String userField(String userId, String field) {
    JsonNode user = expect(200, api.get(V1 + "/users/" + userId, world.owner())).body();
    return user.path(field).asText();
  }

  private static Api.Reply expect(int status, Api.Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException("expected " + status + ": " + reply);
    }
    return reply;
  }

  private static Endpoint everyone(
      String description, String method, Function<World, String> path, int success) {
    return new Endpoint(description, method, path, null, Access.EVERY_ROLE, success);
  }

  /** An admin endpoint without a body that answers 200. */
  private static Endpoint admins(String description, String method, Function<World, String> path) {
    return new Endpoint(description, method, path, null, Access.ADMINISTRATORS, 200);
  }

  private static Endpoint admins(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.ADMINISTRATORS, success);
  }

  private static Endpoint overrides(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.OVERRIDE_WRITERS, success);
  }

  private static Endpoint responders(
      String description, String method, Function<World, String> path) {
    return new Endpoint(description, method, path, null, Access.RESPONDERS, 200);
  }

  private static Endpoint responders(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.RESPONDERS, success);
  }

  private static Endpoint agents(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.AGENTS, success);
  }

  private static String ticket(World world) {
    return "/tickets/" + world.support().ticketId();
  }

  /** The group the world's unlinked ticket started. */
  private static String group(World world) {
    return expect(200, api.get(V1 + ticket(world) + "/similar", world.owner()))
        .body()
        .path("group")
        .path("id")
        .asText();
  }

  private static Endpoint reporters(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.REPORTERS, success);
  }

  private static Endpoint selfOrAdmins(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int success) {
    return new Endpoint(description, method, path, body, Access.SELF_OR_ADMINISTRATORS, success);
  }

  /** Two steps a day apart, so that no step comes due while a test runs. */
  private static Map<String, Object> policyBody(String name, String userId) {
    Map<String, Object> step =
        Map.of("delayMinutes", 1440, "targets", List.of(Map.of("type", "user", "id", userId)));
    return Map.of("name", name, "repeatCount", 0, "steps", List.of(step, step));
  }

  private static String inDays(int days) {
    return TestClock.shared()
        .instant()
        .truncatedTo(ChronoUnit.SECONDS)
        .plus(Duration.ofDays(days))
        .toString();
  }

  private static String incident(World world) {
    return "/incidents/" + world.paged().incidentId();
  }

  private static String contactMethods(String userId) {
    return "/users/" + userId + "/contact-methods";
  }

  private static String notificationRules(String userId) {
    return "/users/" + userId + "/notification-rules";
  }

  private static String schedule(World world) {
    return "/schedules/" + world.scheduleId();
  }

  private static Map<String, Object> scheduleBody(String name, String participant) {
    return Map.of(
        "name",
        name,
        "timeZone",
        "America/New_York",
        "layers",
        List.of(layer("Weekly", "2027-01-04T14:00:00Z", participant)));
  }

  private static Map<String, Object> layer(String name, String start, String participant) {
    return Map.of(
        "name",
        name,
        "start",
        start,
        "turn",
        Map.of("kind", "weekly", "day", "MONDAY", "time", "09:00"),
        "participants",
        List.of(participant));
  }

  private static Map<String, Object> overrideBody(String userId, String start, String end) {
    return Map.of("userId", userId, "start", start, "end", end);
  }

  private static String user(String userId, String action) {
    return "/users/" + userId + "/" + action;
  }

  private static String members(String teamId, String userId) {
    return "/teams/" + teamId + "/members/" + userId;
  }
}
