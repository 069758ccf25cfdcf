package ${package};

import static ${package}.ExpectedOutcomes.itemIdentifiers;
import static org.assertj.core.api.Assertions.assertThat;

import ${package}.database.ConnectionPool;
import ${package}.database.DatabaseMigrations;
import ${package}.database.DatabaseProperties;
import ${package}.orders.Order;
import ${package}.orders.OrderRepository;
import ${package}.worker.OrderQueueWorker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Every SQS batch in events/ (sqs-*.json) through the queue worker as Lambda hands it over (the
 * event's bytes), answered with the batchItemFailures events/expected.json records; each message
 * stored once however often it comes; a malformed record reported alone, never failing its batch;
 * every message failed, for SQS to retry, while the database is down, and exactly those not
 * stored when the connection is cut mid-batch. On the embedded
 * database, or on the server DATABASE_URL names.
 */
class OrderQueueWorkerEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode answer = answer(worker, Files.readAllBytes(ExpectedOutcomes.EVENTS.resolve(eventFile)));

        assertThat(ExpectedOutcomes.mismatchesOf(eventFile, answer)).as(eventFile + " answered " + answer).isEmpty();
    }

    @Test
    void thereAreBatchesToCheck() throws IOException {
        // Which batches have expectations is checked with every other event in LambdaHandlerEventsTest.
        assertThat(batchFiles().toList()).isNotEmpty();
    }

    @Test
    void sameBatchTwiceStoresEachOrderOnce() throws IOException {
        ObjectNode batch = read("sqs-orders-batch.json");
        Set<String> items = new HashSet<>();
        for (JsonNode record : batch.get("Records")) {
            String item = "idempotency-" + UUID.randomUUID();
            ((ObjectNode) record).put("messageId", UUID.randomUUID().toString());
            ((ObjectNode) record).put("body", "{\"item\":\"" + item + "\",\"quantity\":1}");
            items.add(item);
        }

        JsonNode first = answer(worker, JSON.writeValueAsBytes(batch));
        JsonNode again = answer(worker, JSON.writeValueAsBytes(batch));

        assertThat(itemIdentifiers(first)).isEmpty();
        assertThat(itemIdentifiers(again)).isEmpty();
        List<Order> stored = orders.findRecent().stream().filter(order -> items.contains(order.item())).toList();
        assertThat(stored).hasSameSizeAs(items);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[]", "{\"quantity\":2}", "{\"item\":\" \",\"quantity\":2}",
            "{\"item\":\"tea\",\"quantity\":0}", "{\"item\":\"tea\",\"quantity\":\"two\"}", "{\"item\":\"tea\",\"quantity\":1.5}",
            "{\"item\":\"tea\",\"quantity\":2} trailing", "{\"item\":\"tea\",\"quantity\":2}{}"})
    void invalidOrderIsTheOnlyFailureOfItsBatch(String body) throws IOException {
        ObjectNode batch = withNewMessageIds(read("sqs-orders-batch.json"));
        ObjectNode invalid = (ObjectNode) batch.get("Records").get(1);
        invalid.put("body", body);

        assertThat(itemIdentifiers(answer(worker, JSON.writeValueAsBytes(batch))))
                .containsExactly(invalid.get("messageId").asText());
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"null", "42", "{\"item\":\"tea\",\"quantity\":2}", "[]", "missing"})
    void recordWhoseBodyIsNoTextIsTheOnlyFailureOfItsBatch(String body) throws IOException {
        ObjectNode batch = withNewMessageIds(read("sqs-orders-batch.json"));
        ObjectNode invalid = (ObjectNode) batch.get("Records").get(1);
        if (body.equals("missing")) {
            invalid.remove("body");
        } else {
            invalid.set("body", JSON.readTree(body));
        }
        // Fields the worker does not read may be anything: the rest of the batch is stored.
        ((ObjectNode) batch.get("Records").get(0)).put("attributes", 5);

        assertThat(itemIdentifiers(answer(worker, JSON.writeValueAsBytes(batch))))
                .containsExactly(invalid.get("messageId").asText());
    }

    @Test
    void bodyWithBytesThatAreNoUtf8IsTheOnlyFailureOfItsBatch() throws IOException {
        ObjectNode batch = withNewMessageIds(read("sqs-orders-batch.json"));
        ObjectNode invalid = (ObjectNode) batch.get("Records").get(1);
        invalid.put("body", "{\"item\":\"MARK\",\"quantity\":1}");
        byte[] json = JSON.writeValueAsBytes(batch);
        int mark = new String(json, StandardCharsets.ISO_8859_1).indexOf("MARK");
        json[mark] = (byte) 0xC3; // a two-byte sequence cut short
        json[mark + 1] = (byte) 0x28;

        assertThat(itemIdentifiers(answer(worker, json))).containsExactly(invalid.get("messageId").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "[]", "null", "not json", "{\"Records\":{}}", "{\"Records\":[1,null,{\"body\":\"{}\"}]}"})
    void eventThatIsNoBatchOfIdentifiableMessagesStoresAndReportsNothing(String event) throws IOException {
        assertThat(itemIdentifiers(answer(worker, event.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void unreachableDatabaseFailsEveryMessageForSqsToRetry() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    asked.incrementAndGet();
                    throw new SQLException("connection refused");
                });
        ObjectNode batch = read("sqs-orders-batch.json");

        JsonNode answer = answer(new OrderQueueWorker(down), JSON.writeValueAsBytes(batch));

        List<String> all = new ArrayList<>();
        batch.get("Records").forEach(record -> all.add(record.get("messageId").asText()));
        assertThat(itemIdentifiers(answer)).containsExactlyElementsOf(all);
        // Fails fast: after the first failure the rest of the batch is not tried (each try could
        // wait the whole database timeout).
        assertThat(asked).hasValue(1);
    }

    @Test
    void connectionCutMidBatchReportsExactlyTheMessagesNotStoredAndRedeliveryStoresEachOnce() throws Exception {
        ObjectNode batch = read("sqs-orders-batch.json");
        ArrayNode records = (ArrayNode) batch.get("Records");
        JsonNode template = records.get(0);
        records.removeAll();
        List<String> messageIds = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String messageId = UUID.randomUUID().toString();
            String item = "cut-" + UUID.randomUUID();
            ObjectNode record = template.deepCopy();
            record.put("messageId", messageId);
            record.put("body", "{\"item\":\"" + item + "\",\"quantity\":1}");
            records.add(record);
            messageIds.add(messageId);
            items.add(item);
        }
        // The fourth connection the worker takes (one per message) is cut before it is used, as
        // when the server or the network drops it: the driver's connection under the pool's is
        // closed. A pool of its own, as the embedded database's dead connection would stay pooled.
        JsonNode cut;
        try (HikariDataSource cutPool = ConnectionPool.create(DatabaseProperties.fromEnvironment())) {
            AtomicInteger taken = new AtomicInteger();
            DataSource cutting = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                        Object result = method.invoke(cutPool, arguments);
                        if (method.getName().equals("getConnection") && taken.incrementAndGet() == 4) {
                            ((Connection) result).unwrap(Connection.class).close();
                        }
                        return result;
                    });
            cut = answer(new OrderQueueWorker(cutting), JSON.writeValueAsBytes(batch));
        }

        assertThat(itemIdentifiers(cut)).as("reported").containsExactlyElementsOf(messageIds.subList(3, 10));
        assertThat(storedMessageIds(messageIds)).as("stored").containsExactlyInAnyOrderElementsOf(messageIds.subList(0, 3));

        // SQS delivers the whole batch again (say its visibility timeout ran out): every order once.
        JsonNode redelivered = answer(worker, JSON.writeValueAsBytes(batch));

        assertThat(itemIdentifiers(redelivered)).isEmpty();
        for (String item : items) {
            assertThat(ordersOf(item)).as(item).isEqualTo(1);
        }
    }

    private static List<String> storedMessageIds(List<String> messageIds) throws SQLException {
        List<String> stored = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(
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

    private static int ordersOf(String item) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE item = ?")) {
            count.setString(1, item);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The worker's answer to {@code event}, read as Lambda reads it. */
    private static JsonNode answer(OrderQueueWorker worker, byte[] event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        worker.handleRequest(new ByteArrayInputStream(event), output, new LocalLambdaContext());
        return JSON.readTree(output.toByteArray());
    }

    private static ObjectNode read(String eventFile) throws IOException {
        return (ObjectNode) JSON.readTree(ExpectedOutcomes.EVENTS.resolve(eventFile).toFile());
    }

    private static ObjectNode withNewMessageIds(ObjectNode batch) {
        batch.get("Records").forEach(record -> ((ObjectNode) record).put("messageId", UUID.randomUUID().toString()));
        return batch;
    }
}
