package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.Metadata;
import io.github.lambdacontainer.engine.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem (RFC 9457, application/problem+json): the sentences, and for each the options it names with
 * the value given and the values allowed, looked up in the metadata rather than parsed from the sentence.
 */
final class ProblemDocument {

    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDocument() {}

    static String json(ProblemException problem, Metadata metadata) {
        List<Object> errors = new ArrayList<>();
        for (String sentence : problem.problems()) {
            List<Object> named = new ArrayList<>();
            for (Map.Entry<String, String> given : problem.values().entrySet()) {
                boolean option = metadata.options().stream().anyMatch(o -> o.name().equals(given.getKey()));
                if (!option && sentence.contains("'" + given.getKey() + "'")) {
                    Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", given.getKey());
                    parameter.put("value", given.getValue());
                    named.add(parameter);
                }
            }
            for (Option option : metadata.options()) {
                if (sentence.contains("'" + option.name() + "'") || sentence.contains(option.name() + "=")) {
                    Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", option.name());
                    parameter.put("value", problem.values().get(option.name()));
                    parameter.put("allowedValues", option.allowedValues());
                    named.add(parameter);
                }
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("detail", sentence);
            error.put("parameters", named);
            errors.add(error);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "about:blank");
        document.put("title", titleOf(problem.status()));
        document.put("status", problem.status());
        document.put("detail", String.join(" ", problem.problems()));
        document.put("errors", errors);
        return Json.write(document);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
