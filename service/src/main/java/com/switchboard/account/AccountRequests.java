package com.switchboard.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and answer bodies of the account endpoints (docs/account.md). */
public final class AccountRequests {
  private AccountRequests() {}

  /** {@code tenant}: the organization's sign-in name (slug), as at login. */
  public record ResetRequest(
      @NotBlank @Size(max = 40) String tenant, @NotBlank @Email @Size(max = 254) String email) {}

  /** The same password rules as signup and invitations. */
  public record ResetConfirmation(
      @NotBlank @Size(max = 200) String token,
      @NotNull @Size(min = 10, max = 200) String password) {}

  public record ReminderRequest(@NotBlank @Email @Size(max = 254) String email) {}

  public record ChangePassword(
      @NotNull @Size(max = 200) String currentPassword,
      @NotNull @Size(min = 10, max = 200) String newPassword) {}

  /** The one 202 body of a recovery request, whether or not the address has an account. */
  public record Accepted(String message) {
    static final Accepted INSTANCE = new Accepted(AccountRecovery.ACCEPTED);
  }
}
