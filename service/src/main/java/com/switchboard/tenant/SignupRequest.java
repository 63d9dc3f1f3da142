package com.switchboard.tenant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new organization and its owner. The slug defaults to one made from the organization name. */
public record SignupRequest(
    @NotBlank @Size(max = 100) String organization,
    @Size(max = 40) String slug,
    @NotBlank @Size(max = 100) String name,
    @NotBlank @Email @Size(max = 254) String email,
    @NotNull @Size(min = 10, max = 200) String password,
    @Size(max = 64) String timeZone) {}
