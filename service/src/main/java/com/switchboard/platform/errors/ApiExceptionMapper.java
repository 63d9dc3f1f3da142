package com.switchboard.platform.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.switchboard.platform.db.DatabaseFailures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.glassfish.jersey.server.model.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an HTTP response with the JSON error body. Client
 * mistakes become a 4xx naming what is wrong; anything else is a 500 that shows a reference id and
 * never a stack trace, SQL or class names.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable exception) {
    if (exception instanceof ApiException api) {
      Response.ResponseBuilder builder =
          Response.status(api.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(api.body());
      api.headers().forEach(builder::header);
      return builder.build();
    }
    if (exception instanceof JsonProcessingException json) {
      return json(400, fromJson(json)).build();
    }
    if (exception instanceof ConstraintViolationException violations) {
      return json(422, fromViolations(violations.getConstraintViolations(), null)).build();
    }
    if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      return fromWebApplication(web);
    }
    if (causedBy(exception, IllegalCharsetNameException.class)
        || causedBy(exception, UnsupportedCharsetException.class)) {
      return json(
              415,
              ErrorBody.of(
                  "unsupported_media_type", "the Content-Type names a charset this server lacks"))
          .build();
    }
    if (causedBy(exception, PoolExhaustedException.class)) {
      // Every connection was busy for the pool's whole wait: the request's transaction never
      // started or was rolled back. Retrying later is the right move, not a bug report.
      LOG.warn("No database connection within the pool's wait: answering 503", exception);
      return json(503, ErrorBody.of("unavailable", "the service is overloaded; retry shortly"))
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    if (DatabaseFailures.isUnreachable(exception)) {
      LOG.warn("The database is unreachable: answering 503 ({})", rootMessage(exception));
      return json(503, ErrorBody.of("unavailable", "the database is unreachable; retry shortly"))
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
    String reference = UUID.randomUUID().toString();
    LOG.error("Unhandled error, reference {}", reference, exception);
    return json(500, ErrorBody.of("internal_error", "internal error, reference " + reference))
        .build();
  }

  /** Whether {@code exception} or anything in its cause chain is a {@code type}. */
  private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static Response.ResponseBuilder json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
  }

  private Response fromWebApplication(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    Response.ResponseBuilder builder;
    if (web instanceof jakarta.ws.rs.ForbiddenException) {
      builder = json(403, ErrorBody.of("forbidden", "your role does not allow this"));
    } else if (web instanceof NotFoundException) {
      builder = json(404, ErrorBody.of("not_found", "no such resource: /" + requestPath()));
    } else if (web instanceof NotAllowedException) {
      builder =
          json(405, ErrorBody.of("method_not_allowed", "method not allowed on /" + requestPath()));
      String allow = web.getResponse().getHeaderString("Allow");
      if (allow != null) {
        builder.header("Allow", allow);
      }
    } else if (web instanceof NotSupportedException) {
      builder =
          json(415, ErrorBody.of("unsupported_media_type", "send the body as application/json"));
    } else if (web instanceof NotAcceptableException) {
      builder = json(406, ErrorBody.of("not_acceptable", "this endpoint answers application/json"));
    } else {
      builder = json(status, ErrorBody.of(ErrorBody.codeFor(status), messageFor(web)));
    }
    return builder.build();
  }

  private String requestPath() {
    return uriInfo == null ? "" : uriInfo.getPath();
  }

  private static String messageFor(WebApplicationException web) {
    Response.StatusType info = web.getResponse().getStatusInfo();
    return info.getReasonPhrase() == null ? "request failed" : info.getReasonPhrase().toLowerCase();
  }

  static ErrorBody fromJson(JsonProcessingException exception) {
    if (exception instanceof JsonParseException parse) {
      return ErrorBody.of(
          "malformed_json",
          "request body is not valid JSON (line "
              + parse.getLocation().getLineNr()
              + ", column "
              + parse.getLocation().getColumnNr()
              + ")");
    }
    if (exception instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      List<String> known =
          unknown.getKnownPropertyIds() == null
              ? List.of()
              : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      return ErrorBody.of(
          "unknown_field",
          "unknown field " + field,
          List.of(new FieldError(field, "is not a known field; expected one of " + known)));
    }
    if (exception instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
      String field = path(invalid);
      Class<?> target = invalid.getTargetType();
      String message =
          target.isEnum()
              ? "must be one of "
                  + Arrays.stream(target.getEnumConstants())
                      .map(Object::toString)
                      .collect(Collectors.joining(", ", "[", "]"))
              : "must be " + describe(target);
      return ErrorBody.of(
          "invalid_type", field + " " + message, List.of(new FieldError(field, message)));
    }
    if (exception instanceof MismatchedInputException mismatch) {
      String field = path(mismatch);
      String message =
          mismatch.getTargetType() == null
              ? "has the wrong type"
              : "must be " + describe(mismatch.getTargetType());
      return ErrorBody.of(
          "invalid_type", field + " " + message, List.of(new FieldError(field, message)));
    }
    if (exception instanceof JsonMappingException mapping) {
      String field = path(mapping);
      Throwable cause = mapping.getCause();
      String message =
          cause instanceof ApiException api ? api.getMessage() : "has an invalid value";
      return ErrorBody.of(
          "invalid_value", field + " " + message, List.of(new FieldError(field, message)));
    }
    return ErrorBody.of("malformed_json", "request body could not be read as JSON");
  }

  private static String path(JsonMappingException exception) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : exception.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "body" : path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isRecord() || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  static ErrorBody fromViolations(
      java.util.Set<? extends ConstraintViolation<?>> violations, Invocable invocable) {
    List<FieldError> fields = new ArrayList<>();
    for (ConstraintViolation<?> violation : violations) {
      fields.add(new FieldError(fieldOf(violation, invocable), violation.getMessage()));
    }
    fields.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
    String message =
        fields.size() == 1
            ? fields.get(0).field() + " " + fields.get(0).message()
            : fields.size() + " fields are invalid";
    return ErrorBody.of("validation_failed", message, fields);
  }

  private static String fieldOf(ConstraintViolation<?> violation, Invocable invocable) {
    List<String> parts = new ArrayList<>();
    Integer parameterIndex = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameterIndex = node.as(Path.ParameterNode.class).getParameterIndex();
      } else if (node.getKind() == ElementKind.PROPERTY
          || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        String name = node.getName();
        if (node.getIndex() != null && !parts.isEmpty()) {
          int last = parts.size() - 1;
          parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
        }
        if (name != null && !name.startsWith("<")) {
          parts.add(name);
        }
      }
    }
    if (!parts.isEmpty()) {
      return String.join(".", parts);
    }
    if (parameterIndex != null && invocable != null) {
      Parameter[] parameters = invocable.getHandlingMethod().getParameters();
      if (parameterIndex < parameters.length) {
        for (Annotation annotation : parameters[parameterIndex].getAnnotations()) {
          if (annotation instanceof QueryParam q) {
            return q.value();
          }
          if (annotation instanceof PathParam p) {
            return p.value();
          }
          if (annotation instanceof HeaderParam h) {
            return h.value();
          }
        }
      }
    }
    return "body";
  }
}
