package io.github.lambdacontainer.archetype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * What a generated project's build and processes printed, judged as a newcomer reads it: no Flyway
 * warning that the database is newer than Flyway has been verified with, and the project's own
 * version as the service.version of every JSON log line that carries one.
 */
record ProjectOutput(int serviceLines, List<String> problems) {

    static final String FLYWAY_UNVERIFIED = "newer than the version Flyway has been verified with";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code logs} (those that exist) against the version in {@code project}'s pom.xml. */
    static ProjectOutput read(Path project, List<Path> logs) throws Exception {
        String version = version(project);
        int serviceLines = 0;
        List<String> problems = new ArrayList<>();
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                if (line.contains(FLYWAY_UNVERIFIED)) {
                    problems.add(log.getFileName() + ": " + line);
                }
                int json = line.indexOf("{\"");
                if (json < 0 || !line.contains("\"service\"")) {
                    continue;
                }
                JsonNode service;
                try {
                    service = JSON.readTree(line.substring(json)).path("service");
                } catch (IOException e) {
                    continue; // a line that merely contains JSON-like text
                }
                serviceLines += service.isObject() ? 1 : 0;
                if (service.has("version") && !service.path("version").asText().equals(version)) {
                    problems.add(log.getFileName() + ": service.version " + service.path("version") + ", not the "
                            + "project's " + version + ": " + line);
                }
            }
        }
        return new ProjectOutput(serviceLines, List.copyOf(problems));
    }

    /** The first problems, one a line, for a failure message. */
    String describe() {
        return String.join("\n", problems.subList(0, Math.min(10, problems.size())));
    }

    private static String version(Path project) throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.resolve("pom.xml").toFile())
                .getDocumentElement();
        for (var child = pom.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeName().equals("version")) {
                return child.getTextContent().strip();
            }
        }
        throw new AssertionError(project.resolve("pom.xml") + " has no <version>");
    }
}
