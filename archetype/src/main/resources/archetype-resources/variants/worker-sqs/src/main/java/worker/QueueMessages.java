package ${package}.worker;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of an SQS event, read one record at a time, so that no record, however
 * malformed, keeps the others from being stored or reported: a record's body that is no text
 * is read as none (no valid order), and a record without a {@code messageId}, which could be
 * neither reported nor retried on its own, is logged and left out. An event that is no SQS
 * batch at all has no messages.
 */
final class QueueMessages {

    /** One record: its id, and its body, null when it has none that is a text. */
    record QueueMessage(String messageId, String body) {}

    /**
     * Stands for bytes that are no UTF-8. SQS never carries it (a message may hold only the XML
     * characters, which leave out U+FFFE and U+FFFF), so a body holding it was damaged.
     */
    static final char NOT_UTF8 = '\uFFFF';

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueMessages() {}

    static List<QueueMessage> read(byte[] event, LambdaLogger log) {
        JsonNode batch;
        try {
            batch = JSON.readTree(decode(event));
        } catch (JsonProcessingException notJson) {
            log.log("the event is no SQS batch (not JSON: " + notJson.getOriginalMessage() + "); nothing to store",
                    LogLevel.ERROR);
            return List.of();
        }
        JsonNode records = batch == null ? null : batch.get("Records");
        if (records == null || !records.isArray()) {
            log.log("the event is no SQS batch (no Records array); nothing to store", LogLevel.ERROR);
            return List.of();
        }
        List<QueueMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            JsonNode messageId = record.path("messageId");
            if (!messageId.isTextual() || messageId.asText().isBlank()) {
                log.log("record " + i + " of the batch has no messageId, so it can be neither reported nor retried; "
                        + "left out", LogLevel.ERROR);
                continue;
            }
            JsonNode body = record.path("body");
            messages.add(new QueueMessage(messageId.asText(), body.isTextual() ? body.asText() : null));
        }
        return messages;
    }

    /** The event as text, each run of bytes that is no UTF-8 turned into {@link #NOT_UTF8}. */
    private static String decode(byte[] event) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(NOT_UTF8))
                    .decode(ByteBuffer.wrap(event))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen: every coding error is replaced", e);
        }
    }
}
