package com.switchboard.auth;

import com.switchboard.user.UserId;
import java.util.UUID;

/** What a credential lookup yields: the credential, its user and the role it grants. */
public record CallerRow(
    UUID credentialId, UserId userId, String email, String name, Role role, String csrfToken) {}
