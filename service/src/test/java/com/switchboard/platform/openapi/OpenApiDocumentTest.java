package com.switchboard.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.platform.openapi.ApiModel.Operation;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.DropwizardTestSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.json (service/src/main/resources) against the resources of the running application: every
 * (method, path) on both sides, the same path, query and header parameters, the same request body
 * properties; valid OpenAPI 3; served at /api/openapi.json. Run with {@code -Dopenapi.write=true}
 * to rewrite the document from the resources (then review the diff).
 */
class OpenApiDocumentTest {
  private static final Path DOCUMENT = Path.of("src/main/resources/openapi.json");

  private static ObjectMapper json;
  private static List<Operation> operations;
  private static String generated;

  @BeforeAll
  static void readTheResources() throws IOException {
    DropwizardTestSupport<SwitchboardConfiguration> app = TestApp.shared();
    json = app.getEnvironment().getObjectMapper();
    var config = app.getEnvironment().jersey().getResourceConfig();
    Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
    config.getInstances().forEach(i -> classes.add(i.getClass()));
    operations = ApiModel.of(classes);
    generated = new OpenApiGenerator(json).write(operations);
    if (Boolean.getBoolean("openapi.write")) {
      Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
    }
  }

  private static JsonNode document() throws IOException {
    return json.readTree(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
  }

  @Test
  void everyResourceMethodIsInTheDocumentAndEveryDocumentedOperationIsAResourceMethod()
      throws IOException {
    JsonNode paths = document().path("paths");
    List<String> problems = new ArrayList<>();
    Set<String> implemented = new TreeSet<>();
    for (Operation op : operations) {
      implemented.add(op.key());
      if (paths.path(op.path()).path(lower(op.method())).isMissingNode()) {
        problems.add("add to openapi.json: " + op);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                String key = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                if (!implemented.contains(key)) {
                  problems.add("remove from openapi.json (no resource method): " + key);
                }
              });
    }
    assertThat(problems).as(hint()).isEmpty();
  }

  @Test
  void parametersAndRequestBodiesMatchTheResources() throws IOException {
    JsonNode doc = document();
    List<String> problems = new ArrayList<>();
    for (Operation op : operations) {
      JsonNode operation = doc.path("paths").path(op.path()).path(lower(op.method()));
      if (operation.isMissingNode()) {
        continue; // reported by the test above
      }
      Set<String> expected = new TreeSet<>();
      op.params().forEach(p -> expected.add(p.key()));
      Set<String> documented = new TreeSet<>();
      for (JsonNode p : operation.path("parameters")) {
        JsonNode resolved = resolve(doc, p);
        documented.add(resolved.path("in").asText() + " " + resolved.path("name").asText());
      }
      difference(expected, documented)
          .forEach(p -> problems.add(op + ": add the " + p + " parameter to the document"));
      difference(documented, expected)
          .forEach(p -> problems.add(op + ": remove the " + p + " parameter from the document"));

      JsonNode body = operation.path("requestBody");
      if (op.body() == null) {
        if (!body.isMissingNode()) {
          problems.add(op + ": remove the requestBody (the method reads no body)");
        }
        continue;
      }
      if (body.isMissingNode()) {
        problems.add(op + ": add a requestBody for " + op.body().getTypeName());
        continue;
      }
      Set<String> fields = recordProperties(op);
      if (fields == null) {
        continue; // not a record or bean (a form, a map)
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = body.path("content").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> content = it.next();
        Set<String> properties = new TreeSet<>();
        resolve(doc, content.getValue().path("schema"))
            .path("properties")
            .fieldNames()
            .forEachRemaining(properties::add);
        difference(fields, properties)
            .forEach(
                f ->
                    problems.add(
                        op + ": add property '" + f + "' to the " + content.getKey() + " body"));
        difference(properties, fields)
            .forEach(
                f ->
                    problems.add(
                        op
                            + ": remove property '"
                            + f
                            + "' from the "
                            + content.getKey()
                            + " body"));
      }
    }
    assertThat(problems).as(hint()).isEmpty();
  }

  @Test
  void theDocumentIsWhatTheGeneratorWritesFromTheResources() throws IOException {
    List<String> committed = Files.readString(DOCUMENT, StandardCharsets.UTF_8).lines().toList();
    List<String> expected = generated.lines().toList();
    int line = 0;
    while (line < committed.size()
        && line < expected.size()
        && committed.get(line).equals(expected.get(line))) {
      line++;
    }
    String difference =
        line == committed.size() && line == expected.size()
            ? null
            : "openapi.json line "
                + (line + 1)
                + " is `"
                + (line < committed.size() ? committed.get(line).strip() : "<end of file>")
                + "`, the resources say `"
                + (line < expected.size() ? expected.get(line).strip() : "<end of file>")
                + "` (a changed response, record or constraint?). "
                + hint();
    assertThat(difference).as("first difference").isNull();
  }

  @Test
  void theDocumentIsValidOpenApi3() throws IOException {
    SwaggerParseResult parsed =
        new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
    assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
  }

  @Test
  void theDocumentIsServedWithoutSigningIn() throws IOException {
    Api.Reply reply = TestApp.api().get("/api/openapi.json", Api.ANONYMOUS);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(reply.body())
        .isEqualTo(json.readTree(OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")));
  }

  /** The names Jackson reads from the body's record, or null when it is no record or bean. */
  private static Set<String> recordProperties(Operation op) {
    Class<?> raw = json.constructType(op.body()).getRawClass();
    if (!raw.isRecord()) {
      return null;
    }
    return OpenApiGenerator.properties(json, raw).stream()
        .map(BeanPropertyDefinition::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode resolve(JsonNode doc, JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (ref.isMissingNode()) {
      return node;
    }
    JsonNode target = doc;
    for (String part : ref.asText().replaceFirst("^#/", "").split("/")) {
      target = target.path(part);
    }
    return target;
  }

  private static List<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).toList();
  }

  private static String lower(String method) {
    return method.toLowerCase(Locale.ROOT);
  }

  private static String hint() {
    return "openapi.json and the resources disagree; regenerate it with `mvn -B -q -pl service -am"
        + " test -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dopenapi.write=true` and review the diff (docs/api.md, OpenAPI)";
  }
}
