package com.switchboard.platform.errors;

import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean-validation failures. It exists only because Jersey ships a mapper for {@code
 * ValidationException} that would win over {@link ApiExceptionMapper}'s catch-all; the body is
 * built by that class like every other error.
 */
@Provider
public class ViolationExceptionMapper implements ExceptionMapper<JerseyViolationException> {
  @Override
  public Response toResponse(JerseyViolationException exception) {
    return Response.status(422)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            ApiExceptionMapper.fromViolations(
                exception.getConstraintViolations(), exception.getInvocable()))
        .build();
  }
}
