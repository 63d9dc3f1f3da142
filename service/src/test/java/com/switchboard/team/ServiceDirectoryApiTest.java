package com.switchboard.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceDirectoryApiTest {
  private final Api api = TestApp.api();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.get().truncateAll();
  }

  private Api.Reply search(Api.Auth caller, String query) {
    return api.get(
        "/api/v1/services?q="
            + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"),
        caller);
  }

  private List<String> namesFound(Api.Auth caller, String query) {
    Api.Reply reply = search(caller, query);
    assertThat(reply.status()).as("search %s", query).isEqualTo(200);
    return serviceNames(reply.body().path("items"));
  }

  /** The services' own names (not their owning teams' names). */
  private static List<String> serviceNames(JsonNode items) {
    List<String> names = new ArrayList<>();
    items.forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  // --- CRUD ---

  @Test
  void createsAServiceOwnedByATeam() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");

    Api.Reply created =
        api.post(
            "/api/v1/services",
            Map.of("name", " Checkout API ", "description", "Takes orders", "teamId", payments),
            owner);

    assertThat(created.status()).isEqualTo(201);
    JsonNode service = created.body();
    assertThat(service.path("name").asText()).isEqualTo("Checkout API");
    assertThat(service.path("description").asText()).isEqualTo("Takes orders");
    assertThat(service.path("team").path("id").asText()).isEqualTo(payments);
    assertThat(service.path("team").path("name").asText()).isEqualTo("Payments");
    assertThat(service.path("team").path("kind").asText()).isEqualTo("engineering");
    assertThat(service.path("createdAt").asText()).isNotBlank();

    Api.Reply fetched = api.get("/api/v1/services/" + created.id(), owner);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().path("name").asText()).isEqualTo("Checkout API");
  }

  @Test
  void aServiceNeedsAnExistingTeamOfTheSameTenant() {
    Api.Login owner = api.signup("Acme");
    Api.Login other = api.signup("Globex");
    String foreignTeam = api.createTeam(other, "Payments", "engineering");

    Api.Reply unknown =
        api.post(
            "/api/v1/services",
            Map.of("name", "Checkout", "teamId", UUID.randomUUID().toString()),
            owner);
    Api.Reply foreign =
        api.post("/api/v1/services", Map.of("name", "Checkout", "teamId", foreignTeam), owner);
    Api.Reply missing = api.post("/api/v1/services", Map.of("name", "Checkout"), owner);
    Api.Reply notAUuid =
        api.post("/api/v1/services", Map.of("name", "Checkout", "teamId", "payments"), owner);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(422);
    assertThat(notAUuid.status()).isEqualTo(400);
    assertThat(search(owner, "").body().path("items")).isEmpty();
  }

  @Test
  void serviceNamesAreUniqueIgnoringCase() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");
    api.createService(owner, "Checkout API", "", payments);
    String login = api.createService(owner, "Login Service", "", identity);

    Api.Reply duplicate =
        api.post("/api/v1/services", Map.of("name", "checkout api", "teamId", identity), owner);
    Api.Reply renamed =
        api.patch("/api/v1/services/" + login, Map.of("name", "CHECKOUT API"), owner);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("conflict");
    assertThat(renamed.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/services/" + login, owner).body().path("name").asText())
        .isEqualTo("Login Service");
  }

  @Test
  void updateChangesOnlyTheGivenFields() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String id = api.createService(owner, "Checkout API", "Takes orders", payments);

    Api.Reply described =
        api.patch("/api/v1/services/" + id, Map.of("description", "Takes payments"), owner);
    Api.Reply renamed = api.patch("/api/v1/services/" + id, Map.of("name", "Checkout"), owner);

    assertThat(described.status()).isEqualTo(200);
    assertThat(described.body().path("name").asText()).isEqualTo("Checkout API");
    assertThat(described.body().path("description").asText()).isEqualTo("Takes payments");
    assertThat(renamed.body().path("name").asText()).isEqualTo("Checkout");
    assertThat(renamed.body().path("description").asText()).isEqualTo("Takes payments");
    assertThat(renamed.body().path("team").path("id").asText()).isEqualTo(payments);
  }

  @Test
  void renamingAServiceToOnlySpacesIsRejected() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);

    Api.Reply reply = api.patch("/api/v1/services/" + id, Map.of("name", "  "), owner);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(api.get("/api/v1/services/" + id, owner).body().path("name").asText())
        .isEqualTo("Checkout API");
  }

  @Test
  void aServiceCanBeHandedToAnotherTeam() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);

    Api.Reply handed = api.patch("/api/v1/services/" + id, Map.of("teamId", identity), owner);

    assertThat(handed.status()).isEqualTo(200);
    assertThat(handed.body().path("team").path("id").asText()).isEqualTo(identity);
    assertThat(handed.body().path("team").path("name").asText()).isEqualTo("Identity");
    assertThat(api.get("/api/v1/teams/" + payments, owner).body().path("services")).isEmpty();
    assertThat(
            api.get("/api/v1/teams/" + identity, owner)
                .body()
                .path("services")
                .findValuesAsText("id"))
        .containsExactly(id);
  }

  @Test
  void handingAServiceToAnUnknownTeamIsNotFoundAndChangesNothing() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);

    Api.Reply reply =
        api.patch(
            "/api/v1/services/" + id,
            Map.of("name", "Renamed", "teamId", UUID.randomUUID().toString()),
            owner);

    assertThat(reply.status()).isEqualTo(404);
    JsonNode unchanged = api.get("/api/v1/services/" + id, owner).body();
    assertThat(unchanged.path("name").asText()).isEqualTo("Checkout API");
    assertThat(unchanged.path("team").path("id").asText()).isEqualTo(payments);
  }

  @Test
  void deletingAServiceRemovesIt() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);

    Api.Reply deleted = api.delete("/api/v1/services/" + id, owner);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get("/api/v1/services/" + id, owner).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/services/" + id, owner).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/teams/" + payments, owner).body().path("services")).isEmpty();
  }

  @Test
  void everyoneReadsTheDirectoryButOnlyAdministratorsChangeIt() {
    Api.Login owner = api.signup("Acme");
    Api.Login viewer = api.addMember(owner, "viewer");
    Api.Key agentKey = api.createKey(owner, "agent");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);

    assertThat(api.get("/api/v1/services/" + id, viewer).status()).isEqualTo(200);
    assertThat(namesFound(viewer, "checkout")).containsExactly("Checkout API");
    assertThat(
            api.post("/api/v1/services", Map.of("name", "Mine", "teamId", payments), viewer)
                .status())
        .isEqualTo(403);
    assertThat(api.patch("/api/v1/services/" + id, Map.of("name", "X"), agentKey).status())
        .isEqualTo(403);
    assertThat(api.delete("/api/v1/services/" + id, viewer).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/services/" + id, owner).body().path("name").asText())
        .isEqualTo("Checkout API");
  }

  @Test
  void servicesOfAnotherTenantAreInvisible() {
    Api.Login acme = api.signup("Acme");
    Api.Login globex = api.signup("Globex");
    String team = api.createTeam(acme, "Identity", "engineering");
    String id = api.createService(acme, "Login Service", "Sign-in", team);

    assertThat(api.get("/api/v1/services/" + id, globex).status()).isEqualTo(404);
    assertThat(api.patch("/api/v1/services/" + id, Map.of("name", "X"), globex).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/services/" + id, globex).status()).isEqualTo(404);
    assertThat(namesFound(globex, "login")).isEmpty();
    assertThat(namesFound(acme, "login")).containsExactly("Login Service");
  }

  // --- directory search ---

  @Test
  void searchFindsByServiceNameDescriptionAndOwningTeamName() {
    Api.Login owner = api.signup("Acme");
    String identity = api.createTeam(owner, "Login Squad", "engineering");
    String payments = api.createTeam(owner, "Payments", "engineering");
    api.createService(owner, "Customer Login", "Password sign-in", payments);
    api.createService(owner, "SSO Gateway", "SAML and OIDC login for customers", payments);
    api.createService(owner, "Session Store", "Keeps sessions", identity);
    api.createService(owner, "Checkout API", "Takes orders", payments);

    List<String> found = namesFound(owner, "login");

    assertThat(found).containsExactlyInAnyOrder("Customer Login", "SSO Gateway", "Session Store");
  }

  @Test
  void searchIgnoresCase() {
    Api.Login owner = api.signup("Acme");
    String team = api.createTeam(owner, "Identity", "engineering");
    api.createService(owner, "Login Service", "", team);
    api.createService(owner, "Billing", "handles LOGIN fees", team);

    assertThat(namesFound(owner, "LoGiN")).containsExactly("Login Service", "Billing");
    assertThat(namesFound(owner, "IDENTITY")).containsExactly("Billing", "Login Service");
  }

  @Test
  void servicesWhoseNameStartsWithTheQueryComeFirst() {
    Api.Login owner = api.signup("Acme");
    String login = api.createTeam(owner, "Login Team", "engineering");
    String other = api.createTeam(owner, "Platform", "engineering");
    api.createService(owner, "Auth Gateway", "Routes every login", other);
    api.createService(owner, "Zebra", "Owned by the login team", login);
    api.createService(owner, "Customer Login", "", other);
    api.createService(owner, "login-worker", "", other);
    api.createService(owner, "Login Service", "", other);

    List<String> found = namesFound(owner, "login");

    assertThat(found)
        .containsExactly(
            "Login Service", "login-worker", "Auth Gateway", "Customer Login", "Zebra");
  }

  @Test
  void percentAndUnderscoreInTheQueryAreLiteral() {
    Api.Login owner = api.signup("Acme");
    String team = api.createTeam(owner, "Platform", "engineering");
    api.createService(owner, "100% Uptime", "", team);
    api.createService(owner, "1000 Uptime", "", team);
    api.createService(owner, "Disk_Usage", "", team);
    api.createService(owner, "DiskXUsage", "", team);
    api.createService(owner, "Back\\Slash", "", team);

    assertThat(namesFound(owner, "%")).containsExactly("100% Uptime");
    assertThat(namesFound(owner, "0% u")).containsExactly("100% Uptime");
    assertThat(namesFound(owner, "_")).containsExactly("Disk_Usage");
    assertThat(namesFound(owner, "k_u")).containsExactly("Disk_Usage");
    assertThat(namesFound(owner, "\\")).containsExactly("Back\\Slash");
  }

  @Test
  void anEmptyQueryListsEveryServiceByName() {
    Api.Login owner = api.signup("Acme");
    String team = api.createTeam(owner, "Platform", "engineering");
    api.createService(owner, "beta", "", team);
    api.createService(owner, "Alpha", "", team);
    api.createService(owner, "Gamma", "", team);

    assertThat(namesFound(owner, "")).containsExactly("Alpha", "beta", "Gamma");
    assertThat(namesFound(owner, "   ")).containsExactly("Alpha", "beta", "Gamma");
    assertThat(serviceNames(api.get("/api/v1/services", owner).body().path("items")))
        .containsExactly("Alpha", "beta", "Gamma");
  }

  @Test
  void theLimitCapsTheResults() {
    Api.Login owner = api.signup("Acme");
    String team = api.createTeam(owner, "Platform", "engineering");
    for (int i = 1; i <= 7; i++) {
      api.createService(owner, "Service " + i, "", team);
    }

    Api.Reply three = api.get("/api/v1/services?q=service&limit=3", owner);
    Api.Reply all = api.get("/api/v1/services?limit=500", owner);

    assertThat(three.status()).isEqualTo(200);
    assertThat(serviceNames(three.body().path("items")))
        .containsExactly("Service 1", "Service 2", "Service 3");
    assertThat(all.body().path("items")).hasSize(7);
  }

  @Test
  void anInvalidLimitOrOverlongQueryIsABadRequest() {
    Api.Login owner = api.signup("Acme");

    for (String query :
        List.of("limit=0", "limit=501", "limit=ten", "limit=-1", "q=" + "x".repeat(101))) {
      Api.Reply reply = api.get("/api/v1/services?" + query, owner);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
    }
  }

  @Test
  void searchFollowsAServiceToItsNewTeam() {
    Api.Login owner = api.signup("Acme");
    String payments = api.createTeam(owner, "Payments", "engineering");
    String identity = api.createTeam(owner, "Identity", "engineering");
    String id = api.createService(owner, "Checkout API", "", payments);
    assertThat(namesFound(owner, "payments")).containsExactly("Checkout API");

    api.patch("/api/v1/services/" + id, Map.of("teamId", identity), owner);

    assertThat(namesFound(owner, "payments")).isEmpty();
    assertThat(namesFound(owner, "identity")).containsExactly("Checkout API");
    assertThat(
            search(owner, "identity")
                .body()
                .path("items")
                .get(0)
                .path("team")
                .path("name")
                .asText())
        .isEqualTo("Identity");
  }
}
