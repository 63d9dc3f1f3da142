package com.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices against the real database with a recording provider and a clock of their own, set years
 * ahead, so the running service's sweeper never finds these notices due.
 */
class NoticesTest {
  private final Api api = TestApp.api();
  private final MovableClock clock = new MovableClock(Instant.parse("2031-01-06T10:00:00Z"));
  private final Recording provider = new Recording();
  private TenantDatabase db;
  private Notices notices;
  private Login owner;
  private Paging paging;

  @BeforeEach
  void setUp() {
    Jdbi jdbi = Jdbi.create(TestDatabase.get().dataSource());
    jdbi.installPlugin(new PostgresPlugin());
    ColumnTypes.register(jdbi);
    db = new TenantDatabase(jdbi);
    Map<Channel, MessageProvider> byChannel = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      byChannel.put(channel, provider);
    }
    notices =
        new Notices(
            db, new ProviderRegistry(byChannel), Runnable::run, Duration.ofMinutes(2), clock);
    owner = api.signup("Notices");
    paging = new Paging(api, owner);
  }

  private TenantId tenant() {
    return new TenantId(UUID.fromString(owner.tenantId()));
  }

  private UUID send(String userId) {
    return db.inTenant(
        tenant(),
        h ->
            notices.send(
                h, tenant(), UUID.fromString(userId), "SLA warning", "T-7 is due in 15 minutes"));
  }

  @Test
  void aNoticeGoesByEmailWhenThePersonHasAVerifiedAddressAfterTheCommitOnly() {
    Login member = api.addMember(owner, "agent");
    paging.verifiedMethod(member.userId(), "sms", "+14155559001");
    paging.verifiedMethod(member.userId(), "email", "agent-notices@example.test");
    provider.sent.clear();

    db.inTenant(
        tenant(),
        h -> {
          notices.send(h, tenant(), UUID.fromString(member.userId()), "SLA warning", "soon");
          assertThat(provider.sent).as("nothing before the commit").isEmpty();
          return null;
        });

    assertThat(provider.sent).hasSize(1);
    OutboundMessage message = provider.sent.get(0);
    assertThat(message.channel()).isEqualTo(Channel.EMAIL);
    assertThat(message.to()).isEqualTo("agent-notices@example.test");
    assertThat(message.subject()).isEqualTo("SLA warning");
    assertThat(message.tenantSlug()).isEqualTo(owner.slug());
  }

  @Test
  void aNoticeGoesBySmsWithoutAnEmailAndARolledBackOneNeverGoes() {
    Login member = api.addMember(owner, "agent");
    paging.verifiedMethod(member.userId(), "sms", "+14155559002");
    provider.sent.clear();

    try {
      db.inTenant(
          tenant(),
          h -> {
            notices.send(h, tenant(), UUID.fromString(member.userId()), "rolled back", "no");
            throw new IllegalStateException("roll back");
          });
    } catch (IllegalStateException expected) {
      // the notice went with the transaction
    }
    send(member.userId());

    assertThat(provider.sent).hasSize(1);
    assertThat(provider.sent.get(0).channel()).isEqualTo(Channel.SMS);
    assertThat(provider.sent.get(0).text()).isEqualTo("SLA warning: T-7 is due in 15 minutes");
  }

  @Test
  void aFailedSendIsRetriedByTheSweeperUntilItIsSentOnce() {
    Login member = api.addMember(owner, "agent");
    paging.verifiedMethod(member.userId(), "sms", "+14155559003");
    provider.sent.clear();
    provider.failures = 2;

    UUID id = send(member.userId());
    assertThat(notices.sweep()).as("not due again yet").isZero();
    clock.advance(Duration.ofSeconds(30));
    notices.sweep();
    clock.advance(Duration.ofMinutes(1));
    notices.sweep();
    clock.advance(Duration.ofMinutes(10));
    assertThat(notices.sweep()).as("sent: nothing left").isZero();

    assertThat(provider.attempts).isEqualTo(3);
    assertThat(provider.sent).hasSize(1);
    assertThat(status(id)).isEqualTo("sent");
  }

  @Test
  void someoneWithNoWayToBeReachedIsRecordedAsFailed() {
    Login member = api.addMember(owner, "viewer");
    UUID id = send(member.userId());
    assertThat(provider.sent).isEmpty();
    assertThat(status(id)).isEqualTo("failed");
  }

  private String status(UUID id) {
    return db.inTenant(
        tenant(),
        h ->
            h.createQuery("SELECT status FROM notices WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
  }

  private static final class Recording implements MessageProvider {
    final List<OutboundMessage> sent = new ArrayList<>();
    int failures;
    int attempts;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public synchronized SendResult send(OutboundMessage message) {
      attempts++;
      if (failures > 0) {
        failures--;
        return SendResult.retryable("HTTP 503");
      }
      sent.add(message);
      return SendResult.accepted("rec-" + sent.size());
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
