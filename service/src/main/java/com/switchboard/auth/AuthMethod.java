package com.switchboard.auth;

/** How a request proved who it is. */
public enum AuthMethod {
  SESSION,
  API_KEY
}
