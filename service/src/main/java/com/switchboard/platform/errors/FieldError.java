package com.switchboard.platform.errors;

/** One field of a request and what is wrong with it. */
public record FieldError(String field, String message) {}
