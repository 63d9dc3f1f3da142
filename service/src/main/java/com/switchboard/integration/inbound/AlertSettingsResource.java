package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.alert.AlertEvent.Severity;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.errors.ValidationException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's severity → urgency mapping for inbound alerts: every role reads it, as services are
 * readable; owners and admins change it.
 */
@Path("/v1/alert-settings/severity-urgency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertSettingsResource {
  private final AlertIntegrationService integrations;

  public AlertSettingsResource(AlertIntegrationService integrations) {
    this.integrations = integrations;
  }

  @GET
  @Timed
  @PermitAll
  public SeverityUrgencies get(@Auth Caller caller) {
    return integrations.severityUrgencies(caller);
  }

  /** {@code {"warning":"high"}}: the severities given change, the others stay. */
  @PUT
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public SeverityUrgencies put(@Auth Caller caller, @NotNull Map<String, String> mapping) {
    Map<Severity, Urgency> changes = new EnumMap<>(Severity.class);
    for (Map.Entry<String, String> entry : mapping.entrySet()) {
      Severity severity = parse(Severity.class, entry.getKey());
      if (severity == null) {
        throw new ValidationException(
            entry.getKey(), "is not a severity: critical, error, warning or info");
      }
      Urgency urgency = parse(Urgency.class, entry.getValue());
      if (urgency == null) {
        throw new ValidationException(entry.getKey(), "must be high or low");
      }
      changes.put(severity, urgency);
    }
    if (changes.isEmpty()) {
      throw new ValidationException("mapping", "name at least one severity");
    }
    return integrations.setSeverityUrgencies(caller, changes);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String wire) {
    if (wire == null || !wire.equals(wire.toLowerCase(Locale.ROOT))) {
      return null;
    }
    try {
      return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
