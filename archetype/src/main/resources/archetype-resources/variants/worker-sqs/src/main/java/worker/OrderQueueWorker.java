package ${package}.worker;

import ${package}.database.ConnectionPool;
import ${package}.database.DatabaseUnavailableException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queue worker: the second Lambda entry point of the image (template.yaml overrides the
 * image's command with {@code ${package}.worker.OrderQueueWorker::handleRequest}). Stores the
 * order each SQS message carries and answers with the messages it could not store, so SQS
 * retries only those (ReportBatchItemFailures): one bad message neither fails nor repeats the
 * whole batch, and after the queue's maxReceiveCount it moves to the dead-letter queue.
 * The batch's bound: each message's database work has one deadline of DATABASE_TIMEOUT_SECONDS
 * (DatabaseWork), and once the database has failed in a batch, the messages after it are reported
 * as failed without trying. So a batch waits for a failing database at most that deadline once,
 * on top of the time the messages stored before it took, well before the function's timeout.
 */
public class OrderQueueWorker implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderMessageStore store;

    /** What Lambda calls, once per container during its init phase. */
    public OrderQueueWorker() {
        this(ConnectionPool.forEnvironment());
    }

    public OrderQueueWorker(DataSource dataSource) {
        this.store = new OrderMessageStore(dataSource);
    }

    /**
     * What Lambda calls per batch. The worker reads the event itself ({@link QueueMessages}), not
     * through the runtime's typed SQSEvent, which fails the whole batch on one malformed record.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<QueueMessages.QueueMessage> messages = QueueMessages.read(input.readAllBytes(), context.getLogger());
        JSON.writeValue(output, handle(messages, context));
    }

    /** Stores each message's order; answers with the messages not stored, for SQS to deliver again. */
    SQSBatchResponse handle(List<QueueMessages.QueueMessage> messages, Context context) {
        // Lambda's own logger: with the function's LogFormat JSON each line is a JSON object carrying
        // the level and the request id, whatever web framework the rest of the image uses.
        LambdaLogger log = context.getLogger();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean databaseFailed = false;
        for (QueueMessages.QueueMessage message : messages) {
            String messageId = message.messageId();
            if (databaseFailed) {
                log.log("message " + messageId + " not tried: the database failed earlier in this batch; SQS will deliver it again",
                        LogLevel.WARN);
                failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
                continue;
            }
            try {
                OrderMessage order = OrderMessage.parse(message.body());
                store.storeOnce(messageId, order).ifPresentOrElse(
                        stored -> log.log("message " + messageId + " stored as order " + stored.id(), LogLevel.INFO),
                        () -> log.log("message " + messageId + " was stored before; skipped", LogLevel.INFO));
            } catch (IllegalArgumentException invalid) {
                log.log("message " + messageId + " is no valid order (" + invalid.getMessage()
                        + "); reported as failed, it reaches the dead-letter queue after maxReceiveCount tries",
                        LogLevel.WARN);
                failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
            } catch (RuntimeException failure) {
                databaseFailed = failure instanceof DatabaseUnavailableException;
                log.log("message " + messageId + " could not be stored, SQS will deliver it again: " + failure,
                        LogLevel.ERROR);
                failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
