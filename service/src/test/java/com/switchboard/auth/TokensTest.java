package com.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.tenant.TenantId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final TenantId tenant = TenantId.random();

  @Test
  void anIssuedTokenParsesBackToItsTenantAndHash() {
    String token = Tokens.issue(Tokens.API_KEY, tenant);

    Tokens.Parsed parsed = Tokens.parse(Tokens.API_KEY, token).orElseThrow();

    assertThat(parsed.tenantId()).isEqualTo(tenant);
    assertThat(parsed.hash()).isEqualTo(Tokens.sha256(token));
    assertThat(parsed.hash()).hasSize(32);
  }

  @Test
  void theTenantIsEmbeddedInTheTokenAsHex() {
    String token = Tokens.issue(Tokens.SESSION, tenant);

    assertThat(token).startsWith("sbs_" + tenant.value().toString().replace("-", "") + "_");
    assertThat(token.split("_", 3)[2]).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void everyKindRoundTripsAndTokensAreUnique() {
    Set<String> seen = new HashSet<>();
    for (String kind : new String[] {Tokens.SESSION, Tokens.API_KEY, Tokens.INVITATION}) {
      for (int i = 0; i < 50; i++) {
        String token = Tokens.issue(kind, tenant);
        assertThat(seen.add(token)).isTrue();
        assertThat(Tokens.parse(kind, token))
            .get()
            .extracting(Tokens.Parsed::tenantId)
            .isEqualTo(tenant);
      }
    }
  }

  @Test
  void aTokenOfAnotherKindIsRejected() {
    String session = Tokens.issue(Tokens.SESSION, tenant);

    assertThat(Tokens.parse(Tokens.API_KEY, session)).isEmpty();
    assertThat(Tokens.parse(Tokens.INVITATION, session)).isEmpty();
  }

  @Test
  void aTamperedSecretNoLongerHashesToTheIssuedToken() {
    String token = Tokens.issue(Tokens.API_KEY, tenant);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');

    Tokens.Parsed parsed = Tokens.parse(Tokens.API_KEY, tampered).orElseThrow();

    assertThat(parsed.hash()).isNotEqualTo(Tokens.sha256(token));
  }

  @Test
  void aTamperedTenantPointsElsewhereAndHashesDifferently() {
    String token = Tokens.issue(Tokens.API_KEY, tenant);
    char first = token.charAt(4);
    String tampered = "sbk_" + (first == 'a' ? 'b' : 'a') + token.substring(5);

    Tokens.Parsed parsed = Tokens.parse(Tokens.API_KEY, tampered).orElseThrow();

    assertThat(parsed.tenantId()).isNotEqualTo(tenant);
    assertThat(parsed.hash()).isNotEqualTo(Tokens.sha256(token));
  }

  @Test
  void malformedTokensAreRejected() {
    String token = Tokens.issue(Tokens.API_KEY, tenant);
    String hex = tenant.value().toString().replace("-", "");

    assertThat(Tokens.parse(Tokens.API_KEY, null)).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "")).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "sbk")).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "sbk_" + hex)).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "sbk_" + hex.substring(1) + "_secret")).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "sbk_" + hex + "0_secret")).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "sbk_" + "g".repeat(32) + "_secret")).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, "SBK" + token.substring(3))).isEmpty();
    assertThat(Tokens.parse(Tokens.API_KEY, token + "x".repeat(200))).isEmpty();
  }

  @Test
  void aTenantPartWithASignIsRejectedLikeAnyOtherNonHexCharacter() {
    String hex = tenant.value().toString().replace("-", "");

    assertThat(Tokens.parse(Tokens.API_KEY, "sbk_+" + hex.substring(1) + "_secret")).isEmpty();
    assertThat(
            Tokens.parse(
                Tokens.API_KEY, "sbk_" + hex.substring(0, 20) + "+" + hex.substring(21) + "_s"))
        .isEmpty();
  }

  @Test
  void theHintShowsOnlyTheLastFourCharacters() {
    String token = Tokens.issue(Tokens.API_KEY, tenant);

    assertThat(Tokens.hint(token)).isEqualTo("…" + token.substring(token.length() - 4));
  }

  @Test
  void randomSecretsHaveTheRequestedStrength() {
    assertThat(Tokens.randomSecret(24)).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(Tokens.randomSecret(24)).isNotEqualTo(Tokens.randomSecret(24));
  }
}
