package com.switchboard.platform.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.switchboard.platform.errors.ErrorBody;
import com.switchboard.platform.idempotency.IdempotencyFilter;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes the OpenAPI 3 document of the public API from {@link ApiModel} and the request and
 * response records (through the application's own Jackson configuration, so property names and enum
 * values are those on the wire). Error responses follow fixed rules: 400 for input, 401/403 for
 * authenticated calls, 404 for ids in the path, 409/422 for writes, all with {@link ErrorBody}.
 */
final class OpenApiGenerator {
  static final String ERROR = "ErrorBody";

  private final ObjectMapper json;
  private final Map<String, Object> schemas = new TreeMap<>();
  private final Map<Class<?>, String> names = new HashMap<>();

  OpenApiGenerator(ObjectMapper json) {
    this.json = json;
  }

  /** The document as sorted, indented JSON text ending in a newline. */
  String write(List<ApiModel.Operation> operations) {
    try {
      ObjectMapper writer = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      return writer.writer(printer).writeValueAsString(document(operations)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, Object> document(List<ApiModel.Operation> operations) {
    Map<String, Object> paths = new TreeMap<>();
    Set<String> tags = new java.util.TreeSet<>();
    Set<String> operationIds = new java.util.HashSet<>();
    for (ApiModel.Operation op : operations) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(op.path(), p -> new TreeMap<>());
      Map<String, Object> operation = operation(op);
      String id = (String) operation.get("operationId");
      if (!operationIds.add(id)) {
        operation.put("operationId", id + "." + op.method().toLowerCase(Locale.ROOT));
      }
      tags.add(tag(op));
      item.put(op.method().toLowerCase(Locale.ROOT), operation);
    }
    Map<String, Object> doc = new TreeMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title",
            "Switchboard API",
            "version",
            "1",
            "description",
            "The public HTTP API of Switchboard. Generated from the resources by"
                + " OpenApiGenerator (see docs/api.md, OpenAPI); errors are always the ErrorBody"
                + " shape."));
    doc.put("servers", List.of(Map.of("url", "/api")));
    doc.put("tags", tags.stream().map(t -> Map.of("name", t)).toList());
    doc.put("paths", paths);
    schemaRef(ErrorBody.class);
    Map<String, Object> components = new TreeMap<>();
    components.put("schemas", schemas);
    components.put("securitySchemes", securitySchemes());
    components.put(
        "parameters",
        Map.of(
            "IdempotencyKey",
            Map.of(
                "name",
                IdempotencyFilter.HEADER,
                "in",
                "header",
                "required",
                false,
                "description",
                "Makes a create call safe to retry: a retry with the same key and body within 24"
                    + " hours returns the first response (with Idempotent-Replayed: true) instead"
                    + " of creating again. 1 to 255 printable ASCII characters.",
                "schema",
                Map.of("type", "string", "minLength", 1, "maxLength", 255))));
    Map<String, Object> errors = new TreeMap<>();
    for (int status : List.of(400, 401, 403, 404, 409, 413, 422)) {
      errors.put(
          "Error" + status,
          Map.of(
              "description",
              errorDescription(status),
              "content",
              Map.of(
                  MediaType.APPLICATION_JSON,
                  Map.of("schema", Map.of("$ref", "#/components/schemas/" + ERROR)))));
    }
    components.put("responses", errors);
    doc.put("components", components);
    return doc;
  }

  private Map<String, Object> operation(ApiModel.Operation op) {
    Map<String, Object> operation = new TreeMap<>();
    operation.put(
        "operationId",
        op.handler().getDeclaringClass().getSimpleName() + "." + op.handler().getName());
    operation.put("tags", List.of(tag(op)));
    List<Object> parameters = new ArrayList<>();
    for (ApiModel.Param p : op.params()) {
      if (p.in().equals("header") && p.name().equals(IdempotencyFilter.HEADER)) {
        parameters.add(Map.of("$ref", "#/components/parameters/IdempotencyKey"));
        continue;
      }
      Map<String, Object> parameter = new TreeMap<>();
      parameter.put("name", p.name());
      parameter.put("in", p.in());
      parameter.put("required", p.required());
      parameter.put("schema", schema(json.constructType(p.type())));
      parameters.add(parameter);
    }
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (op.body() != null) {
      Map<String, Object> content = new TreeMap<>();
      Map<String, Object> bodySchema = schema(json.constructType(op.body()));
      for (MediaType type : consumed(op)) {
        content.put(type.toString(), Map.of("schema", bodySchema));
      }
      operation.put("requestBody", Map.of("required", true, "content", content));
    }
    operation.put("responses", responses(op));
    if (op.authenticated()) {
      boolean write = !op.method().equals("GET") && !op.method().equals("HEAD");
      operation.put(
          "security",
          List.of(
              Map.of("apiKey", List.of()),
              write
                  ? Map.of("sessionCookie", List.of(), "csrfToken", List.of())
                  : Map.of("sessionCookie", List.of())));
      operation.put("x-roles", op.roles().isEmpty() ? List.of("any") : sorted(op.roles()));
    }
    return operation;
  }

  private Map<String, Object> responses(ApiModel.Operation op) {
    Map<String, Object> responses = new TreeMap<>();
    Class<?> returned = op.handler().getReturnType();
    boolean answersLater =
        Arrays.stream(op.handler().getParameters())
            .anyMatch(p -> p.isAnnotationPresent(Suspended.class));
    if (returned == void.class && !answersLater) {
      responses.put("204", Map.of("description", "Done; no body."));
    } else if (returned == Response.class || answersLater) {
      responses.put(
          "2XX",
          Map.of(
              "description",
              "Success; the status and body are described in docs/api.md."
                  + (op.idempotent() ? " A replay carries Idempotent-Replayed: true." : "")));
    } else {
      Map<String, Object> content = new TreeMap<>();
      Map<String, Object> schema =
          returned == byte[].class
              ? Map.of("type", "object")
              : schema(json.constructType(op.handler().getGenericReturnType()));
      for (MediaType type : produced(op)) {
        content.put(type.toString(), Map.of("schema", schema));
      }
      responses.put("200", Map.of("description", "Success.", "content", content));
    }
    boolean write = !op.method().equals("GET");
    boolean input = op.body() != null || op.params().stream().anyMatch(p -> !p.in().equals("path"));
    if (input) {
      responses.put("400", errorRef(400));
    }
    if (op.authenticated()) {
      responses.put("401", errorRef(401));
      if (!op.roles().isEmpty() || write) {
        responses.put("403", errorRef(403));
      }
    }
    if (op.path().contains("{")) {
      responses.put("404", errorRef(404));
    }
    if (op.idempotent()) {
      responses.put("409", errorRef(409));
    }
    if (op.body() != null) {
      responses.put("413", errorRef(413));
    }
    if (op.body() != null || op.idempotent()) {
      responses.put("422", errorRef(422));
    }
    return responses;
  }

  private static Map<String, Object> errorRef(int status) {
    return Map.of("$ref", "#/components/responses/Error" + status);
  }

  private static String errorDescription(int status) {
    return switch (status) {
      case 400 -> "Malformed input: a query parameter, header or body that cannot be read.";
      case 401 -> "No valid session cookie or API key.";
      case 403 -> "The caller's role may not do this, or a cookie write lacks X-CSRF-Token.";
      case 404 -> "Nothing with this id in the caller's organization.";
      case 409 ->
          "Conflicts with current state, or a request with the same Idempotency-Key is in flight.";
      case 413 -> "The body is larger than the request limit.";
      case 422 -> "Fields that fail validation, or an Idempotency-Key reused for another request.";
      default -> "Error.";
    };
  }

  private static List<MediaType> consumed(ApiModel.Operation op) {
    return op.consumes().isEmpty() ? List.of(MediaType.APPLICATION_JSON_TYPE) : op.consumes();
  }

  private static List<MediaType> produced(ApiModel.Operation op) {
    return op.produces().isEmpty() || op.produces().contains(MediaType.WILDCARD_TYPE)
        ? List.of(MediaType.APPLICATION_JSON_TYPE)
        : op.produces();
  }

  /** The domain: the first package below com.switchboard. */
  static String tag(ApiModel.Operation op) {
    String pkg = op.handler().getDeclaringClass().getPackageName();
    String rest = pkg.replaceFirst("^com\\.switchboard\\.?", "");
    return rest.isEmpty() ? "switchboard" : rest.split("\\.")[0];
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }

  private static Map<String, Object> securitySchemes() {
    Map<String, Object> schemes = new TreeMap<>();
    schemes.put(
        "apiKey",
        Map.of(
            "type",
            "http",
            "scheme",
            "bearer",
            "description",
            "An API key (sbk_…) as Authorization: Bearer; the key's role applies."));
    schemes.put(
        "sessionCookie",
        Map.of(
            "type",
            "apiKey",
            "in",
            "cookie",
            "name",
            "sb_session",
            "description",
            "The web UI's session, from POST /v1/session or POST /v1/signup."));
    schemes.put(
        "csrfToken",
        Map.of(
            "type",
            "apiKey",
            "in",
            "header",
            "name",
            "X-CSRF-Token",
            "description",
            "Required with the session cookie on every write (the session's csrfToken)."));
    return schemes;
  }

  // ---------------------------------------------------------------------------------------------
  // Schemas

  Map<String, Object> schema(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isReferenceType()) { // Optional<T>
      return schema(type.getReferencedType());
    }
    if (raw == String.class || raw == CharSequence.class || raw == char.class) {
      return Map.of("type", "string");
    }
    if (raw == UUID.class) {
      return Map.of("type", "string", "format", "uuid");
    }
    if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
      return Map.of("type", "integer", "format", "int32");
    }
    if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
      return Map.of("type", "integer", "format", "int64");
    }
    if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      return Map.of("type", "number");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (raw == Instant.class
        || raw == OffsetDateTime.class
        || raw == ZonedDateTime.class
        || raw == LocalDateTime.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (raw == LocalDate.class) {
      return Map.of("type", "string", "format", "date");
    }
    if (raw == LocalTime.class || raw == Duration.class || ZoneId.class.isAssignableFrom(raw)) {
      return Map.of("type", "string");
    }
    if (raw == byte[].class) {
      return Map.of("type", "string", "format", "byte");
    }
    if (raw.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        try {
          values.add(json.writeValueAsString(constant).replaceAll("^\"|\"$", ""));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      return Map.of("type", "string", "enum", values);
    }
    if (type.isArrayType() || type.isCollectionLikeType()) {
      return Map.of("type", "array", "items", schema(type.getContentType()));
    }
    if (type.isMapLikeType()) {
      return Map.of("type", "object", "additionalProperties", schema(type.getContentType()));
    }
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()) {
      return Map.of("type", "object");
    }
    BeanDescription bean = json.getSerializationConfig().introspect(type);
    AnnotatedMember value = bean.findJsonValueAccessor();
    if (value != null) {
      return schema(value.getType());
    }
    return Map.of("$ref", "#/components/schemas/" + schemaRef(raw));
  }

  /** Registers a component schema for a record or bean; returns its name. */
  private String schemaRef(Class<?> raw) {
    String known = names.get(raw);
    if (known != null) {
      return known;
    }
    String name = componentName(raw);
    names.put(raw, name);
    schemas.put(name, Map.of()); // reserved against recursion
    Map<String, Object> properties = new TreeMap<>();
    List<String> required = new ArrayList<>();
    for (BeanPropertyDefinition property : properties(json, raw)) {
      Map<String, Object> schema = new TreeMap<>(schema(property.getPrimaryType()));
      List<Annotation> constraints = constraints(raw, property);
      for (Annotation a : constraints) {
        if (a instanceof NotNull || a instanceof NotBlank || a instanceof NotEmpty) {
          required.add(property.getName());
        }
        boolean text = "string".equals(schema.get("type"));
        boolean list = "array".equals(schema.get("type"));
        if (a instanceof Size size) {
          if (size.min() > 0) {
            schema.put(text ? "minLength" : list ? "minItems" : "x-min-size", size.min());
          }
          if (size.max() < Integer.MAX_VALUE) {
            schema.put(text ? "maxLength" : list ? "maxItems" : "x-max-size", size.max());
          }
        } else if (a instanceof Min min) {
          schema.put("minimum", min.value());
        } else if (a instanceof Max max) {
          schema.put("maximum", max.value());
        } else if (a instanceof Email) {
          schema.put("format", "email");
        } else if (a instanceof Pattern pattern) {
          schema.put("pattern", pattern.regexp());
        }
      }
      if (schema.containsKey("$ref") && schema.size() > 1) {
        schema = new TreeMap<>(Map.of("allOf", List.of(Map.of("$ref", schema.get("$ref")))));
      }
      properties.put(property.getName(), schema);
    }
    Map<String, Object> schema = new TreeMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(required));
    if (!distinct.isEmpty()) {
      schema.put("required", distinct.stream().sorted().toList());
    }
    schemas.put(name, schema);
    return name;
  }

  /**
   * The JSON properties of a type: for records those Jackson reads (the record components, named as
   * on the wire), else those it writes.
   */
  static List<BeanPropertyDefinition> properties(ObjectMapper json, Class<?> raw) {
    JavaType type = json.constructType(raw);
    BeanDescription bean =
        raw.isRecord()
            ? json.getDeserializationConfig().introspect(type)
            : json.getSerializationConfig().introspect(type);
    return bean.findProperties().stream()
        .filter(
            p -> raw.isRecord() ? p.hasConstructorParameter() || p.hasField() : p.couldSerialize())
        .toList();
  }

  private static List<Annotation> constraints(Class<?> owner, BeanPropertyDefinition property) {
    List<Annotation> found = new ArrayList<>();
    if (owner.isRecord()) {
      try {
        var field = owner.getDeclaredField(property.getInternalName());
        found.addAll(List.of(field.getAnnotations()));
        found.addAll(List.of(field.getAnnotatedType().getAnnotations()));
      } catch (NoSuchFieldException e) {
        // a property Jackson found elsewhere
      }
    }
    return found;
  }

  private String componentName(Class<?> raw) {
    String pkg = raw.getPackageName();
    String name = raw.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1).replace('$', '.');
    if (names.containsValue(name)) {
      name = pkg.substring(pkg.lastIndexOf('.') + 1) + "." + name;
    }
    return name;
  }
}
