package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The incident list's "mine" filter ({@code userId}) and who each incident paged. */
class IncidentListTest {
  private static final AtomicInteger PHONES = new AtomicInteger(5000);

  private final Api api = TestApp.api();

  @Test
  void aPersonsIncidentsAreThoseThatPagedThemOrAreAssignedToThem() {
    Login owner = api.signup("Incident List");
    Paging paging = new Paging(api, owner);
    Login alice = api.addMember(owner, "responder");
    Login bob = api.addMember(owner, "responder");
    String method =
        paging.verifiedMethod(alice.userId(), "sms", "+1415666" + PHONES.incrementAndGet());
    paging.rule(alice.userId(), method, "high", 0);
    String policy =
        paging.policy("Alice first", 0, 5, List.of(List.of(Paging.user(alice.userId()))));
    String paged =
        incidentId(paging.trigger(paging.service("Checkout", policy), "5xx", "high", null));
    String search =
        api.createService(owner, "Search", "", api.createTeam(owner, "Search team", "engineering"));
    String quiet = incidentId(paging.trigger(search, "slow", "high", null));
    Reply reassigned =
        api.post(
            "/api/v1/incidents/" + quiet + "/reassign",
            java.util.Map.of("userId", bob.userId()),
            owner);
    assertThat(reassigned.status()).isEqualTo(200);

    JsonNode all = api.get("/api/v1/incidents", owner).body();
    assertThat(ids(all)).containsExactly(quiet, paged);
    assertThat(names(all.path("paged").path(paged))).containsExactly(alice.userId());
    assertThat(names(all.path("paged").path(quiet))).containsExactly(bob.userId());

    assertThat(ids(api.get("/api/v1/incidents?userId=" + alice.userId(), owner).body()))
        .containsExactly(paged);
    assertThat(ids(api.get("/api/v1/incidents?userId=" + bob.userId(), bob).body()))
        .containsExactly(quiet);
    assertThat(ids(api.get("/api/v1/incidents?userId=" + owner.userId(), owner).body())).isEmpty();
    Reply unknown = api.get("/api/v1/incidents?userId=" + UUID.randomUUID(), owner);
    assertThat(unknown.status()).isEqualTo(404);
  }

  private static String incidentId(Reply triggered) {
    assertThat(triggered.status()).isEqualTo(201);
    return triggered.body().path("incident").path("id").asText();
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.path("items").forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }

  private static List<String> names(JsonNode people) {
    List<String> ids = new ArrayList<>();
    people.forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }
}
