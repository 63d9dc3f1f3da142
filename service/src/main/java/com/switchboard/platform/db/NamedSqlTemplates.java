package com.switchboard.platform.db;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Jdbi's {@code <attribute>} templates with the Dao method's name in a leading SQL comment, as
 * Dropwizard's own engine writes them for pg_stat_statements and the database's logs, but parsed
 * once per template: Dropwizard's wrapper is not a {@link TemplateEngine.Parsing}, so Jdbi re-lexed
 * every statement it ran (a tenth of the alert processor's CPU in a profile).
 */
public final class NamedSqlTemplates implements TemplateEngine.Parsing {
  private final DefinedAttributeTemplateEngine attributes = new DefinedAttributeTemplateEngine();

  @Override
  public Optional<Function<StatementContext, String>> parse(
      String template, ConfigRegistry config) {
    Function<StatementContext, String> body =
        attributes.parse(template, config).orElse(context -> attributes.render(template, context));
    return Optional.of(context -> named(context) + body.apply(context));
  }

  private static String named(StatementContext context) {
    ExtensionMethod method = context.getExtensionMethod();
    if (method == null) {
      return "";
    }
    return "/* " + method.getType().getSimpleName() + "." + method.getMethod().getName() + " */ ";
  }
}
