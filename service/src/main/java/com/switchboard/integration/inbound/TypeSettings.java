package com.switchboard.integration.inbound;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What an integration type keeps beside the integration row (a heartbeat's interval, an email
 * integration's address), so that {@link AlertIntegrationService} creates, shows and links every
 * type alike.
 */
public interface TypeSettings {
  /** Refuses options the type does not take or out of range, before anything is written. */
  void validate(IntegrationType type, IntegrationOptions options);

  /** Stores the type's settings of a new integration, in the transaction that created it. */
  void created(
      Handle h,
      TenantId tenant,
      UUID integrationId,
      IntegrationType type,
      IntegrationOptions options,
      Instant now);

  /** The type's own fields of the answer, or {@link AlertIntegration.TypeFields#NONE}. */
  AlertIntegration.TypeFields fields(Handle h, TenantId tenant, AlertIntegration.Row row);

  /** What to paste into the tool, for the types whose URL is not the shared events endpoint. */
  String url(IntegrationType type, String key, String publicUrl);

  /** The types created with name and type alone. */
  TypeSettings NONE =
      new TypeSettings() {
        @Override
        public void validate(IntegrationType type, IntegrationOptions options) {}

        @Override
        public void created(
            Handle h,
            TenantId tenant,
            UUID integrationId,
            IntegrationType type,
            IntegrationOptions options,
            Instant now) {}

        @Override
        public AlertIntegration.TypeFields fields(
            Handle h, TenantId tenant, AlertIntegration.Row row) {
          return AlertIntegration.TypeFields.NONE;
        }

        @Override
        public String url(IntegrationType type, String key, String publicUrl) {
          return publicUrl + "/api/v1/integrations/" + type.wireName() + "/" + key;
        }
      };
}
