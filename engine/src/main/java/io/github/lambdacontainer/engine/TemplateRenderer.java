package io.github.lambdacontainer.engine;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * Apache Velocity configured as the archetype plugin 3.4.1 configures it, with templates read from the
 * archetype jar's entries. One engine per archetype; merging is thread-safe.
 */
final class TemplateRenderer {

    /** Where evaluated strings live among the templates: no jar entry's name starts with it. */
    private static final String EXPRESSION = "#expression:";
    private static final int MAX_EXPRESSIONS = 1000;

    private final VelocityEngine velocity;
    private final Map<String, byte[]> expressions = new ConcurrentHashMap<>();

    TemplateRenderer(Map<String, byte[]> jarEntries) {
        velocity = new VelocityEngine();
        velocity.setProperties(settings());
        // The plugin reads templates through the context class loader (the archetype jar's) and then the
        // file system; here they come from the jar's entries, read once.
        velocity.setProperty("resource.loaders", "archetype");
        velocity.setProperty("resource.loader.archetype.instance", new JarEntryLoader(jarEntries, expressions));
        velocity.setProperty("resource.loader.archetype.cache", true);
        velocity.init();
    }

    /**
     * The settings archetype-common 3.4.1 runs Velocity with: plexus-velocity 2.2.1's
     * DefaultVelocityComponent defaults, then archetype-common's VelocityConfigurator on top (Velocity 1.x
     * compatibility).
     */
    static Properties settings() {
        Properties settings = new Properties();
        // DefaultVelocityComponent
        settings.setProperty("runtime.log.log_invalid_references", "false");
        settings.setProperty("resource.manager.log_when_found", "false");
        settings.setProperty("event_handler.include.class", "org.apache.velocity.app.event.implement.IncludeRelativePath");
        settings.setProperty("velocimacro.inline.replace_global", "true");
        // VelocityConfigurator (DefaultVelocityComponent sets parser.space_gobbling=bc as well)
        settings.setProperty("introspector.conversion_handler.class", "none");
        settings.setProperty("parser.space_gobbling", "bc");
        settings.setProperty("directive.if.empty_check", "false");
        settings.setProperty("parser.allow_hyphen_in_identifiers", "true");
        settings.setProperty("velocimacro.enable_bc_mode", "true");
        settings.setProperty("event_handler.invalid_references.quiet", "true");
        settings.setProperty("event_handler.invalid_references.null", "true");
        settings.setProperty("event_handler.invalid_references.tested", "true");
        return settings;
    }

    /** A template of the jar merged with the context (DefaultFilesetArchetypeGenerator.processTemplate). */
    String merge(String templateName, String encoding, VelocityContext context) {
        StringWriter text = new StringWriter();
        velocity.mergeTemplate(templateName, encoding, context, text);
        return text.toString();
    }

    /**
     * A string evaluated as a template (includeCondition, a default such as ${groupId}); as
     * DefaultFilesetArchetypeGenerator.evaluateExpression, the string itself when it does not evaluate.
     */
    String evaluate(VelocityContext context, String logTag, String expression) {
        try {
            StringWriter text = new StringWriter();
            if (expressions.putIfAbsent(EXPRESSION + expression, expression.getBytes(StandardCharsets.UTF_8)) == null
                    && expressions.size() > MAX_EXPRESSIONS) {
                // Defaults and conditions repeat: parsed once, as templates. Values a caller makes up do not.
                expressions.remove(EXPRESSION + expression);
                velocity.evaluate(context, text, logTag, expression);
            } else {
                velocity.mergeTemplate(EXPRESSION + expression, "UTF-8", context, text);
            }
            return text.toString();
        } catch (RuntimeException e) {
            return expression;
        }
    }

    /** Velocity's view of the archetype jar. */
    static final class JarEntryLoader extends ResourceLoader {

        private final Map<String, byte[]> entries;
        private final Map<String, byte[]> expressions;

        JarEntryLoader(Map<String, byte[]> entries, Map<String, byte[]> expressions) {
            this.entries = entries;
            this.expressions = expressions;
        }

        @Override
        public void init(ExtProperties configuration) {
        }

        @Override
        public Reader getResourceReader(String source, String encoding) throws ResourceNotFoundException {
            byte[] content = source.startsWith(EXPRESSION) ? expressions.get(source) : entries.get(source);
            if (content == null) {
                throw new ResourceNotFoundException("no entry " + source + " in the archetype jar");
            }
            try {
                return new InputStreamReader(new ByteArrayInputStream(content), encoding);
            } catch (UnsupportedEncodingException e) {
                throw new ResourceNotFoundException("encoding " + encoding + " of " + source, e);
            }
        }

        @Override
        public boolean isSourceModified(Resource resource) {
            return false;
        }

        @Override
        public long getLastModified(Resource resource) {
            return 0;
        }
    }
}
