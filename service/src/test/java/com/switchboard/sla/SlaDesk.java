package com.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.QuartzTime;
import com.switchboard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the SLA tests share: responders paged by SMS, the outbox, and moving Quartz time. */
final class SlaDesk {
  private static final AtomicInteger PHONES = new AtomicInteger(7000);

  /** A responder with a verified SMS number, paged there at once for high urgency. */
  record Responder(Login login, String phone) {
    String id() {
      return login.userId();
    }
  }

  private final Api api;
  private final Login owner;
  private final Paging paging;

  SlaDesk(Api api, Login owner, Paging paging) {
    this.api = api;
    this.owner = owner;
    this.paging = paging;
  }

  Responder responder() {
    Login member = api.addMember(owner, "responder");
    String number = "+1415666" + PHONES.incrementAndGet();
    String method = paging.verifiedMethod(member.userId(), "sms", number);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, number);
  }

  String nameOf(Responder responder) {
    Api.Reply user = api.get("/api/v1/users/" + responder.id(), owner);
    assertThat(user.status()).as("%s", user).isEqualTo(200);
    return user.body().path("name").asText();
  }

  /** Moves the test clock to {@code at} and fires the Quartz timers due by then. */
  static void advanceTo(TestClock clock, JobScheduler jobs, Instant at) {
    clock.setTo(at);
    QuartzTime.fireDue(jobs, at);
  }

  List<JsonNode> outbox(String address, String containing) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode m : paging.outbox()) {
      // Not the confirmations of SMS replies ("Switchboard: #12 acknowledged. …").
      if (m.path("address").asText().equals(address)
          && !m.path("body").asText().startsWith("Switchboard: ")
          && m.path("body").asText().contains(containing)) {
        found.add(m);
      }
    }
    return found;
  }

  JsonNode awaitOutbox(String address, String containing) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !outbox(address, containing).isEmpty());
    return outbox(address, containing).get(0);
  }
}
