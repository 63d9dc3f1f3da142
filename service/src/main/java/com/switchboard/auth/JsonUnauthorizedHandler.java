package com.switchboard.auth;

import com.switchboard.platform.errors.ErrorBody;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 401 in the API's error shape, naming both ways to authenticate. */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            ErrorBody.of(
                "unauthorized",
                "log in (session cookie) or send an API key as 'Authorization: Bearer <key>'"))
        .build();
  }
}
