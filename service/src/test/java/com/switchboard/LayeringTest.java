package com.switchboard;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paging path reads one way (issue 12, {@code docs/architecture.md} "Layers"): each layer may
 * use the layers below it, never one above. A lower layer that must hand something up owns an
 * interface the higher one implements ({@code incident/IncidentObserver}, {@code
 * notify/sms/SmsReplies}, {@code notify/twilio/VoiceKeys}).
 *
 * <p>Packages that are not named here (the directories of people and schedules: {@code user},
 * {@code auth}, {@code team}, {@code schedule}, {@code contact}, {@code account}) and the wiring
 * ({@link SwitchboardApplication}, the demo loader) are not judged by this rule.
 */
class LayeringTest {
  private static final String ROOT = "com.switchboard.";

  /** Top to bottom; a layer may depend on any layer after it in this list. */
  private static final List<String[]> LAYERS =
      List.of(
          layer("Integration", "integration.."),
          layer("Support", "ticket..", "sla..", "report.."),
          layer("Respond", "respond.."),
          layer("Alert", "alert.."),
          layer("Incident", "incident.."),
          layer("Escalation", "escalation.."),
          layer("Notify", "notify.."),
          layer("Paging", "paging.."),
          layer("Timeline", "timeline.."),
          layer("Foundation", "platform..", "audit..", "tenant.."));

  /**
   * Dependencies still pointing up, each with the reason it is left for now, keyed {@code
   * "notify.SomeClass -> incident.."} (a class below {@code com.switchboard}, the package pattern
   * it may still use). The rule fails for any dependency not listed here; shrink this list, never
   * grow it. It started with 12 classes (298 dependencies up, issue 12) and is empty now.
   */
  private static final Map<String, String> ALLOWED = Map.of();

  /** The demo loader drives every domain's services, like the application that wires them. */
  private static final String DEMO_LOADER = ROOT + "tenant.DemoTenantLoader";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.switchboard");
  }

  @Test
  void callsAndImportsGoOnlyDownward() {
    EvaluationResult result = rule(ALLOWED.keySet()).evaluate(classes);

    assertThat(result.getFailureReport().getDetails())
        .as("dependencies pointing up the layers (see docs/architecture.md, Layers)")
        .isEmpty();
  }

  @Test
  void everyAllowedExceptionIsStillNeeded() {
    Set<String> violating = new TreeSet<>();
    for (String detail : rule(Set.of()).evaluate(classes).getFailureReport().getDetails()) {
      Matcher origin = ORIGIN.matcher(detail);
      if (origin.find()) {
        violating.add(origin.group(1));
      }
    }
    Set<String> stale = new TreeSet<>();
    for (String allowed : ALLOWED.keySet()) {
      if (!violating.contains(ROOT + allowed.split(" -> ")[0])) {
        stale.add(allowed);
      }
    }
    assertThat(stale).as("allow-list entries no longer needed: remove them").isEmpty();
  }

  /** The top-level class a violation starts in. */
  private static final Pattern ORIGIN = Pattern.compile("^\\w+ <([\\w.]+?\\.[A-Z]\\w*)");

  private static LayeredArchitecture rule(Set<String> allowed) {
    LayeredArchitecture rule =
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
    for (String[] layer : LAYERS) {
      rule = rule.layer(layer[0]).definedBy(inPackages(layer));
    }
    List<String> above = new ArrayList<>();
    for (String[] layer : LAYERS) {
      rule =
          above.isEmpty()
              ? rule.whereLayer(layer[0]).mayNotBeAccessedByAnyLayer()
              : rule.whereLayer(layer[0]).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      above.add(layer[0]);
    }
    for (String exception : allowed) {
      String[] fromTo = exception.split(" -> ");
      rule =
          rule.ignoreDependency(
              JavaClass.Predicates.belongToAnyOf(classNamed(fromTo[0])),
              JavaClass.Predicates.resideInAPackage(ROOT + fromTo[1]));
    }
    return rule;
  }

  private static DescribedPredicate<JavaClass> inPackages(String[] layer) {
    String[] packages = new String[layer.length - 1];
    for (int i = 1; i < layer.length; i++) {
      packages[i - 1] = ROOT + layer[i];
    }
    return DescribedPredicate.describe(
        String.join(", ", packages),
        c ->
            JavaClass.Predicates.resideInAnyPackage(packages).test(c)
                && !c.getName().startsWith(DEMO_LOADER));
  }

  private static Class<?> classNamed(String simpleName) {
    try {
      return Class.forName(ROOT + simpleName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("allow-list names a class that is gone: " + simpleName, e);
    }
  }

  private static String[] layer(String name, String... packages) {
    String[] layer = new String[packages.length + 1];
    layer[0] = name;
    System.arraycopy(packages, 0, layer, 1, packages.length);
    return layer;
  }
}
