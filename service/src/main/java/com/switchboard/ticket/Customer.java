package com.switchboard.ticket;

import java.time.Instant;
import java.util.UUID;

/** A customer of the tenant; its tier (a tenant-defined name) chooses the SLA policy. */
public record Customer(
    UUID id, String name, String tier, String externalId, Instant createdAt, Instant updatedAt) {}
