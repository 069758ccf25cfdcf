package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.fault.HostileEventVerdict;
import io.github.lambdacontainer.archetype.contract.fault.HostileEvents;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Events no sample shows ({@link HostileEvents}: a fixed-seed battery mutated from each project's
 * own sample events) through the deployed image under the real runtime interface client, for each
 * framework and each API Gateway payload version, and SQS batches through each framework's
 * queue worker. Every event must be answered as {@link HostileEventVerdict} says, the function
 * must answer a well-formed event correctly right after each one, it must stay up, and every line
 * it logs must stay one JSON object. The counts per status code go to target/hostile-events.
 */
class HostileEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target/container-contract/hostile-events");
    private static final Path FIGURES = Path.of("target/hostile-events");
    /** Per framework and payload version: 20 of each mutation kind. */
    private static final int API_EVENTS = 20 * HostileEvents.Kind.values().length;
    private static final int SQS_BATCHES = 300;
    private static final Duration COLD = Duration.ofSeconds(90);
    /** A hostile event may carry a body of nearly 6 MB: on a busy machine that takes a while. */
    private static final Duration WARM = Duration.ofSeconds(30);
    private static final String WELL_FORMED_API_EVENT = "get-hello-with-name.json";
    private static final String WELL_FORMED_SQS_EVENT = "sqs-orders-batch.json";
    /** Enough failures to see the pattern; the rest are counted. */
    private static final int FAILURES_SHOWN = 25;

    private static final LaidOutImages IMAGES = new LaidOutImages(LOGS);

    @AfterAll
    static void removeImages() {
        IMAGES.close();
    }

    @TestFactory
    Stream<DynamicTest> everyApiEventGetsAnHttpAnswer() {
        List<GeneratedVariant> variants = chosen(variant -> true, variant -> variant.framework() + " "
                + payloadVersion(variant));
        Set<String> covered = variants.stream().map(variant -> variant.framework() + " " + payloadVersion(variant))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("jersey 1.0", "jersey 2.0", "plain 1.0", "plain 2.0", "springboot 1.0",
                "springboot 2.0")), covered, "a generated project per framework and payload version under "
                + GeneratedVariant.PROJECTS.toAbsolutePath());
        return variants.stream().map(variant -> dynamicTest(variant.name() + " (" + variant.framework() + ", payload "
                + payloadVersion(variant) + "): " + API_EVENTS + " hostile events", () -> apiBattery(variant)));
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenOrderIsReportedNotTheBatch() {
        List<GeneratedVariant> variants = chosen(variant -> variant.options().getProperty("worker", "none")
                .equals("sqs"), GeneratedVariant::framework);
        assertFalse(variants.isEmpty(), "no generated project with worker=sqs under "
                + GeneratedVariant.PROJECTS.toAbsolutePath());
        return variants.stream().map(variant -> dynamicTest(variant.name() + " (" + variant.framework() + "): "
                + SQS_BATCHES + " hostile SQS batches", () -> sqsBattery(variant)));
    }

    /**
     * Of the generated projects that pass {@code filter}, the one per {@code key} (framework, or
     * framework and payload version) closest to the defaults, Java 25 first: what a user meets.
     */
    private static List<GeneratedVariant> chosen(Predicate<GeneratedVariant> filter,
            Function<GeneratedVariant, String> key) {
        Map<String, GeneratedVariant> chosen = new LinkedHashMap<>();
        GeneratedVariant.all().stream()
                .filter(filter)
                .sorted(Comparator.comparing((GeneratedVariant variant) -> !variant.javaVersion().equals("25"))
                        .thenComparingInt(GeneratedVariant::optionsSet).thenComparing(GeneratedVariant::name))
                .forEach(variant -> chosen.putIfAbsent(key.apply(variant), variant));
        return List.copyOf(chosen.values());
    }

    /** API Gateway's payload version for the variant's api option: a REST API sends 1.0, the others 2.0. */
    private static String payloadVersion(GeneratedVariant variant) {
        return variant.options().getProperty("api", "rest").equals("rest") ? "1.0" : "2.0";
    }

    private static void apiBattery(GeneratedVariant variant) throws IOException {
        GeneratedProject project = GeneratedProject.load(variant.project().toAbsolutePath().normalize());
        List<JsonNode> samples = new ArrayList<>();
        for (Map.Entry<String, Expectation> event : project.expectations().entrySet()) {
            if (event.getValue().source() == Expectation.Source.API_GATEWAY) {
                samples.add(JSON.readTree(project.eventBytes(event.getKey())));
            }
        }
        List<HostileEvents.ApiEvent> events = HostileEvents.api(variant.name(), samples, API_EVENTS);
        Battery battery = new Battery();
        try (FunctionImage.Function function = IMAGES.of(variant).start(Map.of(), "hostile-api-events.log")) {
            wellFormed(project, function, WELL_FORMED_API_EVENT, COLD, battery, "the cold start");
            for (HostileEvents.ApiEvent event : events) {
                RuntimeApiServer.Answer answer = function.invoke(event.bytes(), WARM);
                battery.count(HostileEventVerdict.outcome(answer));
                HostileEventVerdict.apiProblem(event, answer).ifPresent(problem -> battery.fail(event + ": " + problem));
                if (stopped(function, answer, event.name(), battery)) {
                    break;
                }
                wellFormed(project, function, WELL_FORMED_API_EVENT, WARM, battery, "after " + event);
            }
            function.outputNotJson().ifPresent(problem -> battery.fail("its log: " + problem));
        }
        battery.report(variant, "payload " + payloadVersion(variant), events.size());
    }

    private static void sqsBattery(GeneratedVariant variant) throws IOException {
        GeneratedProject project = GeneratedProject.load(variant.project().toAbsolutePath().normalize());
        List<HostileEvents.SqsBatch> batches = HostileEvents.sqs(variant.name(),
                JSON.readTree(project.eventBytes(WELL_FORMED_SQS_EVENT)), SQS_BATCHES);
        Battery battery = new Battery();
        FunctionImage worker = IMAGES.of(variant, Expectation.Source.SQS);
        try (FunctionImage.Function function = worker.start(Map.of(), "hostile-sqs-batches.log")) {
            wellFormed(project, function, WELL_FORMED_SQS_EVENT, COLD, battery, "the cold start");
            for (HostileEvents.SqsBatch batch : batches) {
                RuntimeApiServer.Answer answer = function.invoke(batch.bytes(), WARM);
                battery.count(answer instanceof RuntimeApiServer.Answer.Response ? "batch response"
                        : HostileEventVerdict.outcome(answer));
                HostileEventVerdict.sqsProblem(batch, answer).ifPresent(problem -> battery.fail(batch + ": " + problem));
                if (stopped(function, answer, batch.name(), battery)) {
                    break;
                }
                wellFormed(project, function, WELL_FORMED_SQS_EVENT, WARM, battery, "after " + batch);
            }
            function.outputNotJson().ifPresent(problem -> battery.fail("its log: " + problem));
        }
        battery.report(variant, "SQS worker", batches.size());
    }

    /**
     * Whether the function can take no more events: its JVM ended, or it hangs (the runtime client
     * has one thread: while it waits, no other event is taken).
     */
    private static boolean stopped(FunctionImage.Function function, RuntimeApiServer.Answer answer, String event,
            Battery battery) {
        if (!function.isAlive()) {
            battery.fail("the function ended after " + event + "\n" + function.outputTail());
            return true;
        }
        if (answer instanceof RuntimeApiServer.Answer.NoAnswer) {
            battery.fail("the function hangs since " + event + "\n" + function.outputTail());
            return true;
        }
        return false;
    }

    /** Sends a sample event and checks the answer events/expected.json records for it. */
    private static void wellFormed(GeneratedProject project, FunctionImage.Function function, String eventName,
            Duration timeout, Battery battery, String when) {
        try {
            FunctionImage.Reply reply = function.invoke(eventName, timeout);
            List<String> mismatches = project.expectations().get(eventName).mismatches(reply.response());
            if (!mismatches.isEmpty()) {
                battery.fail(eventName + " " + when + ": " + String.join("; ", mismatches) + " (got " + reply + ")");
            }
        } catch (AssertionError notAnswered) {
            battery.fail(eventName + " " + when + ": " + notAnswered.getMessage());
        }
    }

    /** One battery's counts and failures. */
    private static final class Battery {
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();

        void count(String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        void fail(String failure) {
            failures.add(failure);
        }

        void report(GeneratedVariant variant, String what, int sent) throws IOException {
            String summary = String.format("%s (%s, %s): %d hostile events: %s; %d failed", variant.name(),
                    variant.framework(), what, sent, outcomes, failures.size());
            System.out.println("[hostile events] " + summary);
            ObjectNode figures = JSON.createObjectNode();
            figures.put("variant", variant.name());
            figures.put("framework", variant.framework());
            figures.put("events", what);
            figures.put("sent", sent);
            figures.put("seed", HostileEvents.SEED);
            ObjectNode counts = figures.putObject("outcomes");
            outcomes.forEach(counts::put);
            failures.forEach(figures.putArray("failures")::add);
            Files.createDirectories(FIGURES);
            String file = variant.name() + "-" + what.replaceAll("\\W+", "-") + ".json";
            JSON.writerWithDefaultPrettyPrinter().writeValue(FIGURES.resolve(file).toFile(), figures);
            List<String> shown = failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()));
            assertTrue(failures.isEmpty(), summary + "\n  " + String.join("\n  ", shown)
                    + (failures.size() > shown.size() ? "\n  ... and " + (failures.size() - shown.size()) + " more"
                    : ""));
        }
    }
}
