package com.switchboard.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team with its members and the services it owns. */
public record TeamDetail(
    UUID id,
    String name,
    TeamKind kind,
    String description,
    List<TeamMember> members,
    List<ServiceRef> services,
    Instant createdAt) {

  public record ServiceRef(UUID id, String name) {}

  static TeamDetail of(Team team, List<TeamMember> members, List<ServiceRef> services) {
    return new TeamDetail(
        team.id(),
        team.name(),
        team.kind(),
        team.description(),
        members,
        services,
        team.createdAt());
  }
}
