package com.switchboard.auth;

/** A bearer secret as it arrived, plus the client address for audit records. */
public record Credentials(String token, String clientIp) {}
