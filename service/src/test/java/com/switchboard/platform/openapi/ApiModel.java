package com.switchboard.platform.openapi;

import com.switchboard.platform.idempotency.IdempotencyFilter;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The public API as Jersey sees it: every (method, path) of the registered resource classes with
 * its parameters, body type, media types and auth. Both the OpenAPI generator and the test that
 * compares openapi.json with the resources read it.
 */
final class ApiModel {
  private ApiModel() {}

  record Param(String in, String name, Type type, boolean required) {
    String key() {
      return in + " " + name;
    }
  }

  record Operation(
      String method,
      String path,
      Method handler,
      List<Param> params,
      Type body,
      List<MediaType> consumes,
      List<MediaType> produces,
      boolean authenticated,
      List<String> roles,
      boolean idempotent) {
    String key() {
      return method + " " + path;
    }

    String where() {
      return handler.getDeclaringClass().getName().replace("com.switchboard.", "")
          + "."
          + handler.getName();
    }

    @Override
    public String toString() {
      return key() + " (" + where() + ")";
    }
  }

  static List<Operation> of(Collection<Class<?>> resourceClasses) {
    List<Operation> operations = new ArrayList<>();
    resourceClasses.stream()
        .filter(c -> c.isAnnotationPresent(Path.class))
        .forEach(c -> walk(Resource.from(c), "", operations));
    operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
    return operations;
  }

  private static void walk(Resource resource, String prefix, List<Operation> into) {
    String path = join(prefix, resource.getPath());
    if (resource.getResourceLocator() != null) {
      throw new IllegalStateException(
          "sub-resource locators are not described by the OpenAPI generator: " + path);
    }
    for (ResourceMethod method : resource.getResourceMethods()) {
      into.add(operation(path, method));
    }
    for (Resource child : resource.getChildResources()) {
      walk(child, path, into);
    }
  }

  private static Operation operation(String path, ResourceMethod method) {
    Method handler = method.getInvocable().getHandlingMethod();
    Class<?> resourceClass = handler.getDeclaringClass();
    List<Param> params = new ArrayList<>();
    Type body = null;
    boolean authParam = false;
    for (Parameter p : method.getInvocable().getParameters()) {
      if (p.isAnnotationPresent(Auth.class)) {
        authParam = true;
        continue;
      }
      boolean required = p.isAnnotationPresent(NotNull.class);
      switch (p.getSource()) {
        case PATH -> params.add(new Param("path", p.getSourceName(), p.getType(), true));
        case QUERY -> params.add(new Param("query", p.getSourceName(), p.getType(), required));
        case HEADER -> params.add(new Param("header", p.getSourceName(), p.getType(), required));
        case COOKIE -> params.add(new Param("cookie", p.getSourceName(), p.getType(), required));
        case ENTITY, UNKNOWN -> body = p.getType(); // UNKNOWN: an entity with @Valid etc.
        case CONTEXT, SUSPENDED -> {}
        default ->
            throw new IllegalStateException(
                "parameter source " + p.getSource() + " of " + handler + " is not described");
      }
    }
    boolean idempotent =
        handler.isAnnotationPresent(Idempotent.class)
            || resourceClass.isAnnotationPresent(Idempotent.class);
    if (idempotent) {
      params.add(new Param("header", IdempotencyFilter.HEADER, String.class, false));
    }
    RolesAllowed roles = handler.getAnnotation(RolesAllowed.class);
    boolean permitAll = handler.isAnnotationPresent(PermitAll.class);
    if (roles == null && !permitAll) {
      roles = resourceClass.getAnnotation(RolesAllowed.class);
      permitAll = resourceClass.isAnnotationPresent(PermitAll.class);
    }
    return new Operation(
        method.getHttpMethod(),
        path,
        handler,
        params,
        body,
        method.getConsumedTypes(),
        method.getProducedTypes(),
        authParam || roles != null || permitAll,
        roles == null ? List.of() : List.of(roles.value()),
        idempotent);
  }

  /** Joins path segments; a template's regular expression ({id: [0-9]+}) is left out. */
  static String join(String prefix, String path) {
    String joined = (prefix + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
    joined = joined.replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}");
    if (joined.length() > 1 && joined.endsWith("/")) {
      joined = joined.substring(0, joined.length() - 1);
    }
    return joined.isEmpty() ? "/" : joined;
  }
}
