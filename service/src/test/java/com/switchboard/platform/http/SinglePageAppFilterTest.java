package com.switchboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SinglePageAppFilterTest {
  @Test
  void pathsOfTheWebAppAreClientRoutes() {
    for (String path :
        new String[] {
          "/teams", "/teams/42", "/services/0b1c/edit", "/accept-invitation", "/apiary"
        }) {
      assertThat(SinglePageAppFilter.isClientRoute(path)).as(path).isTrue();
    }
  }

  @Test
  void theApiIsNeverAClientRoute() {
    for (String path : new String[] {"/api", "/api/", "/api/v1/teams", "/api/v1/unknown/route"}) {
      assertThat(SinglePageAppFilter.isClientRoute(path)).as(path).isFalse();
    }
  }

  @Test
  void theRootAndTheHealthCheckAreServedAsThemselves() {
    assertThat(SinglePageAppFilter.isClientRoute("/")).isFalse();
    assertThat(SinglePageAppFilter.isClientRoute("/health")).isFalse();
  }

  @Test
  void filesWithAnExtensionAreStaticAssets() {
    for (String path :
        new String[] {
          "/index.html", "/assets/app-3f2a.js", "/favicon.ico", "/assets/fonts/a.woff2"
        }) {
      assertThat(SinglePageAppFilter.isClientRoute(path)).as(path).isFalse();
    }
  }
}
