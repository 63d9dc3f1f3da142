package com.switchboard.team;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Engineering teams own services and get paged; support teams own customer cases. */
public enum TeamKind {
  @JsonProperty("engineering")
  ENGINEERING,
  @JsonProperty("support")
  SUPPORT;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
