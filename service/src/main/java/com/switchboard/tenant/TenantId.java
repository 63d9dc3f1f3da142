package com.switchboard.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The id of an organization; every tenant-scoped call carries one. */
public record TenantId(UUID value) {
  public TenantId {
    if (value == null) {
      throw new IllegalArgumentException("tenant id is required");
    }
  }

  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  @JsonCreator
  public static TenantId of(UUID value) {
    return new TenantId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
