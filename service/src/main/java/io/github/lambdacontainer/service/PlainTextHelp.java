package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.ArchetypeCoordinates;
import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedCombination;
import java.util.Map;
import java.util.stream.Collectors;

/** GET / for curl and HTTPie: the options, the refused combinations and example commands, from the metadata. */
final class PlainTextHelp {

    private PlainTextHelp() {}

    static String text(String baseUrl, ArchetypeCoordinates coordinates, Metadata metadata) {
        StringBuilder out = new StringBuilder();
        out.append(coordinates.artifactId()).append(' ').append(coordinates.version())
                .append(": AWS Lambda container-image projects in Java.\n\n");
        out.append("Options (parameters of ").append(Route.STARTER_ZIP.path).append(", ").append(Route.STARTER_TGZ.path)
                .append(", ").append(Route.PREVIEW.path).append(" and ").append(Route.DIFF.path).append("):\n\n");
        int width = metadata.options().stream().mapToInt(option -> option.name().length()).max().orElse(0) + 2;
        for (Option option : metadata.options()) {
            String values = option.allowedValues().isEmpty() ? "text" : String.join(" | ", option.allowedValues());
            String fallback = option.defaultValue() == null ? "required" : "default " + option.defaultValue();
            out.append("  ").append(pad(option.name(), width)).append(values).append(" (").append(fallback).append(")\n");
            if (option.description() != null && !option.description().isBlank()) {
                out.append("  ").append(pad("", width)).append(option.description()).append('\n');
            }
        }
        if (!metadata.refusedCombinations().isEmpty()) {
            out.append("\nRefused combinations:\n\n");
            for (RefusedCombination combination : metadata.refusedCombinations()) {
                out.append("  ").append(combination.when().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" with "))).append(": ").append(combination.reason()).append('\n');
            }
        }
        String required = metadata.options().stream().filter(option -> option.defaultValue() == null)
                .map(option -> " -d " + option.name() + "=" + exampleValue(option)).collect(Collectors.joining());
        String choice = metadata.options().stream().filter(option -> option.allowedValues().size() > 1).findFirst()
                .map(option -> " -d " + option.name() + "=" + option.allowedValues().get(option.allowedValues().size() - 1))
                .orElse("");
        out.append("\nExamples:\n\n");
        out.append("  curl -G ").append(baseUrl).append(Route.STARTER_ZIP.path).append(required).append(" -o project.zip\n");
        out.append("  curl -G ").append(baseUrl).append(Route.STARTER_TGZ.path).append(required).append(choice)
                .append(" | tar -xzf -\n");
        out.append("  curl -G ").append(baseUrl).append(Route.PREVIEW.path).append(required).append('\n');
        out.append("  curl -G ").append(baseUrl).append(Route.DIFF.path).append(choice)
                .append("        (against the defaults; ").append(Route.DIFF_BASE_PREFIX).append("NAME=VALUE sets the base)\n");
        out.append("  curl ").append(baseUrl).append(Route.METADATA.path).append('\n');
        out.append("\nA wrong value, a misspelt name or a refused combination is a 400 application/problem+json naming it.\n");
        return out.toString();
    }

    /** An example for a required text option: its name in upper case, as a placeholder the reader replaces. */
    private static String exampleValue(Option option) {
        Map<String, String> samples = Map.of("groupId", "com.example", "artifactId", "demo");
        return samples.getOrDefault(option.name(), option.name().toUpperCase());
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
