package com.switchboard.platform.idempotency;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a create call that honours the {@code Idempotency-Key} header ({@link IdempotencyFilter}):
 * a retry with the same key and body gets the first response back instead of a second creation.
 * Only for authenticated methods; the OpenAPI document lists the header on every method with it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {}
