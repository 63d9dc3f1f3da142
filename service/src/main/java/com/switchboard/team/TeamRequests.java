package com.switchboard.team;

import static com.switchboard.platform.http.RequestRules.NOT_BLANK;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the teams and services endpoints. */
public final class TeamRequests {
  private TeamRequests() {}

  public record CreateTeam(
      @NotBlank @Size(max = 100) String name,
      @NotNull TeamKind kind,
      @Size(max = 2000) String description) {}

  /** Fields left null stay as they are. */
  public record UpdateTeam(
      @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String name,
      TeamKind kind,
      @Size(max = 2000) String description) {}

  public record CreateService(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 2000) String description,
      @NotNull UUID teamId) {}

  /** Fields left null stay as they are; a new teamId hands the service to another team. */
  public record UpdateService(
      @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String name,
      @Size(max = 2000) String description,
      UUID teamId) {}
}
