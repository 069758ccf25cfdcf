package io.github.lambdacontainer.archetype.contract.image;

import io.github.lambdacontainer.archetype.contract.dockerfile.Dockerfile;
import io.github.lambdacontainer.archetype.contract.dockerfile.DockerfileParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdacontainer.archetype.contract.expectation.ApiGatewayHttpRequests;
import io.github.lambdacontainer.archetype.contract.expectation.BatchResponseExpectation;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.project.GeneratedProject;
import io.github.lambdacontainer.archetype.contract.project.SamTemplate;
import io.github.lambdacontainer.archetype.contract.runtime.JavaRuntime;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeInterfaceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks that need no running code: each Dockerfile's base image, platform, COPY sources and
 * handler, and template.yaml's architecture and Dockerfile, against each other and pom.xml. A
 * mismatch here is what turns into {@code Runtime.InvalidEntrypoint ... exec format error} or a
 * missing class after deploy. Collects every mismatch before failing.
 */
public final class StaticContract {

    static final String SERVER_DOCKERFILE = "Dockerfile.server";
    /** Dockerfile name suffix (= SAM architecture) to the --platform it must build for. */
    public static final Map<String, String> LAMBDA_PLATFORMS = Map.of("arm64", "linux/arm64", "x86_64", "linux/amd64");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A Lambda function ready to run: its Dockerfile laid out, its handler (the CMD, or the
     * function's ImageConfig.Command, which Lambda runs instead), the function deploying it, the
     * events it is sent, the name of its run (the Dockerfile's, suffixed with the function for a
     * handler other than the CMD), and the JVM of its Java version and architecture that runs it
     * here, if there is one (else it was laid out without its RUN steps, and is not run).
     */
    public record LambdaImage(Dockerfile dockerfile, ImageLayout layout, String handler, SamTemplate.ImageFunction function,
            Expectation.Source serves, String runName, JavaRuntime.ForPlatform jvm) {}

    /** The server image ready to run. */
    public record ServerImage(Dockerfile dockerfile, ImageLayout layout) {}

    public record Images(List<LambdaImage> lambdaImages, ServerImage serverImage) {}

    private final GeneratedProject project;
    private final List<String> problems = new ArrayList<>();

    private StaticContract(GeneratedProject project) {
        this.project = project;
    }

    /** Lays out every image under {@code workDirectory} and fails listing every mismatch found. */
    public static Images check(GeneratedProject project, Path workDirectory) {
        return new StaticContract(project).checkAll(workDirectory);
    }

    private Images checkAll(Path workDirectory) {
        unknownDockerfiles();
        Map<String, Dockerfile> lambdaDockerfiles = new LinkedHashMap<>();
        for (String architecture : List.of("arm64", "x86_64")) {
            parse("Dockerfile." + architecture).ifPresent(dockerfile -> {
                lambdaDockerfiles.put(architecture, dockerfile);
                lambdaBaseImage(architecture, dockerfile);
            });
        }
        template(lambdaDockerfiles);
        eventsAndTheFunctionsTheyGoTo();
        List<LambdaImage> lambdaImages = new ArrayList<>();
        lambdaDockerfiles.forEach((architecture, dockerfile) -> {
            JavaRuntime.ForPlatform jvm = JavaRuntime.forPlatform(project.javaVersion(), dockerfile.platform());
            layOut(workDirectory, dockerfile, jvm.runtime())
                    .ifPresent(layout -> lambdaImages.addAll(lambdaImages(dockerfile, layout, jvm)));
        });
        ServerImage serverImage = parse(SERVER_DOCKERFILE)
                .flatMap(dockerfile -> {
                    serverBaseImageAndPort(dockerfile);
                    return layOut(workDirectory, dockerfile, Optional.of(JavaRuntime.forVersion(project.javaVersion())))
                            .map(layout -> new ServerImage(dockerfile, layout));
                })
                .orElse(null);
        if (!problems.isEmpty()) {
            throw new AssertionError("the container contract does not hold statically:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Images(List.copyOf(lambdaImages), serverImage);
    }

    private void unknownDockerfiles() {
        try (Stream<Path> files = Files.list(project.directory())) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("Dockerfile"))
                    .filter(name -> !name.equals(SERVER_DOCKERFILE)
                            && !LAMBDA_PLATFORMS.containsKey(name.substring(name.indexOf('.') + 1)))
                    .sorted()
                    .forEach(name -> problems.add(name + " is a Dockerfile the verifier does not know how to check "
                            + "(it knows Dockerfile.arm64, Dockerfile.x86_64 and Dockerfile.server)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Dockerfile> parse(String name) {
        Path file = project.directory().resolve(name);
        if (!Files.isRegularFile(file)) {
            problems.add(name + " is missing");
            return Optional.empty();
        }
        try {
            return Optional.of(DockerfileParser.parse(file));
        } catch (AssertionError refused) {
            problems.add(refused.getMessage());
            return Optional.empty();
        }
    }

    private void lambdaBaseImage(String architecture, Dockerfile dockerfile) {
        String expectedPlatform = LAMBDA_PLATFORMS.get(architecture);
        if (dockerfile.platform().isEmpty()) {
            problems.add(dockerfile.fileName() + " has no FROM --platform; its name says it must build for "
                    + expectedPlatform + ", so pin --platform=" + expectedPlatform);
        } else if (!dockerfile.platform().equals(expectedPlatform)) {
            problems.add(dockerfile.fileName() + " builds for --platform=" + dockerfile.platform()
                    + " but its name says " + architecture + ", which is --platform=" + expectedPlatform);
        }
        String expectedImage = "public.ecr.aws/lambda/java:" + project.javaVersion();
        if (!dockerfile.baseImage().equals(expectedImage)) {
            problems.add(dockerfile.fileName() + " starts FROM " + dockerfile.baseImage() + " but pom.xml sets <"
                    + project.javaVersionProperty() + ">" + project.javaVersion() + "</" + project.javaVersionProperty()
                    + ">, so it must be FROM " + expectedImage);
        }
    }

    private void template(Map<String, Dockerfile> lambdaDockerfiles) {
        String template = project.template().file().getFileName().toString();
        if (project.template().imageFunctions().isEmpty()) {
            problems.add(template + " declares no function with PackageType: Image");
        }
        for (SamTemplate.ImageFunction function : project.template().imageFunctions()) {
            String name = template + " function " + function.logicalId();
            if (function.architectures().size() != 1 || !LAMBDA_PLATFORMS.containsKey(function.architectures().getFirst())) {
                problems.add(name + " must deploy exactly one of the architectures " + LAMBDA_PLATFORMS.keySet()
                        + " but Properties.Architectures is " + function.architectures());
                continue;
            }
            String architecture = function.architectures().getFirst();
            if (!function.dockerContext().equals(".")) {
                problems.add(name + " has Metadata.DockerContext " + function.dockerContext() + " but the Dockerfiles "
                        + "COPY from the project directory, so it must be .");
            }
            if (function.dockerfile().isEmpty()) {
                problems.add(name + " has no Metadata.Dockerfile, so sam build cannot build its image");
                continue;
            }
            String dockerfileName = function.dockerfile().get();
            Dockerfile dockerfile = lambdaDockerfiles.values().stream()
                    .filter(candidate -> candidate.fileName().equals(Path.of(dockerfileName).normalize().toString()))
                    .findFirst().orElse(null);
            if (dockerfile == null) {
                problems.add(name + " builds its image from Metadata.Dockerfile " + dockerfileName + ", which is not "
                        + "one of the checked Lambda Dockerfiles " + lambdaDockerfiles.values().stream()
                        .map(Dockerfile::fileName).toList());
                continue;
            }
            String expectedPlatform = LAMBDA_PLATFORMS.get(architecture);
            if (!dockerfile.platform().equals(expectedPlatform)) {
                problems.add(name + " deploys architecture " + architecture + " (Properties.Architectures) but its "
                        + "Metadata.Dockerfile " + dockerfileName + " builds for --platform="
                        + (dockerfile.platform().isEmpty() ? "<none>" : dockerfile.platform())
                        + "; it needs a Dockerfile with --platform=" + expectedPlatform + " (Dockerfile." + architecture + ")");
            }
        }
    }

    private Optional<ImageLayout> layOut(Path workDirectory, Dockerfile dockerfile, Optional<JavaRuntime> java) {
        try {
            return Optional.of(ImageLayout.build(workDirectory, workDirectory.resolve(dockerfile.fileName()).resolve("rootfs"),
                    project.directory(), dockerfile, java));
        } catch (AssertionError missing) {
            problems.add(missing.getMessage());
            return Optional.empty();
        }
    }

    /**
     * HTTP request events (API Gateway or function URL) go to the functions without an SQS event
     * source, SQS batches to those with one; each kind of event needs a function, and each
     * function events to be checked with. HTTP events must also reach a function over HTTP in
     * their payload format ({@link #httpEventsReachAFunctionInTheirPayloadFormat}).
     */
    private void eventsAndTheFunctionsTheyGoTo() {
        String template = project.template().file().getFileName().toString();
        List<SamTemplate.ImageFunction> functions = project.template().imageFunctions();
        if (functions.isEmpty()) {
            return; // reported by template()
        }
        for (Expectation.Source source : Expectation.Source.values()) {
            List<String> events = project.expectations().entrySet().stream()
                    .filter(entry -> entry.getValue().source() == source)
                    .map(Map.Entry::getKey)
                    .toList();
            List<String> serving = functions.stream()
                    .filter(function -> serves(function) == source)
                    .map(SamTemplate.ImageFunction::logicalId)
                    .toList();
            if (!events.isEmpty() && serving.isEmpty()) {
                problems.add("events " + events + (source == Expectation.Source.SQS
                        ? " are SQS batches, but no function in " + template + " has an SQS event source to send them to"
                        : " are HTTP requests (API Gateway or function URL events), but every function in "
                                + template + " reads an SQS queue"));
            } else if (events.isEmpty() && !serving.isEmpty() && source == Expectation.Source.SQS) {
                problems.add(template + " functions " + serving + " read an SQS queue, but events/ has no SQS batch ("
                        + BatchResponseExpectation.EVENT_PREFIX + "*.json) to check them with");
            }
        }
        httpEventsReachAFunctionInTheirPayloadFormat(template, functions);
    }

    /**
     * Each HTTP request event must be one the template can deliver: some function receives HTTP
     * requests (an Api or HttpApi event, or a FunctionUrlConfig), and one of those ways in sends
     * the event's payload format. A REST API sends payload 1.0, an HTTP API 2.0 (unless its
     * PayloadFormatVersion says 1.0), a function URL 2.0 only; a handler made for one format
     * misreads the other, so an event of a format nothing delivers checks nothing deployed.
     */
    private void httpEventsReachAFunctionInTheirPayloadFormat(String template, List<SamTemplate.ImageFunction> functions) {
        List<String> httpEvents = project.expectations().entrySet().stream()
                .filter(entry -> entry.getValue().source() == Expectation.Source.API_GATEWAY)
                .map(Map.Entry::getKey)
                .toList();
        List<SamTemplate.ImageFunction> receiving = functions.stream().filter(SamTemplate.ImageFunction::receivesHttp).toList();
        if (httpEvents.isEmpty() || functions.stream().noneMatch(function -> serves(function) == Expectation.Source.API_GATEWAY)) {
            return; // nothing to deliver, or reported above: every function reads a queue
        }
        if (receiving.isEmpty()) {
            problems.add("events " + httpEvents + " are HTTP requests, but no function in " + template + " receives any: "
                    + "none has an Api or HttpApi event or a FunctionUrlConfig");
            return;
        }
        Set<String> delivered = receiving.stream()
                .flatMap(function -> function.httpWaysIn().stream())
                .map(SamTemplate.HttpWayIn::payloadVersion)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, List<String>> undelivered = new TreeMap<>();
        for (String event : httpEvents) {
            payloadVersion(event).filter(version -> !delivered.contains(version))
                    .ifPresent(version -> undelivered.computeIfAbsent(version, v -> new ArrayList<>()).add(event));
        }
        String waysIn = receiving.stream()
                .map(function -> function.logicalId() + ": " + function.httpWaysIn().stream()
                        .map(SamTemplate.HttpWayIn::toString).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        undelivered.forEach((version, events) -> problems.add("events " + events + " are payload " + version
                + " requests, but " + template + " delivers payload " + String.join(" and ", delivered) + " only ("
                + waysIn + "), so no deployed function would receive them in that format"));
    }

    /** The payload format of an HTTP event; empty when it is no JSON object (its run reports that). */
    private Optional<String> payloadVersion(String event) {
        try {
            JsonNode json = JSON.readTree(project.eventBytes(event));
            return json != null && json.isObject() ? Optional.of(ApiGatewayHttpRequests.payloadVersion(json)) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static Expectation.Source serves(SamTemplate.ImageFunction function) {
        return function.readsSqs() ? Expectation.Source.SQS : Expectation.Source.API_GATEWAY;
    }

    /**
     * The functions to run from one image: the CMD handler, and each handler a function's
     * ImageConfig.Command puts in its place (as Lambda does), with the settings of the functions
     * deploying the image.
     */
    private List<LambdaImage> lambdaImages(Dockerfile dockerfile, ImageLayout layout, JavaRuntime.ForPlatform jvm) {
        if (dockerfile.cmd().isEmpty()) {
            problems.add(dockerfile.fileName() + " has no CMD; the Lambda base image needs CMD [\"package.Class::method\"]");
            return List.of();
        }
        if (dockerfile.cmdShellForm() || dockerfile.cmd().size() != 1) {
            problems.add(dockerfile.where(dockerfile.cmdLine()) + ": CMD must be the exec form with exactly the handler, "
                    + "CMD [\"package.Class::method\"], but is " + dockerfile.cmd());
            return List.of();
        }
        List<SamTemplate.ImageFunction> deploying = project.template().imageFunctions().stream()
                .filter(function -> function.dockerfile().map(name -> name.equals(dockerfile.fileName())).orElse(false))
                .toList();
        if (!dockerfile.entrypoint().isEmpty()) {
            try {
                layout.programOf(dockerfile.entrypoint(), dockerfile.where(dockerfile.entrypointLine()) + ": ENTRYPOINT");
            } catch (AssertionError notInImage) {
                problems.add(notInImage.getMessage());
                return List.of();
            }
        }
        String cmdHandler = dockerfile.cmd().getFirst();
        Path taskRoot = layout.hostPath("/var/task");
        Path coreJar = RuntimeInterfaceClient.lambdaCoreJar();
        HandlerCheck.problem(cmdHandler, taskRoot, coreJar).ifPresent(problem -> problems.add(
                dockerfile.where(dockerfile.cmdLine()) + ": CMD handler " + cmdHandler + " cannot run: " + problem));
        // The other architecture's image is not deployed by this template, but runs the same code
        // with the same configuration, so it is run with the deployed functions' settings.
        List<SamTemplate.ImageFunction> functions = deploying.isEmpty() ? project.template().imageFunctions() : deploying;
        List<LambdaImage> images = new ArrayList<>();
        for (SamTemplate.ImageFunction function : functions) {
            Optional<String> command = function.imageCommand().filter(list -> !list.isEmpty()).map(List::getFirst);
            command.ifPresent(handler -> HandlerCheck.problem(handler, taskRoot, coreJar).ifPresent(problem -> problems.add(
                    project.template().file().getFileName() + " function " + function.logicalId()
                            + " overrides the handler with ImageConfig.Command " + function.imageCommand().get()
                            + ", which cannot run in " + dockerfile.fileName() + "'s image: " + problem)));
            String handler = command.orElse(cmdHandler);
            Expectation.Source source = serves(function);
            if (images.stream().noneMatch(image -> image.handler().equals(handler) && image.serves() == source)) {
                // The CMD handler's run keeps the Dockerfile's name: it is the image as built.
                String runName = handler.equals(cmdHandler) && images.stream().noneMatch(image -> image.runName()
                        .equals(dockerfile.fileName())) ? dockerfile.fileName() : dockerfile.fileName() + "-" + function.logicalId();
                images.add(new LambdaImage(dockerfile, layout, handler, function, source, runName, jvm));
            }
        }
        // The CMD handler's run first: it is the image as built, and what invoke.sh talks to.
        images.sort(Comparator.comparing(image -> !image.runName().equals(dockerfile.fileName())));
        return images;
    }

    private void serverBaseImageAndPort(Dockerfile dockerfile) {
        String tag = dockerfile.baseImageTag().orElse("");
        if (!tag.matches(project.javaVersion() + "(\\D.*)?")) {
            problems.add(dockerfile.fileName() + " starts FROM " + dockerfile.baseImage() + " but pom.xml sets <"
                    + project.javaVersionProperty() + ">" + project.javaVersion() + "</" + project.javaVersionProperty()
                    + ">, so its tag must be for Java " + project.javaVersion() + " (e.g. eclipse-temurin:"
                    + project.javaVersion() + "-jre)");
        }
        if (dockerfile.cmd().isEmpty()) {
            problems.add(dockerfile.fileName() + " has no CMD to start the server with");
        }
        if (!dockerfile.entrypoint().isEmpty() || !dockerfile.runs().isEmpty()) {
            problems.add(dockerfile.fileName() + " has an ENTRYPOINT or RUN; the server image is checked by running "
                    + "its CMD on a JDK, so start the server from CMD alone");
        }
        String port = dockerfile.env().get("PORT");
        if (port != null && !port.matches("\\d+")) {
            problems.add(dockerfile.fileName() + " sets ENV PORT=" + port + ", which is not a port number");
        } else if (port != null && !dockerfile.exposedPorts().isEmpty()
                && !dockerfile.exposedPorts().contains(Integer.parseInt(port))) {
            problems.add(dockerfile.fileName() + " sets ENV PORT=" + port + " but EXPOSEs " + dockerfile.exposedPorts());
        }
    }
}
