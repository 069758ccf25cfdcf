package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The generated workflow ships no image it did not run: in the job that builds an image
 * (scripts/build-image.sh ARCH TAG), a step runs scripts/smoke-test.sh on that same TAG after the
 * build and before any step that signs in to AWS or ECR or pushes, with nothing (no {@code if},
 * no {@code continue-on-error}) that would let the job go on past a failed smoke test.
 */
class SmokeTestBeforePushIT {

    private static final String WORKFLOW = ".github/workflows/ci.yml";
    /** One shell word as the workflow writes them: quoted, a whole ${{ }} expression, or plain. */
    private static final String WORD = "(?:\"[^\"]*\"|\\$\\{\\{[^}]*}}|[^\\s\"]+)";
    private static final Pattern BUILD = Pattern.compile("scripts/build-image\\.sh\\s+" + WORD + "\\s+(" + WORD + ")");
    private static final Pattern SMOKE = Pattern.compile("scripts/smoke-test\\.sh\\s+(" + WORD + ")");
    /** Steps that reach AWS: from the first of them on, the image may leave the runner. */
    private static final List<String> AWS_ACTIONS = List.of("aws-actions/configure-aws-credentials",
            "aws-actions/amazon-ecr-login");

    @TestFactory
    Stream<DynamicTest> everyImageJobSmokeTestsTheImageItBuiltBeforePushingIt() {
        List<GeneratedVariant> variants = GeneratedVariant.all();
        assertFalse(variants.isEmpty(), "no generated project; the archetype integration tests must run first");
        return variants.stream().map(variant -> dynamicTest(variant.name(), () -> {
            List<String> problems = problems(load(variant.project().resolve(WORKFLOW)));
            assertTrue(problems.isEmpty(), variant.name() + ": " + WORKFLOW + ":\n  " + String.join("\n  ", problems));
        }));
    }

    @Test
    void workflowsThatCouldPushAnImageNotSmokeTestedFailTheCheck() {
        String good = """
                jobs:
                  image:
                    steps:
                      - uses: actions/checkout@v4
                      - run: scripts/build-image.sh arm64 "app:${{ github.sha }}"
                      - run: scripts/smoke-test.sh "app:${{ github.sha }}"
                      - uses: aws-actions/configure-aws-credentials@v4
                      - run: docker push "repo/app:${{ github.sha }}"
                """;
        assertEquals(List.of(), problems(parse(good)), "smoke test between build and push");

        Map<String, String> broken = Map.of(
                "push before the smoke test", good.replace("""
                              - run: scripts/smoke-test.sh "app:${{ github.sha }}"
                              - uses: aws-actions/configure-aws-credentials@v4
                              - run: docker push "repo/app:${{ github.sha }}"
                        """, """
                              - uses: aws-actions/configure-aws-credentials@v4
                              - run: docker push "repo/app:${{ github.sha }}"
                              - run: scripts/smoke-test.sh "app:${{ github.sha }}"
                        """),
                "no smoke test", good.replace("      - run: scripts/smoke-test.sh \"app:${{ github.sha }}\"\n", ""),
                "another image smoke-tested", good.replace("smoke-test.sh \"app:", "smoke-test.sh \"other:"),
                "a failure let through", good.replace("      - run: scripts/smoke-test.sh",
                        "      - continue-on-error: true\n        run: scripts/smoke-test.sh"),
                "a smoke test that may not run", good.replace("      - run: scripts/smoke-test.sh",
                        "      - if: github.ref == 'refs/heads/main'\n        run: scripts/smoke-test.sh"));
        broken.forEach((what, workflow) -> {
            List<String> problems = problems(parse(workflow));
            System.out.println(what + ": " + problems);
            assertFalse(problems.isEmpty(), what + " passes the check:\n" + workflow);
        });
    }

    /** Why the workflow could push an image it did not smoke-test, one line each; empty when it cannot. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> workflow) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> jobs = (Map<String, Object>) workflow.getOrDefault("jobs", Map.of());
        boolean anyImage = false;
        for (Map.Entry<String, Object> job : jobs.entrySet()) {
            List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) job.getValue())
                    .getOrDefault("steps", List.of());
            int build = indexOf(steps, BUILD);
            if (build < 0) {
                continue;
            }
            anyImage = true;
            String where = "job " + job.getKey();
            int smoke = indexOf(steps, SMOKE);
            int firstOut = firstStepReachingAws(steps);
            if (smoke < 0) {
                problems.add(where + " builds an image but never runs scripts/smoke-test.sh");
                continue;
            }
            String built = group(BUILD, steps.get(build));
            String tested = group(SMOKE, steps.get(smoke));
            if (!built.equals(tested)) {
                problems.add(where + " builds " + built + " but smoke-tests " + tested);
            }
            if (smoke < build) {
                problems.add(where + " smoke-tests before it builds (step " + (smoke + 1) + ", build step " + (build + 1) + ")");
            }
            if (firstOut >= 0 && firstOut < smoke) {
                problems.add(where + ": step " + (firstOut + 1) + " reaches AWS before the smoke test (step " + (smoke + 1) + ")");
            }
            Map<String, Object> smokeStep = steps.get(smoke);
            if (smokeStep.containsKey("if") || smokeStep.containsKey("continue-on-error")) {
                problems.add(where + ": the smoke test has an if or continue-on-error, so the job may go on to push: "
                        + smokeStep);
            }
        }
        if (!anyImage) {
            problems.add("no job runs scripts/build-image.sh ARCH TAG");
        }
        return problems;
    }

    private static int indexOf(List<Map<String, Object>> steps, Pattern run) {
        for (int i = 0; i < steps.size(); i++) {
            if (run.matcher(String.valueOf(steps.get(i).getOrDefault("run", ""))).find()) {
                return i;
            }
        }
        return -1;
    }

    private static int firstStepReachingAws(List<Map<String, Object>> steps) {
        for (int i = 0; i < steps.size(); i++) {
            String uses = String.valueOf(steps.get(i).getOrDefault("uses", ""));
            String run = String.valueOf(steps.get(i).getOrDefault("run", ""));
            if (AWS_ACTIONS.stream().anyMatch(uses::startsWith) || run.contains("docker push")) {
                return i;
            }
        }
        return -1;
    }

    private static String group(Pattern pattern, Map<String, Object> step) {
        Matcher matcher = pattern.matcher(String.valueOf(step.get("run")));
        return matcher.find() ? matcher.group(1) : "";
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    private static Map<String, Object> parse(String workflow) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(workflow);
    }
}
