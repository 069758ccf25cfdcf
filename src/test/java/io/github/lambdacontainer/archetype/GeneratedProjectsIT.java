package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.lambdacontainer.archetype.contract.ContainerContract;
import io.github.lambdacontainer.archetype.contract.ContractReport;
import io.github.lambdacontainer.archetype.contract.project.TemplateSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Runs after the archetype integration tests generated and built each variant under
 * {@code target/test-classes/projects/<variant>/project/<artifactId>/}: each one's own tests must
 * have run and passed, and its container images must meet the container contract.
 */
class GeneratedProjectsIT {

    private static final Path PROJECTS =
            Path.of(System.getProperty("container-contract.projects", "target/test-classes/projects"));
    /** Where sam.schema.json and aws-lambda-function.schema.json are; not part of this repository. */
    private static final String SCHEMAS = System.getProperty("template.schemas", "");

    record Variant(String name, Path project) {}

    @TestFactory
    Stream<DynamicTest> everyGeneratedProjectPassesItsTestsAndMeetsTheContainerContract() throws IOException {
        List<Variant> variants = generatedProjects();
        assertFalse(variants.isEmpty(), "no generated project under " + PROJECTS.toAbsolutePath()
                + "; the archetype integration tests (archetype:integration-test) must run before this test");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            assertOwnTestsPassed(variant);
            ContractReport report = ContainerContract.verify(variant.project(), variant.name());
            // One run per Dockerfile, and one more per Lambda image for a worker function's handler.
            assertEquals(3, report.dockerfiles().stream().map(ContractReport.DockerfileRun::dockerfile).distinct().count(),
                    "Dockerfiles verified for " + variant.name());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedTemplateMatchesTheSamAndLambdaSchemas() throws IOException {
        List<Variant> variants = generatedProjects();
        assertFalse(variants.isEmpty(), "no generated project under " + PROJECTS.toAbsolutePath());
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            assumeTrue(!SCHEMAS.isBlank(), "not checked: no schema directory given (-Dtemplate.schemas=DIR)");
            List<String> problems = TemplateSchemas.load(Path.of(SCHEMAS)).problems(variant.project().resolve("template.yaml"));
            assertTrue(problems.isEmpty(), variant.name() + ": template.yaml does not match the schemas:\n  "
                    + String.join("\n  ", problems));
        }));
    }

    /** Each variant directory must hold exactly one generated project: the directory with its pom.xml. */
    static List<Variant> generatedProjects() throws IOException {
        if (!Files.isDirectory(PROJECTS)) {
            return List.of();
        }
        List<Variant> variants = new ArrayList<>();
        try (Stream<Path> variantDirectories = Files.list(PROJECTS)) {
            for (Path variantDirectory : variantDirectories.filter(Files::isDirectory).sorted().toList()) {
                String name = variantDirectory.getFileName().toString();
                Path generated = variantDirectory.resolve("project");
                List<Path> projects = Files.isDirectory(generated)
                        ? listDirectories(generated).stream().filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).toList()
                        : List.of();
                assertEquals(1, projects.size(), "variant " + name + " must have exactly one generated project (a "
                        + "directory with a pom.xml) under " + generated + " but has " + projects);
                variants.add(new Variant(name, projects.getFirst()));
            }
        }
        return variants;
    }

    private static void assertOwnTestsPassed(Variant variant) throws Exception {
        Path reports = variant.project().resolve("target/surefire-reports");
        assertTrue(Files.isDirectory(reports), variant.name() + ": the generated project's own tests did not run ("
                + reports + " is missing)");
        int tests = 0;
        List<String> failed = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                tests += count(suite, "tests");
                int broken = count(suite, "failures") + count(suite, "errors");
                if (broken > 0) {
                    failed.add(suite.getAttribute("name") + " (" + broken + " failed)");
                }
            }
        }
        assertTrue(tests > 0, variant.name() + ": the generated project ran no tests (" + reports + ")");
        assertTrue(failed.isEmpty(), variant.name() + ": the generated project's tests failed: " + failed);
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static List<Path> listDirectories(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}
