package com.switchboard.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The side channels (SMS reply, key press, email link) authorize with {@link IncidentPermissions};
 * the API with {@code @RolesAllowed}. They must say the same, so that no channel lets through a
 * role the API refuses.
 */
class IncidentPermissionsTest {
  @ParameterizedTest
  @ValueSource(strings = {"acknowledge", "resolve", "escalate"})
  void theApiAllowsExactlyTheRolesTheSideChannelsAllow(String action) {
    Method method =
        Arrays.stream(IncidentResource.class.getMethods())
            .filter(m -> m.getName().equals(action))
            .findFirst()
            .orElseThrow();

    String[] allowed = method.getAnnotation(RolesAllowed.class).value();

    assertThat(Arrays.stream(allowed).map(Role::fromWireName))
        .containsExactlyInAnyOrderElementsOf(IncidentPermissions.RESPOND);
  }
}
