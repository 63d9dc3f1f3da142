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
import org.junit.jupiter.api.Test;

/**
 * The paging path reads one way (issue 12, {@code docs/architecture.md} "Layers"): each layer may
 * use the layers below it, never one above. A lower layer that must tell a higher one something
 * owns an observer interface the higher one implements ({@code incident/IncidentObserver}).
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
          layer("Alert", "alert.."),
          layer("Incident", "incident.."),
          layer("Escalation", "escalation.."),
          layer("Notify", "notify.."),
          layer("Timeline", "timeline.."),
          layer("Foundation", "platform..", "audit..", "tenant.."));

  /**
   * Dependencies still pointing up, each with the reason it is left for now. The rule fails for any
   * dependency not listed here; shrink this list, never grow it.
   */
  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "escalation.EscalationEngine -> incident..",
              "Timeline, the Escalation record and its SQL, Incident reads: steps 2, 3, 5"),
          Map.entry("escalation.PagingHold -> incident..", "Urgency lives in incident: step 3"),
          Map.entry(
              "escalation.PagingWindowsService -> incident..", "Urgency lives in incident: step 3"),
          Map.entry("escalation.PolicyPreview -> incident..", "Urgency lives in incident: step 3"),
          Map.entry(
              "escalation.PolicyPreviewResource -> incident..",
              "Urgency lives in incident: step 3"),
          Map.entry("notify.Notification -> incident..", "Timeline.mask: step 2"),
          Map.entry(
              "notify.NotificationDispatcher -> incident..",
              "Timeline, Incident reads (still triggered?): steps 2, 5"),
          Map.entry("notify.MessageComposer -> incident..", "composes from Incident: step 5"),
          Map.entry(
              "notify.ChannelAuthorization -> incident..",
              "IncidentPermissions, Actor: a side channel acting on incidents, step 4"),
          Map.entry(
              "notify.EmailActionResource -> incident..",
              "acknowledges and resolves incidents: step 4"),
          Map.entry(
              "notify.sms.SmsReplyHandler -> incident..",
              "acknowledges and resolves incidents: step 4"),
          Map.entry(
              "notify.twilio.TwilioWebhookResource -> incident..",
              "the voice keypad acknowledges incidents: step 4"));

  /** The demo loader drives every domain's services, like the application that wires them. */
  private static final String DEMO_LOADER = ROOT + "tenant.DemoTenantLoader";

  @Test
  void callsAndImportsGoOnlyDownward() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.switchboard");

    EvaluationResult result = rule().evaluate(classes);

    List<String> violations = new ArrayList<>(result.getFailureReport().getDetails());
    assertThat(violations)
        .as("dependencies pointing up the layers (see docs/architecture.md, Layers)")
        .isEmpty();
  }

  private static LayeredArchitecture rule() {
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
    for (Map.Entry<String, String> allowed : ALLOWED.entrySet()) {
      String[] fromTo = allowed.getKey().split(" -> ");
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
