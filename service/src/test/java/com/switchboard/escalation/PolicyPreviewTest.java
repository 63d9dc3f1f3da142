package com.switchboard.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy editor's preview: who each step would page now, and who it would not reach. */
class PolicyPreviewTest {
  private final Api api = TestApp.api();
  private Api.Login owner;
  private Paging paging;
  private Api.Login alice;
  private Api.Login bob;
  private Api.Login carol;
  private Api.Login dave;
  private String scheduleId;
  private String allTeam;
  private String turnTeam;
  private String policyId;
  private String serviceId;

  /**
   * Alice has a verified SMS number and a rule; Bob nothing; Carol a verified email and no rules;
   * Dave was deactivated after the policy named him. Step 1 pages Alice and the schedule (Bob on
   * call from yesterday); step 2 a team of Alice and Carol (all), a team of Bob and Alice (round
   * robin) and Dave.
   */
  @BeforeEach
  void aPolicyWithEveryKindOfTarget() {
    TestDatabase.get().truncateAll();
    owner = api.signup("Preview");
    paging = new Paging(api, owner);
    alice = InvitationSeed.member(api, owner, "responder");
    bob = InvitationSeed.member(api, owner, "responder");
    carol = InvitationSeed.member(api, owner, "viewer");
    dave = InvitationSeed.member(api, owner, "responder");
    String sms = paging.verifiedMethod(alice.userId(), "sms", "+14155550777");
    paging.rule(alice.userId(), sms, "high", 0);
    paging.verifiedMethod(carol.userId(), "email", "carol@preview.test");
    Api.Reply schedule =
        api.post(
            "/api/v1/schedules",
            Map.of(
                "name",
                "Primary",
                "timeZone",
                "UTC",
                "layers",
                List.of(
                    Map.of(
                        "name",
                        "Bob always",
                        "start",
                        Instant.now().minus(Duration.ofDays(1)).toString(),
                        "turn",
                        Map.of("kind", "days", "count", 1),
                        "participants",
                        List.of(bob.userId())))),
            owner);
    assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
    scheduleId = schedule.id();
    allTeam = team("Everyone", alice, carol);
    turnTeam = team("Taking turns", bob, alice);
    policyId =
        paging.policy(
            "Checkout",
            1,
            5,
            List.of(
                List.of(Paging.user(alice.userId()), Paging.schedule(scheduleId)),
                List.of(
                    Map.of("type", "team", "id", allTeam, "teamMode", "all"),
                    Map.of("type", "team", "id", turnTeam, "teamMode", "round_robin"),
                    Paging.user(dave.userId()))));
    serviceId = paging.service("Checkout API", policyId);
    assertThat(api.post("/api/v1/users/" + dave.userId() + "/deactivate", null, owner).status())
        .isEqualTo(200);
  }

  @Test
  void eachStepShowsItsTargetsPeopleAndWhoCannotBeReached() {
    Api.Reply reply = api.get("/api/v1/escalation-policies/" + policyId + "/preview", carol);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode preview = reply.body();
    assertThat(preview.path("name").asText()).isEqualTo("Checkout");
    assertThat(preview.path("urgency").asText()).isEqualTo("high");
    assertThat(preview.path("services").findValuesAsText("id")).containsExactly(serviceId);
    assertThat(preview.path("services").findValuesAsText("name")).containsExactly("Checkout API");
    JsonNode first = preview.path("steps").path(0);
    JsonNode second = preview.path("steps").path(1);
    assertThat(first.path("delayMinutes").asInt()).isEqualTo(5);
    assertThat(ids(first.path("targets").path(0).path("userIds"))).containsExactly(alice.userId());
    assertThat(ids(first.path("targets").path(1).path("userIds"))).containsExactly(bob.userId());
    assertThat(first.path("targets").path(1).path("name").asText()).isEqualTo("Primary");
    assertThat(ids(first.path("people"), "id")).containsExactly(alice.userId(), bob.userId());
    assertPerson(first, alice, true, null);
    assertPerson(first, bob, false, "no verified contact method");

    assertThat(ids(second.path("targets").path(0).path("userIds")))
        .containsExactlyInAnyOrder(alice.userId(), carol.userId());
    assertThat(second.path("targets").path(1).path("userIds")).hasSize(1);
    assertThat(ids(second.path("targets").path(2).path("userIds"))).containsExactly(dave.userId());
    assertPerson(second, dave, false, "deactivated");
    JsonNode carolThere = person(second, carol);
    assertThat(carolThere.path("reachable").asBoolean()).isTrue();
    assertThat(carolThere.path("warning").asText()).contains("no notification rules", "email");
  }

  @Test
  void aRoundRobinTeamShowsTheNextMemberWithoutTakingTheTurn() {
    String next = nextInTurn();

    assertThat(nextInTurn()).isEqualTo(next);
    assertThat(next).isIn(bob.userId(), alice.userId());
  }

  @Test
  void aScheduleInAGapSaysNobodyIsOnCall() {
    Api.Reply reply =
        api.get(
            "/api/v1/escalation-policies/" + policyId + "/preview?at=2001-01-01T00:00:00Z", owner);

    JsonNode schedule = reply.body().path("steps").path(0).path("targets").path(1);
    assertThat(reply.body().path("at").asText()).isEqualTo("2001-01-01T00:00:00Z");
    assertThat(schedule.path("userIds")).isEmpty();
    assertThat(schedule.path("note").asText()).isEqualTo("nobody is on call at this time");
  }

  @Test
  void aBadInstantOrUrgencyIs400AndAnUnknownPolicy404() {
    Api.Reply badAt =
        api.get("/api/v1/escalation-policies/" + policyId + "/preview?at=tomorrow", owner);
    Api.Reply badUrgency =
        api.get("/api/v1/escalation-policies/" + policyId + "/preview?urgency=urgent", owner);
    Api.Reply unknown =
        api.get("/api/v1/escalation-policies/" + UUID.randomUUID() + "/preview", owner);

    assertThat(badAt.status()).isEqualTo(400);
    assertThat(badAt.errorCode()).isEqualTo("invalid_parameter");
    assertThat(badUrgency.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
  }

  private String nextInTurn() {
    Api.Reply reply = api.get("/api/v1/escalation-policies/" + policyId + "/preview", owner);
    return reply
        .body()
        .path("steps")
        .path(1)
        .path("targets")
        .path(1)
        .path("userIds")
        .path(0)
        .asText();
  }

  private String team(String name, Api.Login... members) {
    String id = api.createTeam(owner, name, "engineering");
    for (Api.Login member : members) {
      Api.Reply added = api.put("/api/v1/teams/" + id + "/members/" + member.userId(), null, owner);
      assertThat(added.status()).as(added.toString()).isEqualTo(200);
    }
    return id;
  }

  private static void assertPerson(JsonNode step, Api.Login who, boolean reachable, String reason) {
    JsonNode person = person(step, who);
    assertThat(person.path("reachable").asBoolean()).as(who.email()).isEqualTo(reachable);
    assertThat(person.path("reason").isNull() ? null : person.path("reason").asText())
        .as(who.email())
        .isEqualTo(reason);
  }

  private static JsonNode person(JsonNode step, Api.Login who) {
    for (JsonNode person : step.path("people")) {
      if (person.path("id").asText().equals(who.userId())) {
        return person;
      }
    }
    throw new AssertionError(who.email() + " is not among the people of " + step);
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> ids = new ArrayList<>();
    array.forEach(item -> ids.add(item.path(field).asText()));
    return ids;
  }
}
