package com.switchboard.ticket.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.ticket.similar.SimilarTickets.Grouped;
import com.switchboard.ticket.similar.TextSimilarityTest.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grouping and surge alerts in the real database, driven the way the ticket core drives them: a
 * ticket row inserted and {@link SimilarTickets#onTicketCreated} called in the same transaction.
 * Notices are written but not sent here (their executor drops the after-commit send).
 */
class SimilarTicketsTest {
  private final Api api = TestApp.api();
  private TenantDatabase db;
  private Login owner;
  private TenantId tenant;
  private TicketSeed seed;
  private Instant start;

  @BeforeEach
  void setUp() {
    owner = api.signup("Similar");
    tenant = new TenantId(UUID.fromString(owner.tenantId()));
    seed = TicketSeed.of(tenant);
    db = seed.db();
    start = TestClock.shared().instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
  }

  @Test
  void theCorpusGroupsInTheDatabaseAsItDoesInMemory() {
    List<Ticket> tickets = TextSimilarityTest.corpus();
    Map<UUID, Set<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < tickets.size(); i++) {
      Ticket t = tickets.get(i);
      Grouped grouped = seed.create(t.subject(), t.description(), null, start.plusSeconds(60L * i));
      groups.computeIfAbsent(grouped.groupId(), g -> new TreeSet<>()).add(i);
    }
    assertThat(Set.copyOf(groups.values()))
        .isEqualTo(TextSimilarityTest.expectedPartition(tickets));
  }

  @Test
  void ticketsOfDifferentServicesNeverGroupAndOldGroupsAreNotJoined() {
    String team = api.createTeam(owner, "Payments", "engineering");
    UUID checkout = UUID.fromString(api.createService(owner, "Checkout API", "", team));
    UUID billing = UUID.fromString(api.createService(owner, "Billing", "", team));
    String subject = "Card declined at checkout";
    String text = "Every card payment is declined at checkout.";

    Grouped first = seed.create(subject, text, checkout, start);
    Grouped otherService = seed.create(subject, text, billing, start.plusSeconds(60));
    Grouped noService = seed.create(subject, text, null, start.plusSeconds(120));
    Grouped same = seed.create(subject, text, checkout, start.plusSeconds(180));
    Grouped dayLater = seed.create(subject, text, checkout, start.plus(Duration.ofHours(25)));

    assertThat(first.started()).isTrue();
    assertThat(otherService.groupId()).isNotEqualTo(first.groupId());
    assertThat(noService.groupId()).isNotIn(first.groupId(), otherService.groupId());
    assertThat(same.groupId()).isEqualTo(first.groupId());
    assertThat(same.score()).isGreaterThan(0.99);
    assertThat(dayLater.started()).as("the group is more than 24 h old").isTrue();
  }

  @Test
  void theFifthSimilarTicketIn15MinutesAlertsTheSupportTeamsOncePerSurge() {
    String team = api.createTeam(owner, "Payments", "engineering");
    UUID checkout = UUID.fromString(api.createService(owner, "Checkout API", "", team));
    Login agent = api.addMember(owner, "agent");
    Login specialist = api.addMember(owner, "agent");
    Login engineer = api.addMember(owner, "responder");
    String support = api.createTeam(owner, "Customer Care", "support");
    String premium = api.createTeam(owner, "Premium Support", "support");
    addMember(support, agent);
    addMember(premium, specialist);
    addMember(premium, agent);
    addMember(team, engineer);

    List<Grouped> surge = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      surge.add(
          seed.create(
              "Card declined at checkout",
              "Customer " + i + " says their card is declined at checkout.",
              checkout,
              start.plus(Duration.ofMinutes(3L * i))));
    }
    UUID group = surge.get(0).groupId();
    assertThat(surge).extracting(Grouped::groupId).containsOnly(group);
    assertThat(surge)
        .extracting(Grouped::surgeAlerted)
        .containsExactly(false, false, false, false, true, false);
    assertThat(noticesTo()).containsExactlyInAnyOrder(agent.userId(), specialist.userId());
    assertThat(alertedAt(group)).isEqualTo(start.plus(Duration.ofMinutes(12)));

    // Quiet for longer than the window, then five more in five minutes: a new surge.
    List<Grouped> again = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      again.add(
          seed.create(
              "Checkout declines my card",
              "Card declined at checkout, attempt " + i,
              checkout,
              start.plus(Duration.ofMinutes(60 + i))));
    }
    assertThat(again).extracting(Grouped::groupId).containsOnly(group);
    assertThat(again)
        .extracting(Grouped::surgeAlerted)
        .containsExactly(false, false, false, false, true);
    assertThat(noticesTo()).hasSize(4);
    assertThat(alertedAt(group)).isEqualTo(start.plus(Duration.ofMinutes(64)));
  }

  @Test
  void aSurgePolicyAlertsWhomItsFirstStepReachesInsteadOfTheSupportTeams() {
    Login first = api.addMember(owner, "agent");
    Login second = api.addMember(owner, "agent");
    Login supportMember = api.addMember(owner, "agent");
    addMember(api.createTeam(owner, "Customer Care", "support"), supportMember);
    String policy =
        new Paging(api, owner)
            .policy(
                "Surge desk",
                0,
                10,
                List.of(
                    List.of(Paging.user(first.userId())), List.of(Paging.user(second.userId()))));
    Api.Reply set =
        api.put(
            "/api/v1/support-settings",
            Map.of("surgeThreshold", 3, "surgeWindowMinutes", 10, "surgeAlertPolicyId", policy),
            owner);
    assertThat(set.status()).as(set.toString()).isEqualTo(200);

    for (int i = 0; i < 3; i++) {
      seed.create(
          "SSO login fails", "SAML assertion invalid for user " + i, null, start.plusSeconds(i));
    }
    assertThat(noticesTo()).containsExactly(first.userId());
  }

  @Test
  void twoSimilarTicketsCreatedTogetherShareOneGroup() throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Grouped> first =
        CompletableFuture.supplyAsync(
            () ->
                db.inTenant(
                    tenant,
                    h -> {
                      Grouped g =
                          seed.create(
                              h,
                              "Export to CSV times out",
                              "the CSV export times out",
                              null,
                              start);
                      firstWritten.countDown();
                      hold(release);
                      return g;
                    }));
    assertThat(firstWritten.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Grouped> second =
        CompletableFuture.supplyAsync(
            () ->
                seed.create(
                    "CSV export timing out",
                    "export of CSV times out",
                    null,
                    start.plusSeconds(1)));
    // The second waits for the first's bucket lock, so it sees the first's group once it commits.
    await().atMost(Duration.ofSeconds(30)).until(() -> waitingAdvisoryLocks() > 0);
    release.countDown();
    assertThat(second.get(30, TimeUnit.SECONDS).groupId())
        .isEqualTo(first.get(30, TimeUnit.SECONDS).groupId());
  }

  private static void hold(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int waitingAdvisoryLocks() {
    return db.unscoped()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                    .mapTo(Integer.class)
                    .one());
  }

  private void addMember(String teamId, Login member) {
    Api.Reply added =
        api.put("/api/v1/teams/" + teamId + "/members/" + member.userId(), null, owner);
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
  }

  private List<String> noticesTo() {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT user_id::text FROM notices WHERE tenant_id = :t ORDER BY created_at")
                .bind("t", tenant.value())
                .mapTo(String.class)
                .list());
  }

  private Instant alertedAt(UUID group) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery("SELECT alerted_at FROM ticket_groups WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.value())
                .bind("id", group)
                .mapTo(Instant.class)
                .one());
  }
}
