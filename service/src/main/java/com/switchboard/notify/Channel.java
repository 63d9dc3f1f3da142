package com.switchboard.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a message reaches a person. The wire and database spelling is the lower-case name. */
public enum Channel {
  SMS,
  VOICE,
  EMAIL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The wire name: what the database and the API store. */
  @Override
  public String toString() {

    return wireName();
  }

  /** True for channels addressed by an E.164 phone number. */
  public boolean isPhone() {
    return this != EMAIL;
  }
}
