package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.database.ConnectionPool;
import ${package}.database.DatabaseMigrations;
import ${package}.database.DatabaseProperties;
import ${package}.orders.Order;
import ${package}.orders.OrderRepository;
import ${package}.worker.OrderQueueWorker;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every SQS batch in events/ (sqs-*.json) through the queue worker, answered with the
 * batchItemFailures events/expected.json records; each message stored once however often it
 * comes; and every message failed, for SQS to retry, while the database is down. On the embedded
 * database, or on the server DATABASE_URL names.
 */
class OrderQueueWorkerEventsTest {

    /** Reads events as Lambda's runtime does: "Records" and "eventSourceARN" into SQSEvent's properties. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static HikariDataSource pool;
    private static OrderQueueWorker worker;
    private static OrderRepository orders;

    @BeforeAll
    static void connect() {
        DatabaseProperties database = DatabaseProperties.fromEnvironment();
        DatabaseMigrations.migrate(database);
        pool = ConnectionPool.create(database);
        worker = new OrderQueueWorker(pool);
        orders = new OrderRepository(pool);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    static Stream<String> batchFiles() throws IOException {
        return ExpectedOutcomes.eventFiles().stream().filter(ExpectedOutcomes::isSqsBatch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchFiles")
    void answersAsExpected(String eventFile) throws IOException {
        JsonNode expected = ExpectedOutcomes.all().get(eventFile);
        assertThat(expected).as("events/expected.json has no entry for " + eventFile).isNotNull();

        SQSBatchResponse response = worker.handleRequest(read(eventFile), new LocalLambdaContext());

        // As JSON, the way Lambda reads the answer.
        JsonNode answer = JSON.valueToTree(response);
        assertThat(itemIdentifiers(answer)).as(eventFile + " answered " + answer)
                .containsExactlyInAnyOrderElementsOf(itemIdentifiers(expected));
    }

    @Test
    void thereAreBatchesToCheck() throws IOException {
        // Which batches have expectations is checked with every other event in LambdaHandlerEventsTest.
        assertThat(batchFiles().toList()).isNotEmpty();
    }

    @Test
    void sameBatchTwiceStoresEachOrderOnce() throws IOException {
        SQSEvent batch = read("sqs-orders-batch.json");
        Set<String> items = new HashSet<>();
        for (SQSEvent.SQSMessage message : batch.getRecords()) {
            String item = "idempotency-" + UUID.randomUUID();
            message.setMessageId(UUID.randomUUID().toString());
            message.setBody("{\"item\":\"" + item + "\",\"quantity\":1}");
            items.add(item);
        }

        SQSBatchResponse first = worker.handleRequest(batch, new LocalLambdaContext());
        SQSBatchResponse again = worker.handleRequest(batch, new LocalLambdaContext());

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        List<Order> stored = orders.findRecent().stream().filter(order -> items.contains(order.item())).toList();
        assertThat(stored).hasSameSizeAs(items);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[]", "{\"quantity\":2}", "{\"item\":\" \",\"quantity\":2}",
            "{\"item\":\"tea\",\"quantity\":0}", "{\"item\":\"tea\",\"quantity\":\"two\"}", "{\"item\":\"tea\",\"quantity\":1.5}",
            "{\"item\":\"tea\",\"quantity\":2} trailing", "{\"item\":\"tea\",\"quantity\":2}{}"})
    void invalidOrderIsTheOnlyFailureOfItsBatch(String body) throws IOException {
        SQSEvent batch = read("sqs-orders-batch.json");
        SQSEvent.SQSMessage invalid = batch.getRecords().get(1);
        batch.getRecords().forEach(message -> message.setMessageId(UUID.randomUUID().toString()));
        invalid.setBody(body);

        SQSBatchResponse response = worker.handleRequest(batch, new LocalLambdaContext());

        assertThat(failedIds(response)).containsExactly(invalid.getMessageId());
    }

    @Test
    void unreachableDatabaseFailsEveryMessageForSqsToRetry() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    asked.incrementAndGet();
                    throw new SQLException("connection refused");
                });
        SQSEvent batch = read("sqs-orders-batch.json");

        SQSBatchResponse response = new OrderQueueWorker(down).handleRequest(batch, new LocalLambdaContext());

        assertThat(failedIds(response)).containsExactlyElementsOf(
                batch.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        // Fails fast: after the first failure the rest of the batch is not tried (each try could
        // wait the whole database timeout).
        assertThat(asked).hasValue(1);
    }

    private static SQSEvent read(String eventFile) throws IOException {
        return JSON.readValue(ExpectedOutcomes.EVENTS.resolve(eventFile).toFile(), SQSEvent.class);
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static List<String> itemIdentifiers(JsonNode batchResponse) {
        List<String> identifiers = new ArrayList<>();
        batchResponse.path("batchItemFailures").forEach(failure -> identifiers.add(failure.path("itemIdentifier").asText()));
        return identifiers;
    }
}
