package com.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import com.switchboard.testing.WebhookRows;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Two tenants, Alpha and Bravo, each with real data. Alpha's owner, with a session cookie and with
 * an API key, walks every endpoint that takes an id using Bravo's ids: each must answer 404 exactly
 * as for an id that never existed, and Bravo's data, re-read as Bravo, must be the same afterwards.
 * Lists must show none of Bravo's rows, and PostgreSQL's row-level security must hold on its own,
 * without the DAOs' {@code WHERE tenant_id = …}.
 *
 * <p>A new endpoint that takes an id is one more line in {@link #foreignIdRequests()}; a new list
 * is one more line in {@link #lists()}.
 *
 * <p>Building two tenants takes a few seconds, so tests share them and they are rebuilt only after
 * a test that changed (or may have changed) something: each test starts {@code dirty} and clears
 * the flag once it has shown that nothing changed.
 */
class TenantIsolationTest {
  private static final String V1 = "/api/v1";

  private static final Api api = TestApp.api();

  /** A window in which both tenants' rotations (from 2027-01-04) have shifts and overrides. */
  private static final String FROM = "2027-01-01T00:00:00Z";

  private static final String TO = "2027-02-01T00:00:00Z";
  private static final String AT = "2027-01-05T12:00:00Z";

  /** Every table with a tenant_id; a new one must be added here (a test checks the catalogue). */
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
          "contact_methods",
          "notification_rules",
          "incident_counters",
          "incidents",
          "incident_alerts",
          "escalations",
          "notifications",
          "incident_events",
          "outbox_messages",
          "maintenance_windows",
          "customers",
          "ticket_counters",
          "tickets",
          "ticket_events",
          "ticket_incidents",
          "impact_rules",
          "impact_rule_firings",
          "message_templates",
          "notices",
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
          "alert_events",
          "alerts",
          "alert_integrations",
          "alert_severity_urgencies",
          "idempotency_keys",
          "alert_heartbeats",
          "alert_email_settings",
          "alert_grouping");

  /**
   * Tables that have a tenant_id and deliberately no row-level security, each with why. Adding one
   * here is a design decision: say it in the migration and in the reason.
   */
  private static final Map<String, String> CROSS_TENANT_TABLES =
      Map.of(
          // An inbound SMS carries only a phone number; routing it to the tenant that last paged
          // or verified that number must happen before any tenant is known (migration 009). It
          // holds routing and carrier state, never incident content: a test checks its columns.
          "sms_numbers",
          "routes an inbound SMS to its tenant before a tenant is known",
          // A reply code names one page to one phone, whichever tenant sent it (migration 026):
          // it must be read before the tenant is known. Ids and numbers only: a test checks.
          "sms_reply_codes",
          "tells which tenant's page an SMS reply answers before a tenant is known",
          // An inbound event names its integration only by key (migration 036): the SHA-256 of
          // each live key and the ids it routes to, nothing else; a test checks its columns.
          "alert_integration_keys",
          "routes an inbound alert's key to its tenant before a tenant is known");

  /** The only columns the cross-tenant SMS routing table may have: no incident content. */
  private static final List<String> SMS_ROUTING_COLUMNS =
      List.of(
          "phone_number",
          "tenant_id",
          "user_id",
          "last_incident_number",
          "last_messaged_at",
          "stopped_at",
          "unanswered_replies",
          "updated_at",
          // Send times (epoch ms) for the per-number rate limit, and the incident numbers of the
          // last bundled SMS: numbers, not content.
          "recent_sends",
          "last_bundle");

  /**
   * Each tenant's owner is paged at their own fixed number; fixed, so list paths can name them.
   * Every rebuild truncates the tables that remember numbers.
   */
  private static final String ALPHA_PHONE = "+14155550101";

  private static final String BRAVO_PHONE = "+14155550202";

  /**
   * A verification code lives 10 minutes and the fixture's pending one was sent 2 minutes before
   * the tenants were built (so that a new one may be asked for); the tenants are rebuilt before it
   * could expire.
   */
  private static final Duration MAX_TENANT_AGE = Duration.ofMinutes(5);

  private static final String DEDUP_KEY = "checkout-errors";

  private static final Pattern CODE = Pattern.compile("code: ([0-9]{6})");
  private static final Pattern EMAIL_ACTION =
      Pattern.compile("/api/v1/email-actions/([A-Za-z0-9_-]+)");

  private static Tenant alpha;
  private static Tenant bravo;
  private static Map<String, String> alphaBaseline;
  private static Map<String, String> bravoBaseline;
  private static boolean dirty;
  private static Instant builtAt;

  /** One tenant's data: who is in it and the ids of what it owns. */
  record Tenant(
      String name,
      Api.Login owner,
      Api.Key ownerKey,
      String memberId,
      String formerMemberId,
      String teamId,
      String spareTeamId,
      String serviceId,
      String keyId,
      String invitationId,
      String scheduleId,
      String layerId,
      String overrideId,
      String scheduleFeedId,
      String personalFeedId,
      String scheduleFeedToken,
      String personalFeedToken,
      Paged paged,
      Support support,
      Hooks hooks) {

    String id() {
      return owner.tenantId();
    }

    String policyId() {
      return paged.policyId();
    }

    String sparePolicyId() {
      return paged.sparePolicyId();
    }

    String methodId() {
      return paged.methodId();
    }

    String pendingMethodId() {
      return paged.pendingMethodId();
    }

    String ruleId() {
      return paged.ruleId();
    }

    String incidentId() {
      return paged.incidentId();
    }

    String outboxId() {
      return paged.outboxId();
    }

    /** Every id of this tenant's rows. */
    List<String> ids() {
      return List.of(
          id(),
          owner.userId(),
          memberId,
          formerMemberId,
          teamId,
          spareTeamId,
          serviceId,
          keyId,
          invitationId,
          scheduleId,
          layerId,
          overrideId,
          scheduleFeedId,
          personalFeedId,
          paged.policyId(),
          paged.sparePolicyId(),
          paged.methodId(),
          paged.emailMethodId(),
          paged.pendingMethodId(),
          paged.ruleId(),
          paged.incidentId(),
          paged.notificationId(),
          paged.outboxId(),
          support.customerId(),
          support.ticketId(),
          support.spareTicketId(),
          support.impactRuleId(),
          support.groupId(),
          support.spareGroupId(),
          support.slaPolicyId(),
          hooks.webhookId(),
          hooks.deliveryId(),
          hooks.helpdeskId());
    }
  }

  /**
   * The tenant's outbound webhook (to a closed port on loopback), one delivery of it, and an
   * inbound helpdesk integration.
   */
  record Hooks(String webhookId, String deliveryId, String helpdeskId, String alertIntegrationId) {
    String path() {
      return "/webhooks/" + webhookId;
    }
  }

  /**
   * The tenant's support desk: a premium customer, a ticket linked to the paged incident, a spare
   * ticket linked to nothing, an impact rule that never fires (1,000 tickets), one that fired on
   * the link, and a template; support settings whose surge threshold (2) a second ticket like the
   * first one crossed, so a surge notice was sent; the similar-ticket groups of both tickets; an
   * SLA policy of the premium tier (so the tickets have clocks, due in weeks).
   */
  record Support(
      String customerId,
      String ticketId,
      String spareTicketId,
      String impactRuleId,
      String groupId,
      String spareGroupId,
      String slaPolicyId) {}

  /**
   * The tenant's paging: its owner has a verified SMS number and email address, both paged at once
   * for high urgency; the member has an email address awaiting its code; the service pages the
   * owner through a policy, and one incident has paged them (an SMS and an email, in the outbox).
   * The policy's later step names the schedule and the team, and waits a day, so nothing fires
   * while tests run.
   */
  record Paged(
      String policyId,
      String sparePolicyId,
      String methodId,
      String emailMethodId,
      String pendingMethodId,
      String pendingCode,
      String ruleId,
      String incidentId,
      String notificationId,
      String outboxId,
      String emailActionToken) {}

  /** Alpha's two ways to authenticate; both are owners, so no role check can answer first. */
  enum Scheme {
    SESSION_COOKIE,
    API_KEY;

    Api.Auth of(Tenant tenant) {
      return this == SESSION_COOKIE ? tenant.owner() : tenant.ownerKey();
    }
  }

  /** Both tenants, so a request can aim one tenant's credentials at the other's ids. */
  record World(Tenant alpha, Tenant bravo) {}

  /**
   * A request that names at least one of Bravo's things, and what Bravo's own owner gets for it:
   * proof that the path is right and the 404 Alpha gets comes from the tenant wall.
   */
  record Request(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int asBravo) {
    @Override
    public String toString() {
      return description;
    }

    /** The path and body, where the ids are. */
    String target(World world) {
      return path.apply(world) + " " + (body == null ? "" : body.apply(world));
    }

    Api.Reply send(World world, Api.Auth auth) {
      return api.send(
          method, V1 + path.apply(world), body == null ? null : body.apply(world), auth);
    }
  }

  /** A list endpoint and the id of one of Alpha's rows it must show (null: it must be empty). */
  record Listing(String description, String path, Function<Tenant, String> ownRow) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Request> foreignIdRequests() {
    return Stream.of(
        get("GET users/{Bravo's user}", w -> "/users/" + w.bravo().memberId()),
        get("GET users/{Bravo's owner}", w -> "/users/" + w.bravo().owner().userId()),
        send(
            "PATCH users/{Bravo's user} name",
            "PATCH",
            w -> "/users/" + w.bravo().memberId(),
            w -> Map.of("name", "Renamed by Alpha", "timeZone", "Asia/Tokyo"),
            200),
        send(
            "PATCH users/{Bravo's user} role",
            "PATCH",
            w -> "/users/" + w.bravo().memberId(),
            w -> Map.of("role", "owner"),
            200),
        send(
            "POST users/{Bravo's user}/deactivate",
            "POST",
            w -> "/users/" + w.bravo().memberId() + "/deactivate",
            null,
            200),
        send(
            "POST users/{Bravo's former user}/reactivate",
            "POST",
            w -> "/users/" + w.bravo().formerMemberId() + "/reactivate",
            null,
            200),
        get("GET teams/{Bravo's team}", w -> "/teams/" + w.bravo().teamId()),
        send(
            "PATCH teams/{Bravo's team}",
            "PATCH",
            w -> "/teams/" + w.bravo().teamId(),
            w -> Map.of("name", "Renamed by Alpha", "description", "taken over"),
            200),
        send(
            "DELETE teams/{Bravo's empty team}",
            "DELETE",
            w -> "/teams/" + w.bravo().spareTeamId(),
            null,
            204),
        send(
            "DELETE teams/{Bravo's team that owns a service}",
            "DELETE",
            w -> "/teams/" + w.bravo().teamId(),
            null,
            409),
        send(
            "PUT teams/{Bravo's team}/members/{Alpha's user}",
            "PUT",
            w -> members(w.bravo().teamId(), w.alpha().memberId()),
            null,
            404),
        send(
            "PUT teams/{Bravo's team}/members/{Bravo's owner}",
            "PUT",
            w -> members(w.bravo().teamId(), w.bravo().owner().userId()),
            null,
            200),
        send(
            "PUT teams/{Alpha's team}/members/{Bravo's user}",
            "PUT",
            w -> members(w.alpha().teamId(), w.bravo().memberId()),
            null,
            404),
        send(
            "DELETE teams/{Bravo's team}/members/{Bravo's member}",
            "DELETE",
            w -> members(w.bravo().teamId(), w.bravo().memberId()),
            null,
            200),
        send(
            "DELETE teams/{Bravo's team}/members/{Alpha's user}",
            "DELETE",
            w -> members(w.bravo().teamId(), w.alpha().memberId()),
            null,
            404),
        send(
            "DELETE teams/{Alpha's team}/members/{Bravo's user}",
            "DELETE",
            w -> members(w.alpha().teamId(), w.bravo().memberId()),
            null,
            404),
        get("GET services/{Bravo's service}", w -> "/services/" + w.bravo().serviceId()),
        send(
            "PATCH services/{Bravo's service}",
            "PATCH",
            w -> "/services/" + w.bravo().serviceId(),
            w -> Map.of("name", "Renamed by Alpha"),
            200),
        send(
            "PATCH services/{Bravo's service} to Alpha's team",
            "PATCH",
            w -> "/services/" + w.bravo().serviceId(),
            w -> Map.of("teamId", w.alpha().teamId()),
            404),
        send(
            "DELETE services/{Bravo's service that has an incident}",
            "DELETE",
            w -> "/services/" + w.bravo().serviceId(),
            null,
            409),
        send(
            "DELETE api-keys/{Bravo's key}",
            "DELETE",
            w -> "/api-keys/" + w.bravo().keyId(),
            null,
            204),
        send(
            "DELETE users/invitations/{Bravo's invitation}",
            "DELETE",
            w -> "/users/invitations/" + w.bravo().invitationId(),
            null,
            204),
        get("GET schedules/{Bravo's schedule}", w -> schedule(w.bravo())),
        get(
            "GET schedules/{Bravo's schedule}?history=true",
            w -> schedule(w.bravo()) + "?history=true"),
        send(
            "PATCH schedules/{Bravo's schedule}",
            "PATCH",
            w -> schedule(w.bravo()),
            w -> Map.of("name", "Renamed by Alpha", "timeZone", "Asia/Tokyo"),
            200),
        send("DELETE schedules/{Bravo's schedule}", "DELETE", w -> schedule(w.bravo()), null, 204),
        send(
            "POST schedules/{Bravo's schedule}/layers",
            "POST",
            w -> schedule(w.bravo()) + "/layers",
            w -> layer("Added by Alpha", w.bravo().memberId()),
            201),
        send(
            "PUT schedules/{Bravo's schedule}/layers/{Bravo's layer}",
            "PUT",
            w -> schedule(w.bravo()) + "/layers/" + w.bravo().layerId(),
            w -> layer("Changed by Alpha", w.bravo().memberId()),
            200),
        send(
            "PUT schedules/{Alpha's schedule}/layers/{Bravo's layer}",
            "PUT",
            w -> schedule(w.alpha()) + "/layers/" + w.bravo().layerId(),
            w -> layer("Changed by Alpha", w.alpha().memberId()),
            404),
        send(
            "DELETE schedules/{Bravo's schedule}/layers/{Bravo's layer}",
            "DELETE",
            w -> schedule(w.bravo()) + "/layers/" + w.bravo().layerId(),
            null,
            200),
        send(
            "DELETE schedules/{Alpha's schedule}/layers/{Bravo's layer}",
            "DELETE",
            w -> schedule(w.alpha()) + "/layers/" + w.bravo().layerId(),
            null,
            404),
        get(
            "GET schedules/{Bravo's schedule}/shifts",
            w -> schedule(w.bravo()) + "/shifts?from=" + FROM + "&to=" + TO),
        get(
            "GET schedules/{Bravo's schedule}/oncall",
            w -> schedule(w.bravo()) + "/oncall?at=" + AT),
        get(
            "GET schedules/{Bravo's schedule}/overrides",
            w -> schedule(w.bravo()) + "/overrides?from=" + FROM + "&to=" + TO),
        send(
            "POST schedules/{Bravo's schedule}/overrides",
            "POST",
            w -> schedule(w.bravo()) + "/overrides",
            w -> override(w.bravo().memberId()),
            201),
        send(
            "POST schedules/{Bravo's schedule}/overrides/batch",
            "POST",
            w -> schedule(w.bravo()) + "/overrides/batch",
            w -> Map.of("overrides", List.of(override(w.bravo().memberId()))),
            201),
        send(
            "DELETE schedules/{Bravo's schedule}/overrides/{Bravo's override}",
            "DELETE",
            w -> schedule(w.bravo()) + "/overrides/" + w.bravo().overrideId(),
            null,
            204),
        send(
            "DELETE schedules/{Alpha's schedule}/overrides/{Bravo's override}",
            "DELETE",
            w -> schedule(w.alpha()) + "/overrides/" + w.bravo().overrideId(),
            null,
            404),
        get("GET oncall?userId={Bravo's user}", w -> "/oncall?userId=" + w.bravo().memberId()),
        get(
            "GET oncall?at&userId={Bravo's user}",
            w -> "/oncall?at=" + AT + "&userId=" + w.bravo().memberId()),
        send(
            "POST calendar-feeds {Bravo's schedule}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("scheduleId", w.bravo().scheduleId()),
            201),
        send(
            "POST calendar-feeds {Bravo's user}",
            "POST",
            w -> "/calendar-feeds",
            w -> Map.of("userId", w.bravo().memberId()),
            201),
        send(
            "DELETE calendar-feeds/{Bravo's schedule feed}",
            "DELETE",
            w -> "/calendar-feeds/" + w.bravo().scheduleFeedId(),
            null,
            204),
        send(
            "DELETE calendar-feeds/{Bravo's personal feed}",
            "DELETE",
            w -> "/calendar-feeds/" + w.bravo().personalFeedId(),
            null,
            204),
        // --- escalation policies and the services that page them
        get("GET escalation-policies/{Bravo's policy}", w -> policy(w.bravo())),
        get(
            "GET escalation-policies/{Bravo's policy}/preview",
            w -> policy(w.bravo()) + "/preview?at=" + AT),
        send(
            "PUT escalation-policies/{Bravo's policy}",
            "PUT",
            w -> policy(w.bravo()),
            w -> policyBody("Rewritten by Alpha", w.bravo()),
            200),
        send(
            "DELETE escalation-policies/{Bravo's spare policy}",
            "DELETE",
            w -> "/escalation-policies/" + w.bravo().sparePolicyId(),
            null,
            204),
        send(
            "DELETE escalation-policies/{Bravo's policy that a service uses}",
            "DELETE",
            w -> policy(w.bravo()),
            null,
            409),
        send(
            "PUT services/{Bravo's service}/escalation-policy {Bravo's spare policy}",
            "PUT",
            w -> "/services/" + w.bravo().serviceId() + "/escalation-policy",
            w -> Map.of("policyId", w.bravo().sparePolicyId()),
            200),
        send(
            "PUT services/{Bravo's service}/escalation-policy {null}",
            "PUT",
            w -> "/services/" + w.bravo().serviceId() + "/escalation-policy",
            w -> nullPolicy(),
            200),
        send(
            "PUT services/{Alpha's service}/escalation-policy {Bravo's policy}",
            "PUT",
            w -> "/services/" + w.alpha().serviceId() + "/escalation-policy",
            w -> Map.of("policyId", w.bravo().policyId()),
            404),
        // --- contact methods and notification rules
        get(
            "GET users/{Bravo's owner}/contact-methods",
            w -> contactMethods(w.bravo().owner().userId())),
        send(
            "POST users/{Bravo's owner}/contact-methods",
            "POST",
            w -> contactMethods(w.bravo().owner().userId()),
            w -> Map.of("channel", "voice", "address", "+14155550999", "label", "by Alpha"),
            201),
        send(
            "POST users/{Bravo's member}/contact-methods/{Bravo's pending}/send-code",
            "POST",
            w ->
                contactMethods(w.bravo().memberId())
                    + "/"
                    + w.bravo().pendingMethodId()
                    + "/send-code",
            null,
            200),
        send(
            "POST users/{Bravo's member}/contact-methods/{Bravo's pending}/verify with its code",
            "POST",
            w ->
                contactMethods(w.bravo().memberId())
                    + "/"
                    + w.bravo().pendingMethodId()
                    + "/verify",
            w -> Map.of("code", w.bravo().paged().pendingCode()),
            200),
        send(
            "POST users/{Bravo's owner}/contact-methods/{Bravo's method}/test",
            "POST",
            w -> contactMethods(w.bravo().owner().userId()) + "/" + w.bravo().methodId() + "/test",
            null,
            200),
        send(
            "POST users/{Alpha's owner}/contact-methods/{Bravo's method}/test",
            "POST",
            w -> contactMethods(w.alpha().owner().userId()) + "/" + w.bravo().methodId() + "/test",
            null,
            404),
        send(
            "DELETE users/{Bravo's owner}/contact-methods/{Bravo's method}",
            "DELETE",
            w -> contactMethods(w.bravo().owner().userId()) + "/" + w.bravo().methodId(),
            null,
            204),
        send(
            "DELETE users/{Alpha's owner}/contact-methods/{Bravo's method}",
            "DELETE",
            w -> contactMethods(w.alpha().owner().userId()) + "/" + w.bravo().methodId(),
            null,
            404),
        send(
            "POST users/{Alpha's owner}/contact-methods/{Bravo's pending}/verify",
            "POST",
            w ->
                contactMethods(w.alpha().owner().userId())
                    + "/"
                    + w.bravo().pendingMethodId()
                    + "/verify",
            w -> Map.of("code", w.bravo().paged().pendingCode()),
            404),
        get("GET users/{Bravo's owner}/notification-rules", w -> rules(w.bravo().owner().userId())),
        send(
            "POST users/{Bravo's owner}/notification-rules",
            "POST",
            w -> rules(w.bravo().owner().userId()),
            w -> rule(w.bravo().methodId()),
            201),
        send(
            "POST users/{Alpha's owner}/notification-rules {Bravo's method}",
            "POST",
            w -> rules(w.alpha().owner().userId()),
            w -> rule(w.bravo().methodId()),
            404),
        send(
            "DELETE users/{Bravo's owner}/notification-rules/{Bravo's rule}",
            "DELETE",
            w -> rules(w.bravo().owner().userId()) + "/" + w.bravo().ruleId(),
            null,
            204),
        send(
            "DELETE users/{Alpha's owner}/notification-rules/{Bravo's rule}",
            "DELETE",
            w -> rules(w.alpha().owner().userId()) + "/" + w.bravo().ruleId(),
            null,
            404),
        // --- incidents
        send(
            "POST incidents {Bravo's service}",
            "POST",
            w -> "/incidents",
            w -> trigger(w.bravo(), "Raised by Alpha", null),
            201),
        send(
            "POST incidents {Bravo's service, Bravo's open dedup key}",
            "POST",
            w -> "/incidents",
            w -> trigger(w.bravo(), "Raised by Alpha", DEDUP_KEY),
            200),
        get("GET incidents/{Bravo's incident}", w -> incident(w.bravo())),
        get(
            "GET incidents?serviceId={Bravo's service}",
            w -> "/incidents?serviceId=" + w.bravo().serviceId()),
        get(
            "GET incidents?userId={Bravo's owner}",
            w -> "/incidents?userId=" + w.bravo().owner().userId()),
        send(
            "POST incidents/{Bravo's}/acknowledge",
            "POST",
            w -> incident(w.bravo()) + "/acknowledge",
            null,
            200),
        send(
            "POST incidents/{Bravo's}/resolve",
            "POST",
            w -> incident(w.bravo()) + "/resolve",
            null,
            200),
        send(
            "POST incidents/{Bravo's}/escalate",
            "POST",
            w -> incident(w.bravo()) + "/escalate",
            null,
            200),
        send(
            "POST incidents/{Bravo's}/reassign {Bravo's member}",
            "POST",
            w -> incident(w.bravo()) + "/reassign",
            w -> Map.of("userId", w.bravo().memberId()),
            200),
        send(
            "POST incidents/{Bravo's}/reassign {Bravo's spare policy}",
            "POST",
            w -> incident(w.bravo()) + "/reassign",
            w -> Map.of("policyId", w.bravo().sparePolicyId()),
            200),
        send(
            "POST incidents/{Alpha's}/reassign {Bravo's member}",
            "POST",
            w -> incident(w.alpha()) + "/reassign",
            w -> Map.of("userId", w.bravo().memberId()),
            404),
        send(
            "POST incidents/{Alpha's}/reassign {Bravo's policy}",
            "POST",
            w -> incident(w.alpha()) + "/reassign",
            w -> Map.of("policyId", w.bravo().policyId()),
            404),
        send(
            "POST incidents/{Bravo's}/responders {Bravo's spare policy}",
            "POST",
            w -> incident(w.bravo()) + "/responders",
            w -> Map.of("policyId", w.bravo().sparePolicyId()),
            200),
        send(
            "POST incidents/{Alpha's}/responders {Bravo's policy}",
            "POST",
            w -> incident(w.alpha()) + "/responders",
            w -> Map.of("policyId", w.bravo().policyId()),
            404),
        send(
            "POST incidents/{Bravo's}/notes",
            "POST",
            w -> incident(w.bravo()) + "/notes",
            w -> Map.of("text", "Alpha was here"),
            200),
        send(
            "PUT incidents/{Bravo's}/urgency",
            "PUT",
            w -> incident(w.bravo()) + "/urgency",
            w -> Map.of("urgency", "low"),
            200),
        // --- support: customers, tickets, links, impact rules, templates
        get("GET customers/{Bravo's}", w -> "/customers/" + w.bravo().support().customerId()),
        send(
            "PATCH customers/{Bravo's}",
            "PATCH",
            w -> "/customers/" + w.bravo().support().customerId(),
            w -> Map.of("tier", "standard"),
            200),
        get("GET tickets/{Bravo's}", w -> ticket(w.bravo())),
        send(
            "PATCH tickets/{Bravo's}",
            "PATCH",
            w -> ticket(w.bravo()),
            w -> Map.of("priority", "low"),
            200),
        send(
            "POST tickets {Bravo's customer}",
            "POST",
            w -> "/tickets",
            w ->
                Map.of(
                    "subject",
                    "x",
                    "priority",
                    "low",
                    "customerId",
                    w.bravo().support().customerId()),
            201),
        send(
            "POST tickets {Bravo's service}",
            "POST",
            w -> "/tickets",
            w -> Map.of("subject", "x", "priority", "low", "serviceId", w.bravo().serviceId()),
            201),
        send(
            "POST tickets {Bravo's user as assignee}",
            "POST",
            w -> "/tickets",
            w -> Map.of("subject", "x", "priority", "low", "assigneeId", w.bravo().memberId()),
            201),
        send(
            "PATCH tickets/{Alpha's} {Bravo's customer}",
            "PATCH",
            w -> ticket(w.alpha()),
            w -> Map.of("customerId", w.bravo().support().customerId()),
            404),
        send(
            "PUT tickets/{Bravo's}/status",
            "PUT",
            w -> ticket(w.bravo()) + "/status",
            w -> Map.of("status", "pending"),
            200),
        send(
            "PUT tickets/{Bravo's}/assignee",
            "PUT",
            w -> ticket(w.bravo()) + "/assignee",
            w -> Map.of("assigneeId", w.bravo().memberId()),
            200),
        send(
            "PUT tickets/{Alpha's}/assignee {Bravo's user}",
            "PUT",
            w -> ticket(w.alpha()) + "/assignee",
            w -> Map.of("assigneeId", w.bravo().memberId()),
            404),
        send(
            "POST tickets/{Bravo's}/replies",
            "POST",
            w -> ticket(w.bravo()) + "/replies",
            w -> Map.of("body", "Alpha was here"),
            200),
        send(
            "POST tickets/{Bravo's}/customer-replies",
            "POST",
            w -> ticket(w.bravo()) + "/customer-replies",
            w -> Map.of("body", "Alpha was here"),
            200),
        send(
            "POST tickets/{Bravo's}/notes",
            "POST",
            w -> ticket(w.bravo()) + "/notes",
            w -> Map.of("body", "Alpha was here"),
            200),
        send(
            "POST tickets/{Bravo's spare}/escalate",
            "POST",
            w -> "/tickets/" + w.bravo().support().spareTicketId() + "/escalate",
            w -> Map.of("serviceId", w.bravo().serviceId()),
            201),
        send(
            "POST tickets/{Alpha's spare}/escalate {Bravo's service}",
            "POST",
            w -> "/tickets/" + w.alpha().support().spareTicketId() + "/escalate",
            w -> Map.of("serviceId", w.bravo().serviceId()),
            404),
        send(
            "POST tickets/{Bravo's spare}/link {Bravo's incident}",
            "POST",
            w -> "/tickets/" + w.bravo().support().spareTicketId() + "/link",
            w -> Map.of("incidentId", w.bravo().incidentId()),
            200),
        send(
            "POST tickets/{Alpha's spare}/link {Bravo's incident}",
            "POST",
            w -> "/tickets/" + w.alpha().support().spareTicketId() + "/link",
            w -> Map.of("incidentId", w.bravo().incidentId()),
            404),
        send(
            "DELETE tickets/{Bravo's}/link", "DELETE", w -> ticket(w.bravo()) + "/link", null, 200),
        get(
            "GET tickets/{Bravo's}/engineering-status",
            w -> ticket(w.bravo()) + "/engineering-status"),
        send(
            "GET tickets/{Alpha's}/engineering-status?serviceId={Bravo's}",
            "GET",
            w -> ticket(w.alpha()) + "/engineering-status?serviceId=" + w.bravo().serviceId(),
            null,
            404),
        get("GET incidents/{Bravo's}/impact", w -> incident(w.bravo()) + "/impact"),
        get("GET incidents/{Bravo's}/alerts", w -> incident(w.bravo()) + "/alerts"),
        get(
            "GET impact-rules/{Bravo's}",
            w -> "/impact-rules/" + w.bravo().support().impactRuleId()),
        send(
            "PUT impact-rules/{Bravo's}",
            "PUT",
            w -> "/impact-rules/" + w.bravo().support().impactRuleId(),
            w -> Map.of("name", "renamed", "minTickets", 5, "action", "raise_urgency"),
            200),
        send(
            "POST impact-rules {Bravo's policy}",
            "POST",
            w -> "/impact-rules",
            w ->
                Map.of(
                    "name",
                    "cross",
                    "tier",
                    "premium",
                    "action",
                    "add_responders",
                    "policyId",
                    w.bravo().policyId()),
            201),
        send(
            "DELETE impact-rules/{Bravo's}",
            "DELETE",
            w -> "/impact-rules/" + w.bravo().support().impactRuleId(),
            null,
            204),
        // --- SLA policies
        get(
            "GET sla-policies/{Bravo's}",
            w -> "/sla-policies/" + w.bravo().support().slaPolicyId()),
        send(
            "PUT sla-policies/{Bravo's}",
            "PUT",
            w -> "/sla-policies/" + w.bravo().support().slaPolicyId(),
            w -> slaPolicy("Bravo", w.bravo().policyId()),
            200),
        send(
            "PUT sla-policies/{Alpha's} {Bravo's policy}",
            "PUT",
            w -> "/sla-policies/" + w.alpha().support().slaPolicyId(),
            w -> slaPolicy("Alpha", w.bravo().policyId()),
            404),
        send(
            "POST sla-policies {Bravo's policy}",
            "POST",
            w -> "/sla-policies",
            w ->
                Map.of(
                    "name",
                    "cross",
                    "tier",
                    "cross",
                    "targets",
                    List.of(Map.of("priority", "high", "firstResponseMinutes", 60)),
                    "escalationPolicyId",
                    w.bravo().policyId()),
            201),
        send(
            "DELETE sla-policies/{Bravo's}",
            "DELETE",
            w -> "/sla-policies/" + w.bravo().support().slaPolicyId(),
            null,
            204),
        // --- signals: similar-ticket groups, support settings
        get("GET tickets/{Bravo's}/similar", w -> ticket(w.bravo()) + "/similar"),
        get("GET ticket-groups/{Bravo's}", w -> "/ticket-groups/" + group(w.bravo())),
        send(
            "POST ticket-groups/{Bravo's spare}/escalate",
            "POST",
            w -> "/ticket-groups/" + spareGroup(w.bravo()) + "/escalate",
            w -> Map.of("serviceId", w.bravo().serviceId()),
            201),
        send(
            "POST ticket-groups/{Alpha's}/escalate {Bravo's service}",
            "POST",
            w -> "/ticket-groups/" + spareGroup(w.alpha()) + "/escalate",
            w -> Map.of("serviceId", w.bravo().serviceId()),
            404),
        send(
            "PUT support-settings {Bravo's policy}",
            "PUT",
            w -> "/support-settings",
            w ->
                Map.of(
                    "surgeThreshold",
                    3,
                    "surgeWindowMinutes",
                    10,
                    "surgeAlertPolicyId",
                    w.bravo().policyId()),
            200),
        // --- the outbox
        send(
            "POST outbox/{Bravo's page}/reply",
            "POST",
            w -> "/outbox/" + w.bravo().outboxId() + "/reply",
            w -> Map.of("body", "HELP"),
            200),
        // --- outbound webhooks
        get("GET webhooks/{Bravo's}", w -> w.bravo().hooks().path()),
        send(
            "PUT webhooks/{Bravo's}",
            "PUT",
            w -> w.bravo().hooks().path(),
            w -> Map.of("url", HOOK_URL + "/alpha", "events", List.of("sla.breached")),
            200),
        send("DELETE webhooks/{Bravo's}", "DELETE", w -> w.bravo().hooks().path(), null, 204),
        send(
            "POST webhooks/{Bravo's}/rotate-secret",
            "POST",
            w -> w.bravo().hooks().path() + "/rotate-secret",
            null,
            200),
        get("GET webhooks/{Bravo's}/deliveries", w -> w.bravo().hooks().path() + "/deliveries"),
        send(
            "POST webhooks/{Bravo's}/deliveries/{Bravo's}/redeliver",
            "POST",
            w ->
                w.bravo().hooks().path()
                    + "/deliveries/"
                    + w.bravo().hooks().deliveryId()
                    + "/redeliver",
            null,
            202),
        send(
            "POST webhooks/{Alpha's}/deliveries/{Bravo's}/redeliver",
            "POST",
            w ->
                w.alpha().hooks().path()
                    + "/deliveries/"
                    + w.bravo().hooks().deliveryId()
                    + "/redeliver",
            null,
            404),
        // --- inbound helpdesk integrations
        get(
            "GET helpdesk-integrations/{Bravo's}",
            w -> "/helpdesk-integrations/" + w.bravo().hooks().helpdeskId()),
        send(
            "POST helpdesk-integrations/{Bravo's}/rotate-secret",
            "POST",
            w -> "/helpdesk-integrations/" + w.bravo().hooks().helpdeskId() + "/rotate-secret",
            null,
            200),
        send(
            "DELETE helpdesk-integrations/{Bravo's}",
            "DELETE",
            w -> "/helpdesk-integrations/" + w.bravo().hooks().helpdeskId(),
            null,
            204),
        // --- inbound alert integrations
        get(
            "GET services/{Bravo's}/integrations",
            w -> "/services/" + w.bravo().serviceId() + "/integrations"),
        send(
            "POST services/{Bravo's}/integrations",
            "POST",
            w -> "/services/" + w.bravo().serviceId() + "/integrations",
            w -> Map.of("type", "generic", "name", "Sneaky"),
            201),
        get(
            "GET services/{Bravo's}/integrations/{Bravo's}",
            w -> alertIntegration(w.bravo(), w.bravo())),
        send(
            "GET services/{Alpha's}/integrations/{Bravo's}",
            "GET",
            w -> alertIntegration(w.alpha(), w.bravo()),
            null,
            404),
        send(
            "POST services/{Bravo's}/integrations/{Bravo's}/rotate-key",
            "POST",
            w -> alertIntegration(w.bravo(), w.bravo()) + "/rotate-key",
            null,
            200),
        send(
            "POST services/{Alpha's}/integrations/{Bravo's}/rotate-key",
            "POST",
            w -> alertIntegration(w.alpha(), w.bravo()) + "/rotate-key",
            null,
            404),
        send(
            "DELETE services/{Bravo's}/integrations/{Bravo's}",
            "DELETE",
            w -> alertIntegration(w.bravo(), w.bravo()),
            null,
            204),
        // --- a service's alert grouping
        get(
            "GET services/{Bravo's}/alert-grouping",
            w -> "/services/" + w.bravo().serviceId() + "/alert-grouping"),
        send(
            "PUT services/{Bravo's}/alert-grouping",
            "PUT",
            w -> "/services/" + w.bravo().serviceId() + "/alert-grouping",
            w -> Map.of("incidentsPerWindow", 1, "windowSeconds", 60),
            200),
        send(
            "DELETE services/{Bravo's}/alert-grouping",
            "DELETE",
            w -> "/services/" + w.bravo().serviceId() + "/alert-grouping",
            null,
            200));
  }

  private static String alertIntegration(Tenant service, Tenant integration) {
    return "/services/"
        + service.serviceId()
        + "/integrations/"
        + integration.hooks().alertIntegrationId();
  }

  static Stream<Listing> lists() {
    return Stream.of(
        new Listing("GET users", "/users", Tenant::memberId),
        new Listing("GET teams", "/teams", Tenant::teamId),
        new Listing("GET services", "/services", Tenant::serviceId),
        // "Checkout" is in both tenants' service names, "Payments" in both owning teams' names.
        new Listing("GET services?q=Checkout", "/services?q=Checkout", Tenant::serviceId),
        new Listing("GET services?q=payments", "/services?q=payments", Tenant::serviceId),
        new Listing("GET services?q=Bravo", "/services?q=Bravo", tenant -> null),
        new Listing("GET api-keys", "/api-keys", Tenant::keyId),
        new Listing("GET users/invitations", "/users/invitations", Tenant::invitationId),
        new Listing("GET audit", "/audit", Tenant::teamId),
        new Listing("GET audit?limit=200", "/audit?limit=200", Tenant::serviceId),
        new Listing("GET schedules", "/schedules", Tenant::scheduleId),
        new Listing("GET oncall", "/oncall", Tenant::scheduleId),
        new Listing("GET oncall?at", "/oncall?at=" + AT, Tenant::scheduleId),
        new Listing("GET escalation-policies", "/escalation-policies", Tenant::policyId),
        new Listing("GET incidents", "/incidents", Tenant::incidentId),
        new Listing(
            "GET incidents?status=triggered,acknowledged&limit=500",
            "/incidents?status=triggered,acknowledged&limit=500",
            Tenant::incidentId),
        new Listing("GET outbox", "/outbox?limit=1000", Tenant::outboxId),
        new Listing("GET webhooks", "/webhooks", tenant -> tenant.hooks().webhookId()),
        new Listing(
            "GET helpdesk-integrations",
            "/helpdesk-integrations",
            tenant -> tenant.hooks().helpdeskId()),
        new Listing("GET customers", "/customers", t -> t.support().customerId()),
        new Listing(
            "GET customers?tier=premium", "/customers?tier=premium", t -> t.support().customerId()),
        new Listing("GET tickets", "/tickets", t -> t.support().ticketId()),
        new Listing("GET sla-policies", "/sla-policies", t -> t.support().slaPolicyId()),
        new Listing("GET tickets?status=new", "/tickets?status=new", t -> t.support().ticketId()),
        new Listing("GET impact-rules", "/impact-rules", t -> t.support().impactRuleId()),
        new Listing("GET ticket-groups", "/ticket-groups", TenantIsolationTest::group),
        new Listing(
            "GET ticket-groups?surging=true",
            "/ticket-groups?surging=true",
            TenantIsolationTest::group),
        new Listing("GET status-board", "/status-board", Tenant::serviceId),
        new Listing("GET outbox?channel=sms", "/outbox?channel=sms", Tenant::outboxId),
        // Bravo's owner is paged at BRAVO_PHONE: Alpha's outbox has nothing for that address.
        new Listing(
            "GET outbox?address={Bravo's number}",
            "/outbox?address=" + enc(BRAVO_PHONE),
            tenant -> null),
        new Listing(
            "GET outbox?address={Alpha's number}",
            "/outbox?address=" + enc(ALPHA_PHONE),
            Tenant::outboxId));
  }

  static Stream<Arguments> foreignIdRequestsWithEachScheme() {
    return foreignIdRequests()
        .flatMap(request -> Stream.of(Scheme.values()).map(s -> Arguments.of(request, s)));
  }

  static Stream<Arguments> listsWithEachScheme() {
    return lists().flatMap(list -> Stream.of(Scheme.values()).map(s -> Arguments.of(list, s)));
  }

  @BeforeAll
  static void startFromAnEmptyDatabase() {
    dirty = true;
  }

  @BeforeEach
  void twoTenantsWithData() {
    if (dirty || Duration.between(builtAt, Instant.now()).compareTo(MAX_TENANT_AGE) > 0) {
      TestDatabase.get().truncateAll();
      alpha = tenant("Alpha", ALPHA_PHONE);
      bravo = tenant("Bravo", BRAVO_PHONE);
      alphaBaseline = snapshot(alpha);
      bravoBaseline = snapshot(bravo);
      builtAt = Instant.now();
    }
    dirty = true;
  }

  // --- ids of another tenant, in the path

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("foreignIdRequestsWithEachScheme")
  void anotherTenantsIdAnswers404AndChangesNothing(Request request, Scheme scheme) {
    Api.Reply reply = request.send(new World(alpha, bravo), scheme.of(alpha));

    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !bravoAfter.equals(bravoBaseline) || reply.status() / 100 == 2;
    String as = request + " with " + scheme + " -> " + reply;
    assertNotFound(as, reply);
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo");
    assertThat(bravoAfter).as(as + ": Bravo's data, re-read as Bravo").isEqualTo(bravoBaseline);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("foreignIdRequestsWithEachScheme")
  void anotherTenantsIdAnswersExactlyLikeAnIdThatNeverExisted(Request request, Scheme scheme) {
    World world = new World(alpha, bravo);
    World unknown = new World(alpha, unknownIds(bravo));

    Api.Reply foreignReply = request.send(world, scheme.of(alpha));
    Api.Reply unknownReply = request.send(unknown, scheme.of(alpha));

    dirty = foreignReply.status() / 100 == 2;
    String as = request + " with " + scheme + ": " + foreignReply + " vs " + unknownReply;
    assertThat(request.target(unknown))
        .as("the id is in the path or the body")
        .isNotEqualTo(request.target(world));
    assertNotFound(as + " (an id that never existed)", unknownReply);
    assertThat(foreignReply.status()).as(as).isEqualTo(unknownReply.status());
    assertThat(withoutIds(foreignReply.raw())).as(as).isEqualTo(withoutIds(unknownReply.raw()));
  }

  /** The control: without it, a 404 from a mistyped path or a missing route would pass. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignIdRequests")
  void theTenantThatOwnsTheIdsGetsItsUsualAnswer(Request request) {
    Api.Reply reply = request.send(new World(alpha, bravo), bravo.owner());

    dirty = reply.status() / 100 != 4;
    String as = request + " as Bravo's owner -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(request.asBravo());
    if (request.asBravo() == 404) {
      assertThat(reply.errorCode()).as(as).isEqualTo("not_found");
    }
  }

  // --- ids of another tenant, in the body

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void creatingAServiceForAnotherTenantsTeamAnswers404AndCreatesNothing(Scheme scheme) {
    Api.Reply reply =
        api.post(
            V1 + "/services",
            Map.of("name", "Alpha Smuggled", "description", "x", "teamId", bravo.teamId()),
            scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    assertNotFound(scheme + " -> " + reply, reply);
    assertThat(api.get(V1 + "/services?q=Smuggled", alpha.owner()).body().path("items")).isEmpty();
    assertThat(api.get(V1 + "/services?q=Smuggled", bravo.owner()).body().path("items")).isEmpty();
    assertThat(bravoAfter).isEqualTo(bravoBaseline);
    assertThat(alphaAfter).isEqualTo(alphaBaseline);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void movingAServiceToAnotherTenantsTeamAnswers404AndLeavesItWhereItWas(Scheme scheme) {
    Api.Reply reply =
        api.patch(
            V1 + "/services/" + alpha.serviceId(),
            Map.of("name", "Alpha Moved", "teamId", bravo.teamId()),
            scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    assertNotFound(scheme + " -> " + reply, reply);
    JsonNode service = api.get(V1 + "/services/" + alpha.serviceId(), alpha.owner()).body();
    assertThat(service.path("team").path("id").asText()).isEqualTo(alpha.teamId());
    assertThat(service.path("name").asText()).isEqualTo("Alpha Checkout");
    assertThat(bravoAfter).isEqualTo(bravoBaseline);
    assertThat(alphaAfter).isEqualTo(alphaBaseline);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void creatingAScheduleForAnotherTenantsTeamAnswers404AndCreatesNothing(Scheme scheme) {
    Map<String, Object> body = new LinkedHashMap<>(scheduleBody("Alpha Smuggled", alpha));
    body.put("teamId", bravo.teamId());

    Api.Reply reply = api.post(V1 + "/schedules", body, scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    assertNotFound(scheme + " -> " + reply, reply);
    assertThat(bravoAfter).isEqualTo(bravoBaseline);
    assertThat(alphaAfter).isEqualTo(alphaBaseline);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void movingAScheduleToAnotherTenantsTeamAnswers404AndLeavesItWhereItWas(Scheme scheme) {
    Api.Reply reply =
        api.patch(
            V1 + schedule(alpha),
            Map.of("name", "Alpha Moved", "teamId", bravo.teamId()),
            scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    assertNotFound(scheme + " -> " + reply, reply);
    assertThat(bravoAfter).isEqualTo(bravoBaseline);
    assertThat(alphaAfter).isEqualTo(alphaBaseline);
  }

  /** Another tenant's user in a body: not an id in the path, so 422 naming the field. */
  static Stream<Arguments> bodiesNamingAnotherTenantsUser() {
    List<Request> requests =
        List.of(
            send(
                "POST schedules with Bravo's user in a layer",
                "POST",
                w -> "/schedules",
                w ->
                    Map.of(
                        "name",
                        "Alpha Smuggled",
                        "timeZone",
                        "America/New_York",
                        "layers",
                        List.of(layer("Weekly", w.alpha().memberId(), w.bravo().memberId()))),
                422),
            send(
                "POST schedules/{Alpha's}/layers with Bravo's user",
                "POST",
                w -> schedule(w.alpha()) + "/layers",
                w -> layer("Smuggled", w.bravo().memberId()),
                422),
            send(
                "PUT schedules/{Alpha's}/layers/{Alpha's} with Bravo's user",
                "PUT",
                w -> schedule(w.alpha()) + "/layers/" + w.alpha().layerId(),
                w -> layer("Smuggled", w.alpha().memberId(), w.bravo().owner().userId()),
                422),
            send(
                "POST schedules/{Alpha's}/overrides for Bravo's user",
                "POST",
                w -> schedule(w.alpha()) + "/overrides",
                w -> override(w.bravo().memberId()),
                422),
            send(
                "POST schedules/{Alpha's}/overrides/batch with Bravo's user second",
                "POST",
                w -> schedule(w.alpha()) + "/overrides/batch",
                w ->
                    Map.of(
                        "overrides",
                        List.of(override(w.alpha().memberId()), override(w.bravo().memberId()))),
                422));
    List<String> fields =
        List.of(
            "layers[0].participants[1]",
            "participants[0]",
            "participants[1]",
            "userId",
            "overrides[1].userId");
    return Stream.iterate(0, i -> i + 1)
        .limit(requests.size())
        .flatMap(
            i ->
                Stream.of(Scheme.values())
                    .map(scheme -> Arguments.of(requests.get(i), fields.get(i), scheme)));
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("bodiesNamingAnotherTenantsUser")
  void aBodyNamingAnotherTenantsUserAnswers422NamingTheFieldAndCreatesNothing(
      Request request, String field, Scheme scheme) {
    Api.Reply reply = request.send(new World(alpha, bravo), scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    String as = request + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(422);
    assertThat(reply.errorCode()).as(as).isEqualTo("validation_failed");
    assertThat(reply.body().path("error").path("fields"))
        .as(as)
        .extracting(f -> f.path("field").asText() + " " + f.path("message").asText())
        .containsExactly(field + " is not a user of this organization");
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo");
    assertThat(alphaAfter).as(as + ": Alpha's data").isEqualTo(alphaBaseline);
    assertThat(bravoAfter).as(as + ": Bravo's data").isEqualTo(bravoBaseline);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void onCallFilteredByAnotherTenantsTeamAnswers404LikeATeamThatNeverExisted(Scheme scheme) {
    dirty = false; // reads only

    Api.Reply foreign =
        api.get(V1 + "/oncall?at=" + AT + "&teamId=" + bravo.teamId(), scheme.of(alpha));
    Api.Reply unknown =
        api.get(V1 + "/oncall?at=" + AT + "&teamId=" + UUID.randomUUID(), scheme.of(alpha));

    String as = scheme + ": " + foreign + " vs " + unknown;
    assertThat(foreign.status()).as(as).isEqualTo(404);
    assertThat(foreign.errorCode()).as(as).isEqualTo("not_found");
    assertThat(foreign.status()).as(as).isEqualTo(unknown.status());
    assertThat(withoutIds(foreign.raw())).as(as).isEqualTo(withoutIds(unknown.raw()));
    assertThat(foreign.raw()).as(as).doesNotContainIgnoringCase("bravo");
    assertThat(foreign.raw()).as(as).doesNotContain(bravo.scheduleId());
  }

  // --- escalation policies naming another tenant's users, schedules and teams

  static Stream<Arguments> policyWritesNamingAnotherTenantsTarget() {
    return Stream.of("POST", "PUT")
        .flatMap(
            method ->
                Stream.of("user", "schedule", "team")
                    .flatMap(
                        type ->
                            Stream.of(Scheme.values())
                                .map(scheme -> Arguments.of(method, type, scheme))));
  }

  @ParameterizedTest(name = "{0} a policy naming Bravo''s {1} with {2}")
  @MethodSource("policyWritesNamingAnotherTenantsTarget")
  void aPolicyNamingAnotherTenantsTargetAnswers422NamingTheTargetAndChangesNothing(
      String method, String type, Scheme scheme) {
    Map<String, Object> foreign = new LinkedHashMap<>();
    foreign.put("type", type);
    foreign.put(
        "id",
        type.equals("user")
            ? bravo.memberId()
            : type.equals("schedule") ? bravo.scheduleId() : bravo.teamId());
    if (type.equals("team")) {
      foreign.put("teamMode", "round_robin");
    }
    Map<String, Object> body =
        Map.of(
            "name",
            "Alpha Smuggled",
            "repeatCount",
            1,
            "steps",
            List.of(
                Map.of(
                    "delayMinutes",
                    60,
                    "targets",
                    List.of(Map.of("type", "user", "id", alpha.owner().userId()))),
                Map.of(
                    "delayMinutes",
                    60,
                    "targets",
                    List.of(Map.of("type", "schedule", "id", alpha.scheduleId()), foreign))));

    Api.Reply reply =
        api.send(
            method,
            V1 + (method.equals("POST") ? "/escalation-policies" : policy(alpha)),
            body,
            scheme.of(alpha));

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    String as = method + " naming Bravo's " + type + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(422);
    assertThat(reply.errorCode()).as(as).isEqualTo("validation_failed");
    assertThat(reply.body().path("error").path("fields"))
        .as(as)
        .extracting(f -> f.path("field").asText() + " " + f.path("message").asText())
        .containsExactly("steps[1].targets[1].id no such " + type + " in this tenant");
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo");
    assertThat(alphaAfter).as(as + ": Alpha's data").isEqualTo(alphaBaseline);
    assertThat(bravoAfter).as(as + ": Bravo's data").isEqualTo(bravoBaseline);
  }

  // --- SMS replies: a phone number may be known to more than one tenant

  /**
   * Alpha adds Bravo's on-call number to one of its own users, which puts a verification SMS to
   * that number in Alpha's outbox, and answers it as if it were that phone. Whatever the number is
   * routed to, a reply made through Alpha's outbox acts for Alpha or not at all: Bravo's incident
   * stays open, Bravo's number keeps getting SMS, and the answer says nothing of Bravo.
   */
  @ParameterizedTest(name = "replying \"{0}\"")
  @ValueSource(strings = {"1A", "A", "1R", "1E", "STOP"})
  void anOutboxReplyActsOnlyForItsOwnTenantEvenFromANumberAnotherTenantPages(String body) {
    Api.Reply added =
        api.post(
            V1 + contactMethods(alpha.owner().userId()),
            Map.of("channel", "sms", "address", BRAVO_PHONE),
            alpha.owner());
    expect(201, added);
    JsonNode codeMessage =
        api.get(V1 + "/outbox?address=" + enc(BRAVO_PHONE), alpha.owner())
            .body()
            .path("items")
            .get(0);
    assertThat(codeMessage.path("body").asText()).contains("verification code");

    Api.Reply replied =
        api.post(
            V1 + "/outbox/" + codeMessage.path("id").asText() + "/reply",
            Map.of("body", body),
            alpha.owner());

    dirty = true;
    Map<String, String> bravoAfter = snapshot(bravo);
    String as = "replying " + body + " -> " + replied;
    assertThat(replied.status()).as(as).isEqualTo(200);
    assertThat(replied.raw()).as(as).doesNotContainIgnoringCase("bravo");
    JsonNode bravoIncident = api.get(V1 + incident(bravo), bravo.owner()).body().path("incident");
    assertThat(bravoIncident.path("status").asText()).as(as).isEqualTo("triggered");
    JsonNode bravoMethod =
        api.get(V1 + contactMethods(bravo.owner().userId()), bravo.owner()).body().path("items");
    assertThat(bravoMethod.findValues("disabledAt")).as(as).allMatch(JsonNode::isNull);
    assertThat(bravoAfter).as(as + ": Bravo's data").isEqualTo(bravoBaseline);
  }

  // --- one-click email links: the signed token is the credential, and it carries its tenant

  @Test
  void anEmailActionLinkShowsItsOwnIncidentAndAGetChangesNothing() {
    Api.Reply page =
        api.get(V1 + "/email-actions/" + alpha.paged().emailActionToken(), Api.ANONYMOUS);

    Map<String, String> alphaAfter = snapshot(alpha);
    dirty = !alphaAfter.equals(alphaBaseline);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.raw()).contains("incident #1").doesNotContainIgnoringCase("bravo");
    assertThat(alphaAfter).isEqualTo(alphaBaseline);
  }

  static Stream<Arguments> emailActionTokensRewrittenToBravo() {
    return Stream.of("GET", "POST")
        .flatMap(
            method ->
                Stream.of("tenant", "tenant and incident")
                    .map(rewritten -> Arguments.of(method, rewritten)));
  }

  @ParameterizedTest(name = "{0} with the {1} rewritten to Bravo''s")
  @MethodSource("emailActionTokensRewrittenToBravo")
  void anEmailActionTokenRewrittenToAnotherTenantIsNotFoundAndChangesNothing(
      String method, String rewritten) {
    // The token is base64url(tenant, incident, user, method, action, expiry, MAC): ids lead it.
    byte[] token = Base64.getUrlDecoder().decode(alpha.paged().emailActionToken());
    ByteBuffer ids = ByteBuffer.wrap(token);
    putUuid(ids, bravo.id());
    if (rewritten.contains("incident")) {
      putUuid(ids, bravo.incidentId());
    }
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(token);

    Api.Reply reply = api.send(method, V1 + "/email-actions/" + forged, null, Api.ANONYMOUS);

    Map<String, String> alphaAfter = snapshot(alpha);
    Map<String, String> bravoAfter = snapshot(bravo);
    dirty = !alphaAfter.equals(alphaBaseline) || !bravoAfter.equals(bravoBaseline);
    String as = method + " with the " + rewritten + " rewritten -> " + reply;
    assertNotFound(as, reply);
    assertThat(reply.headers().firstValue("Content-Type").orElse(""))
        .as(as)
        .startsWith("application/json");
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo").doesNotContain("#1");
    assertThat(bravoAfter).as(as + ": Bravo's data").isEqualTo(bravoBaseline);
    assertThat(alphaAfter).as(as + ": Alpha's data").isEqualTo(alphaBaseline);
  }

  // --- calendar feeds: the secret URL is the credential, and it carries its tenant

  @Test
  void aCalendarFeedTokenShowsOnlyItsOwnTenantsSchedules() {
    dirty = false; // reads only
    SoftAssertions softly = new SoftAssertions();
    for (Tenant tenant : List.of(alpha, bravo)) {
      Tenant other = tenant == alpha ? bravo : alpha;
      for (String token : List.of(tenant.scheduleFeedToken(), tenant.personalFeedToken())) {
        Api.Reply feed = api.get(V1 + "/calendar/" + token + ".ics", Api.ANONYMOUS);

        String as = tenant.name() + "'s feed -> " + feed;
        softly.assertThat(feed.status()).as(as).isEqualTo(200);
        softly.assertThat(feed.raw()).as(as).contains("BEGIN:VEVENT", tenant.name() + " Primary");
        softly.assertThat(feed.raw()).as(as).doesNotContainIgnoringCase(other.name());
        for (String id : other.ids()) {
          softly.assertThat(feed.raw()).as(as).doesNotContain(id);
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void aCalendarFeedTokenRewrittenToAnotherTenantIsNotFound() {
    dirty = false; // reads only
    SoftAssertions softly = new SoftAssertions();
    for (Tenant tenant : List.of(alpha, bravo)) {
      Tenant other = tenant == alpha ? bravo : alpha;
      String otherHex = other.id().replace("-", "");
      for (String token : List.of(tenant.scheduleFeedToken(), tenant.personalFeedToken())) {
        String[] parts = token.split("_", 3);
        String rewritten = parts[0] + "_" + otherHex + "_" + parts[2];

        Api.Reply feed = api.get(V1 + "/calendar/" + rewritten + ".ics", Api.ANONYMOUS);

        String as = tenant.name() + "'s token claiming " + other.name() + " -> " + feed;
        softly.assertThat(feed.status()).as(as).isEqualTo(404);
        softly.assertThat(feed.errorCode()).as(as).isEqualTo("not_found");
        softly.assertThat(feed.raw()).as(as).doesNotContain("VCALENDAR");
        softly.assertThat(feed.raw()).as(as).doesNotContainIgnoringCase(other.name());
        softly.assertThat(feed.raw()).as(as).doesNotContainIgnoringCase(tenant.name());
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void revokingAnotherTenantsFeedLeavesItsUrlWorking(Scheme scheme) {
    for (String feedId : List.of(bravo.scheduleFeedId(), bravo.personalFeedId())) {
      api.delete(V1 + "/calendar-feeds/" + feedId, scheme.of(alpha));
    }

    Api.Reply feed = api.get(V1 + "/calendar/" + bravo.scheduleFeedToken() + ".ics", Api.ANONYMOUS);
    Api.Reply personal =
        api.get(V1 + "/calendar/" + bravo.personalFeedToken() + ".ics", Api.ANONYMOUS);

    dirty = feed.status() != 200 || personal.status() != 200;
    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
    assertThat(personal.status()).as(personal.toString()).isEqualTo(200);
  }

  // --- lists

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("listsWithEachScheme")
  void listsShowNoneOfAnotherTenantsRows(Listing listing, Scheme scheme) {
    dirty = false; // reads only

    Api.Reply reply = api.get(V1 + listing.path(), scheme.of(alpha));

    String as = listing + " with " + scheme + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(200);
    JsonNode items = reply.body().path("items");
    assertThat(items.isArray()).as(as).isTrue();
    List<String> names = new ArrayList<>(items.findValuesAsText("name"));
    names.addAll(items.findValuesAsText("email"));
    names.addAll(items.findValuesAsText("actorName"));
    names.addAll(items.findValuesAsText("summary"));
    assertThat(items.findValuesAsText("id")).as(as).doesNotContainAnyElementsOf(bravo.ids());
    assertThat(items.findValuesAsText("targetId")).as(as).doesNotContainAnyElementsOf(bravo.ids());
    assertThat(names).as(as).noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("bravo"));
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo");
    for (String bravoId : bravo.ids()) {
      assertThat(reply.raw()).as(as).doesNotContain(bravoId);
    }
    String ownRow = listing.ownRow().apply(alpha);
    if (ownRow == null) {
      assertThat(items).as(as + ": nothing of Alpha's matches").isEmpty();
    } else {
      assertThat(reply.raw()).as(as + ": Alpha's own row is listed").contains(ownRow);
    }
  }

  /**
   * Metrics are aggregates, not lists: Alpha's count its own incidents and pages, none of Bravo's.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/metrics/incidents", "/metrics/support"})
  void metricsCountOnlyTheTenantsOwnRows(String path) {
    dirty = false; // reads only

    Api.Reply reply = api.get(V1 + path, alpha.owner());

    String as = path + " -> " + reply;
    assertThat(reply.status()).as(as).isEqualTo(200);
    assertThat(reply.raw()).as(as).doesNotContainIgnoringCase("bravo");
    for (String bravoId : bravo.ids()) {
      assertThat(reply.raw()).as(as).doesNotContain(bravoId);
    }
    if (path.endsWith("incidents")) {
      assertThat(reply.raw())
          .as(as + ": Alpha's service and paged owner")
          .contains(alpha.serviceId(), alpha.owner().userId());
    } else {
      assertThat(reply.body().path("ticketsCreated").asInt())
          .as(as + ": Alpha's own tickets, and only those")
          .isEqualTo(api.get(V1 + "/tickets?limit=200", alpha.owner()).body().path("items").size());
    }
  }

  // --- afterwards, as Bravo

  @Test
  void bravoStillSeesAllOfItsDataAfterEveryAttemptFromAlpha() {
    World world = new World(alpha, bravo);
    for (Request request : foreignIdRequests().toList()) {
      for (Scheme scheme : Scheme.values()) {
        request.send(world, scheme.of(alpha));
      }
    }
    api.post(
        V1 + "/services",
        Map.of("name", "Alpha Smuggled", "teamId", bravo.teamId()),
        alpha.owner());

    Api.Login owner = bravo.owner();
    assertThat(api.get(V1 + "/users", owner).body().path("items").findValuesAsText("id"))
        .containsExactlyInAnyOrder(owner.userId(), bravo.memberId(), bravo.formerMemberId());
    JsonNode member = api.get(V1 + "/users/" + bravo.memberId(), owner).body();
    assertThat(member.path("name").asText()).isEqualTo("Bravo Responder");
    assertThat(member.path("role").asText()).isEqualTo("responder");
    assertThat(member.path("timeZone").asText()).isEqualTo("UTC");
    assertThat(member.path("active").asBoolean()).isTrue();
    JsonNode former = api.get(V1 + "/users/" + bravo.formerMemberId(), owner).body();
    assertThat(former.path("active").asBoolean()).as("still deactivated").isFalse();
    JsonNode team = api.get(V1 + "/teams/" + bravo.teamId(), owner).body();
    assertThat(team.path("name").asText()).isEqualTo("Bravo Payments");
    assertThat(team.path("members").findValuesAsText("id")).containsExactly(bravo.memberId());
    assertThat(team.path("services").findValuesAsText("id")).containsExactly(bravo.serviceId());
    assertThat(api.get(V1 + "/teams/" + bravo.spareTeamId(), owner).status()).isEqualTo(200);
    JsonNode service = api.get(V1 + "/services/" + bravo.serviceId(), owner).body();
    assertThat(service.path("name").asText()).isEqualTo("Bravo Checkout");
    assertThat(service.path("team").path("id").asText()).isEqualTo(bravo.teamId());
    assertThat(api.get(V1 + "/services", owner).body().path("items"))
        .extracting(item -> item.path("name").asText() + " " + item.path("id").asText())
        .containsExactly("Bravo Checkout " + bravo.serviceId());
    JsonNode keys = api.get(V1 + "/api-keys", owner).body().path("items");
    assertThat(keys.findValuesAsText("id")).containsExactly(bravo.keyId());
    assertThat(keys.findValues("revokedAt")).allMatch(JsonNode::isNull);
    Api.Reply withBravosKey = api.get(V1 + "/users", bravo.ownerKey());
    assertThat(withBravosKey.status())
        .as("Bravo's own API key still works: " + withBravosKey)
        .isEqualTo(200);
    assertThat(
            api.get(V1 + "/audit?limit=200", owner)
                .body()
                .path("items")
                .findValuesAsText("actorName"))
        .isNotEmpty()
        .noneMatch(actor -> actor.toLowerCase(Locale.ROOT).contains("alpha"));
    assertThat(service.path("escalationPolicyId").asText()).isEqualTo(bravo.policyId());
    JsonNode policy = api.get(V1 + policy(bravo), owner).body();
    assertThat(policy.path("name").asText()).isEqualTo("Bravo Primary");
    assertThat(policy.path("steps").get(0).path("targets").findValuesAsText("id"))
        .containsExactly(owner.userId());
    assertThat(api.get(V1 + "/escalation-policies", owner).body().path("items"))
        .extracting(item -> item.path("name").asText())
        .containsExactlyInAnyOrder("Bravo Primary", "Bravo Spare");
    JsonNode detail = api.get(V1 + incident(bravo), owner).body();
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("triggered");
    assertThat(detail.path("incident").path("urgency").asText()).isEqualTo("high");
    assertThat(detail.path("incident").path("alertCount").asInt()).isEqualTo(1);
    assertThat(detail.path("escalations").findValuesAsText("policyId"))
        .containsExactly(bravo.policyId());
    assertThat(detail.path("timeline").findValuesAsText("message"))
        .noneMatch(message -> message.toLowerCase(Locale.ROOT).contains("alpha"));
    assertThat(api.get(V1 + "/incidents", owner).body().path("items").findValuesAsText("id"))
        .containsExactly(bravo.incidentId());
    assertThat(
            api.get(V1 + contactMethods(owner.userId()), owner)
                .body()
                .path("items")
                .findValuesAsText("id"))
        .containsExactlyInAnyOrder(bravo.methodId(), bravo.paged().emailMethodId());
    JsonNode pending =
        api.get(V1 + contactMethods(bravo.memberId()), owner).body().path("items").get(0);
    assertThat(pending.path("verifiedAt").isNull()).as("still awaiting its code").isTrue();
    assertThat(
            api.get(V1 + rules(owner.userId()), owner).body().path("items").findValuesAsText("id"))
        .hasSize(2)
        .contains(bravo.ruleId());
    assertThat(snapshot(bravo)).isEqualTo(bravoBaseline);
  }

  @Test
  void bravoStillSeesItsPendingInvitationAfterEveryAttemptFromAlpha() {
    for (Scheme scheme : Scheme.values()) {
      api.delete(V1 + "/users/invitations/" + bravo.invitationId(), scheme.of(alpha));
    }

    Api.Reply pending = api.get(V1 + "/users/invitations", bravo.owner());

    assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
    assertThat(pending.body().path("items").findValuesAsText("id"))
        .containsExactly(bravo.invitationId());
  }

  // --- the database wall: row-level security without the DAOs' WHERE tenant_id = …

  @Test
  void rowLevelSecurityShowsAScopedConnectionOnlyItsTenantsUsersWithoutAnyWhereClause()
      throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      scope(connection, alpha.id());

      List<List<String>> users = rows(connection, "SELECT * FROM users");

      assertThat(users).hasSize(3);
      assertThat(rows(connection, "SELECT tenant_id, id FROM users"))
          .containsExactlyInAnyOrder(
              List.of(alpha.id(), alpha.owner().userId()),
              List.of(alpha.id(), alpha.memberId()),
              List.of(alpha.id(), alpha.formerMemberId()));
    }
  }

  @Test
  void rowLevelSecurityShowsAConnectionWithoutATenantNoUsersAtAll() throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      assertThat(rows(connection, "SELECT * FROM users")).isEmpty();
      assertThat(rows(connection, "SELECT * FROM users WHERE tenant_id = ?::uuid", bravo.id()))
          .isEmpty();

      scope(connection, alpha.id());
      assertThat(rows(connection, "SELECT * FROM users")).hasSize(3);
      assertThat(rows(connection, "SELECT * FROM users WHERE tenant_id = ?::uuid", bravo.id()))
          .isEmpty();
    }
  }

  static Stream<String> tenantTables() {
    return TENANT_TABLES.stream();
  }

  @Test
  void everyTableWithATenantIdIsListedAndHasForcedRowLevelSecurity() throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      List<List<String>> tables =
          rows(
              connection,
              "SELECT c.relname, c.relrowsecurity::text, c.relforcerowsecurity::text"
                  + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM"
                  + " pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'"
                  + " AND NOT a.attisdropped)");

      List<String> expected = new ArrayList<>(TENANT_TABLES);
      expected.addAll(CROSS_TENANT_TABLES.keySet());
      assertThat(TENANT_TABLES).doesNotContainAnyElementsOf(CROSS_TENANT_TABLES.keySet());
      assertThat(tables)
          .extracting(row -> row.get(0))
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(tables)
          .filteredOn(row -> !CROSS_TENANT_TABLES.containsKey(row.get(0)))
          .allSatisfy(row -> assertThat(row.subList(1, 3)).as(row.get(0)).containsOnly("true"));
      // The allow-listed tables really are cross-tenant: were row-level security switched on for
      // one, what it is for would silently stop working, so the list must change with it.
      assertThat(tables)
          .filteredOn(row -> CROSS_TENANT_TABLES.containsKey(row.get(0)))
          .allSatisfy(
              row ->
                  assertThat(row.subList(1, 3))
                      .as(row.get(0) + ": " + CROSS_TENANT_TABLES.get(row.get(0)))
                      .containsOnly("false"));
    }
  }

  @Test
  void theCrossTenantReplyCodeTableHoldsIdsAndNumbersOnly() throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      assertThat(
              rows(
                  connection,
                  "SELECT a.attname FROM pg_attribute a"
                      + " WHERE a.attrelid = 'sms_reply_codes'::regclass"
                      + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"))
          .extracting(row -> row.get(0))
          .containsExactly(
              "phone_number",
              "code",
              "tenant_id",
              "incident_id",
              "incident_number",
              "user_id",
              "contact_method_id",
              "paged_at");
      // Both owners were paged by SMS: each page has a code on its own phone, for its own tenant.
      assertThat(
              rows(
                  connection,
                  "SELECT phone_number, code::text, tenant_id::text, user_id::text"
                      + " FROM sms_reply_codes ORDER BY phone_number"))
          .containsExactly(
              List.of(ALPHA_PHONE, "1", alpha.id(), alpha.owner().userId()),
              List.of(BRAVO_PHONE, "1", bravo.id(), bravo.owner().userId()));
    }
  }

  @Test
  void theCrossTenantAlertKeyTableHoldsKeyHashesAndIdsOnly() throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      assertThat(
              rows(
                  connection,
                  "SELECT a.attname FROM pg_attribute a"
                      + " WHERE a.attrelid = 'alert_integration_keys'::regclass"
                      + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"))
          .extracting(row -> row.get(0))
          .containsExactly("key_sha256", "tenant_id", "integration_id");
      assertThat(
              rows(
                  connection,
                  "SELECT tenant_id::text, integration_id::text FROM alert_integration_keys"
                      + " WHERE tenant_id IN (?::uuid, ?::uuid) ORDER BY tenant_id = ?::uuid",
                  alpha.id(),
                  bravo.id(),
                  bravo.id()))
          // Each tenant fixture also has a heartbeat and an email integration, with keys too.
          .contains(
              List.of(alpha.id(), alpha.hooks().alertIntegrationId()),
              List.of(bravo.id(), bravo.hooks().alertIntegrationId()))
          .allSatisfy(row -> assertThat(row).hasSize(2));
    }
  }

  @Test
  void theCrossTenantSmsRoutingTableHoldsRoutingAndNoIncidentContent() throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      List<List<String>> columns =
          rows(
              connection,
              "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = 'sms_numbers'::regclass"
                  + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");

      assertThat(columns)
          .extracting(row -> row.get(0))
          .containsExactlyElementsOf(SMS_ROUTING_COLUMNS);
      // Both owners were paged, so both numbers are routed, each to its own tenant and owner.
      assertThat(
              rows(
                  connection,
                  "SELECT phone_number, tenant_id::text, user_id::text, last_incident_number::text"
                      + " FROM sms_numbers ORDER BY phone_number"))
          .containsExactly(
              List.of(ALPHA_PHONE, alpha.id(), alpha.owner().userId(), "1"),
              List.of(BRAVO_PHONE, bravo.id(), bravo.owner().userId(), "1"));
    }
  }

  @Test
  void theSweeperClauseOfTheNotificationsPolicyDoesNotWidenATenantScopedConnection()
      throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      for (Tenant tenant : List.of(alpha, bravo)) {
        scope(connection, tenant.id());
        for (String scope : List.of("", "delivery", "Delivery-Sweeper", "delivery-sweeper ")) {
          rows(connection, "SELECT set_config('switchboard.scope', ?, false)", scope);

          List<List<String>> notifications =
              rows(connection, "SELECT tenant_id, id FROM notifications");

          String as = tenant.name() + " with switchboard.scope '" + scope + "'";
          assertThat(notifications).as(as).hasSize(2);
          assertThat(notifications).as(as).extracting(row -> row.get(0)).containsOnly(tenant.id());
          assertThat(
                  rows(
                      connection,
                      "SELECT id FROM notifications WHERE id = ?::uuid",
                      (tenant == alpha ? bravo : alpha).paged().notificationId()))
              .as(as + ": the other tenant's notification by id")
              .isEmpty();
        }
      }
    }
  }

  /**
   * "Forgot sign-in name" finds an address's organizations before any tenant is known, reading
   * users across tenants in a scope of its own (migration 034). That scope reads users only and
   * changes none; a name that is almost the scope's opens nothing.
   */
  @Test
  void theSignInNameReminderScopeOnlyReadsUsers() throws SQLException {
    dirty = false; // every write below is rolled back
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      rows(connection, "SELECT set_config('switchboard.scope', 'sign-in-name-reminder', true)");
      assertThat(rows(connection, "SELECT tenant_id FROM users"))
          .extracting(row -> row.get(0))
          .contains(alpha.id(), bravo.id());
      assertThat(update(connection, "UPDATE users SET name = 'Taken over'")).isZero();
      assertThat(rows(connection, "SELECT tenant_id FROM sessions")).isEmpty();
      connection.rollback();
    }
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      scope(connection, alpha.id());
      connection.setAutoCommit(false);
      for (String near :
          List.of("sign-in-name", "Sign-In-Name-Reminder", "sign-in-name-reminder ")) {
        rows(connection, "SELECT set_config('switchboard.scope', ?, true)", near);
        assertThat(rows(connection, "SELECT tenant_id FROM users"))
            .as("scope '" + near + "'")
            .extracting(row -> row.get(0))
            .containsOnly(alpha.id());
        connection.rollback();
      }
    }
  }

  /**
   * The heartbeat monitor job finds every tenant's overdue heartbeats in a scope of its own
   * (migration 041). That scope reads alert_heartbeats only and changes none; a name that is almost
   * the scope's opens nothing.
   */
  @Test
  void theHeartbeatMonitorScopeOnlyReadsHeartbeats() throws SQLException {
    dirty = false; // every write below is rolled back
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      rows(connection, "SELECT set_config('switchboard.scope', 'heartbeat-monitor', true)");
      assertThat(rows(connection, "SELECT tenant_id FROM alert_heartbeats"))
          .extracting(row -> row.get(0))
          .contains(alpha.id(), bravo.id());
      assertThat(update(connection, "UPDATE alert_heartbeats SET missed_at = now()")).isZero();
      assertThat(update(connection, "DELETE FROM alert_heartbeats")).isZero();
      assertThat(rows(connection, "SELECT tenant_id FROM alert_email_settings")).isEmpty();
      connection.rollback();
    }
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      scope(connection, alpha.id());
      connection.setAutoCommit(false);
      for (String near : List.of("heartbeat", "Heartbeat-Monitor", "heartbeat-monitor ")) {
        rows(connection, "SELECT set_config('switchboard.scope', ?, true)", near);
        assertThat(rows(connection, "SELECT tenant_id FROM alert_heartbeats"))
            .as("scope '" + near + "'")
            .extracting(row -> row.get(0))
            .containsOnly(alpha.id());
        connection.rollback();
      }
    }
  }

  /**
   * The delivery sweeper's scope lets it find every tenant's unsent messages (migration 010 says it
   * reads only their ids); it must not let anything change or delete another tenant's messages.
   * Each write runs in a transaction that is rolled back, so a policy that let one through leaves
   * the fixture as it was.
   */
  @Test
  void theDeliverySweeperScopeReadsEveryTenantsNotificationsAndChangesNone() throws SQLException {
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      SoftAssertions softly = new SoftAssertions();
      sweeperScope(connection);
      softly
          .assertThat(rows(connection, "SELECT tenant_id FROM notifications"))
          .as("the sweeper sees both tenants' notifications")
          .extracting(row -> row.get(0))
          .containsOnly(alpha.id(), bravo.id())
          .hasSize(4);
      connection.rollback();

      sweeperScope(connection);
      softly
          .assertThat(
              update(
                  connection,
                  "DELETE FROM notifications WHERE id = ?::uuid",
                  bravo.paged().notificationId()))
          .as("rows the sweeper scope deleted")
          .isZero();
      connection.rollback();

      sweeperScope(connection);
      // The sweeper's policy is for SELECT only: an update under its scope sees no rows.
      softly
          .assertThat(
              update(
                  connection,
                  "UPDATE notifications SET last_error = 'rewritten' WHERE id = ?::uuid",
                  bravo.paged().notificationId()))
          .as("rows updated under the sweeper scope")
          .isZero();
      connection.rollback();
      connection.setAutoCommit(true);

      scope(connection, bravo.id());
      softly
          .assertThat(rows(connection, "SELECT id FROM notifications"))
          .as("Bravo's notifications afterwards")
          .hasSize(2);
      softly.assertAll();
    }
    dirty = !snapshot(bravo).equals(bravoBaseline);
  }

  @ParameterizedTest
  @MethodSource("tenantTables")
  void rowLevelSecurityScopesEveryTenantTable(String table) throws SQLException {
    dirty = false; // reads only
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      assertThat(rows(connection, "SELECT tenant_id FROM " + table)).as("unscoped").isEmpty();

      for (Tenant tenant : List.of(alpha, bravo)) {
        scope(connection, tenant.id());
        List<List<String>> rows = rows(connection, "SELECT tenant_id FROM " + table);
        assertThat(rows).as("%s seen as %s", table, tenant.name()).isNotEmpty();
        assertThat(rows).extracting(row -> row.get(0)).containsOnly(tenant.id());
      }
    }
  }

  @Test
  void rowLevelSecurityRejectsInsertingARowForAnotherTenant() throws SQLException {
    String intruder = UUID.randomUUID().toString();
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      scope(connection, alpha.id());

      assertThatThrownBy(
              () ->
                  update(
                      connection,
                      "INSERT INTO users (tenant_id, id, email, name, password_hash, role,"
                          + " time_zone, active, created_at, updated_at) VALUES (?::uuid, ?::uuid,"
                          + " 'intruder@bravo.test', 'Intruder', 'x', 'owner', 'UTC', true, now(),"
                          + " now())",
                      bravo.id(),
                      intruder))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getMessage()).contains("row-level security");
              });

      scope(connection, bravo.id());
      assertThat(rows(connection, "SELECT id FROM users WHERE id = ?::uuid", intruder)).isEmpty();
      assertThat(rows(connection, "SELECT id FROM users")).hasSize(3);
    }
    dirty = false;
  }

  @Test
  void rowLevelSecurityRejectsMovingARowToAnotherTenantAndKeepsWritesInsideTheTenant()
      throws SQLException {
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      scope(connection, alpha.id());

      assertThatThrownBy(
              () ->
                  update(
                      connection,
                      "UPDATE teams SET tenant_id = ?::uuid WHERE id = ?::uuid",
                      bravo.id(),
                      alpha.spareTeamId()))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThat(update(connection, "UPDATE teams SET description = 'rewritten'")).isEqualTo(2);
      assertThat(update(connection, "DELETE FROM team_members")).isEqualTo(1);

      scope(connection, bravo.id());
      assertThat(rows(connection, "SELECT name, description FROM teams"))
          .containsExactlyInAnyOrder(List.of("Bravo Payments", ""), List.of("Bravo Spare", ""));
      assertThat(rows(connection, "SELECT user_id FROM team_members"))
          .containsExactly(List.of(bravo.memberId()));
    }
  }

  // --- fixtures and helpers

  /**
   * Signs up a tenant and gives it a member on a team, a deactivated member, a spare team, a
   * service, an owner API key and a pending invitation; all of it leaves audit rows.
   */
  private static Tenant tenant(String name, String phone) {
    Api.Login owner = api.signup(name);
    // A pending password reset link, so that password_resets has a row in every tenant.
    expect(
        202,
        api.post(
            V1 + "/password-resets",
            Map.of("tenant", owner.slug(), "email", owner.email()),
            Api.ANONYMOUS));
    String memberId = InvitationSeed.member(api, owner, "responder").userId();
    expect(200, api.patch(V1 + "/users/" + memberId, Map.of("name", name + " Responder"), owner));
    String formerId = InvitationSeed.member(api, owner, "viewer").userId();
    expect(200, api.patch(V1 + "/users/" + formerId, Map.of("name", name + " Former"), owner));
    expect(200, api.post(V1 + "/users/" + formerId + "/deactivate", null, owner));
    String teamId =
        expect(
                201,
                api.post(
                    V1 + "/teams",
                    Map.of("name", name + " Payments", "kind", "engineering"),
                    owner))
            .id();
    expect(200, api.put(V1 + members(teamId, memberId), null, owner));
    String spareTeamId =
        expect(
                201,
                // With an Idempotency-Key, so that idempotency_keys has a row in every tenant.
                api.send(
                    "POST",
                    V1 + "/teams",
                    Map.of("name", name + " Spare", "kind", "support"),
                    owner,
                    Map.of("Idempotency-Key", "spare-team")))
            .id();
    String serviceId =
        expect(
                201,
                api.post(
                    V1 + "/services",
                    Map.of(
                        "name",
                        name + " Checkout",
                        "description",
                        "takes " + name + " orders",
                        "teamId",
                        teamId),
                    owner))
            .id();
    Api.Reply key =
        expect(
            201,
            api.post(
                V1 + "/api-keys", Map.of("name", name + " automation", "role", "owner"), owner));
    String invitationId =
        InvitationSeed.invite(owner, "pending@" + owner.slug() + ".test", "viewer").id();
    Map<String, Object> primary =
        new LinkedHashMap<>(
            Map.of(
                "name",
                name + " Primary",
                "timeZone",
                "America/New_York",
                "teamId",
                teamId,
                "layers",
                List.of(layer(name + " Weekly", memberId, owner.userId()))));
    Api.Reply schedule = expect(201, api.post(V1 + "/schedules", primary, owner));
    String layerId = schedule.body().path("layers").path(0).path("id").asText();
    String overrideId =
        expect(
                201,
                api.post(
                    V1 + "/schedules/" + schedule.id() + "/overrides",
                    Map.of(
                        "userId",
                        owner.userId(),
                        "start",
                        "2027-01-06T00:00:00Z",
                        "end",
                        "2027-01-07T00:00:00Z",
                        "note",
                        name + " covers"),
                    owner))
            .id();
    Api.Reply scheduleFeed =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("scheduleId", schedule.id()), owner));
    Api.Reply personalFeed =
        expect(201, api.post(V1 + "/calendar-feeds", Map.of("userId", memberId), owner));
    Paged paged = paging(name, owner, phone, memberId, teamId, serviceId, schedule.id());
    // A maintenance window far ahead: a row to scope, and it holds no page now.
    expect(
        201,
        api.post(
            V1 + "/services/" + serviceId + "/maintenance-windows",
            Map.of(
                "start",
                Instant.now().plus(Duration.ofDays(20)).toString(),
                "end",
                Instant.now().plus(Duration.ofDays(21)).toString(),
                "reason",
                name + " upgrade"),
            owner));
    Hooks hooks = hooks(name, owner, serviceId);
    // A heartbeat and an email integration: rows in alert_heartbeats and alert_email_settings.
    for (String type : List.of("heartbeat", "email")) {
      expect(
          201,
          api.post(
              V1 + "/services/" + serviceId + "/integrations",
              Map.of("type", type, "name", name + " " + type),
              owner));
    }
    return new Tenant(
        name,
        owner,
        new Api.Key(owner.tenantId(), key.body().path("token").asText()),
        memberId,
        formerId,
        teamId,
        spareTeamId,
        serviceId,
        key.body().path("key").path("id").asText(),
        invitationId,
        schedule.id(),
        layerId,
        overrideId,
        scheduleFeed.id(),
        personalFeed.id(),
        feedToken(scheduleFeed),
        feedToken(personalFeed),
        paged,
        support(name, owner, serviceId, paged),
        hooks);
  }

  private static Support support(String name, Api.Login owner, String serviceId, Paged paged) {
    String slaPolicyId =
        expect(201, api.post(V1 + "/sla-policies", slaPolicy(name, paged.policyId()), owner)).id();
    String customerId =
        expect(
                201,
                api.post(
                    V1 + "/customers",
                    Map.of("name", name + " Customer", "tier", "premium", "externalId", "c-1"),
                    owner))
            .id();
    String ticketId =
        expect(201, api.post(V1 + "/tickets", ticket(name, customerId, serviceId, "t-1"), owner))
            .body()
            .path("ticket")
            .path("id")
            .asText();
    String spareTicketId =
        expect(
                201,
                api.post(
                    V1 + "/tickets",
                    Map.of("subject", name + " question", "priority", "low"),
                    owner))
            .body()
            .path("ticket")
            .path("id")
            .asText();
    String ruleId =
        expect(
                201,
                api.post(
                    V1 + "/impact-rules",
                    Map.of("name", name + " many", "minTickets", 1000, "action", "raise_urgency"),
                    owner))
            .id();
    // Fires on the link below (a premium customer), leaving a firing row; the incident is already
    // high urgency, so nothing else changes.
    expect(
        201,
        api.post(
            V1 + "/impact-rules",
            Map.of("name", name + " premium", "tier", "premium", "action", "raise_urgency"),
            owner));
    expect(
        200,
        api.post(
            V1 + "/tickets/" + ticketId + "/link",
            Map.of("incidentId", paged.incidentId()),
            owner));
    expect(
        200,
        api.put(
            V1 + "/message-templates/resolved",
            Map.of("body", name + ": fixed, {{requester}}"),
            owner));
    expect(
        200,
        api.put(
            V1 + "/support-settings",
            Map.of(
                "surgeThreshold",
                2,
                "surgeWindowMinutes",
                15,
                "surgeAlertPolicyId",
                paged.policyId()),
            owner));
    expect(201, api.post(V1 + "/tickets", ticket(name, customerId, serviceId, "t-2"), owner));
    // The surge notice is sent after commit; wait for it so the snapshots that follow are stable.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get(V1 + "/outbox?limit=1000", owner)
                    .body()
                    .toString()
                    .contains("arriving fast"));
    return new Support(
        customerId,
        ticketId,
        spareTicketId,
        ruleId,
        groupOf(owner, ticketId),
        groupOf(owner, spareTicketId),
        slaPolicyId);
  }

  private static Map<String, Object> ticket(
      String name, String customerId, String serviceId, String externalId) {
    return Map.of(
        "subject",
        name + " checkout fails",
        "priority",
        "high",
        "customerId",
        customerId,
        "serviceId",
        serviceId,
        "externalId",
        externalId);
  }

  /** Sets up the tenant's paging (see {@link Paged}) and waits until the incident has paged. */
  private static Paged paging(
      String name,
      Api.Login owner,
      String phone,
      String memberId,
      String teamId,
      String serviceId,
      String scheduleId) {
    Paging paging = new Paging(api, owner);
    String ownerId = owner.userId();
    String methodId = paging.verifiedMethod(ownerId, "sms", phone);
    String emailMethodId =
        paging.verifiedMethod(ownerId, "email", "pager@" + owner.slug() + ".test");
    String ruleId =
        expect(201, api.post(V1 + rules(ownerId), rule(methodId, "high", 0), owner)).id();
    expect(201, api.post(V1 + rules(ownerId), rule(emailMethodId, "high", 0), owner));

    String pendingAddress = "pending@" + owner.slug() + ".test";
    Api.Reply pending =
        expect(
            201,
            api.post(
                V1 + contactMethods(memberId),
                Map.of("channel", "email", "address", pendingAddress, "label", name + " desk"),
                owner));
    String pendingMethodId = pending.body().path("method").path("id").asText();
    Matcher code = CODE.matcher(paging.latestOutbox(pendingAddress).path("body").asText());
    if (!code.find()) {
      throw new IllegalStateException("no verification code for " + pendingAddress);
    }
    // Sent two minutes ago, so that asking for another one is allowed (once a minute).
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "UPDATE contact_methods SET verification_sent_at = verification_sent_at"
                + " - interval '2 minutes' WHERE id = ?",
            UUID.fromString(pendingMethodId));

    String policyId =
        expect(
                201,
                api.post(
                    V1 + "/escalation-policies",
                    policyBody(name + " Primary", ownerId, scheduleId, teamId),
                    owner))
            .id();
    String sparePolicyId =
        expect(
                201,
                api.post(
                    V1 + "/escalation-policies",
                    Map.of(
                        "name",
                        name + " Spare",
                        "repeatCount",
                        0,
                        "steps",
                        List.of(
                            Map.of(
                                "delayMinutes",
                                1440,
                                "targets",
                                List.of(Map.of("type", "user", "id", memberId))))),
                    owner))
            .id();
    expect(
        200,
        api.put(
            V1 + "/services/" + serviceId + "/escalation-policy",
            Map.of("policyId", policyId),
            owner));
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("serviceId", serviceId);
    trigger.put("title", name + " checkout errors");
    trigger.put("details", name + " orders are failing");
    trigger.put("urgency", "high");
    trigger.put("dedupKey", DEDUP_KEY);
    Api.Reply incident = expect(201, api.post(V1 + "/incidents", trigger, owner));
    String incidentId = incident.body().path("incident").path("id").asText();
    // An alert on the incident and the event it came from (processed), so that the alert tables
    // have rows in every tenant and the incident's alert list an item.
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "INSERT INTO alert_events (tenant_id, service_id, integration_type, received_at,"
                + " action, dedup_key, summary, processed_at)"
                + " VALUES (?, ?, 'events_v2', now(), 'trigger', ?, ?, now())",
            UUID.fromString(owner.tenantId()),
            UUID.fromString(serviceId),
            DEDUP_KEY,
            name + " checkout errors");
    TestDatabase.get()
        .executeInTenant(
            owner.tenantId(),
            "INSERT INTO alerts (tenant_id, id, service_id, incident_id, opened_incident,"
                + " dedup_key, status, summary, event_count, first_at, last_at, created_at)"
                + " VALUES (?, ?, ?, ?, true, ?, 'triggered', ?, 1, now(), now(), now())",
            UUID.fromString(owner.tenantId()),
            UUID.randomUUID(),
            UUID.fromString(serviceId),
            UUID.fromString(incidentId),
            DEDUP_KEY,
            name + " checkout errors");

    // The pages go out after the trigger commits: wait until both are sent and in the outbox.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              JsonNode notifications =
                  api.get(V1 + "/incidents/" + incidentId, owner).body().path("notifications");
              return notifications.size() == 2
                  && notifications.findValuesAsText("status").stream()
                      .allMatch(status -> status.equals("sent"));
            });
    JsonNode notifications =
        api.get(V1 + "/incidents/" + incidentId, owner).body().path("notifications");
    String notificationId = null;
    for (JsonNode notification : notifications) {
      if (notification.path("channel").asText().equals("sms")) {
        notificationId = notification.path("id").asText();
      }
    }
    String outboxId = null;
    String emailActionToken = null;
    for (JsonNode message : api.get(V1 + "/outbox?limit=1000", owner).body().path("items")) {
      if (!message.path("notificationId").asText().equals(notificationId)
          && !message.path("body").asText().contains("/api/v1/email-actions/")) {
        continue;
      }
      if (message.path("channel").asText().equals("sms")) {
        outboxId = message.path("id").asText();
      } else {
        Matcher link = EMAIL_ACTION.matcher(message.path("body").asText());
        if (link.find()) {
          emailActionToken = link.group(1);
        }
      }
    }
    if (notificationId == null || outboxId == null || emailActionToken == null) {
      throw new IllegalStateException("the incident did not page as expected: " + notifications);
    }
    return new Paged(
        policyId,
        sparePolicyId,
        methodId,
        emailMethodId,
        pendingMethodId,
        code.group(1),
        ruleId,
        incidentId,
        notificationId,
        outboxId,
        emailActionToken);
  }

  private static String feedToken(Api.Reply feed) {
    String url = feed.body().path("url").asText();
    return url.substring(url.indexOf("/calendar/") + "/calendar/".length(), url.length() - 4);
  }

  /** The same tenant with every id replaced by one that never existed. */
  private static Tenant unknownIds(Tenant tenant) {
    return new Tenant(
        tenant.name(),
        new Api.Login(
            tenant.id(),
            tenant.owner().slug(),
            UUID.randomUUID().toString(),
            tenant.owner().email(),
            tenant.owner().cookie(),
            tenant.owner().csrf()),
        tenant.ownerKey(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        tenant.scheduleFeedToken(),
        tenant.personalFeedToken(),
        new Paged(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            tenant.paged().pendingCode(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            tenant.paged().emailActionToken()),
        new Support(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString()),
        new Hooks(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString()));
  }

  /** Nothing listens at this URL: a delivery to it fails and is recorded, and nothing else. */
  private static final String HOOK_URL = "http://127.0.0.1:9/hooks";

  /** A webhook and one delivery of it, written as the publisher would (no API writes one). */
  private static Hooks hooks(String name, Api.Login owner, String serviceId) {
    Api.Reply helpdesk =
        expect(
            201,
            api.post(
                V1 + "/helpdesk-integrations",
                Map.of("name", name + " helpdesk", "kind", "generic"),
                owner));
    // One event from the helpdesk (a ticket it keeps in sync), before the webhook exists so that it
    // sends nothing.
    expect(
        200,
        api.post(
            V1 + "/helpdesk-integrations/" + helpdesk.id() + "/events",
            Map.of("externalId", "hd-1", "subject", "Invoice address change", "priority", "low"),
            new Api.Key(owner.tenantId(), helpdesk.body().path("secret").asText())));
    String webhookId =
        expect(
                201,
                api.post(
                    V1 + "/webhooks",
                    Map.of(
                        "url", HOOK_URL, "events", List.of("ticket.created"), "description", name),
                    owner))
            .id();
    String alertIntegrationId =
        expect(
                201,
                api.post(
                    V1 + "/services/" + serviceId + "/integrations",
                    Map.of("type", "events_v2", "name", name + " monitoring"),
                    owner))
            .id();
    // A severity mapping of its own, so that the tenant has a row to scope.
    expect(200, api.put(V1 + "/alert-settings/severity-urgency", Map.of("warning", "high"), owner));
    expect(
        200,
        api.put(
            V1 + "/services/" + serviceId + "/alert-grouping",
            Map.of("incidentsPerWindow", 3, "windowSeconds", 900),
            owner));
    return new Hooks(
        webhookId,
        WebhookRows.failedDelivery(owner.tenantId(), webhookId),
        helpdesk.id(),
        alertIntegrationId);
  }

  /**
   * Everything the tenant's owner can read, read as the owner over HTTP (reads change nothing): the
   * status and body of each view, with API keys' last-use times left out.
   */
  private static Map<String, String> snapshot(Tenant tenant) {
    Map<String, String> views = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/users",
            "/users/" + tenant.memberId(),
            "/users/" + tenant.formerMemberId(),
            "/teams",
            "/teams/" + tenant.teamId(),
            "/teams/" + tenant.spareTeamId(),
            "/services",
            "/services/" + tenant.serviceId(),
            "/api-keys",
            "/users/invitations",
            "/audit?limit=200",
            "/schedules",
            schedule(tenant) + "?history=true",
            schedule(tenant) + "/shifts?from=" + FROM + "&to=" + TO,
            schedule(tenant) + "/overrides?from=" + FROM + "&to=" + TO,
            "/oncall?at=" + AT,
            "/escalation-policies",
            policy(tenant),
            "/escalation-policies/" + tenant.sparePolicyId(),
            contactMethods(tenant.owner().userId()),
            contactMethods(tenant.memberId()),
            rules(tenant.owner().userId()),
            rules(tenant.memberId()),
            "/incidents",
            incident(tenant),
            "/outbox?limit=1000",
            "/customers",
            "/customers/" + tenant.support().customerId(),
            "/tickets",
            "/tickets/" + tenant.support().ticketId(),
            "/tickets/" + tenant.support().spareTicketId(),
            incident(tenant) + "/impact",
            "/impact-rules",
            "/message-templates",
            "/sla-policies",
            "/sla-policies/" + tenant.support().slaPolicyId(),
            tenant.hooks().path(),
            tenant.hooks().path() + "/deliveries",
            "/helpdesk-integrations",
            "/helpdesk-integrations/" + tenant.hooks().helpdeskId(),
            "/services/" + tenant.serviceId() + "/integrations",
            "/alert-settings/severity-urgency",
            "/services/" + tenant.serviceId() + "/alert-grouping")) {
      Api.Reply reply = api.get(V1 + path, tenant.owner());
      JsonNode body = reply.body().deepCopy();
      body.path("items").forEach(item -> ((ObjectNode) item).remove("lastUsedAt"));
      // A running SLA clock's remaining time is measured at the time of reading.
      body.findParents("remainingSeconds")
          .forEach(c -> ((ObjectNode) c).remove("remainingSeconds"));
      views.put(path, reply.status() + " " + body);
    }
    // The feeds are re-read for whether they still work; their text stamps the time of reading.
    for (String token : List.of(tenant.scheduleFeedToken(), tenant.personalFeedToken())) {
      views.put(
          "feed " + token,
          "" + api.get(V1 + "/calendar/" + token + ".ics", Api.ANONYMOUS).status());
    }
    return views;
  }

  /** 404 in the API's one error shape. */
  private static void assertNotFound(String description, Api.Reply reply) {
    assertThat(reply.status()).as(description).isEqualTo(404);
    assertThat(reply.errorCode()).as(description).isEqualTo("not_found");
    assertThat(reply.body().path("error").path("message").asText()).as(description).isNotBlank();
  }

  /** A response body with ids and error references blanked, so two 404s can be compared. */
  private static String withoutIds(String raw) {
    return raw.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
  }

  private static Api.Reply expect(int status, Api.Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException("setting up the tenants failed: " + reply);
    }
    return reply;
  }

  private static Request get(String description, Function<World, String> path) {
    return new Request(description, "GET", path, null, 200);
  }

  private static Request send(
      String description,
      String method,
      Function<World, String> path,
      Function<World, ?> body,
      int asBravo) {
    return new Request(description, method, path, body, asBravo);
  }

  private static String schedule(Tenant tenant) {
    return "/schedules/" + tenant.scheduleId();
  }

  private static Map<String, Object> scheduleBody(String name, Tenant tenant) {
    return Map.of(
        "name",
        name,
        "timeZone",
        "America/New_York",
        "layers",
        List.of(layer("Weekly", tenant.memberId())));
  }

  /** A weekly rotation from 2027-01-04, Mondays 09:00 New York time. */
  private static Map<String, Object> layer(String name, String... participants) {
    return Map.of(
        "name",
        name,
        "start",
        "2027-01-04T14:00:00Z",
        "turn",
        Map.of("kind", "weekly", "day", "MONDAY", "time", "09:00"),
        "participants",
        List.of(participants));
  }

  private static Map<String, Object> override(String userId) {
    return Map.of("userId", userId, "start", "2027-01-12T00:00:00Z", "end", "2027-01-13T00:00:00Z");
  }

  private static String members(String teamId, String userId) {
    return "/teams/" + teamId + "/members/" + userId;
  }

  private static String policy(Tenant tenant) {
    return "/escalation-policies/" + tenant.policyId();
  }

  private static String ticket(Tenant tenant) {
    return "/tickets/" + tenant.support().ticketId();
  }

  /** The premium tier's SLA policy: high priority answered in 30 days, resolved in 60. */
  private static Map<String, Object> slaPolicy(String name, String escalationPolicyId) {
    return Map.of(
        "name",
        name + " premium SLA",
        "tier",
        "premium",
        "targets",
        List.of(
            Map.of(
                "priority", "high", "firstResponseMinutes", 43_200, "resolutionMinutes", 86_400)),
        "escalationPolicyId",
        escalationPolicyId);
  }

  /** The similar-ticket group of the tenant's ticket (on its service), and of its spare ticket. */
  private static String group(Tenant tenant) {
    return tenant.support().groupId();
  }

  private static String spareGroup(Tenant tenant) {
    return tenant.support().spareGroupId();
  }

  private static String groupOf(Api.Login owner, String ticketId) {
    return expect(200, api.get(V1 + "/tickets/" + ticketId + "/similar", owner))
        .body()
        .path("group")
        .path("id")
        .asText();
  }

  private static String incident(Tenant tenant) {
    return "/incidents/" + tenant.incidentId();
  }

  private static String contactMethods(String userId) {
    return "/users/" + userId + "/contact-methods";
  }

  private static String rules(String userId) {
    return "/users/" + userId + "/notification-rules";
  }

  private static Map<String, Object> rule(String methodId) {
    return rule(methodId, "low", 5);
  }

  private static Map<String, Object> rule(String methodId, String urgency, int delayMinutes) {
    return Map.of("contactMethodId", methodId, "urgency", urgency, "delayMinutes", delayMinutes);
  }

  /** Pages the owner at once; a day later, whoever is on the schedule and the whole team. */
  private static Map<String, Object> policyBody(String name, Tenant tenant) {
    return policyBody(name, tenant.owner().userId(), tenant.scheduleId(), tenant.teamId());
  }

  private static Map<String, Object> policyBody(
      String name, String userId, String scheduleId, String teamId) {
    return Map.of(
        "name",
        name,
        "description",
        "pages " + name,
        "repeatCount",
        0,
        "steps",
        List.of(
            Map.of("delayMinutes", 1440, "targets", List.of(Map.of("type", "user", "id", userId))),
            Map.of(
                "delayMinutes",
                1440,
                "targets",
                List.of(
                    Map.of("type", "schedule", "id", scheduleId),
                    Map.of("type", "team", "id", teamId, "teamMode", "all")))));
  }

  private static Map<String, Object> nullPolicy() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policyId", null);
    return body;
  }

  private static Map<String, Object> trigger(Tenant tenant, String title, String dedupKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serviceId", tenant.serviceId());
    body.put("title", title);
    body.put("urgency", "high");
    if (dedupKey != null) {
      body.put("dedupKey", dedupKey);
    }
    return body;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void putUuid(ByteBuffer buffer, String id) {
    UUID uuid = UUID.fromString(id);
    buffer.putLong(uuid.getMostSignificantBits());
    buffer.putLong(uuid.getLeastSignificantBits());
  }

  /** Sets the delivery sweeper's scope, and no tenant, for the current transaction. */
  private static void sweeperScope(Connection connection) throws SQLException {
    assertThat(rows(connection, "SELECT set_config('switchboard.scope', 'delivery-sweeper', true)"))
        .containsExactly(List.of("delivery-sweeper"));
    assertThat(rows(connection, "SELECT current_setting('switchboard.tenant_id', true)"))
        .allSatisfy(row -> assertThat(row.get(0)).isNullOrEmpty());
  }

  /** Scopes the whole connection, not one transaction, to a tenant. */
  private static void scope(Connection connection, String tenantId) throws SQLException {
    assertThat(rows(connection, "SELECT set_config('switchboard.tenant_id', ?, false)", tenantId))
        .containsExactly(List.of(tenantId));
  }

  private static List<List<String>> rows(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        List<List<String>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int column = 1; column <= columns; column++) {
            row.add(result.getString(column));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  private static int update(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }
}
