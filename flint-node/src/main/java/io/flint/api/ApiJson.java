package io.flint.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * The API's JSON conventions in one place: record components in camelCase become snake_case
 * keys ({@code difficultyBits} -> {@code difficulty_bits}); unknown request fields are ignored;
 * amounts travel as decimal coin strings ("12.5"), with integer {@code *_units} beside them
 * where a client computes with them.
 *
 * <p>Request bodies are read by {@link #read}: strictly (one JSON value and nothing after it, no
 * key twice, a string where a string is asked for) and with reasons in plain words, because
 * Jackson's own messages name Java classes and parser internals a client cannot act on.
 */
public final class ApiJson {
    private static final PropertyNamingStrategies.NamingBase KEYS =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ApiJson() {}

    /** A new mapper with the API's conventions (mappers are thread-safe once configured). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** Compact JSON of a value made of records, maps, lists, strings and numbers. */
    static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * A request body (not blank) as the record {@code type}, whose components are its fields.
     *
     * @throws ApiException 400 {@code bad_json} naming what is wrong: not JSON (with the line and
     *     column), text after the value, a key twice, not an object, a field of the wrong type
     */
    static <T extends Record> T read(ObjectMapper mapper, String json, Class<T> type) {
        JsonNode tree = tree(mapper, json);
        if (!tree.isObject()) {
            throw badJson("the body must be " + shape(type) + ", not " + kind(tree));
        }
        for (RecordComponent c : type.getRecordComponents()) {
            JsonNode value = tree.get(key(c));
            // Jackson would turn 123 or true into "123" or "true": refused instead, the client meant something else
            if (c.getType() == String.class && value != null && !value.isNull() && !value.isTextual()) {
                throw badJson("the field '" + key(c) + "' must be a string, not " + kind(value));
            }
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw badJson("the body must be " + shape(type));
        }
    }

    private static JsonNode tree(ObjectMapper mapper, String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw badJson("the body is empty");
            }
            int after = (int) parser.currentLocation().getCharOffset();
            while (after < json.length() && " \t\r\n".indexOf(json.charAt(after)) >= 0) {
                after++;
            }
            if (after < json.length()) {
                int lineStart = json.lastIndexOf('\n', after - 1) + 1;
                long line = 1 + json.substring(0, after).chars().filter(c -> c == '\n').count();
                throw badJson("the body is not valid JSON: there is more after the JSON value at line " + line
                        + " column " + (after - lineStart + 1));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw badJson("the body is not valid JSON: " + problem(e) + where(e.getLocation()));
        } catch (IOException e) {
            // a String has no I/O to fail; kept apart from the JSON errors above all the same
            throw new IllegalStateException("cannot read a string", e);
        }
    }

    /** Jackson's complaint without its internals: no source description, character codes or class names. */
    private static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end";
        }
        if (e instanceof StreamConstraintsException) {
            return "nested too deeply or a value too long";
        }
        String text = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
        for (String internal : List.of(" (start marker", " at [Source", " (for ", "; nested exception")) {
            int at = text.indexOf(internal);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.replaceAll(" \\(code -?\\d+\\)", "");
        // the parser's list of JSON's value types reads like its source code: say it in words
        text = text.replace("was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "a JSON value (a string in double quotes, a number, true, false, null, an array or an object) was "
                        + "expected there");
        return text.isEmpty() ? "unreadable" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** "a JSON object with a string field 'hex'", from the record's components. */
    static String shape(Class<? extends Record> type) {
        RecordComponent[] fields = type.getRecordComponents();
        boolean strings = Arrays.stream(fields).allMatch(c -> c.getType() == String.class);
        List<String> names = Arrays.stream(fields).map(c -> "'" + key(c) + "'").toList();
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        String kind = strings ? "string " : "";
        return "a JSON object with " + (names.size() == 1 ? "a " + kind + "field " : kind + "fields ") + list;
    }

    private static String key(RecordComponent c) {
        return KEYS.translate(c.getName());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    private static ApiException badJson(String reason) {
        return ApiException.badRequest("bad_json", reason);
    }
}
