package com.switchboard.team;

import com.switchboard.user.UserId;
import java.time.Instant;

public record TeamMember(UserId id, String name, String email, boolean active, Instant addedAt) {}
