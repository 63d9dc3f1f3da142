package com.switchboard.integration.inbound;

import com.switchboard.platform.db.Daos;
import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The settings of heartbeat integrations (interval 60 s … 7 days, default an hour; grace 0 …
 * interval, default 5 minutes or the interval if shorter) and of email integrations (grouping by
 * message, the default, or by subject), and their URLs: a heartbeat's ping URL and an email
 * integration's address.
 */
public class HeartbeatAndEmailSettings implements TypeSettings {
  static final int MIN_INTERVAL = 60;
  static final int MAX_INTERVAL = 7 * 24 * 3600;
  static final int DEFAULT_INTERVAL = 3600;
  static final int DEFAULT_GRACE = 300;

  private final String emailDomain;

  /** {@code emailDomain}: {@code integrations.inboundEmailDomain}; empty when not set up. */
  public HeartbeatAndEmailSettings(String emailDomain) {
    this.emailDomain = emailDomain.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public void validate(IntegrationType type, IntegrationOptions options) {
    List<FieldError> errors = new ArrayList<>();
    if (type == IntegrationType.HEARTBEAT) {
      Integer interval = options.intervalSeconds();
      if (interval != null && (interval < MIN_INTERVAL || interval > MAX_INTERVAL)) {
        errors.add(
            new FieldError(
                "intervalSeconds",
                "must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL + " (7 days)"));
      }
      Integer grace = options.graceSeconds();
      int effectiveInterval = interval == null ? DEFAULT_INTERVAL : interval;
      if (grace != null && (grace < 0 || grace > effectiveInterval)) {
        errors.add(new FieldError("graceSeconds", "must be between 0 and intervalSeconds"));
      }
    } else {
      onlyFor(errors, options.intervalSeconds(), "intervalSeconds", "heartbeat");
      onlyFor(errors, options.graceSeconds(), "graceSeconds", "heartbeat");
    }
    if (type == IntegrationType.EMAIL) {
      if (options.groupBy() != null && EmailGrouping.fromWire(options.groupBy()) == null) {
        errors.add(new FieldError("groupBy", "must be message or subject"));
      }
    } else {
      onlyFor(errors, options.groupBy(), "groupBy", "email");
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static void onlyFor(List<FieldError> errors, Object value, String field, String type) {
    if (value != null) {
      errors.add(new FieldError(field, "is only for " + type + " integrations"));
    }
  }

  @Override
  public void created(
      Handle h,
      TenantId tenant,
      UUID integrationId,
      IntegrationType type,
      IntegrationOptions options,
      Instant now) {
    HeartbeatDao dao = Daos.on(h, HeartbeatDao.class);
    if (type == IntegrationType.HEARTBEAT) {
      int interval =
          options.intervalSeconds() == null ? DEFAULT_INTERVAL : options.intervalSeconds();
      int grace =
          options.graceSeconds() == null
              ? Math.min(DEFAULT_GRACE, interval)
              : options.graceSeconds();
      dao.insert(tenant, integrationId, interval, grace, now.plusSeconds(interval + grace));
    } else if (type == IntegrationType.EMAIL) {
      EmailGrouping grouping =
          options.groupBy() == null
              ? EmailGrouping.MESSAGE
              : EmailGrouping.fromWire(options.groupBy());
      dao.insertEmail(tenant, integrationId, grouping.wireName());
    }
  }

  @Override
  public AlertIntegration.TypeFields fields(Handle h, TenantId tenant, AlertIntegration.Row row) {
    HeartbeatDao dao = Daos.on(h, HeartbeatDao.class);
    if (IntegrationType.HEARTBEAT.wireName().equals(row.type())) {
      return dao.find(tenant, row.id())
          .map(
              m ->
                  new AlertIntegration.TypeFields(
                      new AlertIntegration.Heartbeat(
                          m.intervalSeconds(),
                          m.graceSeconds(),
                          m.missedAt() != null
                              ? "missed"
                              : m.lastPingAt() == null ? "waiting" : "up",
                          m.lastPingAt(),
                          m.dueAt()),
                      null,
                      null))
          .orElse(AlertIntegration.TypeFields.NONE);
    }
    if (IntegrationType.EMAIL.wireName().equals(row.type())) {
      return new AlertIntegration.TypeFields(
          null,
          address(row.integrationKey()),
          dao.emailGroupBy(tenant, row.id()).orElse(EmailGrouping.MESSAGE.wireName()));
    }
    return AlertIntegration.TypeFields.NONE;
  }

  @Override
  public String url(IntegrationType type, String key, String publicUrl) {
    return switch (type) {
      case HEARTBEAT -> publicUrl + HeartbeatResource.PATH + "/" + key;
      case EMAIL -> emailDomain.isEmpty() ? null : "mailto:" + address(key);
      default -> TypeSettings.NONE.url(type, key, publicUrl);
    };
  }

  /** The integration's email address, or null while no inbound domain is configured. */
  private String address(String key) {
    return emailDomain.isEmpty() ? null : key + "@" + emailDomain;
  }
}
