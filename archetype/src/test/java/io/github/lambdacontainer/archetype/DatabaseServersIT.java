package io.github.lambdacontainer.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import io.github.lambdacontainer.archetype.contract.fault.SecretsManagerStandIn;
import io.github.lambdacontainer.archetype.contract.fault.TcpProxy;
import io.github.lambdacontainer.archetype.contract.runtime.RuntimeApiServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * The database variants on real database servers, after the archetype integration tests generated
 * each variant and built it on the embedded database:
 *
 * <ol>
 *   <li>The database variants' own tests run again, unchanged, against the server their
 *       {@code database} option is for (MariaDB or MySQL for {@code mysql}, PostgreSQL for
 *       {@code postgresql}), given to them as the function gets it: {@code DATABASE_URL},
 *       {@code DATABASE_USER}, {@code DATABASE_PASSWORD}. The tables are dropped first, so the
 *       run must migrate the server itself, and what it wrote must be there afterwards. One
 *       variant per framework and database (the one with the fewest other options): the others
 *       differ in nothing the database code sees, and each run costs a Maven start.</li>
 *   <li>An outage, for one variant per framework (springboot and plain on MariaDB/MySQL, jersey
 *       on PostgreSQL, or whichever server is given): the function's image runs under
 *       the real runtime interface client with {@code DATABASE_URL} pointing at a {@link TcpProxy}
 *       in front of the server, migrated first by the project's {@code DatabaseMigrations} (the
 *       deploy step). Cutting the proxy must turn {@code /orders} into a 503 problem and
 *       {@code GET /} into 503 {@code DOWN}, within seconds and without crashing the runtime;
 *       restoring it must make the next request succeed. A stall (connections open, nothing
 *       forwarded) must answer 503 within the request's one deadline, DATABASE_TIMEOUT_SECONDS, plus
 *       1 s, and so must the queue worker's batch.</li>
 *   <li>The login from Secrets Manager at run time, for the same variants: the function is given
 *       the secret's ARN alone and fetches it from a {@link SecretsManagerStandIn}, across a
 *       rotation, and answers 503 in time, never crashing, when the secret cannot be read.</li>
 * </ol>
 *
 * <p>The servers come from system properties {@code it.mysql.url}, {@code it.mysql.user},
 * {@code it.mysql.password} and {@code it.postgresql.*} (the pom passes them on; {@code .ci/run}
 * sets them to the local servers). Without a URL the checks for that database are skipped as not
 * run, never passed. The database named is used as scratch space: its {@code processed_messages},
 * {@code orders} and {@code flyway_schema_history} tables are dropped.
 */
class DatabaseServersIT {

    private static final Path OUTPUT = Path.of("target/database-servers").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every table the generated migrations create (worker=sqs adds processed_messages), dependents first. */
    private static final List<String> DATABASE_TABLES = List.of("processed_messages", "orders", "flyway_schema_history");
    /** The generated tests that touch the database; each must have run on the server. */
    private static final List<String> DATABASE_TEST_CLASSES =
            List.of("OrderRepositoryTest", "HostileOrderRequestsTest", "LambdaHandlerEventsTest");
    /** The queue worker's tests, for worker=sqs: they must have run on the server too. */
    private static final String WORKER_TEST_CLASS = "OrderQueueWorkerEventsTest";
    /** The pool's connectionTimeout is 5 s: a request during an outage must end well within this. */
    private static final Duration OUTAGE_ANSWER_LIMIT = Duration.ofSeconds(15);
    /** The one part of the AWS SDK the runtime interface client loads itself (the X-Ray trace id's thread-local). */
    private static final String RUNTIME_CLIENTS_SDK_CLASSES = "software.amazon.awssdk.utilslite.";
    /** The database each framework's outage runs on, when its server is given: both drivers, the default first. */
    private static final Map<String, String> OUTAGE_DATABASE =
            Map.of("springboot", "mysql", "jersey", "postgresql", "plain", "mysql");

    /** A database server the build was given. */
    record Server(String database, String label, String url, String user, String password) {

        static Optional<Server> forDatabase(String database) {
            String url = System.getProperty("it." + database + ".url", "").strip();
            if (url.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Server(database, database.equals("mysql") ? "MariaDB/MySQL" : "PostgreSQL", url,
                    System.getProperty("it." + database + ".user", ""),
                    System.getProperty("it." + database + ".password", "")));
        }

        static String notGiven(String database) {
            return "no " + (database.equals("mysql") ? "MariaDB/MySQL" : "PostgreSQL") + " server given; set -Dit."
                    + database + ".url=jdbc:" + database + "://HOST:PORT/DATABASE (with -Dit." + database + ".user and -Dit."
                    + database + ".password)";
        }

        Map<String, String> environment(String url) {
            return Map.of("DATABASE_URL", url, "DATABASE_USER", user, "DATABASE_PASSWORD", password);
        }

        /** The URL with its host and port replaced, for the proxy. */
        String urlThrough(int localPort) {
            Matcher matcher = HOST_PORT.matcher(url);
            if (!matcher.matches()) {
                throw new AssertionError("it." + database + ".url=" + url + " is not jdbc:" + database + "://HOST[:PORT]/...");
            }
            return matcher.group(1) + "127.0.0.1:" + localPort + matcher.group(4);
        }

        String host() {
            Matcher matcher = HOST_PORT.matcher(url);
            assertTrue(matcher.matches(), url);
            return matcher.group(2);
        }

        int port() {
            Matcher matcher = HOST_PORT.matcher(url);
            assertTrue(matcher.matches(), url);
            return matcher.group(3) != null ? Integer.parseInt(matcher.group(3)) : database.equals("mysql") ? 3306 : 5432;
        }

        private static final Pattern HOST_PORT = Pattern.compile("(jdbc:[a-z]+://)([^/:?,]+)(?::(\\d+))?([/?].*|)");
    }

    /**
     * A generated project with a database, as the archetype integration tests built it.
     *
     * @param optionsSet how many options its archetype.properties sets besides the coordinates
     */
    record DatabaseVariant(String name, Path project, String framework, String database, boolean worker, int optionsSet) {}

    @TestFactory
    Stream<DynamicTest> databaseVariantsPassTheirOwnTestsOnTheRealServer() {
        List<DatabaseVariant> variants = databaseVariants();
        assertFalse(variants.isEmpty(), "no generated project with a database under " + GeneratedVariant.PROJECTS.toAbsolutePath()
                + "; the archetype integration tests (archetype:integration-test) must run before this test");
        Map<String, DatabaseVariant> onePerFrameworkAndDatabase = new TreeMap<>();
        variants.stream()
                .sorted(Comparator.comparingInt(DatabaseVariant::optionsSet).thenComparing(DatabaseVariant::name))
                .forEach(variant -> onePerFrameworkAndDatabase.putIfAbsent(variant.framework() + "+" + variant.database(),
                        variant));
        // And the queue worker's tests (idempotency, a connection cut mid-batch) on each server,
        // unless a variant chosen above has the worker already.
        variants.stream().filter(DatabaseVariant::worker)
                .sorted(Comparator.comparingInt(DatabaseVariant::optionsSet).thenComparing(DatabaseVariant::name))
                .filter(variant -> onePerFrameworkAndDatabase.values().stream()
                        .noneMatch(chosen -> chosen.worker() && chosen.database().equals(variant.database())))
                .forEach(variant -> onePerFrameworkAndDatabase.put("worker+" + variant.database(), variant));
        return onePerFrameworkAndDatabase.values().stream().map(variant -> onItsServer(variant, DatabaseServersIT::runOwnTestsOn));
    }

    @TestFactory
    Stream<DynamicTest> databaseOutageIsA503AndTheFirstRequestAfterItSucceeds() {
        return onePerFramework().stream().map(variant -> onItsServer(variant, DatabaseServersIT::outage));
    }

    @TestFactory
    Stream<DynamicTest> databaseStallIsA503WithinTheBoundAndRequestsSucceedAfterIt() {
        return onePerFramework().stream().map(variant -> onItsServer(variant, DatabaseServersIT::stall));
    }

    @TestFactory
    Stream<DynamicTest> databaseLoginIsFetchedAtRunTimeAndARotatedPasswordIsPickedUp() {
        return onePerFramework().stream().map(variant -> onItsServer(variant, DatabaseServersIT::secretAtRunTime));
    }

    @TestFactory
    Stream<DynamicTest> queueWorkerUnderAStallAnswersWithinTheBoundReportingWhatItDidNotStore() {
        Map<String, DatabaseVariant> onePerDatabase = new TreeMap<>();
        databaseVariants().stream().filter(DatabaseVariant::worker)
                .sorted(Comparator.comparingInt(DatabaseVariant::optionsSet).thenComparing(DatabaseVariant::name))
                .forEach(variant -> onePerDatabase.putIfAbsent(variant.database(), variant));
        assertFalse(onePerDatabase.isEmpty(), "no generated project with worker=sqs and a database");
        return onePerDatabase.values().stream().map(variant -> onItsServer(variant, DatabaseServersIT::workerStall));
    }

    @FunctionalInterface
    private interface ServerCheck {
        void run(DatabaseVariant variant, Server server) throws Exception;
    }

    /** A test of {@code variant} on the server of its database, skipped with the reason when none is given. */
    private static DynamicTest onItsServer(DatabaseVariant variant, ServerCheck check) {
        return dynamicTest(variant.name() + " (" + variant.framework() + ", " + variant.database() + ")", () -> {
            Optional<Server> server = Server.forDatabase(variant.database());
            RequiredChecks.assume(variant.database(), server.isPresent(), () -> Server.notGiven(variant.database()));
            check.run(variant, server.get());
        });
    }

    /** The variant each framework's outage and stall run on (see {@link #OUTAGE_DATABASE}). */
    private static List<DatabaseVariant> onePerFramework() {
        List<DatabaseVariant> variants = databaseVariants();
        assertFalse(variants.isEmpty(), "no generated project with a database under " + GeneratedVariant.PROJECTS.toAbsolutePath());
        Map<String, DatabaseVariant> onePerFramework = new TreeMap<>();
        variants.stream()
                .sorted(Comparator.comparing((DatabaseVariant variant) -> Server.forDatabase(variant.database()).isEmpty())
                        .thenComparing(variant -> !variant.database().equals(OUTAGE_DATABASE.get(variant.framework())))
                        .thenComparingInt(DatabaseVariant::optionsSet)
                        .thenComparing(DatabaseVariant::name))
                .forEach(variant -> onePerFramework.putIfAbsent(variant.framework(), variant));
        return List.copyOf(onePerFramework.values());
    }

    // --- 1. the generated project's own tests on the server ----------------------------------------

    private static void runOwnTestsOn(DatabaseVariant variant, Server server) throws Exception {
        dropTables(variant, server);
        // A copy, so that these reports do not mix with the embedded run's in the project.
        Path copy = OUTPUT.resolve(variant.name() + "-" + server.database());
        copyProjectForTests(variant.project(), copy);
        Path log = OUTPUT.resolve(variant.name() + "-" + server.database() + ".log");

        int exit = runMaven(copy, server.environment(server.url()), log);

        Map<String, int[]> suites = testReports(copy.resolve("target/surefire-reports"));
        int tests = suites.values().stream().mapToInt(counts -> counts[0]).sum();
        List<String> broken = suites.entrySet().stream().filter(suite -> suite.getValue()[1] > 0)
                .map(suite -> suite.getKey() + " (" + suite.getValue()[1] + " failed)").toList();
        assertTrue(tests > 0, variant.name() + ": no test ran against " + server.label() + " (log: " + log + ")");
        assertTrue(broken.isEmpty(), variant.name() + ": tests failed against " + server.label() + ": " + broken
                + " (log: " + log + ")");
        assertEquals(0, exit, variant.name() + ": mvn surefire:test against " + server.label() + " failed (log: " + log + ")");
        List<String> databaseTests = new ArrayList<>(DATABASE_TEST_CLASSES);
        if (variant.worker()) {
            databaseTests.add(WORKER_TEST_CLASS);
        }
        for (String testClass : databaseTests) {
            int[] counts = suites.entrySet().stream().filter(suite -> suite.getKey().endsWith("." + testClass))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            assertNotNull(counts, variant.name() + ": " + testClass + " did not run against " + server.label());
            assertTrue(counts[0] > 0 && counts[2] == 0, variant.name() + ": " + testClass + " ran " + counts[0]
                    + " tests against " + server.label() + ", " + counts[2] + " skipped");
        }

        // The tables were dropped: the run migrated this server and stored its orders in it, not in H2.
        String latestMigration = latestMigration(variant);
        withConnection(variant, server, connection -> {
            assertEquals(latestMigration, single(connection, "SELECT MAX(version) FROM flyway_schema_history WHERE success = "
                    + (server.database().equals("mysql") ? "1" : "TRUE")), variant.name()
                    + ": the tests did not migrate " + server.label());
            long orders = Long.parseLong(single(connection, "SELECT COUNT(*) FROM orders"));
            assertTrue(orders > 0, variant.name() + ": the tests stored no order in " + server.label());
            System.out.printf("%s: %d tests passed on %s %s; they migrated it and stored %d orders%n", variant.name(),
                    tests, server.label(), connection.getMetaData().getDatabaseProductVersion(), orders);
            return null;
        });
    }

    private static void copyProjectForTests(Path project, Path copy) throws IOException {
        TestDirectories.deleteRecursively(copy);
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.toList()) {
                String relative = project.relativize(file).toString().replace('\\', '/');
                if (relative.matches("target/(lib|server-lib|surefire-reports|failsafe-reports)(/.*)?|target/[^/]*\\.jar")) {
                    continue;
                }
                Path target = copy.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Runs the already compiled tests (surefire:test, offline) with {@code environment} added. */
    private static int runMaven(Path project, Map<String, String> environment, Path log) throws Exception {
        String mavenHome = System.getProperty("maven.home", "");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(
                !mavenHome.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn", "-o", "-B", "-ntp"));
        String localRepository = System.getProperty("it.localRepository", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        command.add("org.apache.maven.plugins:maven-surefire-plugin:"
                + System.getProperty("surefire-plugin.version", "3.5.4") + ":test");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " in " + project + " did not end within 5 minutes (log: " + log + ")");
        }
        return process.exitValue();
    }

    /** Suite name to {tests, failures + errors, skipped}. */
    private static Map<String, int[]> testReports(Path reports) throws Exception {
        Map<String, int[]> suites = new TreeMap<>();
        if (!Files.isDirectory(reports)) {
            return suites;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                suites.put(suite.getAttribute("name"), new int[] {count(suite, "tests"),
                        count(suite, "failures") + count(suite, "errors"), count(suite, "skipped")});
            }
        }
        return suites;
    }

    // --- 2. an outage under the runtime interface client ------------------------------------------

    private static void outage(DatabaseVariant variant, Server server) throws Exception {
        Path logs = OUTPUT.resolve(variant.name() + "-outage");
        List<String> transcript = new ArrayList<>();
        try (TcpProxy proxy = TcpProxy.start(server.host(), server.port());
                FunctionImage image = FunctionImage.layOut(variant.project(), logs)) {
            Map<String, String> database = migratedThrough(proxy, image, server);
            int connectionsBeforeStart = proxy.connectionsAccepted();

            Map<String, String> environment = new LinkedHashMap<>(database);
            // Hikari hands out a pooled connection unchecked when it was used less than 0.5 s ago;
            // widened here, the first request after the cut fails inside its statement rather
            // than in getConnection. The requests after it fail in getConnection.
            environment.put("JAVA_TOOL_OPTIONS", "-Dcom.zaxxer.hikari.aliveBypassWindowMs=600000");
            try (FunctionImage.Function function = image.start(environment, "function.log")) {
                FunctionImage.Reply hello = record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(90)));
                assertEquals(200, hello.statusCode(), hello.toString());
                assertEquals(connectionsBeforeStart, proxy.connectionsAccepted(), variant.name()
                        + ": the function connected to the database during init or for a route that needs none");

                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);
                expectStatus(201, record(transcript, function.invoke("orders-create.json", Duration.ofSeconds(30))), function);

                proxy.cut();
                transcript.add("-- database cut: live connections reset, new ones refused --");
                expectUnavailable(record(transcript, function.invoke("orders-list.json", OUTAGE_ANSWER_LIMIT)), function);
                expectDown(record(transcript, function.invoke("get-health.json", OUTAGE_ANSWER_LIMIT)), function);
                expectUnavailable(record(transcript, function.invoke("orders-create.json", OUTAGE_ANSWER_LIMIT)), function);
                assertTrue(function.isAlive(), variant.name() + ": the runtime died during the outage");

                proxy.restore();
                transcript.add("-- database back --");
                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);
                FunctionImage.Reply health = record(transcript, function.invoke("get-health.json", Duration.ofSeconds(30)));
                expectStatus(200, health, function);
                assertEquals("UP", health.bodyJson().path("status").asText(), health.toString());
                expectStatus(201, record(transcript, function.invoke("orders-create.json", Duration.ofSeconds(30))), function);
                assertTrue(function.isAlive(), variant.name() + ": the runtime is gone");
            }
        } finally {
            writeTranscript(logs, transcript, variant, server, "outage");
        }
    }

    // --- 3. a stall: connections stay open, nothing answers --------------------------------------

    /**
     * The network path stops forwarding while connections stay open (a black hole, or a server
     * that stops answering mid-query): every database request must answer 503 within the one
     * deadline of the template's DATABASE_TIMEOUT_SECONDS plus 1 s, whatever it was waiting for
     * (a pooled connection's check, a new connection, a read), routes without the database keep
     * answering, and after the path is back requests succeed in the same runtime.
     */
    private static void stall(DatabaseVariant variant, Server server) throws Exception {
        Path logs = OUTPUT.resolve(variant.name() + "-stall");
        List<String> transcript = new ArrayList<>();
        int timeoutSeconds = templateDatabaseTimeoutSeconds(variant);
        Duration bound = stallBound(timeoutSeconds);
        try (TcpProxy proxy = TcpProxy.start(server.host(), server.port());
                FunctionImage image = FunctionImage.layOut(variant.project(), logs)) {
            Map<String, String> environment = new LinkedHashMap<>(migratedThrough(proxy, image, server));
            environment.put("DATABASE_TIMEOUT_SECONDS", Integer.toString(timeoutSeconds));
            try (FunctionImage.Function function = image.start(environment, "function.log")) {
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(90))), function);
                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);

                proxy.stall();
                transcript.add("-- database stalled: connections open, nothing forwarded (bound " + bound.toSeconds()
                        + " s from DATABASE_TIMEOUT_SECONDS=" + timeoutSeconds + ") --");
                FunctionImage.Reply list = record(transcript, function.invoke("orders-list.json", bound.plusSeconds(20)));
                expectUnavailable(list, function);
                expectWithin(bound, list, variant);
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(10))), function);
                FunctionImage.Reply create = record(transcript, function.invoke("orders-create.json", bound.plusSeconds(20)));
                expectUnavailable(create, function);
                expectWithin(bound, create, variant);
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(10))), function);
                assertTrue(function.isAlive(), variant.name() + ": the runtime died during the stall");
                System.out.printf("%s (%s, %s), stall: GET /orders 503 in %d ms, POST /orders 503 in %d ms (bound %d s)%n",
                        variant.name(), variant.framework(), server.label(), list.took().toMillis(),
                        create.took().toMillis(), bound.toSeconds());

                proxy.resume();
                // Connections opened during the stall end by their own timeouts (socket read) first.
                Thread.sleep(Duration.ofSeconds(timeoutSeconds + 2L));
                transcript.add("-- database forwarding again --");
                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);
                expectStatus(201, record(transcript, function.invoke("orders-create.json", Duration.ofSeconds(30))), function);
                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);
                assertTrue(function.isAlive(), variant.name() + ": the runtime is gone");
            }
        } finally {
            writeTranscript(logs, transcript, variant, server, "stall");
        }
    }

    // --- 4. the login from Secrets Manager, fetched at run time ------------------------------------

    /**
     * The function given DATABASE_SECRET_ARN and no user or password, its SDK pointed at a
     * {@link SecretsManagerStandIn} (AWS_ENDPOINT_URL_SECRETS_MANAGER) whose secret first holds a
     * stale password, then the current one: GET /hello fetches nothing and loads none of the SDK;
     * the first orders request is refused with the stale password, fetches again and answers;
     * later ones reuse the login; no password is in the output. Then a new container with the
     * stand-in down: GET /hello answers 200, the orders routes 503 within the request's bound.
     */
    private static void secretAtRunTime(DatabaseVariant variant, Server server) throws Exception {
        Path logs = OUTPUT.resolve(variant.name() + "-secret");
        List<String> transcript = new ArrayList<>();
        int timeoutSeconds = templateDatabaseTimeoutSeconds(variant);
        Duration bound = stallBound(timeoutSeconds);
        String stalePassword = "stale-" + UUID.randomUUID();
        // A server that trusts its clients (PostgreSQL's pg_hba "trust") accepts any password: the
        // stale secret then names a user that no longer exists, which it refuses alike (SQLState 28000).
        boolean checksPasswords = refuses(variant, server, server.user(), stalePassword);
        String staleUser = checksPasswords ? server.user() : "retired_" + UUID.randomUUID().toString().substring(0, 8);
        String secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + variant.name() + "-database-AbCdEf";
        List<String> passwords = server.password().isEmpty() ? List.of(stalePassword) : List.of(stalePassword, server.password());
        transcript.add("-- the secret holds " + (checksPasswords ? "a stale password" : "a retired user (" + server.label()
                + " here accepts any password)") + ", then the current login --");
        try (FunctionImage image = FunctionImage.layOut(variant.project(), logs);
                SecretsManagerStandIn secrets = SecretsManagerStandIn.start(secretArn, List.of(
                        SecretsManagerStandIn.secretString(staleUser, stalePassword),
                        SecretsManagerStandIn.secretString(server.user(), server.password())))) {
            image.runJava(image.className("database.DatabaseMigrations"), server.environment(server.url()), Duration.ofMinutes(2));
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("DATABASE_URL", server.url());
            environment.put("DATABASE_SECRET_ARN", secretArn);
            environment.put("DATABASE_TIMEOUT_SECONDS", Integer.toString(timeoutSeconds));
            environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint());
            try (FunctionImage.Function function = image.start(environment, "function.log")) {
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(90))), function);
                assertEquals(List.of(), secrets.calls(), variant.name() + ": GET /hello fetched the secret");
                List<String> sdkClasses = function.classLoading().sources().keySet().stream()
                        .filter(name -> name.startsWith("software.amazon.awssdk.") && !name.startsWith(RUNTIME_CLIENTS_SDK_CLASSES))
                        .sorted().toList();
                assertEquals(List.of(), sdkClasses, variant.name() + ": GET /hello loaded AWS SDK classes");

                expectStatus(200, record(transcript, function.invoke("orders-list.json", bound.plusSeconds(20))), function);
                List<SecretsManagerStandIn.Call> calls = secrets.calls();
                transcript.add("-- Secrets Manager stand-in calls: " + calls + " --");
                assertEquals(2, calls.size(), variant.name() + ": the stale login, refused, then the current one: " + calls);
                for (SecretsManagerStandIn.Call call : calls) {
                    assertEquals(new SecretsManagerStandIn.Call("secretsmanager.GetSecretValue", secretArn, true), call,
                            variant.name() + ": a signed GetSecretValue of the database's secret");
                }
                expectStatus(201, record(transcript, function.invoke("orders-create.json", Duration.ofSeconds(30))), function);
                expectStatus(200, record(transcript, function.invoke("orders-list.json", Duration.ofSeconds(30))), function);
                assertEquals(2, secrets.calls().size(), variant.name() + ": the login is kept, not fetched per request");
                expectNoPassword(passwords, function.output(), variant, "the function's output");
                expectNoPassword(passwords, transcript, variant, "the answers");
            }

            secrets.close();
            transcript.add("-- a new container; the Secrets Manager stand-in is down --");
            try (FunctionImage.Function function = image.start(environment, "function-secrets-down.log")) {
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(90))), function);
                FunctionImage.Reply list = record(transcript, function.invoke("orders-list.json", bound.plusSeconds(20)));
                expectUnavailable(list, function);
                expectWithin(bound, list, variant);
                FunctionImage.Reply create = record(transcript, function.invoke("orders-create.json", bound.plusSeconds(20)));
                expectUnavailable(create, function);
                expectWithin(bound, create, variant);
                expectStatus(200, record(transcript, function.invoke("get-hello.json", Duration.ofSeconds(10))), function);
                assertTrue(function.isAlive(), variant.name() + ": the runtime died without Secrets Manager");
                expectNoPassword(passwords, function.output(), variant, "the function's output");
                System.out.printf("%s (%s, %s), secret at run time: 2 fetches across the rotation; without Secrets Manager "
                        + "GET /orders 503 in %d ms, POST /orders 503 in %d ms (bound %d s)%n", variant.name(),
                        variant.framework(), server.label(), list.took().toMillis(), create.took().toMillis(), bound.toSeconds());
            }
        } finally {
            writeTranscript(logs, transcript, variant, server, "secret at run time");
        }
    }

    /** Whether the server refuses {@code user} with {@code password}. */
    private static boolean refuses(DatabaseVariant variant, Server server, String user, String password) throws Exception {
        try {
            withConnection(variant, new Server(server.database(), server.label(), server.url(), user, password), connection -> null);
            return false;
        } catch (SQLException refused) {
            return true;
        }
    }

    private static void expectNoPassword(List<String> passwords, List<String> lines, DatabaseVariant variant, String where) {
        for (String line : lines) {
            for (String password : passwords) {
                assertFalse(line.contains(password), () -> variant.name() + ": a password of the secret is in " + where
                        + ": " + line);
            }
        }
    }

    /**
     * The queue worker under the same stall: a batch answers within the bound (the worker's bound:
     * one message's deadline, DATABASE_TIMEOUT_SECONDS, as the messages after the first failure are
     * not tried; plus 1 s), every message it did not store is in batchItemFailures and none it
     * stored is; the batch delivered again once the path is back stores each order exactly once.
     */
    private static void workerStall(DatabaseVariant variant, Server server) throws Exception {
        Path logs = OUTPUT.resolve(variant.name() + "-worker-stall");
        List<String> transcript = new ArrayList<>();
        int timeoutSeconds = templateDatabaseTimeoutSeconds(variant);
        Duration bound = stallBound(timeoutSeconds);
        try (TcpProxy proxy = TcpProxy.start(server.host(), server.port());
                FunctionImage image = FunctionImage.layOut(variant.project(), logs, Expectation.Source.SQS)) {
            Map<String, String> environment = new LinkedHashMap<>(migratedThrough(proxy, image, server));
            environment.put("DATABASE_TIMEOUT_SECONDS", Integer.toString(timeoutSeconds));
            JsonNode sample = JSON.readTree(variant.project().resolve("events/sqs-orders-batch.json").toFile());
            try (FunctionImage.Function worker = image.start(environment, "worker.log")) {
                Batch before = Batch.of(sample, "before-stall");
                assertEquals(List.of(), before.send(worker, Duration.ofSeconds(90), transcript), "a batch before the stall");

                proxy.stall();
                transcript.add("-- database stalled: connections open, nothing forwarded (bound " + bound.toSeconds()
                        + " s) --");
                Batch stalled = Batch.of(sample, "stalled");
                long started = System.nanoTime();
                List<String> reported = stalled.send(worker, bound.plusSeconds(20), transcript);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(bound) <= 0, variant.name() + ": the batch answered after " + took.toMillis()
                        + " ms, beyond the bound of " + bound.toSeconds() + " s");
                List<String> stored = withConnection(variant, server, connection -> stalled.storedIn(connection));
                List<String> notStored = stalled.messageIds().stream().filter(id -> !stored.contains(id)).toList();
                assertEquals(notStored, reported, variant.name() + ": batchItemFailures must be exactly the messages "
                        + "not stored (stored: " + stored + ")");
                assertTrue(worker.isAlive(), variant.name() + ": the worker died during the stall");
                System.out.printf("%s (%s), worker stall: batch of %d answered in %d ms (bound %d s), %d reported, "
                        + "%d stored%n", variant.name(), server.label(), stalled.messageIds().size(), took.toMillis(),
                        bound.toSeconds(), reported.size(), stored.size());

                proxy.resume();
                Thread.sleep(Duration.ofSeconds(timeoutSeconds + 2L));
                transcript.add("-- database forwarding again; the whole batch delivered again --");
                assertEquals(List.of(), stalled.send(worker, Duration.ofSeconds(30), transcript), "the batch again");
                Map<String, Integer> copies = withConnection(variant, server, connection -> stalled.ordersIn(connection));
                copies.forEach((item, count) -> assertEquals(1, count, variant.name() + ": order " + item + " stored "
                        + count + " times"));
            }
        } finally {
            writeTranscript(logs, transcript, variant, server, "worker stall");
        }
    }

    /** An SQS batch of the sample's shape with fresh message ids and items, and what became of it. */
    private record Batch(byte[] event, List<String> messageIds, List<String> items) {

        static Batch of(JsonNode sample, String label) throws IOException {
            ObjectNode batch = sample.deepCopy();
            ArrayNode records = (ArrayNode) batch.get("Records");
            JsonNode template = records.get(0);
            records.removeAll();
            List<String> messageIds = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String messageId = label + "-" + UUID.randomUUID();
                String item = label + "-" + i + "-" + UUID.randomUUID();
                records.add(((ObjectNode) template.deepCopy()).put("messageId", messageId)
                        .put("body", "{\"item\":\"" + item + "\",\"quantity\":1}"));
                messageIds.add(messageId);
                items.add(item);
            }
            return new Batch(JSON.writeValueAsBytes(batch), messageIds, items);
        }

        /** The itemIdentifiers of the worker's batchItemFailures; fails unless it answers with them in time. */
        List<String> send(FunctionImage.Function worker, Duration timeout, List<String> transcript) throws IOException {
            RuntimeApiServer.Answer answer = worker.invoke(event, timeout);
            transcript.add(messageIds.size() + " messages -> " + answer);
            if (!(answer instanceof RuntimeApiServer.Answer.Response response)) {
                throw new AssertionError("the worker answered " + answer + "\n" + worker.outputTail());
            }
            List<String> reported = new ArrayList<>();
            JSON.readTree(response.body()).path("batchItemFailures")
                    .forEach(failure -> reported.add(failure.path("itemIdentifier").asText()));
            return reported;
        }

        List<String> storedIn(Connection connection) throws SQLException {
            List<String> stored = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM processed_messages WHERE message_id = ?")) {
                for (String messageId : messageIds) {
                    select.setString(1, messageId);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            stored.add(messageId);
                        }
                    }
                }
            }
            return stored;
        }

        Map<String, Integer> ordersIn(Connection connection) throws SQLException {
            Map<String, Integer> copies = new LinkedHashMap<>();
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE item = ?")) {
                for (String item : items) {
                    count.setString(1, item);
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        copies.put(item, rows.getInt(1));
                    }
                }
            }
            return copies;
        }
    }

    /**
     * Writes what happened to the log directory and prints it. Lenient: a reply cut short for the
     * transcript may end in half a surrogate pair, written as '?'.
     */
    private static void writeTranscript(Path logs, List<String> transcript, DatabaseVariant variant, Server server,
            String check) throws IOException {
        Files.createDirectories(logs);
        Files.write(logs.resolve("transcript.txt"),
                String.join("\n", transcript).concat("\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println(variant.name() + " (" + variant.framework() + ", " + server.label() + "), " + check + ":\n  "
                + String.join("\n  ", transcript));
    }

    private static void expectWithin(Duration bound, FunctionImage.Reply reply, DatabaseVariant variant) {
        assertTrue(reply.took().compareTo(bound) <= 0, () -> variant.name() + ": answered after " + reply.took().toMillis()
                + " ms, beyond the bound of " + bound.toSeconds() + " s: " + reply);
    }

    /**
     * Migrates the server through {@code proxy} with the project's own DatabaseMigrations, run in
     * the image as the deploy step would, and returns the function's database variables for it.
     */
    private static Map<String, String> migratedThrough(TcpProxy proxy, FunctionImage image, Server server) {
        Map<String, String> database = server.environment(server.urlThrough(proxy.port()));
        image.runJava(image.className("database.DatabaseMigrations"), database, Duration.ofMinutes(2));
        return database;
    }

    /**
     * How long a request (or a batch) may wait for a stalled database: its one deadline T
     * (DatabaseWork, docs/options.md#database) and 1 s for the rest of the invocation.
     */
    private static Duration stallBound(int timeoutSeconds) {
        return Duration.ofSeconds(timeoutSeconds + 1L);
    }

    /** DATABASE_TIMEOUT_SECONDS as the generated template.yaml sets it for the API function. */
    private static int templateDatabaseTimeoutSeconds(DatabaseVariant variant) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^\\s*DATABASE_TIMEOUT_SECONDS:\\s*\"?(\\d+)\"?\\s*$")
                .matcher(Files.readString(variant.project().resolve("template.yaml")));
        assertTrue(matcher.find(), variant.name() + ": template.yaml sets no DATABASE_TIMEOUT_SECONDS");
        return Integer.parseInt(matcher.group(1));
    }

    private static FunctionImage.Reply record(List<String> transcript, FunctionImage.Reply reply) {
        transcript.add(reply.toString());
        return reply;
    }

    private static void expectStatus(int status, FunctionImage.Reply reply, FunctionImage.Function function) {
        assertEquals(status, reply.statusCode(), () -> reply + "\n" + function.outputTail());
    }

    /** 503, as a problem document without internals, in seconds rather than at the function's timeout. */
    private static void expectUnavailable(FunctionImage.Reply reply, FunctionImage.Function function) {
        expectStatus(503, reply, function);
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json"),
                () -> "Content-Type " + reply.header("Content-Type") + ": " + reply);
        JsonNode problem = reply.bodyJson();
        assertEquals(503, problem.path("status").asInt(), reply.toString());
        assertNoInternals(reply);
    }

    private static void expectDown(FunctionImage.Reply reply, FunctionImage.Function function) {
        expectStatus(503, reply, function);
        JsonNode health = reply.bodyJson();
        assertEquals("DOWN", health.path("status").asText(), reply.toString());
        assertEquals("DOWN", health.path("checks").path("database").asText(), reply.toString());
        assertNoInternals(reply);
    }

    private static void assertNoInternals(FunctionImage.Reply reply) {
        for (String internal : List.of("Exception", "\tat ", "SQL", "jdbc:", "Communications link", "Connection refused")) {
            assertFalse(reply.body().contains(internal), () -> "the answer shows internals (" + internal + "): " + reply);
        }
        assertTrue(reply.took().compareTo(OUTAGE_ANSWER_LIMIT) < 0, reply.toString());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<DatabaseVariant> databaseVariants() {
        return GeneratedVariant.all().stream()
                .filter(variant -> !variant.database().equals("none"))
                .map(variant -> new DatabaseVariant(variant.name(), variant.project(), variant.framework(),
                        variant.database(), variant.options().getProperty("worker", "none").equals("sqs"),
                        variant.optionsSet()))
                .toList();
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Connects with the JDBC driver the generated project ships (its target/lib), not one of this build's. */
    private static <T> T withConnection(DatabaseVariant variant, Server server, SqlWork<T> work) throws Exception {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(variant.project().resolve("target/lib"))) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Driver driver = ServiceLoader.load(Driver.class, loader).stream().map(ServiceLoader.Provider::get)
                    .filter(candidate -> {
                        try {
                            return candidate.acceptsURL(server.url()) && !candidate.getClass().getName().startsWith("org.h2");
                        } catch (SQLException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(variant.name() + ": no JDBC driver in target/lib accepts "
                            + server.url()));
            Properties credentials = new Properties();
            credentials.setProperty("user", server.user());
            credentials.setProperty("password", server.password());
            try (Connection connection = driver.connect(server.url(), credentials)) {
                return work.run(connection);
            }
        }
    }

    /** The highest version among the project's migrations (V2 only comes with worker=sqs). */
    private static String latestMigration(DatabaseVariant variant) throws IOException {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(variant.project().resolve("src/main/resources/db/migration"))) {
            return Integer.toString(files.map(file -> versioned.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max()
                    .orElseThrow(() -> new AssertionError(variant.name() + " has no versioned migration")));
        }
    }

    private static void dropTables(DatabaseVariant variant, Server server) throws Exception {
        withConnection(variant, server, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String table : DATABASE_TABLES) {
                    statement.execute("DROP TABLE IF EXISTS " + table);
                }
            }
            return null;
        });
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

}
