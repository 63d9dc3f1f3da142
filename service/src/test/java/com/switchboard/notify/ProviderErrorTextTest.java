package com.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What tenants read when a provider cannot be reached: a plain description, never a Java exception
 * class name (those stay in the operators' log).
 */
class ProviderErrorTextTest {
  /** A qualified class name ({@code java.net.ConnectException}) or a bare exception type. */
  private static final String CLASS_NAME =
      "[a-z][a-z0-9_]*\\.[a-z][a-z0-9_.]*\\.[A-Z]\\w*|\\b[A-Z]\\w*(Exception|Error)\\b";

  /** What a refused or dropped connection reads as. */
  private static final String UNREACHABLE =
      "could not reach (Twilio|SendGrid) \\(connection refused\\)|the connection to (Twilio|SendGrid) failed";

  private ProviderApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void unreachableProvidersAreDescribedWithoutJavaClassNames() {
    app = ProviderApp.start();
    Api api = app.api();
    Login owner = api.signup("Unreachable Providers");
    Paging paging = new Paging(api, owner);
    Login member = api.addMember(owner, "responder");
    String sms = app.verifiedMethod(owner, member.userId(), "sms", ProviderApp.newPhone());
    String email = app.verifiedMethod(owner, member.userId(), "email", ProviderApp.newEmail());
    paging.rule(member.userId(), sms, "high", 0);
    paging.rule(member.userId(), email, "high", 0);
    String service =
        paging.service(
            "Checkout",
            paging.policy("Page", 0, 30, List.of(List.of(Paging.user(member.userId())))));
    app.stub().close(); // every request to Twilio and SendGrid is now refused

    Reply phone =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods",
            Map.of("channel", "sms", "address", ProviderApp.newPhone()),
            owner);
    Reply mailbox =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods",
            Map.of("channel", "email", "address", ProviderApp.newEmail()),
            owner);
    String incident =
        paging
            .trigger(service, "cart errors", "high", null)
            .body()
            .path("incident")
            .path("id")
            .asText();
    List<JsonNode> notifications =
        await()
            .atMost(ProviderApp.WAIT)
            .until(
                () -> {
                  List<JsonNode> all = new ArrayList<>();
                  app.incident(owner, incident).path("notifications").forEach(all::add);
                  return all;
                },
                // The first SMS and email fail; a fallback SMS may wait for the number's rate
                // limit.
                all ->
                    all.stream()
                            .filter(n -> n.path("status").asText().equals("failed"))
                            .map(n -> n.path("channel").asText())
                            .distinct()
                            .count()
                        == 2);

    assertThat(phone.status()).as(phone.toString()).isEqualTo(201);
    assertThat(phone.body().path("sendError").asText()).matches(UNREACHABLE).contains("Twilio");
    assertThat(mailbox.body().path("sendError").asText()).matches(UNREACHABLE).contains("SendGrid");
    assertThat(notifications)
        .filteredOn(n -> n.path("status").asText().equals("failed"))
        .extracting(n -> n.path("lastError").asText())
        .allMatch(error -> error.matches(UNREACHABLE));
    List<String> failures =
        app.timeline(owner, incident).stream()
            .filter(e -> e.path("kind").asText().equals("notification_failed"))
            .map(e -> e.path("message").asText())
            .toList();
    assertThat(failures).isNotEmpty();
    for (String text : failures) {
      assertThat(text).doesNotContainPattern(CLASS_NAME).containsPattern(UNREACHABLE);
    }
    String incidentJson = app.incident(owner, incident).toString();
    assertThat(incidentJson + phone.raw() + mailbox.raw()).doesNotContainPattern(CLASS_NAME);
  }
}
