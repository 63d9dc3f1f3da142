package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escalation engine end to end: the real service, PostgreSQL, Quartz's JDBC job store, and the
 * outbox provider. Time is the shared {@link TestClock}, moved ahead of the wall clock so no step
 * fires on its own; {@link QuartzTime} fires the steps that are due.
 */
class EscalationFlowTest {
  private static final AtomicInteger PHONES = new AtomicInteger(1000);

  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();
  private final JobScheduler jobs = TestApp.application().scheduler();
  private Login owner;
  private Paging paging;
  private Instant start;

  @BeforeEach
  void setUp() {
    owner = api.signup("Escalation Flow");
    paging = new Paging(api, owner);
    // Ahead of the wall clock by hours: Quartz would fire these steps only hours from now.
    start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private String phone() {
    return "+1415555" + PHONES.incrementAndGet();
  }

  /** A responder with a verified SMS number paged at once. */
  private Responder responder() {
    Login member = api.addMember(owner, "responder");
    String number = phone();
    String method = paging.verifiedMethod(member.userId(), "sms", number);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, number);
  }

  private record Responder(Login login, String phone) {
    String id() {
      return login.userId();
    }
  }

  private void advanceTo(Instant at) {
    clock.setTo(at);
    QuartzTime.fireDue(jobs, at);
  }

  @Test
  void escalatesStepByStepAndRepeatsThenSaysItIsExhausted() {
    Responder alice = responder();
    Responder bob = responder();
    String policy =
        paging.policy(
            "Two steps",
            1,
            1,
            List.of(List.of(Paging.user(alice.id())), List.of(Paging.user(bob.id()))));
    String service = paging.service("Checkout", policy);

    clock.setTo(start);
    Reply triggered = paging.trigger(service, "error rate 12%", "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    String incident = triggered.body().path("incident").path("id").asText();
    long number = triggered.body().path("incident").path("number").asLong();
    assertThat(paging.awaitPages(1))
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone());

    // The first step ran at t0; every later step is due a whole number of minutes after it.
    Instant t0 = firstDue(incident);
    advanceTo(t0.plus(Duration.ofMinutes(1)));
    paging.awaitPages(2);
    advanceTo(t0.plus(Duration.ofMinutes(2)));
    paging.awaitPages(3);
    advanceTo(t0.plus(Duration.ofMinutes(3)));
    paging.awaitPages(4);
    advanceTo(t0.plus(Duration.ofMinutes(4)));

    await().atMost(Duration.ofSeconds(10)).until(() -> kinds(incident).contains("exhausted"));
    assertThat(paging.pages())
        .extracting(m -> m.path("address").asText())
        .containsExactly(alice.phone(), bob.phone(), alice.phone(), bob.phone());
    assertThat(paging.pages().get(0).path("body").asText())
        .startsWith(
            "Switchboard [" + owner.slug() + "] #" + number + " HIGH Checkout: error rate 12%")
        .endsWith("Reply " + number + "A ack, " + number + "R resolve");

    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("triggered");
    assertThat(detail.path("escalations").get(0).path("state").asText()).isEqualTo("exhausted");
    // Each page was due exactly one minute after the one before.
    assertThat(detail.path("notifications"))
        .extracting(n -> Instant.parse(n.path("dueAt").asText()))
        .containsExactly(
            t0,
            t0.plus(Duration.ofMinutes(1)),
            t0.plus(Duration.ofMinutes(2)),
            t0.plus(Duration.ofMinutes(3)));
    assertThat(detail.path("notifications"))
        .extracting(n -> n.path("userId").asText())
        .containsExactly(alice.id(), bob.id(), alice.id(), bob.id());
    assertThat(QuartzTime.pendingJobs(jobs, incident)).isEmpty();
  }

  private Instant firstDue(String incident) {
    JsonNode detail = api.get("/api/v1/incidents/" + incident, owner).body();
    return Instant.parse(detail.path("notifications").get(0).path("dueAt").asText());
  }

  private List<String> kinds(String incident) {
    JsonNode timeline = api.get("/api/v1/incidents/" + incident, owner).body().path("timeline");
    List<String> kinds = new java.util.ArrayList<>();
    timeline.forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }
}
