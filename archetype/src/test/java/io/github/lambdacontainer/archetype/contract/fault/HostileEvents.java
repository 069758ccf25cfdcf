package io.github.lambdacontainer.archetype.contract.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Events no sample shows: API Gateway events (payload 1.0 and 2.0) and SQS batches mutated from
 * a project's own sample events, the same ones on every run (a fixed seed). Each mutation kind
 * comes round in turn, so every kind is in every battery of at least {@code Kind.values().length}
 * events; which field, header or value it hits is the random part.
 */
public final class HostileEvents {

    /** The same battery on every run and machine, so a failure can be replayed by its name. */
    public static final long SEED = 20_261_201L;

    /** What an API event's mutation did. */
    public enum Kind {
        FIELD_MISSING, FIELD_NULL, FIELD_WRONG_TYPE, HEADER_EMPTY, HEADER_DUPLICATED, HEADER_OVERSIZED,
        MAPS_DISAGREE, INVALID_BASE64, INVALID_UTF8, BODY_SIZE, DEEP_JSON, ODD_PATH, ODD_METHOD, NOT_AN_OBJECT,
        ODD_QUERY, ODD_MEDIA_TYPE
    }

    /** One mutated API event: its name (number and what was done) and its bytes as Lambda hands them over. */
    public record ApiEvent(String name, Kind kind, byte[] bytes) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One mutated SQS batch: the message ids whose order is broken (the worker must report each in
     * {@code batchItemFailures}), those left intact (it must store them: never reported), and the
     * rest, whose envelope is odd but whose order is fine (either answer is right).
     */
    public record SqsBatch(String name, byte[] bytes, Set<String> brokenOrders, Set<String> intactOrders) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Lambda refuses a synchronous request event over 6 MB; the largest body stays just under it. */
    static final int LAMBDA_REQUEST_LIMIT_BYTES = 6 * 1024 * 1024;
    static final int DEEP = 2_000;
    /** Bytes that are no UTF-8: a lone continuation byte, a truncated sequence, an overlong encoding, 0xFF. */
    private static final byte[] INVALID_UTF8 = {(byte) 0x80, (byte) 0xC3, (byte) 0x28, (byte) 0xC0, (byte) 0xAF,
        (byte) 0xFF};
    /** Stands for {@link #INVALID_UTF8} until the event is serialised (Jackson writes only valid UTF-8). */
    private static final String INVALID_UTF8_MARK = "\uE000invalid-utf8\uE000";
    /** A text value that becomes a {@link #DEEP}-deep object when serialised (past Jackson's own nesting limit). */
    private static final String DEEP_OBJECT_MARK = "\uE000deep-object\uE000";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> PATHS = List.of("/../../etc/passwd", "/hello/..%2F..%2Fetc%2Fpasswd",
            "/hello%2Fworld", "/%2e%2e/hello", "/h\u00e9llo/\u2713/\ud83d\ude00", "/hello world", "/hello\r\nX-Injected: 1",
            "/hello'", "/hello\"><script>", "", "hello", "//hello", "/hello;jsessionid=1", "/%", "/%zz", "/orders/%00",
            "/orders/1e309", "/orders/-1", "/orders/99999999999999999999", "/hello/", "/HELLO", "/hello?name=x",
            "/hello#x", "/\u0000", "/" + "a".repeat(8_000), "/hello/" + "../".repeat(200));
    private static final List<String> METHODS = List.of("PROPFIND", "TRACE", "CONNECT", "get", "", " ", "G E T",
            "PATCH", "HEAD", "X".repeat(100), "DELETE", "PUT", "OPTIONS", "POST\r\n", "\u00e9");
    private static final List<String> MEDIA_TYPES = List.of("!!/!!", "application/xml", "text/html;q=abc", "*/*;q=0",
            "multipart/form-data; boundary=", "multipart/form-data; boundary=xyz", "multipart/mixed",
            "application/json; charset=klingon", "garbage", "application/json;;;", ";", "*/*;q=2",
            "application/x-www-form-urlencoded", "text/plain; charset=utf-8", "application/problem+json", "image/png",
            "application/" + "x".repeat(5_000));

    private HostileEvents() {}

    /**
     * {@code count} API events mutated from {@code samples} (a project's sample API events, all of
     * one payload version), named {@code <prefix>-<n> <kind>: <what>}.
     */
    public static List<ApiEvent> api(String prefix, List<JsonNode> samples, int count) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no sample events to mutate");
        }
        Random random = new Random(SEED);
        List<ApiEvent> events = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int n = 0; n < count; n++) {
            JsonNode sample = samples.get(random.nextInt(samples.size()));
            Kind kind = kinds[n % kinds.length];
            ObjectNode event = sample.deepCopy();
            Mutation mutation = mutate(kind, event, random, n / kinds.length);
            String name = String.format("%s-%03d %s: %s", prefix, n, kind, mutation.what());
            events.add(new ApiEvent(name, kind, mutation.bytes()));
        }
        return events;
    }

    /** {@code count} SQS batches mutated from {@code sample} (a project's sample SQS batch). */
    public static List<SqsBatch> sqs(String prefix, JsonNode sample, int count) {
        JsonNode records = sample.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException("the sample SQS event has no Records");
        }
        Random random = new Random(SEED);
        List<SqsBatch> batches = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String name = String.format("%s-%03d", prefix, n);
            batches.add(n % 8 == 7 ? oddBatch(name, n / 8, random) : mutatedBatch(name, (ArrayNode) records, random));
        }
        return batches;
    }

    private record Mutation(String what, byte[] bytes) {}

    private static Mutation mutate(Kind kind, ObjectNode event, Random random, int round) {
        boolean v2 = "2.0".equals(event.path("version").asText());
        return switch (kind) {
            case FIELD_MISSING -> {
                String path = randomFieldPath(event, random, value -> true);
                remove(event, path);
                yield mutation(path + " missing", event);
            }
            case FIELD_NULL -> {
                String path = randomFieldPath(event, random, value -> !value.isNull());
                replace(event, path, NODES.nullNode());
                yield mutation(path + " null", event);
            }
            case FIELD_WRONG_TYPE -> {
                String path = randomFieldPath(event, random, value -> true);
                JsonNode wrong = wrongType(event.at(path), random);
                replace(event, path, wrong);
                yield mutation(path + " = " + abbreviate(wrong.toString()), event);
            }
            case HEADER_EMPTY -> {
                String name = random.nextBoolean() ? "" : pick(random, List.of("Accept", "Content-Type",
                        "X-Correlation-Id", "Origin", "Host", "Cookie", "Authorization"));
                setHeader(event, v2, name, "");
                yield mutation("header '" + name + "' empty", event);
            }
            case HEADER_DUPLICATED -> {
                String name = pick(random, List.of("Accept", "Content-Type", "X-Correlation-Id", "Origin", "Host"));
                setHeader(event, v2, name, "first");
                setHeader(event, v2, name.toUpperCase(), "second");
                setHeader(event, v2, name.toLowerCase(), "third");
                if (!v2) {
                    ((ObjectNode) event.withObject("/multiValueHeaders")).set(name, NODES.arrayNode()
                            .add("one").add("two").add(""));
                }
                yield mutation("header " + name + " three times in three cases", event);
            }
            case HEADER_OVERSIZED -> {
                if (round % 2 == 0) {
                    int size = pick(random, List.of(8_192, 65_536, 1_000_000));
                    String name = pick(random, List.of("X-Correlation-Id", "Accept", "Origin", "X-Big"));
                    setHeader(event, v2, name, "v".repeat(size));
                    yield mutation("header " + name + " of " + size + " bytes", event);
                }
                for (int i = 0; i < 500; i++) {
                    setHeader(event, v2, "X-Header-" + i, "value-" + i);
                }
                yield mutation("500 headers", event);
            }
            case MAPS_DISAGREE -> v2 ? disagreeV2(event, random) : disagreeV1(event, random);
            case INVALID_BASE64 -> {
                // Each one invalid even to a lenient decoder (padding is optional, so "abc" would do).
                String body = pick(random, List.of("not base64!!", "a", "%%%", "====", "YWJj=ZA", "\u00e9\u00e9",
                        "YQ="));
                event.put("body", body);
                event.put("isBase64Encoded", true);
                yield mutation("isBase64Encoded with body '" + body + "'", event);
            }
            case INVALID_UTF8 -> {
                String where = pick(random, List.of("body", "header", "path", "query"));
                switch (where) {
                    case "body" -> event.put("body", "{\"name\":\"A" + INVALID_UTF8_MARK + "\"}");
                    case "header" -> setHeader(event, v2, "X-Correlation-Id", "id-" + INVALID_UTF8_MARK);
                    case "path" -> setPath(event, v2, "/hello" + INVALID_UTF8_MARK);
                    default -> setQuery(event, v2, "name", INVALID_UTF8_MARK);
                }
                yield mutation("invalid UTF-8 in the " + where, event);
            }
            case BODY_SIZE -> {
                int size = round % 5 == 4
                        ? LAMBDA_REQUEST_LIMIT_BYTES - 64 * 1024 - event.toString().length()
                        : pick(random, List.of(1, 2, 100, 10_000, 262_144, 1_048_576));
                boolean json = random.nextBoolean();
                String body = json ? "{\"name\":\"" + "n".repeat(Math.max(0, size - 11)) + "\"}" : "x".repeat(size);
                event.put("body", body);
                event.put("isBase64Encoded", false);
                setHeader(event, v2, "Content-Type", "application/json");
                yield mutation("body of " + body.length() + " bytes" + (json ? " (JSON)" : ""), event);
            }
            case DEEP_JSON -> {
                if (round % 3 == 2) {
                    event.put(v2 ? "requestContext" : "stageVariables", DEEP_OBJECT_MARK);
                    yield mutation("the event itself nested " + DEEP + " deep", event);
                }
                boolean arrays = random.nextBoolean();
                String deep = arrays ? "[".repeat(DEEP) + "]".repeat(DEEP)
                        : "{\"name\":".repeat(DEEP) + "\"x\"" + "}".repeat(DEEP);
                event.put("body", deep);
                event.put("isBase64Encoded", false);
                setHeader(event, v2, "Content-Type", "application/json");
                yield mutation("body " + (arrays ? "arrays" : "objects") + " nested " + DEEP + " deep", event);
            }
            case ODD_PATH -> {
                String path = PATHS.get((round + random.nextInt(3)) % PATHS.size());
                setPath(event, v2, path);
                yield mutation("path '" + abbreviate(path) + "'", event);
            }
            case ODD_METHOD -> {
                String method = METHODS.get((round + random.nextInt(3)) % METHODS.size());
                if (method.equals(v2 ? event.at("/requestContext/http/method").asText() : event.path("httpMethod").asText())) {
                    method = method.toLowerCase() + "x";
                }
                if (v2) {
                    event.withObject("/requestContext").withObject("/http").put("method", method);
                } else {
                    event.put("httpMethod", method);
                }
                yield mutation("method '" + abbreviate(method) + "'", event);
            }
            case NOT_AN_OBJECT -> {
                String payload = pick(random, List.of("\"a string\"", "[1,2,3]", "42", "null", "true", "{}", "",
                        "[]", "{\"version\":\"2.0\"}", "{\"httpMethod\":\"GET\"}", "{", "\"\"", "-0.0e-0"));
                yield new Mutation("the event is '" + payload + "'", payload.getBytes(StandardCharsets.UTF_8));
            }
            case ODD_QUERY -> {
                int choice = random.nextInt(5);
                String what = switch (choice) {
                    case 0 -> {
                        event.set("queryStringParameters", NODES.objectNode().putNull("name"));
                        yield "query name null";
                    }
                    case 1 -> {
                        event.set("queryStringParameters", NODES.objectNode().put("", "").put("name", ""));
                        yield "query with an empty name and value";
                    }
                    case 2 -> {
                        setQuery(event, v2, "name", "q".repeat(10_000));
                        yield "query name of 10,000 characters";
                    }
                    case 3 -> {
                        if (v2) {
                            event.put("rawQueryString", "name=%zz&&=&name");
                        } else {
                            event.set("multiValueQueryStringParameters", NODES.objectNode().set("name",
                                    NODES.arrayNode()));
                        }
                        yield v2 ? "rawQueryString 'name=%zz&&=&name'" : "multi-value query name with no value";
                    }
                    default -> {
                        event.set("queryStringParameters", NODES.arrayNode().add("name=x"));
                        yield "queryStringParameters an array";
                    }
                };
                yield mutation(what, event);
            }
            case ODD_MEDIA_TYPE -> {
                String header = random.nextBoolean() ? "Accept" : "Content-Type";
                String value = MEDIA_TYPES.get((round + random.nextInt(5)) % MEDIA_TYPES.size());
                setHeader(event, v2, header, value);
                yield mutation(header + " '" + abbreviate(value) + "'", event);
            }
        };
    }

    private static Mutation disagreeV1(ObjectNode event, Random random) {
        ObjectNode multi = event.withObject("/multiValueHeaders");
        String what = switch (random.nextInt(4)) {
            case 0 -> {
                setHeader(event, false, "Accept", "application/json");
                multi.set("Accept", NODES.arrayNode().add("text/html"));
                yield "Accept application/json in headers, text/html in multiValueHeaders";
            }
            case 1 -> {
                multi.set("X-Correlation-Id", NODES.arrayNode().add("multi-1").add("multi-2"));
                yield "X-Correlation-Id only in multiValueHeaders, twice";
            }
            case 2 -> {
                multi.set("Content-Type", NODES.arrayNode());
                yield "Content-Type in multiValueHeaders with no value";
            }
            default -> {
                event.set("multiValueQueryStringParameters", NODES.objectNode().set("name",
                        NODES.arrayNode().add("Grace").add("Linus")));
                event.set("queryStringParameters", NODES.objectNode().put("name", "Ada"));
                yield "query name Ada, multi-value name Grace and Linus";
            }
        };
        return mutation(what, event);
    }

    private static Mutation disagreeV2(ObjectNode event, Random random) {
        String what = switch (random.nextInt(3)) {
            case 0 -> {
                event.put("rawQueryString", "name=Grace");
                event.set("queryStringParameters", NODES.objectNode().put("name", "Ada"));
                yield "rawQueryString name=Grace, queryStringParameters name Ada";
            }
            case 1 -> {
                event.set("cookies", NODES.arrayNode().add("a=1").add("").add("=").add("b"));
                setHeader(event, true, "cookie", "c=3");
                yield "cookies and a cookie header";
            }
            default -> {
                event.put("rawPath", "/hello");
                event.withObject("/requestContext").withObject("/http").put("path", "/orders");
                yield "rawPath /hello, requestContext.http.path /orders";
            }
        };
        return mutation(what, event);
    }

    private static SqsBatch mutatedBatch(String name, ArrayNode sampleRecords, Random random) {
        int size = 1 + random.nextInt(10);
        ArrayNode records = NODES.arrayNode();
        Set<String> broken = new TreeSet<>();
        Set<String> intact = new TreeSet<>();
        List<String> whats = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ObjectNode record = sampleRecords.get(0).deepCopy();
            String messageId = name.replace(' ', '-') + "-m" + i;
            record.put("messageId", messageId);
            record.put("body", "{\"item\":\"hostile-" + i + "\",\"quantity\":" + (1 + random.nextInt(1000)) + "}");
            int choice = random.nextInt(14);
            String what = switch (choice) {
                case 0 -> {
                    record.remove("body");
                    yield "body missing";
                }
                case 1 -> {
                    record.putNull("body");
                    yield "body null";
                }
                case 2 -> {
                    record.put("body", 42);
                    yield "body a number";
                }
                case 3 -> {
                    record.set("body", NODES.objectNode().put("item", "coffee").put("quantity", 1));
                    yield "body an object, not a string";
                }
                case 4 -> {
                    record.put("body", "{\"item\":\"coffee\",\"quantity\":2} trailing");
                    yield "body with trailing garbage";
                }
                case 5 -> {
                    record.put("body", pick(random, List.of("", "{", "null", "[]", "\"coffee\"", "{\"item\":\"\"}",
                            "{\"item\":\"coffee\",\"quantity\":2.5}", "{\"item\":\"coffee\",\"quantity\":1e9}")));
                    yield "body '" + record.get("body").asText() + "'";
                }
                case 6 -> {
                    record.put("body", "{\"item\":\"" + "i".repeat(262_000) + "\",\"quantity\":1}");
                    yield "body of 256 KB (SQS's maximum)";
                }
                case 7 -> {
                    record.put("body", "{\"item\":\"A" + INVALID_UTF8_MARK + "\",\"quantity\":1}");
                    yield "invalid UTF-8 in the body";
                }
                case 8 -> {
                    record.put("body", "{\"item\":".repeat(DEEP) + "1" + "}".repeat(DEEP));
                    yield "body nested " + DEEP + " deep";
                }
                case 9 -> {
                    record.put("attributes", pick(random, List.of(5, 0)));
                    yield "attributes a number";
                }
                case 10 -> {
                    record.putNull("messageAttributes");
                    record.set("eventSource", NODES.arrayNode());
                    yield "messageAttributes null, eventSource an array";
                }
                case 11 -> {
                    record.put("md5OfBody", "not-the-md5");
                    record.remove("receiptHandle");
                    yield "md5OfBody wrong, receiptHandle missing";
                }
                default -> "intact";
            };
            if (choice <= 8) {
                broken.add(messageId);
            } else if (choice >= 12) {
                intact.add(messageId);
            }
            whats.add(what);
            records.add(record);
        }
        ObjectNode batch = NODES.objectNode().set("Records", records);
        String summary = name + " " + size + " records: " + String.join(", ", whats);
        return new SqsBatch(summary, bytes(batch), broken, intact);
    }

    /** A batch that is no SQS event at all, or whose records cannot be told apart: nothing to report. */
    private static SqsBatch oddBatch(String name, int round, Random random) {
        List<String> payloads = List.of("{}", "{\"Records\":null}", "{\"Records\":{}}", "{\"Records\":[]}",
                "{\"Records\":[1,\"two\",null]}", "{\"Records\":[{\"body\":\"{}\"}]}",
                "{\"Records\":[{\"messageId\":7,\"body\":\"{}\"}]}", "[]", "\"a string\"", "null", "42", "",
                "{\"Records\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}");
        String payload = payloads.get((round + random.nextInt(2)) % payloads.size());
        return new SqsBatch(name + " the event is '" + abbreviate(payload) + "'",
                payload.getBytes(StandardCharsets.UTF_8), Set.of(), Set.of());
    }

    private static Mutation mutation(String what, JsonNode event) {
        return new Mutation(what, bytes(event));
    }

    /**
     * The event as bytes, with every {@link #INVALID_UTF8_MARK} turned into bytes that are no
     * UTF-8 and every {@link #DEEP_OBJECT_MARK} value into a deeply nested object.
     */
    private static byte[] bytes(JsonNode event) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] invalidUtf8 = INVALID_UTF8_MARK.getBytes(StandardCharsets.UTF_8);
        byte[] deepObject = ('"' + DEEP_OBJECT_MARK + '"').getBytes(StandardCharsets.UTF_8);
        byte[] deep = ("{\"deeper\":".repeat(DEEP) + "{}" + "}".repeat(DEEP)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        for (int i = 0; i < json.length; i++) {
            if (startsWith(json, i, invalidUtf8)) {
                out.writeBytes(INVALID_UTF8);
                i += invalidUtf8.length - 1;
            } else if (startsWith(json, i, deepObject)) {
                out.writeBytes(deep);
                i += deepObject.length - 1;
            } else {
                out.write(json[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (from + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A JSON pointer to a field anywhere in the event (an object member at any depth) whose value passes. */
    private static String randomFieldPath(JsonNode event, Random random, Predicate<JsonNode> value) {
        List<String> paths = new ArrayList<>();
        collectFieldPaths(event, "", paths);
        paths.removeIf(path -> !value.test(event.at(path)));
        return paths.get(random.nextInt(paths.size()));
    }

    private static void collectFieldPaths(JsonNode node, String pointer, List<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                paths.add(child);
                collectFieldPaths(field.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectFieldPaths(node.get(i), pointer + "/" + i, paths);
            }
        }
    }

    private static void remove(ObjectNode event, String pointer) {
        JsonNode parent = event.at(parent(pointer));
        String last = last(pointer);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static void replace(ObjectNode event, String pointer, JsonNode value) {
        JsonNode parent = event.at(parent(pointer));
        String last = last(pointer);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    private static String parent(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    /** A value of another JSON type than {@code value}. */
    private static JsonNode wrongType(JsonNode value, Random random) {
        List<JsonNode> candidates = new ArrayList<>(List.of(NODES.numberNode(12345), NODES.booleanNode(true),
                NODES.textNode("wrong"), NODES.arrayNode().add("wrong"), NODES.objectNode().put("wrong", 1),
                NODES.numberNode(-1.5e300)));
        candidates.removeIf(candidate -> candidate.getNodeType() == value.getNodeType());
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static void setHeader(ObjectNode event, boolean v2, String name, String value) {
        headers(event).put(v2 ? name.toLowerCase() : name, value);
        if (!v2) {
            ObjectNode multi = event.path("multiValueHeaders").isObject()
                    ? (ObjectNode) event.get("multiValueHeaders") : event.putObject("multiValueHeaders");
            multi.set(name, NODES.arrayNode().add(value));
        }
    }

    private static ObjectNode headers(ObjectNode event) {
        return event.path("headers").isObject() ? (ObjectNode) event.get("headers") : event.putObject("headers");
    }

    private static void setPath(ObjectNode event, boolean v2, String path) {
        if (v2) {
            event.put("rawPath", path);
            event.withObject("/requestContext").withObject("/http").put("path", path);
        } else {
            event.put("path", path);
            event.withObject("/requestContext").put("path", "/Prod" + path);
        }
    }

    private static void setQuery(ObjectNode event, boolean v2, String name, String value) {
        (event.path("queryStringParameters").isObject() ? (ObjectNode) event.get("queryStringParameters")
                : event.putObject("queryStringParameters")).put(name, value);
        if (v2) {
            event.put("rawQueryString", name + "=" + value);
        } else {
            event.set("multiValueQueryStringParameters", NODES.objectNode().set(name, NODES.arrayNode().add(value)));
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        String printable = text.replace("\r", "\\r").replace("\n", "\\n").replace(INVALID_UTF8_MARK, "<invalid>");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...(" + printable.length() + ")";
    }
}
