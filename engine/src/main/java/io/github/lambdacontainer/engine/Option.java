package io.github.lambdacontainer.engine;

import java.util.List;

/**
 * One option of an archetype.
 *
 * @param allowedValues the values it takes; empty: free text
 * @param defaultValue  as archetype-metadata.xml has it, e.g. "${groupId}"; null: required
 */
public record Option(String name, String description, List<String> allowedValues, String defaultValue) {
}
