package com.switchboard.contact;

import com.switchboard.notify.Channel;
import com.switchboard.paging.Urgency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the contact method and notification rule endpoints. */
public final class ContactRequests {
  private ContactRequests() {}

  /** {@code address}: an E.164 number ({@code +14155550123}) for SMS and voice, else an email. */
  public record AddContactMethod(
      @NotNull Channel channel,
      @NotBlank @Size(max = 254) String address,
      @Size(max = 100) String label) {}

  public record Verify(
      @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6-digit code") String code) {}

  public record AddRule(
      @NotNull UUID contactMethodId,
      @NotNull Urgency urgency,
      @NotNull @Min(0) @Max(1440) Integer delayMinutes) {}
}
