package com.switchboard.user;

import static com.switchboard.platform.http.RequestRules.NOT_BLANK;

import com.switchboard.auth.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the users and invitations endpoints. */
public final class UserRequests {
  private UserRequests() {}

  /** Fields left null stay as they are. */
  public record UpdateUser(
      @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String name,
      @Size(max = 64) String timeZone,
      Role role,
      Boolean statusUpdates) {}

  public record Invite(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {}

  public record AcceptInvitation(
      @NotBlank @Size(max = 200) String token,
      @NotBlank @Size(max = 100) String name,
      @NotNull @Size(min = 10, max = 200) String password,
      @Size(max = 64) String timeZone) {}
}
