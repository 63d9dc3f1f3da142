package com.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.TestApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status rules the bad-input table cannot express in one request. */
class TicketStatusTest {
  private final Api api = TestApp.api();

  @Test
  void aTicketNeverGoesBackToNewAndClosedIsFinal() {
    Login owner = api.signup("Ticket Status");
    Reply created =
        api.post("/api/v1/tickets", Map.of("subject", "Export stuck", "priority", "normal"), owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String path = "/api/v1/tickets/" + created.body().path("ticket").path("id").asText();

    Reply sameAgain = api.put(path + "/status", Map.of("status", "new"), owner);
    assertThat(sameAgain.status()).as("new → new is a no-op").isEqualTo(200);

    assertThat(api.put(path + "/status", Map.of("status", "solved"), owner).status())
        .isEqualTo(200);
    Reply backToNew = api.put(path + "/status", Map.of("status", "new"), owner);
    assertThat(backToNew.status()).as("%s", backToNew).isEqualTo(409);
    assertThat(backToNew.body().path("error").path("message").asText()).contains("back to new");

    assertThat(api.put(path + "/status", Map.of("status", "closed"), owner).status())
        .isEqualTo(200);
    Reply reopen = api.put(path + "/status", Map.of("status", "open"), owner);
    assertThat(reopen.status()).as("%s", reopen).isEqualTo(409);
    assertThat(reopen.body().path("error").path("code").asText()).isEqualTo("conflict");
    assertThat(api.get(path, owner).body().path("ticket").path("status").asText())
        .isEqualTo("closed");
  }
}
